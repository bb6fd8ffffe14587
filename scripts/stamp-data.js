#!/usr/bin/env node
// Build step: parse the shipped data files with their zod schemas once, so that the CLI can skip loading zod
// when it reads the very same bytes (checked by hash). Any other file is validated in full at run time.
import { readFile, writeFile } from 'node:fs/promises';
import { validateCatalog } from '../dist/catalog/validate.js';
import { validateModels } from '../dist/catalog/validate-models.js';
import { DEFAULT_CATALOG, DEFAULT_MODELS, sha256 } from '../dist/io/data-files.js';

const stamp = {};
for (const [kind, file, validate] of [
  ['catalog', DEFAULT_CATALOG, (json) => validateCatalog(json, new Date())],
  ['models', DEFAULT_MODELS, validateModels],
]) {
  const text = await readFile(file, 'utf8');
  const result = validate(JSON.parse(text));
  if (!result.ok) {
    for (const i of result.issues) console.error(`${file}: ${i.path}: ${i.message}`);
    console.error(`${file} is invalid: the build stops here.`);
    process.exit(1);
  }
  stamp[kind] = { sha256: sha256(text), value: result.value };
}
await writeFile(new URL('../dist/data.stamp.json', import.meta.url), JSON.stringify(stamp));
