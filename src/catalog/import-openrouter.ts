import { z } from 'zod';
import type { Issue } from '../errors.js';
import { modelPriceSchema, type ModelPrice, type ModelTable } from './models-schema.js';

/**
 * Convert a saved copy of OpenRouter's public `GET /api/v1/models` listing into price-table entries. Pure.
 * OpenRouter quotes USD per single token as decimal strings; the table holds USD per million tokens.
 */

// Imported entries are priced as OpenRouter sells them (provider "openrouter"), so OpenRouter's own listing is the
// vendor's source for them, and a price copied from it verbatim is verified against that source.
export const OPENROUTER_SOURCE = {
  id: 'openrouter-models-api',
  title: 'OpenRouter models API (GET /api/v1/models)',
  url: 'https://openrouter.ai/api/v1/models',
  publisher: 'vendor',
} as const;

const priceString = z.union([z.string(), z.number()]);

export const openRouterListingSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string().optional(),
      context_length: z.number().nullable().optional(),
      pricing: z
        .object({
          prompt: priceString,
          completion: priceString,
          input_cache_read: priceString.optional(),
        })
        .loose(),
    }).loose(),
  ),
}).loose();

/** USD per token (string) → USD per million tokens, without binary-float noise (0.000003 → 3). */
export function perTokenToPerMillion(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(n)) return NaN;
  return Number((n * 1e6).toPrecision(12));
}

export interface ImportResult {
  models: ModelPrice[];
  /** Entries left out, with why (e.g. router pseudo-models priced "-1"). */
  skipped: Issue[];
}

export function convertOpenRouterListing(json: unknown, checked: string): { ok: true; value: ImportResult } | { ok: false; issues: Issue[] } {
  const parsed = openRouterListingSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
    };
  }
  const models: ModelPrice[] = [];
  const skipped: Issue[] = [];
  parsed.data.data.forEach((m, i) => {
    const path = `data[${i}]`;
    const input = perTokenToPerMillion(m.pricing.prompt);
    const output = perTokenToPerMillion(m.pricing.completion);
    const cached = m.pricing.input_cache_read === undefined ? null : perTokenToPerMillion(m.pricing.input_cache_read);
    if (![input, output].every((x) => Number.isFinite(x) && x >= 0) || (cached !== null && !(Number.isFinite(cached) && cached >= 0))) {
      skipped.push({ path, message: `"${m.id}" has no usable per-token price (prompt ${String(m.pricing.prompt)}, completion ${String(m.pricing.completion)})` });
      return;
    }
    const entry = {
      id: m.id,
      name: m.name && m.name.trim() !== '' ? m.name : m.id,
      provider: 'openrouter',
      inputPerMTok: input,
      outputPerMTok: output,
      cachedInputPerMTok: cached,
      ...(m.context_length && m.context_length > 0 ? { contextTokens: Math.round(m.context_length) } : {}),
      source: OPENROUTER_SOURCE.id,
      checked,
      status: 'verified',
      note: 'Imported from OpenRouter\'s models listing (OpenRouter passes provider prices through without markup).',
    };
    const valid = modelPriceSchema.safeParse(entry);
    if (!valid.success) {
      skipped.push({ path, message: `"${m.id}": ${valid.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    models.push(valid.data);
  });
  return { ok: true, value: { models, skipped } };
}

/** `anthropic/claude-sonnet-4.5` and `anthropic/claude-sonnet-4-5` name the same model. */
export function sameModelKey(id: string): string {
  return id.toLowerCase().replace(/\./g, '-');
}

/**
 * Merge imported prices into an existing table: a model already present (same id, or same id up to "." vs "-")
 * keeps its id and gets the imported prices; other models are appended unless `onlyExisting`. Pure.
 */
export function mergePrices(
  base: ModelTable | undefined,
  imported: readonly ModelPrice[],
  opts: { onlyExisting?: boolean; version: string },
): { table: ModelTable; updated: number; added: number } {
  const table: ModelTable = base
    ? structuredClone(base)
    : { version: opts.version, currency: 'USD', sources: [], models: [] };
  table.version = opts.version;
  if (!table.sources.some((s) => s.id === OPENROUTER_SOURCE.id)) table.sources.push({ ...OPENROUTER_SOURCE });
  const index = new Map(table.models.map((m, i) => [sameModelKey(m.id), i]));
  let updated = 0;
  let added = 0;
  for (const m of imported) {
    const at = index.get(sameModelKey(m.id));
    if (at !== undefined) {
      const old = table.models[at];
      if (!old) continue;
      table.models[at] = { ...m, id: old.id, name: old.name, contextTokens: m.contextTokens ?? old.contextTokens };
      if (table.models[at].contextTokens === undefined) delete table.models[at].contextTokens;
      updated++;
    } else if (!opts.onlyExisting) {
      index.set(sameModelKey(m.id), table.models.length);
      table.models.push(m);
      added++;
    }
  }
  return { table, updated, added };
}
