import { fileURLToPath } from 'node:url';
import { InputError, type Issue } from '../errors.js';
import type { Catalog } from '../catalog/schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import type { Validated } from '../catalog/validate.js';
import { readStructured } from './files.js';

/** The data files shipped with the package (`data/` beside `dist/`). */
export const DEFAULT_CATALOG = fileURLToPath(new URL('../../data/gateways.json', import.meta.url));
export const DEFAULT_MODELS = fileURLToPath(new URL('../../data/models.json', import.meta.url));

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

export async function loadCatalog(file: string = DEFAULT_CATALOG, now = new Date()): Promise<Loaded<Catalog>> {
  const { validateCatalog } = await import('../catalog/validate.js');
  return raise(validateCatalog(await readStructured(file, 'catalog'), now), file, 'catalog');
}

export async function loadModels(file: string = DEFAULT_MODELS): Promise<Loaded<ModelTable>> {
  const { validateModels } = await import('../catalog/validate-models.js');
  return raise(validateModels(await readStructured(file, 'model price table')), file, 'model price table');
}
