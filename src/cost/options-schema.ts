import { z } from 'zod';
import { InputError } from '../errors.js';
import { COST_BOUNDS, PAYMENT_METHODS } from './options.js';

/**
 * The zod schema of the cost options (the answers file's `cost:` section), kept apart from the model so that
 * a run without a `cost:` section never loads zod.
 */
const bounded = (b: { min: number; max: number; integer?: boolean; minExclusive?: boolean }) => {
  const n = b.integer ? z.number().int() : z.number();
  return (b.minExclusive ? n.gt(b.min) : n.min(b.min)).max(b.max);
};
const share = bounded(COST_BOUNDS.share);

export const modelShareSchema = z.strictObject({
  id: z.string().min(1).describe('Model id from data/models.json, e.g. "openai/gpt-4o-mini".'),
  share: z.number().gt(0).max(1).describe('Share of requests that go to this model (0 < share ≤ 1).'),
});
export type ModelShare = z.infer<typeof modelShareSchema>;

const paymentSchema = z.strictObject({
  method: z.enum(PAYMENT_METHODS).optional().describe('How gateway credits are bought: card (default) or crypto.'),
  topUpUsd: bounded(COST_BOUNDS.topUpUsd)
    .nullable()
    .optional()
    .describe('Size of one credit purchase in USD; null = one purchase a month covering the month\'s spend.'),
});

const selfHostingSchema = z.strictObject({
  instanceUsdMonthly: bounded(COST_BOUNDS.instanceUsdMonthly).optional().describe('Monthly price of one gateway instance (4 vCPU / 8 GiB).'),
  instances: bounded(COST_BOUNDS.instances)
    .nullable()
    .optional()
    .describe('Number of gateway instances; null = sized from the peak request rate.'),
  minInstances: bounded(COST_BOUNDS.minInstances).optional().describe('Floor for the sized instance count.'),
  rpsPerInstance: bounded(COST_BOUNDS.rpsPerInstance)
    .nullable()
    .optional()
    .describe('Requests per second one instance serves; null = the gateway\'s capacity in the catalog.'),
  peakFactor: bounded(COST_BOUNDS.peakFactor).optional().describe('Peak request rate ÷ average request rate.'),
  postgresUsdMonthly: bounded(COST_BOUNDS.databaseUsdMonthly).optional().describe('Monthly price of the Postgres database.'),
  redisUsdMonthly: bounded(COST_BOUNDS.databaseUsdMonthly).optional().describe('Monthly price of Redis.'),
});

/** What the answers file's `cost:` section and the flags may set. All optional. */
export const costOptionsSchema = z
  .strictObject({
    models: z
      .array(modelShareSchema)
      .min(1)
      .optional()
      .describe('Model mix: models and the share of requests each receives; shares sum to 1.'),
    cacheHitRate: share
      .optional()
      .describe('Share of requests answered from the gateway response cache (when caching is wanted and supported).'),
    promptCacheShare: share
      .optional()
      .describe('Share of input tokens billed at the provider\'s cached-input price (provider prompt caching).'),
    payment: paymentSchema.optional(),
    selfHosting: selfHostingSchema.optional(),
    opsHoursPerMonth: bounded(COST_BOUNDS.opsHoursPerMonth)
      .nullable()
      .optional()
      .describe('Engineer hours a month to run a self-hosted gateway; null = from opsCapacity.'),
    opsHourlyUsd: bounded(COST_BOUNDS.opsHourlyUsd).optional().describe('Loaded cost of one engineer hour in USD.'),
    useManagedBilling: z
      .boolean()
      .nullable()
      .optional()
      .describe('Pay providers through the gateway\'s credits; null = only when you hold no provider keys.'),
    logpush: z.boolean().optional().describe('Export gateway logs with a paid log-push product (e.g. Cloudflare Logpush).'),
    logBytesPerRequest: bounded(COST_BOUNDS.logBytesPerRequest)
      .nullable()
      .optional()
      .describe('Bytes one request\'s log takes at the gateway (prompt, completion, metadata); null = (input + output tokens) × 4 + 1,000.'),
  })
  .describe('Cost-model options: the `cost:` section of an answers file.');
export type PartialCostOptions = z.input<typeof costOptionsSchema>;

/** Check the answers file's `cost:` section; problems are reported with JSON paths under `cost.`. */
export function parseCostSection(section: unknown, file?: string): PartialCostOptions | undefined {
  if (section === undefined || section === null) return undefined;
  const parsed = costOptionsSchema.safeParse(section);
  if (parsed.success) return parsed.data;
  throw new InputError(
    'The cost: section of the answers file is invalid.',
    file,
    parsed.error.issues.map((i) => ({ path: ['cost', ...i.path].map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '['), message: i.message })),
  );
}


