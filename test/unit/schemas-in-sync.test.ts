import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SCHEMA_NAMES } from '../../src/commands/schema.js';
import { jsonSchemaFor } from '../../src/report/json-schemas.js';
import { compileStrict, validateAgainst } from '../helpers/json-schema.js';

describe('published JSON Schemas', () => {
  it.each(SCHEMA_NAMES)('schemas/%s.schema.json matches the zod schema (run `npm run schema:generate` after changing it)', async (name) => {
    const committed = JSON.parse(await readFile(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8'));
    expect(committed).toEqual(await jsonSchemaFor(name));
  });

  it.each(SCHEMA_NAMES)('schemas/%s.schema.json compiles in Ajv strict mode (no custom formats, no union types)', (name) => {
    expect(() => compileStrict(name)).not.toThrow();
  });

  it('the shipped catalog and model table validate against their published schemas', async () => {
    for (const [file, schema] of [['gateways.json', 'catalog'], ['models.json', 'models']] as const) {
      const json = JSON.parse(await readFile(new URL(`../../data/${file}`, import.meta.url), 'utf8'));
      expect(validateAgainst(schema, json)).toEqual([]);
    }
  });

  it('the catalog and model table point at their schema', async () => {
    for (const [file, schema] of [['gateways.json', 'catalog'], ['models.json', 'models']]) {
      const json = JSON.parse(await readFile(new URL(`../../data/${file}`, import.meta.url), 'utf8'));
      expect(json.$schema).toBe(`../schemas/${schema}.schema.json`);
    }
  });
});
