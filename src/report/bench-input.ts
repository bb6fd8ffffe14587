import { z } from 'zod';
import { fmtMs } from '../bench/stats.js';
import {
  benchDocumentSchema,
  benchTargetSchema,
  environmentSchema,
  overheadSchema,
  RUN_STATUSES,
  runSchema,
  type BenchDocument,
} from '../bench/document.js';

/**
 * What the reporting layer reads: bench's own result document (src/bench/document.ts, re-exported here, never
 * copied), either as one run wrote it or as `report merge` combined several. A merged document is the same
 * shape with three differences: rows and overhead entries may carry the `origin` they were measured from
 * (`--by label`), a `merge` section lists the runs, and `environment` (and, by label, `run`) are null at the top
 * because each run has its own (they are in `merge.runs`).
 */

export {
  BENCH_SCHEMA_VERSION,
  benchDocumentSchema,
  encodedHistogramSchema,
  HISTOGRAM_METRICS,
  SCHEDULE_HISTOGRAMS,
  type BenchDocument,
  type EncodedHistogram,
  type HistogramName,
  type StatsDoc as Stats,
  upgradeBenchDocument,
} from '../bench/document.js';
export { describeFailure, type FailedTarget, type RunStatus } from '../bench/status.js';
export { ERROR_CLASSES, type ErrorClass } from '../bench/metrics.js';
export { requestRecordSchema, type RequestRecord } from '../bench/record.js';

const origin = z.string().optional().describe('The run this row came from, when runs were merged by label.');
export const viewTargetSchema = benchTargetSchema.extend({ origin });
export const viewOverheadSchema = overheadSchema.extend({ origin });
export type BenchTarget = z.infer<typeof viewTargetSchema>;
export type Overhead = z.infer<typeof viewOverheadSchema>;

export const MERGE_MODES = ['label', 'pooled'] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

export const mergeInfoSchema = z.strictObject({
  by: z.enum(MERGE_MODES),
  runs: z.array(
    z.strictObject({
      file: z.string(),
      label: z.string().describe('The run\'s `bench --label`, else its file name.'),
      startedAt: z.string(),
      finishedAt: z.string(),
      status: z.enum(RUN_STATUSES).describe("How that run ended (its status.ended); the rows it could not measure are in the top-level status."),
      environment: environmentSchema.nullable().describe('null: a run cut short and rebuilt from its requests.jsonl, whose environment was not recorded.'),
      run: runSchema,
    }),
  ),
});
export type MergeInfo = z.infer<typeof mergeInfoSchema>;

/** One run, or several merged: what `report` accepts. */
export const benchViewSchema = benchDocumentSchema.extend({
  environment: environmentSchema.nullable(),
  run: runSchema.nullable(),
  targets: z.array(viewTargetSchema).min(1),
  overhead: z.array(viewOverheadSchema),
  merge: mergeInfoSchema.optional(),
  rebuilt: z
    .strictObject({
      from: z.literal('requests.jsonl'),
      records: z.number().int().nonnegative(),
      skippedLines: z.array(z.number().int().positive()).describe('Lines of requests.jsonl skipped: a last line cut off mid-write.'),
    })
    .optional()
    .describe('Set by `report` when the run left no summary.json (killed before it finished): the summary was rebuilt from its records (src/bench/rebuild.ts).'),
});
export type BenchView = z.infer<typeof benchViewSchema>;

/** `report merge` output (`gateway-scout schema merged`). */
export const mergedSummarySchema = benchViewSchema
  .extend({ merge: mergeInfoSchema })
  .describe('Several bench runs of one config merged: side by side (label) or as shards of one load test (pooled).');
export type MergedSummary = z.infer<typeof mergedSummarySchema>;

// ---- Derived values the report shows. ----

/** Failed ÷ sent; null when nothing was sent. */
export const errorRate = (t: BenchTarget): number | null => (t.requests.sent === 0 ? null : t.requests.failed / t.requests.sent);

/** Hits ÷ (hits + misses); requests whose cache status is unknown are left out. Null when none is known. */
export const cacheHitRate = (t: BenchTarget): number | null => {
  const known = t.cache.hits + t.cache.misses;
  return known === 0 ? null : t.cache.hits / known;
};

/**
 * Environment variables holding secrets that the config names (their values must be masked). bench writes each
 * target's effective variable names into the config, catalog defaults included.
 */
export function keyVariableNames(config: BenchDocument['config']): string[] {
  const targets = Array.isArray(config.targets) ? (config.targets as Array<Record<string, unknown>>) : [];
  const names = targets.flatMap((t) => [t?.apiKeyEnv, t?.gatewayTokenEnv]);
  return [...new Set(names.filter((v): v is string => typeof v === 'string' && v !== ''))];
}

/** A row's display name: the target, with the origin it was measured from when runs were merged by label. */
export const rowName = (t: { name: string; origin?: string | undefined }): string => (t.origin ? `${t.name} @ ${t.origin}` : t.name);

/**
 * A target whose stream arrived at once (targets[].streaming, docs/bench.md): its TTFT is the time to the whole
 * answer and its ITL and tokens/s are not generation figures, so every report labels them.
 */
export const isBuffered = (t: Pick<BenchTarget, 'streaming'>): boolean => t.streaming?.buffered === true;
export const BUFFERED_NOTE = 'buffered stream: TTFT is the time to the whole answer; ITL and tokens/s are not generation figures';

/**
 * What the gateway itself says it added, for an overhead row (its target's row, same origin): "+3.2 ms (p50 of
 * x-litellm-overhead-duration-ms, n=20)". Undefined when the gateway reports nothing, or no response carried it.
 * Shown beside the measured overhead, never instead of it: it is the gateway's own account.
 */
export function selfReportedText(b: Pick<BenchView, 'targets'>, o: { target: string; origin?: string | undefined }): string | undefined {
  const said = b.targets.find((t) => t.name === o.target && t.origin === o.origin)?.selfReported;
  if (!said || said.p50Ms === null) return undefined;
  return `+${fmtMs(said.p50Ms)} ms (p50 of ${said.field}, n=${said.n})`;
}
