import { z } from 'zod';
import type { SchemaName } from '../commands/schema.js';

const loaders: Record<SchemaName, () => Promise<z.ZodType>> = {
  answers: async () => (await import('../io/answers-file-schema.js')).answersFileSchema,
  recommendation: async () => (await import('../advisor/document-schema.js')).recommendationDocumentSchema,
  catalog: async () => (await import('../catalog/schema.js')).catalogSchema,
  models: async () => (await import('../catalog/models-schema.js')).modelTableSchema,
  compare: async () => (await import('./compare-document.js')).compareDocumentSchema,
  cost: async () => (await import('../cost/report-schema.js')).costReportSchema,
  sources: async () => (await import('./sources-document.js')).sourcesDocumentSchema,
  'bench-config': async () => (await import('../bench/config.js')).benchConfigSchema,
  bench: async () => (await import('../bench/document.js')).benchDocumentSchema,
  'drill-config': async () => (await import('../drill/config.js')).drillConfigSchema,
  drill: async () => (await import('../drill/document.js')).drillDocumentSchema,
  report: async () => (await import('./report-document.js')).reportDocumentSchema,
  merged: async () => (await import('./bench-input.js')).mergedSummarySchema,
  error: async () => (await import('./error-document.js')).errorDocumentSchema,
  emulators: async () => (await import('../emulator/gateway-profile.js')).emulatorsFileSchema,
};

/** Input files are described as authors write them (defaults optional); documents as the CLI emits them. */
const INPUTS = new Set<SchemaName>(['answers', 'catalog', 'models', 'bench-config', 'drill-config', 'emulators']);

/** Formats JSON Schema defines (draft 2020-12); validators in strict mode reject any other. */
const STANDARD_FORMATS = new Set([
  'date-time', 'date', 'time', 'duration', 'email', 'idn-email', 'hostname', 'idn-hostname', 'ipv4', 'ipv6',
  'uri', 'uri-reference', 'iri', 'iri-reference', 'uuid', 'uri-template', 'json-pointer', 'relative-json-pointer', 'regex',
]);

/**
 * Published schemas must compile in strict validators (Ajv `strict: true`). zod describes some checks with
 * formats of its own (`startsWith` → "starts_with"), always beside a `pattern` that says the same: those are
 * dropped. A union of types (`"type": ["string", "boolean"]`) becomes the equivalent `anyOf`.
 */
function strictCompatible(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictCompatible);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'format' && typeof v === 'string' && !STANDARD_FORMATS.has(v)) continue;
    if (k === 'type' && Array.isArray(v) && v.length > 1 && !('anyOf' in node)) {
      out.anyOf = v.map((type) => ({ type }));
      continue;
    }
    out[k] = strictCompatible(v);
  }
  return out;
}

export async function jsonSchemaFor(name: SchemaName): Promise<object> {
  const schema = await loaders[name]();
  const json = strictCompatible(z.toJSONSchema(schema, { io: INPUTS.has(name) ? 'input' : 'output', unrepresentable: 'any' })) as Record<string, unknown>;
  return { ...json, $id: `https://github.com/gateway-scout/gateway-scout/blob/main/schemas/${name}.schema.json`, title: `gateway-scout ${name}` };
}
