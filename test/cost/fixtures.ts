import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mergeAnswers, type PartialAnswers } from '../../src/advisor/answers.js';
import { catalogSchema, type Catalog } from '../../src/catalog/schema.js';
import { modelTableSchema, type ModelTable } from '../../src/catalog/models-schema.js';
import { mergeCostOptions, type PartialCostOptions } from '../../src/cost/options.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/cost/', import.meta.url));
export const CATALOG_FILE = `${FIXTURES}catalog.json`;
export const MODELS_FILE = fileURLToPath(new URL('../../data/models.json', import.meta.url));

export const catalog: Catalog = catalogSchema.parse(JSON.parse(readFileSync(CATALOG_FILE, 'utf8')));
export const models: ModelTable = modelTableSchema.parse(JSON.parse(readFileSync(MODELS_FILE, 'utf8')));

export const answers = (a: PartialAnswers = {}) => mergeAnswers(a);
export const options = (o: PartialCostOptions = {}) => mergeCostOptions(o);
