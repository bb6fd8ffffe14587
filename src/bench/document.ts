import { z } from 'zod';
import { gateResultSchema } from '../gates/result.js';
import { ERROR_CLASSES } from './metrics.js';
import { PERCENTILES } from './stats.js';
import { targetSloSchema } from './slo-document.js';
import { RUN_ENDS, runStatus, type RunEnd, type TargetOutcome } from './status.js';

/**
 * The benchmark's result document: `--json` on stdout, `summary.json` with `--out`, the input of `report`,
 * `report merge`, `choose --bench` and `cost --bench` (`gateway-scout schema bench`). This is the one contract:
 * the reporting layer reads it through src/report/bench-input.ts, which re-exports these schemas.
 */

/**
 * 2: `status` became an object (how the run ended, whether every target was measured, which were not); it was
 * the string now in `status.ended`. Readers accept both: `upgradeBenchDocument` turns a version 1 document
 * into this shape before it is checked.
 */
export const BENCH_SCHEMA_VERSION = 2;

const num = z.number();
export const statsSchema = z.strictObject({
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
}).describe('Every statistic but n is null when n = 0.');
export type StatsDoc = z.infer<typeof statsSchema>;

/** A mergeable HDR histogram (src/histogram/hdr.ts), so several machines' percentiles come from merged counts. */
export const encodedHistogramSchema = z.strictObject({
  encoding: z.literal('hdr-v2-compressed-base64'),
  scale: z.number().positive().describe('Recorded integer = round(value × scale); 1000 records milliseconds as microseconds.'),
  significantDigits: z.number().int().min(1).max(5),
  data: z.string().min(1).describe("HdrHistogram's compressed V2 encoding, base64."),
});
export type EncodedHistogram = z.infer<typeof encodedHistogramSchema>;

/** Histograms every target carries: one per distribution in latencyMs and outputTokensPerSecond. */
export const HISTOGRAM_METRICS = ['headers', 'ttft', 'e2e', 'itl', 'outputTokensPerSecond'] as const;
/** Open loop only: one per distribution in `schedule`. */
export const SCHEDULE_HISTOGRAMS = ['lag', 'ttftFromScheduled', 'e2eFromScheduled'] as const;
export type HistogramName = (typeof HISTOGRAM_METRICS)[number] | (typeof SCHEDULE_HISTOGRAMS)[number];

const errorCounts = z.strictObject(Object.fromEntries(ERROR_CLASSES.map((c) => [c, z.number().int().nonnegative()])) as Record<(typeof ERROR_CLASSES)[number], z.ZodNumber>);

const share = z.number().min(0).max(1);
/** src/bench/stream-fidelity.ts decides these. */
export const streamingSchema = z.strictObject({
  buffered: z.boolean().nullable().describe('true: the stream arrived (almost) at once, so TTFT is the time to the whole answer; null: not streamed, or not enough data.'),
  method: z.enum(['baseline', 'absolute']).nullable().describe('baseline: compared with the baseline round by round; absolute: the weaker check without one; null: no verdict.'),
  evidence: z.string().describe('One sentence with the figures behind the verdict.'),
  requests: z.number().int().nonnegative().describe('Successful, uncached requests with at least 4 content chunks (the ones assessed).'),
  spanP50Ms: num.nullable().describe('Median first-to-last content chunk span, ms.'),
  finalBurstShareP50: share.nullable().describe('Median share of content chunks in the final burst (gaps of at most 5 ms back from the last).'),
  pairs: z.number().int().nonnegative().nullable().describe('Baseline method: rounds where both had an assessed request.'),
  baselineSpanP50Ms: num.nullable(),
  baselineFinalBurstShareP50: share.nullable(),
  spanRatioP50: num.nullable().describe('Median over paired rounds of this span ÷ the baseline\'s; buffered at 0.25 or less.'),
  atOnceShare: share.nullable().describe('Absolute method: share of requests with 90% of their content in the final burst after a silence of at least 50 ms and 10× the span; buffered at 0.5 or more.'),
});
export type StreamingDoc = z.infer<typeof streamingSchema>;

/** src/bench/usage-audit.ts decides these. */
export const usageAuditSchema = z.strictObject({
  compared: z.number().int().nonnegative().describe('Rounds where both this target and the baseline succeeded and the baseline reported usage.'),
  matching: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative().describe('No usage where the baseline reported it.'),
  zero: z.number().int().nonnegative().describe('Zero prompt or completion tokens where the baseline reported more.'),
  inflated: z.number().int().nonnegative(),
  deflated: z.number().int().nonnegative(),
  mismatchRate: share.nullable().describe('(compared − matching) ÷ compared.'),
  medianPromptDiffPct: num.nullable().describe('Median of (prompt tokens − the baseline\'s) ÷ the baseline\'s × 100.'),
  medianCompletionDiffPct: num.nullable().describe('The same for completion tokens, each pair read as it is or per character of output (the closer of the two).'),
  verdict: z.enum(['ok', 'missing', 'zeroed', 'inflated', 'deflated', 'mixed']).nullable().describe('null: the baseline itself, no baseline, or nothing compared.'),
  evidence: z.string(),
});
export type UsageAuditDoc = z.infer<typeof usageAuditSchema>;

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
    totalUsd: num.nullable().describe('Sum over measured requests whose cost is known (gateway-reported, else computed); null when none is.'),
    costedRequests: z.number().int().nonnegative().describe('Measured requests whose cost is known.'),
    per1kRequestsUsd: num.nullable().describe('totalUsd ÷ costedRequests × 1,000.'),
    source: z.enum(['gateway', 'computed', 'mixed', 'unknown']),
    reportedPer1kUsd: num.nullable().describe('Mean gateway-reported cost × 1,000, over requests the gateway reported a cost for.'),
    computedPer1kUsd: num.nullable().describe('Mean cost from the price table × 1,000, over requests it could price.'),
    reportedVsComputedPct: num
      .nullable()
      .describe('(gateway-reported − computed from the price table) ÷ computed × 100, summed over requests that have both.'),
    priceFrom: z.string().nullable().describe('Model-table id or the target\'s pricing the computed cost used.'),
  }),
  cache: z.strictObject({ hits: z.number().int(), misses: z.number().int(), unknown: z.number().int() }),
  selfReported: z
    .strictObject({
      field: z.string().describe('The response header the gateway reports it in (the catalog\'s api.selfReportedLatency).'),
      p50Ms: num.nullable().describe('Median over the successful requests that carried it; null when none did.'),
      n: z.number().int().nonnegative().describe('Successful requests that carried it.'),
    })
    .nullable()
    .optional()
    .describe(
      "The latency the gateway says it added, as it reports it: beside the measured overhead, never instead of it. null when the catalog names no such header for the gateway; absent in summaries written before it was recorded, and in pooled merges.",
    ),
  slo: targetSloSchema.nullable().optional(),
  streaming: streamingSchema
    .nullable()
    .optional()
    .describe('Stream fidelity: did the target pass the stream on as generated, or hold it and send it at once (docs/bench.md). Absent in summaries written before it was recorded, and in pooled merges.'),
  usageAudit: usageAuditSchema
    .nullable()
    .optional()
    .describe("The target's reported token usage against the baseline's, round by round (docs/bench.md). Absent in summaries written before it was recorded, and in pooled merges."),
  histograms: z
    .strictObject({
      ...Object.fromEntries(HISTOGRAM_METRICS.map((m) => [m, encodedHistogramSchema])),
      ...Object.fromEntries(SCHEDULE_HISTOGRAMS.map((m) => [m, encodedHistogramSchema.optional()])),
    } as Record<(typeof HISTOGRAM_METRICS)[number], typeof encodedHistogramSchema> & Record<(typeof SCHEDULE_HISTOGRAMS)[number], z.ZodOptional<typeof encodedHistogramSchema>>)
    .describe('The same successful requests as the statistics, as mergeable histograms (`report merge --by pooled`); lag, ttftFromScheduled and e2eFromScheduled in the open loop only.'),
});
export type BenchTarget = z.infer<typeof benchTargetSchema>;

export const overheadSchema = z.strictObject({
  target: z.string(),
  baseline: z.string(),
  metric: z.enum(['ttft', 'e2e']),
  n: z.number().int().describe('Rounds in which both had a successful request (pooled: summed over the runs).'),
  p50DeltaMs: num.nullable(),
  p90DeltaMs: num.nullable(),
  ci95: z.tuple([num, num]).nullable().describe('95% bootstrap interval of p50DeltaMs.'),
  p90Ci95: z.tuple([num, num]).nullable().describe('95% bootstrap interval of p90DeltaMs.'),
  verdict: z.string(),
});
export type Overhead = z.infer<typeof overheadSchema>;

export const pairwiseSchema = z.strictObject({
  a: z.string(),
  b: z.string(),
  metric: z.enum(['ttft', 'e2e']),
  n: z.number().int().describe('Rounds in which both a and b had a successful request.'),
  p50DeltaMs: num.nullable().describe('p50(a) − p50(b) over those rounds: negative when a is faster; null with fewer than 2 rounds.'),
  p90DeltaMs: num.nullable(),
  ci95: z.tuple([num, num]).nullable().describe('95% bootstrap interval of p50DeltaMs (whole rounds resampled, as for overhead).'),
  p90Ci95: z.tuple([num, num]).nullable(),
  verdict: z.string().describe('The comparison in words, no stronger than the interval allows ("no detectable difference" when it holds 0).'),
});
export type Pairwise = z.infer<typeof pairwiseSchema>;

export const environmentSchema = z.strictObject({
  label: z.string().nullable().describe('Where the run came from, as given with `bench --label` (never the host name); null without it.'),
  node: z.string(),
  os: z.string(),
  arch: z.string(),
  cpus: z.number().int(),
  undici: z.string(),
});
export type Environment = z.infer<typeof environmentSchema>;

const percentilePair = z.strictObject({ p50: num.nullable(), p99: num.nullable() }).describe('Over the slice\'s successful requests, from the send; null when none succeeded.');

export const sliceSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  startS: num.describe('Seconds after the first measured request was due.'),
  endS: num,
  sent: z.number().int().nonnegative().describe('Measured requests due (scheduled) in this slice.'),
  ok: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  errors: z.partialRecord(z.enum(ERROR_CLASSES), z.number().int().positive()).describe('Failed requests by class (classes without one left out).'),
  okPerSecond: num.describe('ok ÷ the slice\'s length.'),
  ttft: percentilePair,
  e2e: percentilePair,
  histograms: z.strictObject({ ttft: encodedHistogramSchema, e2e: encodedHistogramSchema }).describe('The same requests, mergeable (report merge --by pooled adds shards\' slices).'),
});
export type SliceDoc = z.infer<typeof sliceSchema>;

export const slicesSchema = z
  .strictObject({
    sliceS: num.positive().describe('Length of a slice, s.'),
    from: z.iso.datetime().describe('When slice 0 starts: the scheduled send of the first measured request.'),
    targets: z.array(
      z.strictObject({
        target: z.string(),
        origin: z.string().optional().describe('The run this row came from, when runs were merged by label.'),
        slices: z.array(sliceSchema).describe('Every slice of the measured phase, empty ones included, in order.'),
      }),
    ),
  })
  .describe('Results per time slice of the measured phase, by when each request was due, so a long run shows drift. Timed runs (duration) and --slice only.');
export type SlicesDoc = z.infer<typeof slicesSchema>;

export const shardSchema = z.strictObject({
  index: z.number().int().positive().describe('1-based, as given with --shard i/n.'),
  count: z.number().int().positive(),
});

export const runSchema = z.strictObject({
  mode: z.enum(['closed', 'open']),
  concurrency: z.number().int().nullable(),
  ratePerTarget: num.nullable(),
  arrival: z.enum(['poisson', 'constant']).nullable(),
  plannedRequests: z.number().int(),
  sentRequests: z.number().int(),
  durationS: num.describe('First measured send → last measured response.'),
  spentUsd: num.describe('Cost of every request sent, warmups included (gateway-reported, else computed).'),
  eventLoopDelayMs: z.strictObject({ p50: num, p99: num, max: num }).nullable().describe("The client's own event-loop delay during the run."),
  emulatedTargets: z
    .array(z.string())
    .optional()
    .describe(
      "Targets that answered from gateway-scout's own emulators (`bench --demo`, `emulate`; they send x-emulator-endpoint): not measurements of real gateways, so `choose --bench` and `cost --bench` refuse the run. Absent in summaries written before it was recorded.",
    ),
  shard: shardSchema.nullable().optional().describe('`bench --shard i/n`: this run is the i-th of n disjoint parts of one seeded plan; null otherwise (absent in older summaries).'),
  plannedDurationS: num.nullable().optional().describe('Timed runs: the duration asked for, s; null otherwise.'),
  ramp: z
    .strictObject({ from: num, to: num, overS: num })
    .nullable()
    .optional()
    .describe('Open loop with a linear ramp of the rate per target (ratePerTarget is then its end rate); null otherwise.'),
  workers: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Threads that sent the requests (`bench --workers`; 1: one process as before). Absent in summaries written before it was recorded.'),
});
export type RunInfo = z.infer<typeof runSchema>;

/** How a run ended (version 1's `status`). */
export const RUN_STATUSES = RUN_ENDS;

const errorClass = z.enum(ERROR_CLASSES);
export const failedTargetSchema = z.strictObject({
  target: z.string(),
  origin: z.string().optional().describe('The run this row came from, when runs were merged by label.'),
  sent: z.number().int().nonnegative().describe('Measured requests sent to it; every one failed.'),
  topError: z
    .strictObject({
      class: errorClass,
      count: z.number().int().positive(),
      example: z.string().nullable().describe('The first message of that class, free of secrets, cut for display (ending in "…" when cut).'),
    })
    .nullable()
    .describe('The most frequent error class; null when nothing was sent.'),
  reason: z.string().describe('One sentence: every error class with its count and the first message, or why nothing was sent.'),
});
export type FailedTargetDoc = z.infer<typeof failedTargetSchema>;

export const runStatusSchema = z
  .strictObject({
    ended: z.enum(RUN_ENDS).describe('completed, interrupted (Ctrl-C/SIGTERM), or stopped at --max-spend.'),
    ok: z.boolean().describe('true when every target had at least one successful measured request; false means the run failed (bench exits 3, or 130 when interrupted).'),
    failedTargets: z.array(failedTargetSchema).describe('Every target without a successful measured request: it was not measured.'),
  })
  .describe('How the run ended and whether it measured every target.');

const pctl = z.strictObject({ p50: num.nullable(), p99: num.nullable() });
export const sweepStepSchema = z.strictObject({
  target: z.string(),
  step: z.number().int().positive().describe('1-based step of the sweep.'),
  offeredRps: num.describe('The rate the step was planned at, requests per second to this target.'),
  scheduledRps: num.nullable().describe('The rate it was actually scheduled at (the seeded Poisson draw): scheduled sends per second over their middle 90% (q5 to q95).'),
  achievedRps: num.nullable().describe('Successful completions per second over the middle 90% (q5 to q95) of the step\'s completions; null with fewer than 2.'),
  sent: z.number().int().nonnegative(),
  ok: z.number().int().nonnegative(),
  errorRate: num.nullable(),
  sendLagMs: pctl.describe("The client's own lateness: actual − scheduled send."),
  latencyMs: z.strictObject({ ttft: pctl, e2e: pctl }).describe('From the scheduled send (coordinated omission counted); null values when no request succeeded.'),
  latencySlopeMsPerS: num.nullable().describe('How fast e2e (from the scheduled send) rose through the step: least-squares slope, ms per second; null with fewer than 10 successes.'),
  sloAttainment: num.nullable().describe('Share of the step\'s requests meeting every SLO bound; null without an slo.'),
  saturated: z.boolean(),
  saturatedBy: z.array(z.enum(['achieved-rate', 'latency-climbing', 'errors'])),
  clientBound: z.boolean().describe('The client could not keep up in this step: its figures say nothing about the target, and the sweep stopped.'),
  skipped: z.boolean().describe('Not run: the target saturated at a lower step.'),
});
export type SweepStepDoc = z.infer<typeof sweepStepSchema>;

export const sweepDocSchema = z
  .strictObject({
    rates: z.array(num).describe('Offered rates per target, as asked (auto: as chosen).'),
    stepDurationS: num.nullable(),
    stepRequests: z.number().int().nullable(),
    warmupPerStep: z.number().int().nonnegative().describe('Unmeasured requests per target before each step.'),
    criteria: z.strictObject({
      maxErrorRate: num,
      minAchievedRatio: num,
      minRateRequests: z.number().int().describe('Steps with fewer requests are not judged on the achieved rate.'),
      latencyClimb: z.strictObject({ minT: num, minRiseRatio: num, minRiseMs: num }),
      clientBound: z.strictObject({ floorMs: num, gaps: num }),
    }),
    clientBound: z.strictObject({ atRps: num, reason: z.string() }).nullable().describe('Set when the client, not a target, could not keep up and the sweep stopped.'),
    steps: z.array(sweepStepSchema),
    knees: z.array(
      z.strictObject({
        target: z.string(),
        maxSustainedRps: num.nullable(),
        maxRpsMeetingSlo: num.nullable(),
        saturated: z.boolean(),
        saturatedAtRps: num.nullable(),
      }),
    ),
  })
  .describe('A rate sweep (bench --sweep): per step and target, and each target\'s knee.');
export type SweepDoc = z.infer<typeof sweepDocSchema>;

export const benchDocumentSchema = z.strictObject({
  schemaVersion: z.literal(BENCH_SCHEMA_VERSION),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  status: runStatusSchema,
  config: z.record(z.string(), z.unknown()).describe('The effective configuration; environment variable names only, never keys.'),
  environment: environmentSchema,
  run: runSchema,
  targets: z.array(benchTargetSchema),
  overhead: z.array(overheadSchema),
  pairwise: z
    .array(pairwiseSchema)
    .optional()
    .describe('Gateway against gateway: every pair of non-baseline targets (a before b in config order), per metric (TTFT and e2e when streamed, else e2e). Absent in summaries written before it was recorded, and in merges.'),
  gates: z.array(gateResultSchema).describe('Every --fail-on gate for every target it applies to; empty without --fail-on.'),
  warnings: z.array(z.string()),
  sweep: sweepDocSchema
    .nullable()
    .optional()
    .describe('Sweep runs only: the steps and knees. The run\'s targets[] then pool every measured step.'),
  slices: slicesSchema.nullable().optional(),
});
export type BenchDocument = z.infer<typeof benchDocumentSchema>;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A target row as far as a status needs it; anything else is left for the schema to report. */
function outcomeOf(t: unknown): TargetOutcome | undefined {
  if (!isRecord(t) || typeof t.name !== 'string' || !isRecord(t.requests) || !isRecord(t.errors)) return undefined;
  const { sent, ok } = t.requests;
  if (typeof sent !== 'number' || typeof ok !== 'number') return undefined;
  const errors = Object.fromEntries(Object.entries(t.errors).filter(([, n]) => typeof n === 'number')) as TargetOutcome['errors'];
  return { name: t.name, ...(typeof t.origin === 'string' ? { origin: t.origin } : {}), requests: { sent, ok }, errors };
}

/**
 * A version 1 summary (or merged summary) in today's shape: its `status` string becomes `status.ended`, and the
 * failed targets are worked out from its rows as bench would have named them (without the first message, which
 * version 1 kept only in its notes). Anything else is returned as it is, for the schema to judge.
 */
export function upgradeBenchDocument(raw: unknown): unknown {
  if (!isRecord(raw) || raw.schemaVersion !== 1 || typeof raw.status !== 'string' || !(RUN_ENDS as readonly string[]).includes(raw.status)) return raw;
  const rows = Array.isArray(raw.targets) ? raw.targets.map(outcomeOf).filter((t): t is TargetOutcome => t !== undefined) : [];
  return { ...raw, schemaVersion: BENCH_SCHEMA_VERSION, status: runStatus(raw.status as RunEnd, rows) };
}
