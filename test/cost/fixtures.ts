import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mergeAnswers, type PartialAnswers } from '../../src/advisor/answers.js';
import { catalogSchema, type Catalog } from '../../src/catalog/schema.js';
import { catalogAsOf } from '../../src/catalog/as-of.js';
import { selectGateways } from '../../src/catalog/select.js';
import { modelTableSchema, type ModelTable } from '../../src/catalog/models-schema.js';
import { mergeCostOptions, type PartialCostOptions } from '../../src/cost/options.js';

/**
 * The cost tests run on the data that ships (data/gateways.json, data/models.json), so that the figures they pin
 * are the figures the tool prints; a test that needs other data builds it with test/helpers/builders.ts.
 */
/** Saved third-party inputs (an OpenRouter models listing), not copies of shipped data. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/cost/', import.meta.url));
export const CATALOG_FILE = fileURLToPath(new URL('../../data/gateways.json', import.meta.url));
export const MODELS_FILE = fileURLToPath(new URL('../../data/models.json', import.meta.url));

/** The whole shipped catalog, every window of every fact. */
export const fullCatalog: Catalog = catalogSchema.parse(JSON.parse(readFileSync(CATALOG_FILE, 'utf8')));
/**
 * The worked examples of docs/cost-model.md are priced as of 2026-11-15, the last month of Cloudflare's per-event
 * Workers Logs pricing, so that their figures do not move with the calendar; `catalogOn` gives other days. They
 * were written for the first three gateways (LiteLLM, OpenRouter, Cloudflare) and stay on those three, so that a
 * gateway added to the catalog does not move their figures; `nineOn` is the whole catalog (example E).
 */
export const GOLDEN_DAY = '2026-11-15';
export const FIRST_THREE = 'litellm,openrouter,cloudflare';
export const catalogOn = (day: string): Catalog => selectGateways(catalogAsOf(fullCatalog, day), FIRST_THREE);
export const nineOn = (day: string): Catalog => catalogAsOf(fullCatalog, day);
export const catalog: Catalog = catalogOn(GOLDEN_DAY);
export const models: ModelTable = modelTableSchema.parse(JSON.parse(readFileSync(MODELS_FILE, 'utf8')));

export const answers = (a: PartialAnswers = {}) => mergeAnswers(a);
export const options = (o: PartialCostOptions = {}) => mergeCostOptions(o);
