import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { wantsColor } from '../io/env.js';
import { asOfFlag } from '../io/flag-dates.js';
import { showWarnings, stalenessWarnings } from './as-of.js';
import { numberFlag } from '../io/flag-numbers.js';
import { FACT_STALE_DAYS } from '../catalog/staleness.js';
import type { Ctx } from './context.js';

export interface DataSourcesOptions {
  json?: boolean;
  /** Gateway catalog to report on instead of the built-in one. */
  data?: string;
  /** Model price table to report on instead of the built-in one. */
  dataModels?: string;
  /** Only this source id. */
  source?: string;
  /** List the facts older than --days (default 180), stalest first. */
  stale?: boolean;
  days?: string;
  asOf?: string;
}

/**
 * `gateway-scout data sources [--source ID] [--json]`: per source, the facts resting on it with their dates and
 * statuses. The report (or the JSON document) goes to stdout; data-file warnings to stderr.
 */
export async function runDataSources(opts: DataSourcesOptions, ctx: Ctx): Promise<ExitCode> {
  const [{ loadCatalog, loadModels }, { sourcesDocument }, { renderWarnings }] = await Promise.all([
    import('../io/data-files.js'),
    import('../report/sources-document.js'),
    import('../report/warnings.js'),
  ]);
  const catalog = await loadCatalog(opts.data);
  const models = await loadModels(opts.dataModels);
  for (const l of [catalog, models]) if (l.warnings.length > 0) ctx.err(renderWarnings(l.file, l.warnings, ctx.color));
  if (opts.source !== undefined) {
    const known = [...catalog.value.sources, ...models.value.sources].map((s) => s.id);
    if (!known.includes(opts.source)) {
      throw new UsageError(`--source: no source "${opts.source}" in ${catalog.file} or ${models.file}. Run "gateway-scout data sources" to list them.`);
    }
  }
  if (opts.days !== undefined && !opts.stale) throw new UsageError('--days goes with --stale.', 'e.g. gateway-scout data sources --stale --days 90');
  const stale = opts.stale
    ? { asOf: asOfFlag(opts.asOf, new Date()), days: opts.days === undefined ? FACT_STALE_DAYS : numberFlag('--days', opts.days, { min: 0, max: 36_500, integer: true }, { count: true }) }
    : undefined;
  const asOf = asOfFlag(opts.asOf, new Date());
  const warnings = stalenessWarnings(catalog.value, asOf);
  const doc = sourcesDocument(catalog, models, new Date(), opts.source, stale, warnings);
  showWarnings(ctx, warnings, opts.json);
  if (opts.json) {
    ctx.out(JSON.stringify(doc, null, 2) + '\n');
  } else {
    const { renderSources } = await import('../report/sources.js');
    ctx.out(renderSources(doc, ctx.width, wantsColor(ctx.env, ctx.tty.stdout)));
  }
  return EXIT.ok;
}
