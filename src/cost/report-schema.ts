import { benchRecordSchema } from '../bench/bench-record.js';
import { z } from 'zod';
import { CACHING, DATA_CONTROL, HOSTING, LATENCY, NEEDS, OPS_CAPACITY, PLATFORMS } from '../advisor/answers.js';
import { LINE_KINDS } from './model.js';
import { PAYMENT_METHODS } from './options.js';
import { warningSchema } from '../warnings.js';

/** The JSON document `gateway-scout cost --json` prints (`gateway-scout schema cost`). */

export const COST_SCHEMA_VERSION = 2;

const usd = z.number().describe('USD per month');

export const costLineSchema = z.strictObject({
  kind: z.enum(LINE_KINDS),
  label: z.string(),
  usd: usd.nullable().describe('null: price not published (not in the total)'),
  assumption: z.string().describe('How the number was obtained, with the figures used.'),
  source: z.string().describe('URL(s) or a stated assumption the number rests on.'),
  checked: z.iso.date().optional().describe('When the catalog fact it prices (a fee, a plan) was last checked.'),
  gateway: z.string().optional().describe('In a stack: the member the line belongs to (token lines belong to the whole stack).'),
});

export const monthlyUsdSchema = z.strictObject({
  total: usd.describe('Sum of all lines with a published price.'),
  tokens: usd.describe('Provider token spend after response-cache savings.'),
  fees: usd,
  infrastructure: usd,
  licence: usd.describe('Published licence and plan prices.'),
  ops: usd,
  cacheSavings: usd.describe('Already deducted from tokens.'),
});

const hostingSchema = z.enum(['self-hosted', 'managed']);
const billingSchema = z.enum(['byok', 'managed']).describe('byok: your provider keys; managed: the gateway\'s credits.');

export const gatewayCostSchema = z.strictObject({
  gateway: z.string().describe('The gateway\'s or the stack\'s id.'),
  name: z.string(),
  kind: z.enum(['gateway', 'stack']),
  members: z
    .array(z.strictObject({ gateway: z.string(), hosting: hostingSchema, billing: billingSchema }))
    .describe('How each member runs, in request order (one for a gateway).'),
  hosting: hostingSchema.describe('Where the first member runs.'),
  billing: billingSchema.describe('How the tokens are paid for.'),
  eligible: z.boolean().describe('The same eligibility `choose` uses; an ineligible option is still costed as it would run.'),
  excludedBecause: z.array(z.string()).describe('Why it is not eligible: the hard constraint or limit, with its figures.'),
  monthlyUsd: monthlyUsdSchema,
  tokensBeforeCache: usd,
  licenceUnpublished: z.boolean(),
  excludesUnpublished: z.boolean().describe('The total leaves out a line whose price is not published.'),
  lines: z.array(costLineSchema),
  notes: z.array(z.string()),
});

export const breakEvenSchema = z.strictObject({
  a: z.string(),
  b: z.string(),
  monthlyRequests: z.number().int().nullable().describe('First crossing within 1k–1B requests/month; null = never.'),
  crossings: z.array(z.number().int()),
  cheaperBelow: z.string().nullable(),
  cheaperAbove: z.string().nullable(),
});

export const resolvedCostOptionsSchema = z.strictObject({
  models: z.array(z.strictObject({ id: z.string(), share: z.number() })),
  cacheHitRate: z.number(),
  promptCacheShare: z.number(),
  payment: z.strictObject({ method: z.enum(PAYMENT_METHODS), topUpUsd: z.number().nullable() }),
  selfHosting: z.strictObject({
    instanceUsdMonthly: z.number(),
    instances: z.number().int().nullable(),
    minInstances: z.number().int(),
    rpsPerInstance: z.number().nullable().describe('null: each gateway\'s capacity from the catalog.'),
    peakFactor: z.number(),
    postgresUsdMonthly: z.number(),
    redisUsdMonthly: z.number(),
  }),
  opsHoursPerMonth: z.number().nullable(),
  opsHourlyUsd: z.number(),
  useManagedBilling: z.boolean().nullable(),
  logpush: z.boolean(),
  logBytesPerRequest: z.number().nullable().default(null).describe('Bytes of one request\'s log; null: (input + output tokens) × 4 + 1,000.'),
});

const normalisedAnswersSchema = z.strictObject({
  hosting: z.enum(HOSTING),
  providers: z.number().int(),
  ownProviderKeys: z.boolean(),
  caching: z.enum(CACHING),
  monthlyRequests: z.number().int(),
  avgInputTokens: z.number().int(),
  avgOutputTokens: z.number().int(),
  opsCapacity: z.enum(OPS_CAPACITY),
  dataControl: z.enum(DATA_CONTROL),
  latency: z.enum(LATENCY),
  needs: z.array(z.enum(NEEDS)),
  platforms: z.array(z.enum(PLATFORMS)).default([]).describe('Absent in documents written before the question was asked.'),
});

export const costReportSchema = z
  .strictObject({
    schemaVersion: z.literal(COST_SCHEMA_VERSION),
    asOf: z.iso.date().optional().describe('Prices and facts in force on this day (UTC) were used. Absent in documents written before dates were tracked.'),
    warnings: z.array(warningSchema).default([]).describe('Staleness warnings (catalog-stale, fact-stale), also shown once on stderr without --json.'),
    inputs: z.strictObject({
      answers: normalisedAnswersSchema,
      cost: resolvedCostOptionsSchema,
      catalog: z.strictObject({ file: z.string(), version: z.string() }),
      models: z.strictObject({ file: z.string(), version: z.string() }),
    }),
    gateways: z.array(gatewayCostSchema),
    stacks: z.array(gatewayCostSchema).describe('The catalog\'s stacks, costed as `choose` scores them: token spend once, each member for what it serves.'),
    cheapest: z
      .strictObject({ gateway: z.string(), kind: z.enum(['gateway', 'stack']), totalUsd: usd, excludesUnpublished: z.boolean() })
      .nullable()
      .describe('Cheapest eligible option, gateway or stack; null when none is eligible.'),
    breakEven: z.array(breakEvenSchema).describe('Every pair of eligible options (gateways and stacks).'),
    curve: z.strictObject({
      monthlyRequests: z.array(z.number().int()),
      series: z
        .array(z.strictObject({ gateway: z.string(), totalUsd: z.array(usd.nullable()).describe('null where a limit stops the option at that volume.') }))
        .describe('Every eligible option.'),
    }),
    assumptions: z.array(z.strictObject({ text: z.string(), source: z.string() })),
    bench: benchRecordSchema.optional().describe('With --bench: the benchmark read, what it replaced, and whether that changed the cheapest option.'),
  })
  .describe('gateway-scout cost: monthly cost per gateway and stack, line by line, with break-even points and a sensitivity curve.');
export type CostReport = z.infer<typeof costReportSchema>;
