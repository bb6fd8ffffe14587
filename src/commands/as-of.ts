import { catalogAsOf } from '../catalog/as-of.js';
import type { Catalog } from '../catalog/schema.js';
import { catalogStaleWarning, factStaleWarnings, type DecidingFact } from '../catalog/staleness.js';
import { asOfFlag } from '../io/flag-dates.js';
import { loadCatalog, type Loaded } from '../io/data-files.js';
import type { Warning } from '../warnings.js';
import { renderRunWarnings } from '../report/warnings.js';
import type { Ctx } from './context.js';

/** The command that lists stale facts, named by every staleness warning. */
export const STALE_LIST_COMMAND = 'gateway-scout data sources --stale';

/** The catalog as of the `--as-of` date (checked: a malformed date is exit 2), with its load warnings. */
export async function loadCatalogAsOf(file: string | undefined, rawAsOf: string | undefined): Promise<Loaded<Catalog> & { asOf: string }> {
  const asOf = asOfFlag(rawAsOf, new Date());
  const loaded = await loadCatalog(file);
  return { ...loaded, value: catalogAsOf(loaded.value, asOf), asOf };
}

/** The staleness warnings of a run: the catalog's age, then the stale facts behind the top options. */
export function stalenessWarnings(catalog: Catalog, asOf: string, deciding: readonly DecidingFact[] = []): Warning[] {
  const old = catalogStaleWarning(catalog, asOf, STALE_LIST_COMMAND);
  return [...(old ? [old] : []), ...factStaleWarnings(deciding, asOf, STALE_LIST_COMMAND)];
}

/** Warnings go to stderr once, for a person; a JSON document carries them instead. */
export function showWarnings(ctx: Ctx, warnings: readonly Warning[], json: boolean | undefined): void {
  if (json || warnings.length === 0) return;
  ctx.err(renderRunWarnings(warnings, ctx.errColor, STALE_LIST_COMMAND));
}
