import { z } from 'zod';
import type { SchemaName } from '../commands/schema.js';

const loaders: Record<SchemaName, () => Promise<z.ZodType>> = {
  answers: async () => (await import('../io/answers-file-schema.js')).answersFileSchema,
  recommendation: async () => (await import('../advisor/document-schema.js')).recommendationDocumentSchema,
  catalog: async () => (await import('../catalog/schema.js')).catalogSchema,
  models: async () => (await import('../catalog/models-schema.js')).modelTableSchema,
  compare: async () => (await import('./compare-document.js')).compareDocumentSchema,
  cost: async () => (await import('../cost/report-schema.js')).costReportSchema,
  'bench-config': async () => (await import('../bench/config.js')).benchConfigSchema,
  bench: async () => (await import('../bench/document.js')).benchDocumentSchema,
  error: async () => (await import('./error-document.js')).errorDocumentSchema,
};

/** Input files are described as authors write them (defaults optional); documents as the CLI emits them. */
const INPUTS = new Set<SchemaName>(['answers', 'catalog', 'models', 'bench-config']);

export async function jsonSchemaFor(name: SchemaName): Promise<object> {
  const schema = await loaders[name]();
  const json = z.toJSONSchema(schema, { io: INPUTS.has(name) ? 'input' : 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...json, $id: `https://gateway-scout.dev/schemas/${name}.schema.json`, title: `gateway-scout ${name}` };
}
