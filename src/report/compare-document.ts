import { z } from 'zod';
import { warningSchema, type Dated } from '../warnings.js';
import { isoDay } from '../catalog/as-of.js';
import { gatewaySchema, sourceSchema, stackSchema, type Catalog } from '../catalog/schema.js';

export const COMPARE_SCHEMA_VERSION = 1;

export const compareDocumentSchema = z.object({
  schemaVersion: z.literal(COMPARE_SCHEMA_VERSION),
  generatedAt: z.iso.datetime(),
  asOf: z.iso.date().optional().describe('Only the prices and facts in force on this day (UTC) are shown. Absent in documents written before dates were tracked.'),
  warnings: z.array(warningSchema).default([]).describe('Staleness warnings (catalog-stale), also shown once on stderr without --json.'),
  catalog: z.object({ version: z.string(), lastVerified: z.iso.date(), file: z.string() }),
  gateways: z.array(gatewaySchema),
  stacks: z.array(stackSchema),
  sources: z.array(sourceSchema),
});
export type CompareDocument = z.infer<typeof compareDocumentSchema>;

export function compareDocument(c: Catalog, file: string, lastVerified: string, now: Date, dated: Dated = { asOf: isoDay(now), warnings: [] }): CompareDocument {
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    asOf: dated.asOf,
    warnings: dated.warnings,
    catalog: { version: c.version, lastVerified, file },
    gateways: c.gateways,
    stacks: c.stacks,
    sources: c.sources,
  };
}
