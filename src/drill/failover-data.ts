import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDataFile } from '../catalog/data-file.js';
import { failoverFileSchema, type GatewayFailover } from './behaviour-schema.js';

/** Loading data/failover.json (the IO edge of the gateways' failover behaviour, which the demo gateways follow). */

export const DEFAULT_FAILOVER = fileURLToPath(new URL('../../data/failover.json', import.meta.url));

/** Parse and check a failover file's content; a clear InputError (file, field, what is wrong) when it is invalid. */
export function parseFailoverFile(text: string, file: string): GatewayFailover[] {
  return parseDataFile(text, file, failoverFileSchema, 'failover behaviour', 'See docs/emulators.md, "Failover drills".').failover;
}

let shipped: GatewayFailover[] | undefined;

/** The shipped entries (read once per process). */
export function shippedFailover(): GatewayFailover[] {
  shipped ??= parseFailoverFile(readFileSync(DEFAULT_FAILOVER, 'utf8'), DEFAULT_FAILOVER);
  return shipped;
}
