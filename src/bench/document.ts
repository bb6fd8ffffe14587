import { z } from 'zod';
import { ERROR_CLASSES } from './metrics.js';
import { PERCENTILES } from './stats.js';

/**
 * The benchmark's result document: `--json` on stdout, `summary.json` with `--out`, and the input of
 * `choose --bench` / `cost --bench` (`gateway-scout schema bench`).
 */

export const BENCH_SCHEMA_VERSION = 1;

const num = z.number();
const statsSchema = z.strictObject({
  n: z.number().int().nonnegative(),
  p50: num.nullable(),
  p90: num.nullable(),
  p95: num.nullable(),
  p99: num.nullable(),
  mean: num.nullable(),
  min: num.nullable(),
  max: num.nullable(),
  unsupported: z
    .array(z.enum(PERCENTILES.map(([name]) => name) as [string, ...string[]]))
    .describe('Percentiles this n cannot support (n < 1/(1 − q)): given, but not a tail estimate.'),
});
export type StatsDoc = z.infer<typeof statsSchema>;

const errorCounts = z.strictObject(Object.fromEntries(ERROR_CLASSES.map((c) => [c, z.number().int().nonnegative()])) as Record<(typeof ERROR_CLASSES)[number], z.ZodNumber>);

export const benchTargetSchema = z.strictObject({
  name: z.string(),
  gateway: z.string(),
  model: z.string(),
  url: z.string().describe('The chat-completions URL (no credentials).'),
  baseline: z.boolean(),
  requests: z.strictObject({ sent: z.number().int(), ok: z.number().int(), failed: z.number().int() }),
  errors: errorCounts,
  latencyMs: z.strictObject({ headers: statsSchema, ttft: statsSchema, e2e: statsSchema, itl: statsSchema }),
  outputTokensPerSecond: statsSchema,
  throughput: z.strictObject({
    requestsPerSecond: num.describe('Successful requests ÷ the measured phase\'s wall time.'),
    outputTokensPerSecond: num.describe('Output tokens of successful requests ÷ the measured phase\'s wall time.'),
  }),
  schedule: z
    .strictObject({
      lagMs: statsSchema.describe('Actual send − scheduled send.'),
      ttftFromScheduledMs: statsSchema,
      e2eFromScheduledMs: statsSchema,
    })
    .nullable()
    .describe('Open loop only: latency measured from the scheduled send as well (coordinated omission).'),
  tokens: z.strictObject({
    input: z.number().int(),
    output: z.number().int(),
    inputPerRequest: num.nullable(),
    outputPerRequest: num.nullable(),
    usageReportedRate: num.nullable().describe('Share of successful requests whose usage the server reported (0–1).'),
  }),
  cost: z.strictObject({
    totalUsd: num,
    per1kRequestsUsd: num.nullable().describe('Mean cost of a request with a known cost × 1,000.'),
    source: z.enum(['gateway', 'computed', 'mixed', 'unknown']),
    reportedVsComputedPct: num
      .nullable()
      .describe('(gateway-reported − computed from the price table) ÷ computed × 100, over requests that have both.'),
    priceFrom: z.string().nullable().describe('Model-table id or the target\'s pricing the computed cost used.'),
  }),
  cache: z.strictObject({ hits: z.number().int(), misses: z.number().int(), unknown: z.number().int() }),
});
export type BenchTarget = z.infer<typeof benchTargetSchema>;

export const overheadSchema = z.strictObject({
  target: z.string(),
  baseline: z.string(),
  metric: z.enum(['ttft', 'e2e']),
  n: z.number().int().describe('Rounds in which both had a successful request.'),
  p50DeltaMs: num.nullable(),
  p90DeltaMs: num.nullable(),
  ci95: z.tuple([num, num]).nullable().describe('95% bootstrap interval of p50DeltaMs (rounds resampled).'),
  p90Ci95: z.tuple([num, num]).nullable().describe('95% bootstrap interval of p90DeltaMs.'),
  verdict: z.string(),
});
export type Overhead = z.infer<typeof overheadSchema>;

export const benchDocumentSchema = z.strictObject({
  schemaVersion: z.literal(BENCH_SCHEMA_VERSION),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  status: z.enum(['completed', 'interrupted', 'max-spend']).describe('completed, interrupted (Ctrl-C/SIGTERM), or stopped at --max-spend.'),
  config: z.record(z.string(), z.unknown()).describe('The effective configuration; environment variable names only, never keys.'),
  environment: z.strictObject({ node: z.string(), os: z.string(), arch: z.string(), cpus: z.number().int(), undici: z.string() }),
  run: z.strictObject({
    mode: z.enum(['closed', 'open']),
    concurrency: z.number().int().nullable(),
    ratePerTarget: num.nullable(),
    arrival: z.enum(['poisson', 'constant']).nullable(),
    plannedRequests: z.number().int(),
    sentRequests: z.number().int(),
    durationS: num.describe('First measured send → last measured response.'),
    spentUsd: num.describe('Cost of every request sent, warmups included (gateway-reported, else computed).'),
    eventLoopDelayMs: z.strictObject({ p50: num, p99: num, max: num }).nullable().describe("The client's own event-loop delay during the run."),
  }),
  targets: z.array(benchTargetSchema),
  overhead: z.array(overheadSchema),
  warnings: z.array(z.string()),
});
export type BenchDocument = z.infer<typeof benchDocumentSchema>;
