import { z } from 'zod';
import { gatewaySchema, sourceSchema, stackSchema, type Catalog } from '../catalog/schema.js';

export const COMPARE_SCHEMA_VERSION = 1;

export const compareDocumentSchema = z.object({
  schemaVersion: z.literal(COMPARE_SCHEMA_VERSION),
  generatedAt: z.iso.datetime(),
  catalog: z.object({ version: z.string(), lastVerified: z.iso.date(), file: z.string() }),
  gateways: z.array(gatewaySchema),
  stacks: z.array(stackSchema),
  sources: z.array(sourceSchema),
});
export type CompareDocument = z.infer<typeof compareDocumentSchema>;

export function compareDocument(c: Catalog, file: string, lastVerified: string, now: Date): CompareDocument {
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    catalog: { version: c.version, lastVerified, file },
    gateways: c.gateways,
    stacks: c.stacks,
    sources: c.sources,
  };
}
