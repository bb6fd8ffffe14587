import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { zodIssues } from '../catalog/validate.js';
import { emulatorsFileSchema, type GatewayProfile } from './gateway-profile.js';

/** Loading data/emulators.json (the IO edge of the data-driven gateway emulators). */

export const DEFAULT_EMULATORS = fileURLToPath(new URL('../../data/emulators.json', import.meta.url));

/** Parse and check an emulators file's content; a clear InputError (file, field, what is wrong) when it is invalid. */
export function parseEmulatorsFile(text: string, file: string): GatewayProfile[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`The emulator profiles file ${file} is not valid JSON: ${(e as Error).message}.`, file, [], 'See docs/emulators.md, "Adding a gateway".');
  }
  const parsed = emulatorsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(`The emulator profiles file ${file} is invalid.`, file, zodIssues(parsed.error), 'See docs/emulators.md, "Adding a gateway".');
  }
  return parsed.data.gateways;
}

let shipped: GatewayProfile[] | undefined;

/** The shipped profiles (read once per process). */
export function shippedGatewayProfiles(): GatewayProfile[] {
  shipped ??= parseEmulatorsFile(readFileSync(DEFAULT_EMULATORS, 'utf8'), DEFAULT_EMULATORS);
  return shipped;
}
