import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InputError, type Issue } from '../errors.js';
import type { Catalog } from '../catalog/schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import type { Validated } from '../catalog/rules.js';
import { parseStructured, readText } from './files.js';

/** The data files shipped with the package (`data/` beside `dist/`). */
export const DEFAULT_CATALOG = fileURLToPath(new URL('../../data/gateways.json', import.meta.url));
export const DEFAULT_MODELS = fileURLToPath(new URL('../../data/models.json', import.meta.url));
/** Written by `npm run build`: the shipped data files, already parsed by their zod schemas, keyed by hash. */
const STAMP = new URL('../data.stamp.json', import.meta.url);

export interface DataStamp {
  catalog: { sha256: string; value: Catalog };
  models: { sha256: string; value: ModelTable };
}

export interface Loaded<T> {
  value: T;
  file: string;
  warnings: Issue[];
}

const DATA_HINT = 'Run `gateway-scout data validate FILE` to list every problem; see README "Data" for the format.';

export function raise<T>(result: Validated<T>, file: string, what: string): Loaded<T> {
  if (result.ok) return { value: result.value, file, warnings: result.warnings };
  const n = result.issues.length;
  throw new InputError(`The ${what} ${file} is invalid (${n} problem${n === 1 ? '' : 's'}).`, file, result.issues, DATA_HINT);
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The build-time parse of a data file with exactly this content, if there is one (it skips loading zod). */
async function stamped<K extends keyof DataStamp>(kind: K, text: string): Promise<DataStamp[K]['value'] | undefined> {
  try {
    const entry = (JSON.parse(await readFile(STAMP, 'utf8')) as DataStamp)[kind];
    return entry.sha256 === sha256(text) ? entry.value : undefined;
  } catch {
    return undefined;
  }
}

export async function loadCatalog(file: string = DEFAULT_CATALOG, now = new Date()): Promise<Loaded<Catalog>> {
  const text = await readText(file, 'catalog');
  const known = await stamped('catalog', text);
  if (known) {
    const { catalogRules } = await import('../catalog/rules.js');
    const { issues, warnings } = catalogRules(known, now);
    if (issues.length === 0) return { value: known, file, warnings };
  }
  const { validateCatalog } = await import('../catalog/validate.js');
  return raise(validateCatalog(await parseStructured(text, file, 'catalog'), now), file, 'catalog');
}

export async function loadModels(file: string = DEFAULT_MODELS): Promise<Loaded<ModelTable>> {
  const text = await readText(file, 'model price table');
  const known = await stamped('models', text);
  if (known) return { value: known, file, warnings: [] };
  const { validateModels } = await import('../catalog/validate-models.js');
  return raise(validateModels(await parseStructured(text, file, 'model price table')), file, 'model price table');
}
