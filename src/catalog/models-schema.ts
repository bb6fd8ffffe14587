import { z } from 'zod';
import { FACT_STATUSES, isoDate, sourceSchema } from './schema.js';

/**
 * The model price table (`data/models.json`): list prices in USD per million tokens, each with its source,
 * the date it was confirmed there and a status, exactly as the catalog records its facts. Model ids use the
 * `author/slug` form (as OpenRouter and Cloudflare's compat endpoint do), e.g. `openai/gpt-4o-mini`.
 */
export const modelPriceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\/[A-Za-z0-9._:-]+$/, 'author/slug, e.g. "openai/gpt-4o-mini"'),
  name: z.string().min(1),
  provider: z.string().min(1).describe('Who serves it at this price, e.g. "openai", "together".'),
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
  cachedInputPerMTok: z.number().nonnegative().nullable().describe('null when the provider has no prompt-cache discount.'),
  contextTokens: z.number().int().positive().optional(),
  source: z.string().min(1).describe('Id of an entry in "sources".'),
  checked: isoDate.describe('When these prices were last confirmed against the source (not bumped when a check fails).'),
  status: z
    .enum(FACT_STATUSES)
    .default('verified')
    .describe('verified | unverified (not confirmed against the source; cost output labels it) | conflict'),
  note: z.string().optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

export const modelTableSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.string().min(1),
  currency: z.literal('USD'),
  sources: z.array(sourceSchema).min(1),
  models: z.array(modelPriceSchema).min(1),
});
export type ModelTable = z.infer<typeof modelTableSchema>;
