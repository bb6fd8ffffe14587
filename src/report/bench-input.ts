import { z } from 'zod';

/**
 * THE INPUT CONTRACT of the reporting layer: the `bench --json` / `summary.json` document as pinned in
 * issue 8 ("Output (pinned)"), and the per-request records of `requests.jsonl`.
 *
 * `bench` is being built on another branch; every assumption this layer makes about its document lives in
 * this one module, so reconciling the two is a change here and nowhere else. Assumptions beyond the pinned
 * text are marked ASSUMPTION; fields this layer proposes that bench should add are marked EXTENSION.
 */

export const BENCH_SCHEMA_VERSION = 1;

/** The pinned error classes, exactly these names. */
export const ERROR_CLASSES = [
  'rate_limited',
  'auth',
  'insufficient_credits',
  'client_error',
  'server_error',
  'timeout',
  'connection',
  'stream_interrupted',
  'bad_response',
  'upstream_error',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export const COST_SOURCES = ['gateway', 'computed', 'mixed', 'unknown'] as const;

// ASSUMPTION: a statistic bench cannot compute (n = 0) is null rather than absent.
const stat = z.number().nullable();
export const statsSchema = z.object({
  n: z.number().int().min(0),
  p50: stat,
  p90: stat,
  p95: stat,
  p99: stat,
  mean: stat,
  min: stat,
  max: stat,
});
export type Stats = z.infer<typeof statsSchema>;

/**
 * EXTENSION: a mergeable HDR histogram (see src/histogram/hdr.ts). Values are recorded as integers
 * `round(value × scale)`; `data` is HdrHistogram's compressed V2 encoding in base64.
 */
export const encodedHistogramSchema = z.object({
  encoding: z.literal('hdr-v2-compressed-base64'),
  scale: z.number().positive().describe('Recorded integer = round(value × scale); 1000 records milliseconds as microseconds.'),
  significantDigits: z.number().int().min(1).max(5),
  data: z.string().min(1),
});
export type EncodedHistogram = z.infer<typeof encodedHistogramSchema>;

export const HISTOGRAM_METRICS = ['ttft', 'e2e', 'itl', 'outputTokensPerSecond'] as const;
export type HistogramMetric = (typeof HISTOGRAM_METRICS)[number];

export const benchTargetSchema = z.object({
  name: z.string().min(1),
  gateway: z.string(),
  model: z.string(),
  requests: z.object({ sent: z.number().int().min(0), ok: z.number().int().min(0), failed: z.number().int().min(0) }),
  errors: z.partialRecord(z.enum(ERROR_CLASSES), z.number().int().min(0)),
  latencyMs: z.object({ ttft: statsSchema, e2e: statsSchema, itl: statsSchema }),
  outputTokensPerSecond: statsSchema,
  tokens: z.object({
    input: z.number().min(0),
    output: z.number().min(0),
    usageReportedRate: z.number().min(0).max(1).nullable(),
  }),
  cost: z.object({
    totalUsd: z.number().nullable(),
    per1kRequestsUsd: z.number().nullable(),
    source: z.enum(COST_SOURCES),
    // ASSUMPTION: (reported − computed) / computed × 100, null when only one of the two exists.
    reportedVsComputedPct: z.number().nullable(),
    // EXTENSION (optional): both figures per 1,000 requests, so the report need not derive them.
    reportedPer1kUsd: z.number().nullable().optional(),
    computedPer1kUsd: z.number().nullable().optional(),
  }),
  cache: z.object({ hits: z.number().int().min(0), misses: z.number().int().min(0), unknown: z.number().int().min(0) }),
  // EXTENSION: mergeable latency histograms, so several machines' percentiles can be computed exactly.
  histograms: z.partialRecord(z.enum(HISTOGRAM_METRICS), encodedHistogramSchema).optional(),
  // Set by `report merge --by label`: which run this row came from.
  origin: z.string().optional(),
});
export type BenchTarget = z.infer<typeof benchTargetSchema>;

export const overheadSchema = z.object({
  target: z.string(),
  baseline: z.string(),
  metric: z.enum(['ttft', 'e2e']),
  p50DeltaMs: z.number().nullable(),
  p90DeltaMs: z.number().nullable(),
  // ASSUMPTION: the interval is that of the p50 difference; null when bench could not compute it.
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  verdict: z.string(),
  origin: z.string().optional(),
});
export type Overhead = z.infer<typeof overheadSchema>;

// ASSUMPTION: key-variable names appear as `apiKeyEnv` / `gatewayTokenEnv` on each config target (the
// pinned config file's names); everything else in the config is kept as it is.
const configTargetSchema = z.looseObject({
  name: z.string(),
  gateway: z.string().optional(),
  model: z.string().optional(),
  baseUrl: z.string().optional(),
  apiKeyEnv: z.string().optional(),
  gatewayTokenEnv: z.string().optional(),
  baseline: z.boolean().optional(),
});
export const benchConfigSchema = z.looseObject({ targets: z.array(configTargetSchema).optional() });
export type BenchConfig = z.infer<typeof benchConfigSchema>;

// ASSUMPTION: environment field names. EXTENSION: `label` from `bench --label NAME`.
export const environmentSchema = z.looseObject({
  node: z.string().optional(),
  os: z.string().optional(),
  arch: z.string().optional(),
  cpus: z.number().int().optional(),
  label: z.string().optional(),
});

// ASSUMPTION: a warning is a string, or an object with a `message`.
const warningSchema = z.union([z.string(), z.looseObject({ message: z.string() })]);

export const benchSummarySchema = z.looseObject({
  schemaVersion: z.literal(BENCH_SCHEMA_VERSION),
  startedAt: z.string(),
  finishedAt: z.string(),
  config: benchConfigSchema,
  environment: environmentSchema,
  targets: z.array(benchTargetSchema).min(1),
  overhead: z.array(overheadSchema),
  warnings: z.array(warningSchema),
});
export type BenchSummary = z.infer<typeof benchSummarySchema>;

/** One line of `requests.jsonl`, as listed in issue 8 ("Per request"). */
export const requestRecordSchema = z.looseObject({
  target: z.string(),
  round: z.number().int(),
  seq: z.number().int(),
  scheduledAt: z.number().nullable(),
  startedAt: z.number(),
  status: z.number().int().nullable(),
  errorClass: z.enum(ERROR_CLASSES).nullable(),
  headersMs: z.number().nullable(),
  ttftMs: z.number().nullable(),
  e2eMs: z.number().nullable(),
  itlMs: z.number().nullable(),
  chunkGapsMs: z.array(z.number()).nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  tokensSource: z.enum(['usage', 'estimated']).nullable(),
  costUsd: z.number().nullable(),
  costSource: z.enum(['gateway', 'computed', 'unknown']),
  cacheStatus: z.string().nullable(),
  responseId: z.string().nullable(),
  gatewayRequestId: z.string().nullable(),
  retryAfterMs: z.number().nullable(),
});
export type RequestRecord = z.infer<typeof requestRecordSchema>;

/** Does a parsed JSON value look like a bench summary (rather than a choose or cost document)? */
export const looksLikeBenchSummary = (doc: Record<string, unknown>): boolean =>
  Array.isArray(doc.targets) && Array.isArray(doc.overhead) && 'environment' in doc;

// ---- Derived values: how the report reads fields whose meaning is an assumption above. ----

export const warningText = (w: BenchSummary['warnings'][number]): string => (typeof w === 'string' ? w : w.message);

/** Failed ÷ sent; null when nothing was sent. */
export const errorRate = (t: BenchTarget): number | null => (t.requests.sent === 0 ? null : t.requests.failed / t.requests.sent);

/** Hits ÷ (hits + misses); requests whose cache status is unknown are left out. Null when none is known. */
export const cacheHitRate = (t: BenchTarget): number | null => {
  const known = t.cache.hits + t.cache.misses;
  return known === 0 ? null : t.cache.hits / known;
};

/**
 * Cost per 1,000 requests as the gateway reported it and as the price table computes it. Without the
 * EXTENSION fields: with source `gateway` or `mixed`, per1kRequestsUsd is taken as the reported figure and
 * the computed one is recovered from reportedVsComputedPct; with `computed`, it is the computed figure.
 */
export function costPer1k(t: BenchTarget): { reported: number | null; computed: number | null } {
  const c = t.cost;
  if (c.reportedPer1kUsd !== undefined || c.computedPer1kUsd !== undefined) {
    return { reported: c.reportedPer1kUsd ?? null, computed: c.computedPer1kUsd ?? null };
  }
  const per1k = c.per1kRequestsUsd;
  if (per1k === null || c.source === 'unknown') return { reported: null, computed: null };
  if (c.source === 'computed') return { reported: null, computed: per1k };
  const pct = c.reportedVsComputedPct;
  return { reported: per1k, computed: pct === null || pct <= -100 ? null : per1k / (1 + pct / 100) };
}

/** Environment variable names holding secrets that the config refers to (their values must be masked). */
export const keyVariableNames = (config: BenchConfig): string[] => [
  ...new Set((config.targets ?? []).flatMap((t) => [t.apiKeyEnv, t.gatewayTokenEnv]).filter((v): v is string => typeof v === 'string' && v !== '')),
];

/** The baseline target's name, from the config or, failing that, from the overhead entries. */
export function baselineName(s: BenchSummary): string | undefined {
  return (s.config.targets ?? []).find((t) => t.baseline === true)?.name ?? s.overhead[0]?.baseline;
}

/** A row's display name: the target, with the origin it was measured from when runs were merged by label. */
export const rowName = (t: { name: string; origin?: string | undefined }): string => (t.origin ? `${t.name} @ ${t.origin}` : t.name);
