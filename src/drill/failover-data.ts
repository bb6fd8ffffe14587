import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { zodIssues } from '../catalog/validate.js';
import { failoverFileSchema, type GatewayFailover } from './behaviour-schema.js';

/** Loading data/failover.json (the IO edge of the gateways' failover behaviour, which the demo gateways follow). */

export const DEFAULT_FAILOVER = fileURLToPath(new URL('../../data/failover.json', import.meta.url));

/** Parse and check a failover file's content; a clear InputError (file, field, what is wrong) when it is invalid. */
export function parseFailoverFile(text: string, file: string): GatewayFailover[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`The failover behaviour file ${file} is not valid JSON: ${(e as Error).message}.`, file, [], 'See docs/emulators.md, "Failover drills".');
  }
  const parsed = failoverFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(`The failover behaviour file ${file} is invalid.`, file, zodIssues(parsed.error), 'See docs/emulators.md, "Failover drills".');
  }
  return parsed.data.failover;
}

let shipped: GatewayFailover[] | undefined;

/** The shipped entries (read once per process). */
export function shippedFailover(): GatewayFailover[] {
  shipped ??= parseFailoverFile(readFileSync(DEFAULT_FAILOVER, 'utf8'), DEFAULT_FAILOVER);
  return shipped;
}
