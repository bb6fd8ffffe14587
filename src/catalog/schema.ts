import { z } from 'zod';

/**
 * The gateway catalog (`data/gateways.json`). Every fact carries `source` (an id from the catalog's `sources`)
 * and `checked` (the date someone last confirmed it against that source). `status` records doubt honestly:
 * `unverified` (no primary source confirmed it) or `conflict` (sources disagree; `note` says how).
 */

export const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD.');
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes, e.g. "litellm"');

export { FEATURE_IDS, type FeatureId } from './features.js';
export { PLATFORMS, type Platform } from './features.js';
import { FEATURE_IDS, PLATFORMS } from './features.js';

export const SUPPORT_LEVELS = ['yes', 'partial', 'enterprise-only', 'planned', 'no'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];

export const FACT_STATUSES = ['verified', 'unverified', 'conflict'] as const;

/** Provenance shared by every fact. */
export const provenance = {
  source: slug.describe('Id of an entry in the catalog\'s "sources".'),
  checked: isoDate.describe('When this fact was last checked against its source.'),
  status: z.enum(FACT_STATUSES).default('verified').describe('verified | unverified | conflict'),
  note: z.string().optional().describe('Conditions, caveats, or how sources conflict.'),
};

/**
 * When a fact is in force: from `validFrom` to `validUntil`, both days included (UTC). Without them it has no
 * start or no end. Only facts that may be absent carry one (list entries, features, capacity): a command evaluates
 * the catalog as of a date (`--as-of`, default today) and leaves out what is not in force then.
 */
export const validity = {
  validFrom: isoDate.optional().describe('First day (UTC) this fact is in force; none: since before it was checked.'),
  validUntil: isoDate.optional().describe('Last day (UTC) this fact is in force; none: until further notice.'),
};

export const sourceSchema = z.strictObject({
  id: slug,
  title: z.string().min(1),
  url: z.url(),
  publisher: z.enum(['vendor', 'third-party']),
  published: isoDate.optional().describe('The date the page states about itself, when it states one.'),
});

export const supportSchema = z.strictObject({
  level: z.enum(SUPPORT_LEVELS),
  requires: z
    .array(z.string())
    .optional()
    .describe('Components (from operations.components) you must run to use this feature, e.g. ["redis"].'),
  requiresAnyOf: z
    .array(z.string())
    .min(2)
    .optional()
    .describe('Run at least one of these, e.g. ["redis", "qdrant"]; the first, which must be in operations.components, is the one sizing and costing assume.'),
  ...provenance,
  ...validity,
});
export type Support = z.infer<typeof supportSchema>;

const FEE_BASES = [
  'credit-purchase',
  'byok-inference',
  'requests',
  'log-events',
  'log-gb',
  'log-gb-month',
  'monthly-flat',
  'models',
] as const;
export const FEE_CONDITIONS = [
  'always',
  'card-credits',
  'crypto-credits',
  'byok',
  'managed-billing',
  'logpush',
  'stored-logs',
  'zero-data-retention',
  'plan-chosen',
] as const;
export type FeeCondition = (typeof FEE_CONDITIONS)[number];

export const allowanceSchema = z.strictObject({
  amount: z.number().nonnegative(),
  unit: z.enum(['usd-list-price', 'requests', 'events', 'gb', 'gb-month']),
  period: z.enum(['month', 'total']),
});

/** Bases whose units can be priced in graduated tiers: requests, log events, GB ingested, GB-months stored. */
const TIERED_BASES: readonly string[] = ['requests', 'log-events', 'log-gb', 'log-gb-month'];

/** One step of a graduated price: units up to `upTo` (counted from the month's first unit) cost `usdPerUnit` each. */
export const tierSchema = z.strictObject({
  upTo: z.number().positive().nullable().describe('Cumulative units in the month this tier reaches; null: no upper bound (the last tier).'),
  usdPerUnit: z.number().nonnegative().describe('USD per unit (request, log event, GB or GB-month) inside this tier.'),
});
export type Tier = z.infer<typeof tierSchema>;

/** A fee as numbers, so the cost model can compute it rather than read prose. */
export const feeSchema = z
  .strictObject({
    id: slug,
    label: z.string().min(1),
    basis: z.enum(FEE_BASES).describe('What the fee is charged on; "models": each model in the model mix, per month.'),
    appliesWhen: z
      .enum(FEE_CONDITIONS)
      .describe('Which way of using the gateway incurs it; "stored-logs": the request logs are kept (observability is needed); "zero-data-retention": the team asks for zero retention; "plan-chosen": only while its plan is chosen for another reason (a licence, a managed deployment, a limit), e.g. a managed platform\'s usage fees.'),
    percent: z.number().min(0).max(100).optional().describe('Percentage of the basis amount.'),
    usdPerMillion: z.number().nonnegative().optional().describe('USD per million units of the basis.'),
    usdPerGb: z
      .number()
      .nonnegative()
      .optional()
      .describe('USD per GB (log-gb: ingested; log-gb-month: stored, per GB-month) beyond the free allowance.'),
    usdFlat: z.number().nonnegative().optional().describe('USD per period for monthly-flat fees.'),
    usdPerModel: z.number().nonnegative().optional().describe('"models" fees: USD per model in the model mix, per month.'),
    tiers: z
      .array(tierSchema)
      .min(1)
      .optional()
      .describe('Graduated prices (requests, log-events, log-gb, log-gb-month): each unit beyond the free allowance costs the price of the tier it falls in.'),
    blockSize: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Units beyond the free allowance are billed in whole started blocks of this size (requests, log-events with usdPerMillion), e.g. $9 per extra 100,000 requests.'),
    unpublished: z
      .literal(true)
      .optional()
      .describe('The fee exists but its amount is not published: costed as "price not published", never as $0.'),
    retentionDays: z
      .number()
      .positive()
      .optional()
      .describe('log-gb-month: days a log stays queryable, so stored GB-month = GB ingested a month × these days / 30.'),
    minimumUsd: z.number().nonnegative().optional().describe('Minimum charge per occurrence (e.g. per purchase).'),
    freeAllowance: allowanceSchema.optional(),
  deployment: z
    .enum(['self-hosted', 'managed'])
    .optional()
    .describe('Only when the gateway runs this way (e.g. a hosted plan that does not bind the open-source gateway you run); none: either way.'),
    plan: slug
      .optional()
      .describe('Id of the plan the fee belongs to, if any. When a limit on another plan covers the same use (decision.limits), the fee applies only once that plan is chosen.'),
    ...provenance,
    ...validity,
  })
  .refine(
    (f) =>
      f.unpublished === true ||
      [f.percent, f.usdPerMillion, f.usdFlat, f.usdPerGb, f.usdPerModel, f.tiers].some((x) => x !== undefined),
    { message: 'a fee needs a number (percent, usdPerMillion, usdPerGb, usdFlat, usdPerModel or tiers) or "unpublished": true' },
  )
  .refine((f) => f.basis !== 'log-gb-month' || f.retentionDays !== undefined, {
    message: 'a log-gb-month fee needs retentionDays (how long logs stay stored)',
    path: ['retentionDays'],
  })
  .refine((f) => f.basis !== 'models' || f.usdPerModel !== undefined || f.unpublished === true, {
    message: 'a "models" fee needs usdPerModel',
    path: ['usdPerModel'],
  })
  .refine((f) => f.tiers === undefined || (TIERED_BASES.includes(f.basis) && f.usdPerMillion === undefined && f.usdPerGb === undefined), {
    message: 'tiers price requests, log-events, log-gb or log-gb-month, instead of usdPerMillion / usdPerGb',
    path: ['tiers'],
  })
  .refine((f) => f.tiers === undefined || tiersAscend(f.tiers), {
    message: 'tiers must rise (each upTo above the last) and only the last may have upTo null',
    path: ['tiers'],
  })
  .refine((f) => f.blockSize === undefined || ((f.basis === 'requests' || f.basis === 'log-events') && f.usdPerMillion !== undefined), {
    message: 'blockSize needs basis requests or log-events and usdPerMillion',
    path: ['blockSize'],
  });

function tiersAscend(tiers: readonly Tier[]): boolean {
  return tiers.every((t, i) => (t.upTo === null ? i === tiers.length - 1 : i === 0 || (tiers[i - 1]!.upTo ?? Infinity) < t.upTo));
}
export type Fee = z.infer<typeof feeSchema>;

export const planSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  monthlyUsd: z.number().nonnegative().nullable().describe('null when the price is not published.'),
  includes: z.string().optional(),
  deployment: z
    .enum(['self-hosted', 'managed'])
    .optional()
    .describe('Only when the gateway runs this way (e.g. a hosted plan that does not bind the open-source gateway you run); none: either way.'),
  ...provenance,
  ...validity,
});

export const limitSchema = z.strictObject({
  id: slug,
  label: z.string().min(1),
  value: z.number().nonnegative(),
  unit: z.string().min(1).describe('e.g. "requests", "logs", "gateways", "rules"'),
  per: z.string().optional().describe('e.g. "60 s per gateway", "account", "month"'),
  plan: slug.optional().describe('The plan this limit belongs to: it applies only while you are on that plan.'),
  deployment: z
    .enum(['self-hosted', 'managed'])
    .optional()
    .describe('Only when the gateway runs this way (e.g. a hosted plan that does not bind the open-source gateway you run); none: either way.'),
  ...provenance,
  ...validity,
});
export type Limit = z.infer<typeof limitSchema>;

export const LIMIT_CONDITIONS = ['always', 'managed-billing', 'byok', 'stored-logs', 'free-models'] as const;
export type LimitCondition = (typeof LIMIT_CONDITIONS)[number];

/** A documented way past a limit: spread the load over more scopes, or move to a plan where it does not apply. */
export const wayPastSchema = z.union([
  z.strictObject({
    scaleOut: z
      .array(slug)
      .min(1)
      .describe('Spread the load over more scopes (e.g. gateways), up to the value of these pricing.limits entries (one per plan).'),
  }),
  z.strictObject({ plan: slug.describe('A plan on which this limit does not apply.') }),
]);
export type WayPast = z.infer<typeof wayPastSchema>;

/** The machine-readable form of a limit that can stop a workload: what it caps, per what, when, and the ways past it. */
export const limitRuleSchema = z.strictObject({
  limit: slug.describe('Id of the pricing.limits entry that holds the value, its label and its source.'),
  counts: z
    .enum(['requests', 'log-events', 'log-gb'])
    .describe('What the workload puts against it: requests, log events (one per request) or GB of logs ingested (log size per request × requests).'),
  windowSeconds: z.number().positive().describe('The limit\'s value is counted over this many seconds (60, 86400, ...).'),
  scope: z.enum(['gateway', 'key', 'account']).describe('What one allowance belongs to.'),
  appliesWhen: z.enum(LIMIT_CONDITIONS).describe('Which way of using the gateway it applies to.'),
  pastBy: z.array(wayPastSchema).default([]).describe('Documented ways past it, tried in order.'),
});
export type LimitRule = z.infer<typeof limitRuleSchema>;

/** The cost-model resources a component of a self-hosted deployment is priced as. */
export const RESOURCES = ['instance', 'postgres', 'redis', 'none'] as const;
export type Resource = (typeof RESOURCES)[number];

/** How the decision model reads a gateway: its licence plan, what one instance carries, what components cost, limits. */
export const decisionSchema = z.strictObject({
  licencePlan: slug.optional().describe('Id of the plan that unlocks enterprise-only features and deployments.'),
  capacity: z
    .strictObject({
      requestsPerSecond: z.number().positive().describe('Requests per second one self-hosted instance serves.'),
      instance: z.string().min(1).describe('The instance size it was measured on, e.g. "4 vCPU / 8 GiB".'),
      ...provenance,
      ...validity,
    })
    .optional()
    .describe('What one self-hosted instance carries; sizes the infrastructure.'),
  components: z
    .record(z.string(), z.enum(RESOURCES))
    .default({})
    .describe('How each of operations.components is priced: "instance" (sized from capacity), "postgres", "redis", or "none".'),
  limits: z.array(limitRuleSchema).default([]).describe('Limits the workload is checked against (see pricing.limits).'),
});
export type Decision = z.infer<typeof decisionSchema>;

export const pricingSchema = z.strictObject({
  tokenMarkupPercent: z
    .strictObject({ value: z.number().min(0), ...provenance })
    .describe('Markup on provider token prices; 0 means prices are passed through.'),
  fees: z.array(feeSchema),
  plans: z.array(planSchema),
  limits: z.array(limitSchema),
});

const whereSchema = z.enum(['header', 'body', 'stream-final-chunk', 'logs', 'none']);

// What `gateway-scout bench` needs beyond the facts above: kept in one block so the rest of `api` stays as it is.
const requestExtras = z.strictObject({
  headers: z.record(z.string(), z.string()).default({}),
  body: z.record(z.string(), z.unknown()).default({}).describe('Merged into the JSON request body.'),
});

export const benchApiSchema = z.strictObject({
  endpoints: z
    .record(z.string(), z.string())
    .default({})
    .describe('Base-URL patterns besides baseUrl, picked by a bench target\'s `endpoint`, e.g. {"provider": "…/{gateway_id}/{provider}"}.'),
  cacheSkip: requestExtras.describe('Sent with every request of a run that bypasses caches (cache: bypass).'),
  cacheUse: requestExtras.describe('Sent with every request of a run that measures cache hits (cache: allow).'),
  cacheHitValue: z.string().optional().describe('The cacheStatus value that means a hit; without it, the field being present means a hit.'),
  ...provenance,
});

export const FALLBACK_CONFIG_FORMATS = ['yaml', 'json', 'toml', 'headers', 'text'] as const;

/**
 * Where a user writes this gateway's fallback configuration, as a snippet `drill init` fills in with the
 * drill's upstreams: {primaryUrl} and {secondaryUrl} (OpenAI-style bases, e.g. http://127.0.0.1:18001/v1),
 * {primaryOrigin} and {secondaryOrigin} (the same without the path) and {model}. A managed gateway that cannot
 * reach a port on the user's machine has format "text": the template explains, and there is no drill target.
 */
export const fallbackConfigSchema = z
  .strictObject({
    format: z.enum(FALLBACK_CONFIG_FORMATS).describe('headers: a JSON document sent as a request header (the target\'s headers carry it).'),
    file: z.string().min(1).describe('Where the snippet goes, e.g. "config.yaml" or "the x-portkey-config request header".'),
    template: z.string().min(1),
    target: z
      .strictObject({
        baseUrl: z.string().min(1).describe('The self-hosted gateway\'s OpenAI-style base URL, e.g. http://localhost:4000.'),
        model: z.string().min(1).describe('The model (route) name the drill\'s requests ask for; may hold {model}.'),
        headers: z.record(z.string(), z.string()).default({}).describe('Request headers; values may hold the placeholders.'),
      })
      .optional()
      .describe('The drill target once the gateway runs with the snippet; absent for format "text".'),
    ...provenance,
  })
  .refine((f) => (f.format === 'text') === (f.target === undefined), { message: 'a "text" fallbackConfig has no target; every other format needs one', path: ['target'] });
export type FallbackConfig = z.infer<typeof fallbackConfigSchema>;

export const apiSchema = z.strictObject({
  baseUrl: z.string().min(1).describe('Pattern with {placeholders}, e.g. https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/compat'),
  chatPath: z.string().startsWith('/'),
  alternatePaths: z.array(z.string().startsWith('/')).default([]),
  auth: z
    .array(
      z.strictObject({
        header: z.string().min(1),
        value: z.string().min(1).describe('e.g. "Bearer {key}"'),
        required: z.enum(['always', 'when-authenticated', 'optional']),
        keyEnv: z.string().optional().describe('Environment variable the benchmark reads the key from.'),
      }),
    )
    .min(1),
  modelNaming: z.strictObject({ pattern: z.string(), example: z.string() }),
  cost: z.strictObject({ where: whereSchema, field: z.string().optional(), streaming: whereSchema }),
  cacheStatus: z.strictObject({ where: whereSchema, field: z.string().optional(), values: z.array(z.string()).default([]) }),
  requestId: z.strictObject({ where: whereSchema, field: z.string().optional() }),
  bench: benchApiSchema.optional(),
  selfReportedLatency: z
    .strictObject({ where: z.literal('header'), field: z.string().min(1), unit: z.enum(['ms', 's']), meaning: z.string().min(1) })
    .optional()
    .describe('A response header in which the gateway reports its own added latency (shown beside the measured overhead).'),
  fallbackConfig: fallbackConfigSchema.optional().describe('The snippet of the gateway\'s own fallback configuration that `drill init` prints.'),
  ...provenance,
});

export const latencyFigureSchema = z.strictObject({
  metric: z
    .enum(['overhead', 'partial-overhead', 'end-to-end', 'ttft'])
    .describe('"partial-overhead": time inside the gateway with parts every request pays left out (JSON handling, the upstream call), as some vendors publish it: shown, never scored as added latency.'),
  stat: z.enum(['p50', 'p95', 'p99', 'mean', 'typical']),
  valueMs: z.number().nonnegative(),
  valueMsHigh: z.number().nonnegative().optional().describe('Upper end when the source gives a range.'),
  conditions: z.string().min(1),
  measuredBy: z.enum(['vendor', 'third-party']),
  ...provenance,
  ...validity,
});
export type LatencyFigure = z.infer<typeof latencyFigureSchema>;

export const ANSWER_FIELDS = [
  'hosting',
  'providers',
  'ownProviderKeys',
  'caching',
  'monthlyRequests',
  'opsCapacity',
  'dataControl',
  'latency',
  'needs',
  'platforms',
] as const;

/** A condition on the user's answers; a pitfall applies when all of its conditions hold. */
export const conditionSchema = z
  .strictObject({
    answer: z.enum(ANSWER_FIELDS),
    in: z.array(z.union([z.string(), z.boolean()])).min(1).optional(),
    atLeast: z.number().optional(),
    includes: z.string().optional(),
  })
  .refine((c) => [c.in, c.atLeast, c.includes].filter((x) => x !== undefined).length === 1, {
    message: 'a condition needs exactly one of "in", "atLeast" or "includes"',
  });
export type Condition = z.infer<typeof conditionSchema>;

export const pitfallSchema = z.strictObject({
  id: slug,
  title: z.string().min(1),
  detail: z.string().min(1),
  severity: z.enum(['info', 'warn', 'high']),
  when: z.array(conditionSchema).default([]).describe('Empty: applies whenever the gateway is considered.'),
  ...provenance,
  ...validity,
});

const BURDENS = ['none', 'low', 'moderate', 'high'] as const;
export type Burden = (typeof BURDENS)[number];

export const operationsSchema = z.strictObject({
  burden: z.enum(BURDENS).describe('Work the user must do to run it with every component.'),
  components: z.array(z.string()).default([]).describe('What the user runs, e.g. ["proxy", "postgres", "redis"].'),
  base: z
    .strictObject({ burden: z.enum(BURDENS), components: z.array(z.string()).min(1), note: z.string().optional() })
    .optional()
    .describe('The smallest deployment, used when no wanted feature requires more (see features.*.requires).'),
  managed: z
    .strictObject({ burden: z.enum(BURDENS), note: z.string().optional() })
    .optional()
    .describe('For a gateway offered both ways: the work left to you when it runs managed (burden above and components describe self-hosting).'),
  ...provenance,
});

export const reachSchema = z.strictObject({
  providers: z.number().int().nonnegative().nullable(),
  models: z.number().int().nonnegative().nullable(),
  ...provenance,
});

/** A platform a team already runs on which this gateway is a natural fit, as the vendor documents it. */
export const platformFitSchema = z.strictObject({
  platform: z.enum(PLATFORMS),
  why: z.string().min(1).describe('What the fit saves the team, e.g. "authenticates Vercel deployments with OIDC, no key to manage".'),
  ...provenance,
  ...validity,
});
export type PlatformFit = z.infer<typeof platformFitSchema>;

export const gatewaySchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  vendor: z.string().min(1),
  homepage: z.url(),
  summary: z.string().min(1),
  lastVerified: isoDate.describe('The oldest date on which every fact of this gateway was last checked.'),
  deployment: z.strictObject({ selfHosted: supportSchema, managed: supportSchema }),
  licence: z.strictObject({
    name: z.string().min(1),
    spdx: z.string().nullable(),
    openSource: z.boolean(),
    ...provenance,
  }),
  operations: operationsSchema,
  decision: decisionSchema.prefault({}).describe('What the decision model reads: licence plan, capacity, component prices, limits.'),
  reach: reachSchema,
  pricing: pricingSchema,
  features: z.partialRecord(z.enum(FEATURE_IDS), supportSchema),
  api: apiSchema,
  latency: z.array(latencyFigureSchema),
  pitfalls: z.array(pitfallSchema),
  platforms: z.array(platformFitSchema).default([]).describe('Platforms a team may already run that this gateway fits (see the questionnaire\'s platforms).'),
});
export type Gateway = z.infer<typeof gatewaySchema>;
export type Plan = z.infer<typeof planSchema>;

/** A combination of gateways that together serve better than one, e.g. LiteLLM behind Cloudflare. */
export const stackSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  members: z.array(slug).min(2).describe('Gateway ids, the first being the one the application calls.'),
  topology: z.string().min(1).describe('e.g. "app → LiteLLM → Cloudflare AI Gateway → provider"'),
  contributes: z
    .array(z.strictObject({ gateway: slug, features: z.array(z.enum(FEATURE_IDS)).min(1) }))
    .describe('Features a non-leading member adds to the stack.'),
  why: z.string().min(1),
  ...provenance,
  ...validity,
});
export type Stack = z.infer<typeof stackSchema>;

export const catalogSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.string().min(1),
  sources: z.array(sourceSchema).min(1),
  gateways: z.array(gatewaySchema).min(1),
  stacks: z.array(stackSchema).default([]),
});
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
