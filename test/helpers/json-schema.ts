import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

/** A committed schemas/NAME.schema.json, compiled as a strict consumer would (Ajv strict mode: unknown formats, keywords or union types throw). */
export function compileStrict(name: string) {
  const schema = JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** Validate a document against a committed schemas/NAME.schema.json, as a consumer of our output would. */
export function validateAgainst(name: string, doc: unknown): string[] {
  const validate = compileStrict(name);
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
