#!/usr/bin/env node
// Writes schemas/*.schema.json from the zod schemas (via the built CLI code). A test keeps them in sync.
import { mkdir, writeFile } from 'node:fs/promises';
import { jsonSchemaFor } from '../dist/report/json-schemas.js';
import { SCHEMA_NAMES } from '../dist/commands/schema.js';

const dir = new URL('../schemas/', import.meta.url);
await mkdir(dir, { recursive: true });
for (const name of SCHEMA_NAMES) {
  const file = new URL(`${name}.schema.json`, dir);
  await writeFile(file, JSON.stringify(await jsonSchemaFor(name), null, 2) + '\n');
  console.error(`wrote schemas/${name}.schema.json`);
}
