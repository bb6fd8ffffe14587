import { existsSync } from 'node:fs';
import type { Ctx } from './context.js';
import { EXIT, InputError, UsageError, type ExitCode } from '../errors.js';

export interface DataPricesOptions {
  /** Saved copy of OpenRouter's `GET /api/v1/models` JSON. */
  fromOpenrouter?: string;
  /** Write the merged table here (merging into it when it exists); default: print the table on stdout. */
  out?: string;
  /** Only update models already in the --out table; add none. */
  onlyExisting?: boolean;
  /** Date to stamp as `checked` (YYYY-MM-DD); default today. */
  checked?: string;
}

/**
 * `gateway-scout data prices --from-openrouter FILE [--out FILE] [--only-existing]`: refresh model prices from a
 * saved OpenRouter listing. Without --out, prints a complete models table (JSON) on stdout.
 */
export async function runDataPrices(opts: DataPricesOptions, ctx: Ctx): Promise<ExitCode> {
  if (!opts.fromOpenrouter) throw new UsageError('data prices needs --from-openrouter FILE (a saved copy of https://openrouter.ai/api/v1/models).');
  const checked = opts.checked ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(checked)) throw new UsageError(`--checked expects YYYY-MM-DD, got "${checked}".`);
  const [{ readStructured, writeText }, { convertOpenRouterListing, mergePrices }, { validateModels }] = await Promise.all([
    import('../io/files.js'),
    import('../catalog/import-openrouter.js'),
    import('../catalog/validate-models.js'),
  ]);
  const listing = await readStructured(opts.fromOpenrouter, 'OpenRouter models listing');
  const converted = convertOpenRouterListing(listing, checked);
  if (!converted.ok) {
    throw new InputError(`${opts.fromOpenrouter} is not an OpenRouter models listing ({"data": [...]}).`, opts.fromOpenrouter, converted.issues);
  }
  let base;
  if (opts.out && existsSync(opts.out)) {
    const v = validateModels(await readStructured(opts.out, 'model price table'));
    if (!v.ok) throw new InputError(`The model price table ${opts.out} is invalid; fix it before merging into it.`, opts.out, v.issues);
    base = v.value;
  } else if (opts.onlyExisting) {
    throw new UsageError('--only-existing needs --out FILE naming an existing models table to update.');
  }
  const { table, updated, added } = mergePrices(base, converted.value.models, { onlyExisting: opts.onlyExisting, version: checked });
  const check = validateModels(table);
  if (!check.ok) throw new InputError('The merged price table is invalid.', opts.out, check.issues);
  const text = JSON.stringify(table, null, 2) + '\n';
  const skipped = converted.value.skipped.length;
  const summary = `${updated} model${updated === 1 ? '' : 's'} updated, ${added} added${skipped > 0 ? `, ${skipped} skipped (no usable price)` : ''}`;
  if (opts.out) {
    await writeText(opts.out, text);
    ctx.err(`Wrote ${opts.out}: ${summary}.\n`);
  } else {
    ctx.out(text);
    ctx.err(`${summary}.\n`);
  }
  return EXIT.ok;
}
