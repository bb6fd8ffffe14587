import { InputError, UsageError, type Issue } from '../errors.js';
import { histogramStats, mergeHistograms } from '../histogram/hdr.js';
import {
  COST_SOURCES,
  costPer1k,
  HISTOGRAM_METRICS,
  warningText,
  type BenchSummary,
  type BenchTarget,
  type EncodedHistogram,
  type Overhead,
} from '../report/bench-input.js';
import { bootstrapDifference } from './bootstrap.js';
import { configDifferences } from './config-diff.js';

/**
 * `report merge`: several machines' runs of one benchmark config into one summary.
 *
 * - `label`: a row per target and origin, side by side — the multi-region comparison. Rows keep their own
 *   statistics; nothing is combined.
 * - `pooled`: machines that shared one load test (shards). Same targets become one row: requests, errors,
 *   tokens, cache counts and costs summed; percentiles computed from the merged HDR histograms (never by
 *   averaging percentiles); overhead recomputed from the merged histograms with a seeded bootstrap.
 *
 * Both refuse runs whose configs differ: their numbers would not measure the same thing.
 */

export const MERGE_MODES = ['label', 'pooled'] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

export interface RunInput {
  file: string;
  summary: BenchSummary;
}

export interface MergeInfo {
  by: MergeMode;
  runs: Array<{ file: string; label: string; startedAt: string; finishedAt: string; environment: BenchSummary['environment'] }>;
}

export type MergedSummary = BenchSummary & { merge: MergeInfo };

/** What a run is called in a merge: its `bench --label`, else its file name. */
export const runLabel = (r: RunInput): string => r.summary.environment.label ?? r.file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');

export function mergeRuns(runs: readonly RunInput[], by: MergeMode, seed = 1): MergedSummary {
  if (runs.length < 2) throw new UsageError('report merge needs at least two runs to merge.', 'Pass two or more summary.json files or --out folders.');
  const [first] = runs as [RunInput, ...RunInput[]];
  for (const r of runs.slice(1)) {
    const diffs = configDifferences(first.summary.config, r.summary.config);
    if (diffs.length > 0) {
      const issues: Issue[] = diffs.slice(0, 20).map((d) => ({ path: `config.${d.path}`, message: `${first.file} has ${d.a}, this run has ${d.b}` }));
      throw new InputError(`Cannot merge ${r.file}: its benchmark config differs from ${first.file}'s.`, r.file, issues, 'Merge only runs of the same config file (the same targets, requests, prompt, concurrency …); run each config separately.');
    }
  }
  const labels = runs.map(runLabel);
  const dup = labels.find((l, i) => labels.indexOf(l) !== i);
  if (dup !== undefined) throw new InputError(`Two runs are both labelled "${dup}".`, runs[labels.lastIndexOf(dup)]?.file, [], 'Give each machine its own `bench --label NAME` (or distinct file names).');

  const merge: MergeInfo = {
    by,
    runs: runs.map((r, i) => ({ file: r.file, label: labels[i] as string, startedAt: r.summary.startedAt, finishedAt: r.summary.finishedAt, environment: r.summary.environment })),
  };
  const startedAt = runs.map((r) => r.summary.startedAt).sort()[0] as string;
  const finishedAt = runs.map((r) => r.summary.finishedAt).sort().at(-1) as string;
  const warnings = runs.flatMap((r, i) => r.summary.warnings.map((w) => `${labels[i]}: ${warningText(w)}`));
  const base = { schemaVersion: first.summary.schemaVersion, startedAt, finishedAt, config: first.summary.config, environment: {}, warnings };

  if (by === 'label') {
    const names = first.summary.targets.map((t) => t.name);
    const rows = names.flatMap((name) => runs.flatMap((r, i) => r.summary.targets.filter((t) => t.name === name).map((t) => ({ ...t, origin: labels[i] as string }))));
    const overhead = names.flatMap((name) => runs.flatMap((r, i) => r.summary.overhead.filter((o) => o.target === name).map((o) => ({ ...o, origin: labels[i] as string }))));
    return { ...base, targets: rows, overhead, merge };
  }

  const targets = first.summary.targets.map((t) => poolTarget(t.name, runs, labels));
  const overhead = first.summary.overhead
    .map((o) => poolOverhead(o, targets, seed))
    .filter((o): o is Overhead => o !== undefined);
  return { ...base, targets, overhead, warnings: [...warnings, `Pooled ${runs.length} shards (${labels.join(', ')}): percentiles come from their merged histograms.`], merge };
}

function poolTarget(name: string, runs: readonly RunInput[], labels: readonly string[]): BenchTarget {
  const rows = runs.map((r, i) => {
    const t = r.summary.targets.find((x) => x.name === name);
    if (!t) throw new InputError(`Run ${labels[i]} has no target "${name}".`, r.file);
    return { t, file: r.file };
  });
  const histograms: Partial<Record<(typeof HISTOGRAM_METRICS)[number], EncodedHistogram>> = {};
  for (const m of HISTOGRAM_METRICS) {
    const list = rows.map(({ t, file }) => {
      const h = t.histograms?.[m];
      if (!h) throw new InputError(`Cannot pool ${file}: target "${name}" carries no ${m} histogram.`, file, [{ path: `targets[name=${name}].histograms.${m}`, message: 'missing' }], 'Pooling needs the histograms a summary carries; re-run bench with a version that writes them, or merge --by label.');
      return h;
    });
    histograms[m] = mergeHistograms(list);
  }
  const ts = rows.map((r) => r.t);
  const sum = (f: (t: BenchTarget) => number) => ts.reduce((a, t) => a + f(t), 0);
  const sent = sum((t) => t.requests.sent);
  const errors: BenchTarget['errors'] = {};
  for (const t of ts) for (const [k, v] of Object.entries(t.errors) as Array<[keyof BenchTarget['errors'], number]>) errors[k] = (errors[k] ?? 0) + v;
  const ok = sum((t) => t.requests.ok);
  const usageKnown = ts.every((t) => t.tokens.usageReportedRate !== null);
  const totals = ts.map((t) => t.cost.totalUsd);
  const totalUsd = totals.every((x) => x !== null) ? totals.reduce((a: number, x) => a + (x as number), 0) : null;
  const sources = [...new Set(ts.map((t) => t.cost.source))];
  // Reported and computed totals from each shard's per-1k figures, so their difference can be recomputed.
  const split = ts.map((t) => ({ ...costPer1k(t), sent: t.requests.sent }));
  const reportedTotal = split.every((s) => s.reported !== null) ? split.reduce((a, s) => a + ((s.reported as number) * s.sent) / 1000, 0) : null;
  const computedTotal = split.every((s) => s.computed !== null) ? split.reduce((a, s) => a + ((s.computed as number) * s.sent) / 1000, 0) : null;
  return {
    name,
    gateway: ts[0]!.gateway,
    model: ts[0]!.model,
    requests: { sent, ok, failed: sum((t) => t.requests.failed) },
    errors,
    latencyMs: { ttft: histogramStats(histograms.ttft!), e2e: histogramStats(histograms.e2e!), itl: histogramStats(histograms.itl!) },
    outputTokensPerSecond: histogramStats(histograms.outputTokensPerSecond!),
    tokens: {
      input: sum((t) => t.tokens.input),
      output: sum((t) => t.tokens.output),
      usageReportedRate: usageKnown && ok > 0 ? sum((t) => (t.tokens.usageReportedRate as number) * t.requests.ok) / ok : null,
    },
    cost: {
      totalUsd,
      per1kRequestsUsd: totalUsd === null || sent === 0 ? null : (totalUsd / sent) * 1000,
      source: sources.length === 1 ? (sources[0] as (typeof COST_SOURCES)[number]) : 'mixed',
      reportedVsComputedPct: reportedTotal !== null && computedTotal !== null && computedTotal > 0 ? ((reportedTotal - computedTotal) / computedTotal) * 100 : null,
      reportedPer1kUsd: reportedTotal === null || sent === 0 ? null : (reportedTotal / sent) * 1000,
      computedPer1kUsd: computedTotal === null || sent === 0 ? null : (computedTotal / sent) * 1000,
    },
    cache: { hits: sum((t) => t.cache.hits), misses: sum((t) => t.cache.misses), unknown: sum((t) => t.cache.unknown) },
    histograms,
  };
}

const METRIC_WORD = { ttft: 'TTFT', e2e: 'e2e' } as const;

/** The words for an overhead interval, as bench phrases them: a difference only when the interval excludes 0. */
export function overheadVerdict(metric: 'ttft' | 'e2e', p50: number, ci: [number, number] | null): string {
  if (ci === null) return 'not enough data for an interval';
  const ms = (x: number) => String(Math.round(x));
  if (ci[0] > 0) return `adds ${ms(p50)} ms (${ms(ci[0])}–${ms(ci[1])} ms) to ${METRIC_WORD[metric]}`;
  if (ci[1] < 0) return `saves ${ms(-p50)} ms (${ms(-ci[1])}–${ms(-ci[0])} ms) on ${METRIC_WORD[metric]}`;
  return 'no difference detectable at this sample size';
}

function poolOverhead(o: Overhead, targets: readonly BenchTarget[], seed: number): Overhead | undefined {
  const t = targets.find((x) => x.name === o.target)?.histograms?.[o.metric];
  const b = targets.find((x) => x.name === o.baseline)?.histograms?.[o.metric];
  if (!t || !b) return undefined;
  const st = histogramStats(t);
  const sb = histogramStats(b);
  const p50 = st.p50 === null || sb.p50 === null ? null : st.p50 - sb.p50;
  const p90 = st.p90 === null || sb.p90 === null ? null : st.p90 - sb.p90;
  const ci95 = bootstrapDifference(t, b, 50, seed);
  return { target: o.target, baseline: o.baseline, metric: o.metric, p50DeltaMs: p50, p90DeltaMs: p90, ci95, verdict: p50 === null ? 'not measured' : overheadVerdict(o.metric, p50, ci95) };
}
