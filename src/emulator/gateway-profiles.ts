import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDataFile } from '../catalog/data-file.js';
import { emulatorsFileSchema, type GatewayProfile } from './gateway-profile.js';

/** Loading data/emulators.json (the IO edge of the data-driven gateway emulators). */

export const DEFAULT_EMULATORS = fileURLToPath(new URL('../../data/emulators.json', import.meta.url));

/** Parse and check an emulators file's content; a clear InputError (file, field, what is wrong) when it is invalid. */
export function parseEmulatorsFile(text: string, file: string): GatewayProfile[] {
  return parseDataFile(text, file, emulatorsFileSchema, 'emulator profiles', 'See docs/emulators.md, "Adding a gateway".').gateways;
}

let shipped: GatewayProfile[] | undefined;

/** The shipped profiles (read once per process). */
export function shippedGatewayProfiles(): GatewayProfile[] {
  shipped ??= parseEmulatorsFile(readFileSync(DEFAULT_EMULATORS, 'utf8'), DEFAULT_EMULATORS);
  return shipped;
}
