import { BENCH_SCHEMA_VERSION, type StatsDoc } from '../bench/document.js';
import { verdict } from '../bench/stats.js';
import { runStatus, type RunEnd, type TargetOutcome } from '../bench/status.js';
import { InputError, UsageError, type Issue } from '../errors.js';
import { histogramStats, mergeHistograms } from '../histogram/hdr.js';
import {
  HISTOGRAM_METRICS,
  SCHEDULE_HISTOGRAMS,
  type BenchTarget,
  type BenchView,
  type EncodedHistogram,
  type HistogramName,
  type MergedSummary,
  type MergeInfo,
  type MergeMode,
  type Overhead,
} from '../report/bench-input.js';
import { histogramDelta } from './bootstrap.js';
import { configDifferences } from './config-diff.js';
import { poolSlo } from './pool-slo.js';
import { checkShards } from './shards.js';
import { labelSlices, poolSlices } from './slices.js';
import { apartWarning, pooledDuration, pooledRate, togetherGroups, type RunSpan } from './together.js';

/**
 * `report merge`: several machines' runs of one benchmark config into one summary.
 *
 * - `label`: a row per target and origin, side by side — the multi-region comparison. Rows keep their own
 *   statistics; nothing is combined.
 * - `pooled`: machines that shared one load test (shards). Same targets become one row: requests, errors,
 *   tokens, cache counts, costs and throughput summed; percentiles computed from the merged HDR histograms
 *   (never by averaging percentiles), mean, min and max from the runs' exact ones; overhead recomputed from the
 *   merged histograms with a seeded bootstrap.
 *
 * Both refuse runs whose configs differ (apart from the seed): their numbers would not measure the same thing.
 */

export interface RunInput {
  file: string;
  summary: BenchView;
}

/** What a run is called in a merge: its `bench --label`, else its file name. */
export const runLabel = (r: RunInput): string => r.summary.environment?.label ?? r.file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');

/** Shards may use different seeds (their nonces then differ too); every other setting must match. */
const IGNORED = new Set(['seed']);

export function mergeRuns(runs: readonly RunInput[], by: MergeMode, seed = 1): MergedSummary {
  if (runs.length < 2) throw new UsageError('report merge needs at least two runs to merge.', 'Pass two or more summary.json files or --out folders.');
  const [first] = runs as [RunInput, ...RunInput[]];
  for (const r of runs) {
    if (r.summary.merge) throw new InputError(`${r.file} is already a merged summary.`, r.file, [], 'Merge the runs themselves (their summary.json files or --out folders), all at once.');
  }
  for (const r of runs.slice(1)) {
    const diffs = configDifferences(first.summary.config, r.summary.config).filter((d) => !IGNORED.has(d.path));
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
    runs: runs.map((r, i) => ({
      file: r.file,
      label: labels[i]!,
      startedAt: r.summary.startedAt,
      finishedAt: r.summary.finishedAt,
      status: r.summary.status.ended,
      // null for a run cut short and rebuilt from requests.jsonl: its environment was never written.
      environment: r.summary.environment,
      run: r.summary.run!,
    })),
  };
  const statuses = runs.map((r) => r.summary.status.ended);
  const ended: RunEnd = statuses.includes('interrupted') ? 'interrupted' : statuses.includes('max-spend') ? 'max-spend' : 'completed';
  // The first message of a class, as the run that measured the row (by label) or the first run that had it kept it.
  const exampleOf = (t: TargetOutcome, c: string) =>
    runs
      .filter((_, i) => t.origin === undefined || labels[i] === t.origin)
      .flatMap((r) => r.summary.status.failedTargets)
      .find((f) => f.target === t.name && f.topError?.class === c)?.topError?.example ?? undefined;
  const base = {
    // Every input was read in today's shape (a version 1 summary is upgraded when read).
    schemaVersion: BENCH_SCHEMA_VERSION as typeof BENCH_SCHEMA_VERSION,
    startedAt: runs.map((r) => r.summary.startedAt).sort()[0]!,
    finishedAt: runs.map((r) => r.summary.finishedAt).sort().at(-1)!,
    config: first.summary.config,
    environment: null,
    // Gates belong to the run that evaluated them; `report --fail-on` evaluates the merged rows afresh.
    gates: [],
  };
  const warnings = runs.flatMap((r, i) => r.summary.warnings.map((w) => `${labels[i]}: ${w}`));

  if (by === 'label') {
    const names = first.summary.targets.map((t) => t.name);
    const rows = names.flatMap((name) => runs.flatMap((r, i) => r.summary.targets.filter((t) => t.name === name).map((t) => ({ ...t, origin: labels[i]! }))));
    const overhead = names.flatMap((name) => runs.flatMap((r, i) => r.summary.overhead.filter((o) => o.target === name).map((o) => ({ ...o, origin: labels[i]! }))));
    const sliced = labelSlices(runs, labels);
    return { ...base, status: runStatus(ended, rows, exampleOf), run: null, targets: rows, overhead, warnings: [...warnings, ...sliced.warnings], merge, ...slicesField(sliced) };
  }

  const sloNotes: string[] = [];
  const shardNotes = checkShards(runs);
  // Runs that did not run together do not add their throughputs (src/merge/together.ts).
  const spans: RunSpan[] = runs.map((r, i) => ({ label: labels[i]!, startedAt: r.summary.startedAt, finishedAt: r.summary.finishedAt, durationS: r.summary.run?.durationS ?? 0 }));
  const groups = togetherGroups(spans);
  const groupOf = runs.map((_, i) => groups.findIndex((g) => g.includes(i)));
  const sliced = poolSlices(runs, groupOf);
  const rate = (xs: readonly number[]) => pooledRate(xs, groups, spans);
  const apart = apartWarning(spans, groups);

  const targets = withPooledSlo(first.summary.targets.map((t) => poolTarget(t.name, runs, labels, rate)), runs, sloNotes, rate);
  const overhead = first.summary.overhead.map((o) => poolOverhead(o, runs, targets, seed));
  // A shard that measured nothing of a target still adds its failures to the pooled row: say which.
  const shardFailures = runs.flatMap((r, i) => r.summary.status.failedTargets.map((f) => `${labels[i]}: ${f.target} was not measured in this run (${f.reason}).`));
  const note = `Pooled ${runs.length} shards (${labels.join(', ')}): percentiles come from their merged histograms; overhead intervals resample each side's merged histogram (unpaired, so wider than one run's paired interval).`;
  return { ...base, status: runStatus(ended, targets, exampleOf), run: poolRun(runs, pooledDuration(groups, spans)), targets, overhead, warnings: [...(apart ? [apart] : []), ...warnings, ...shardFailures, ...shardNotes, ...sliced.warnings, ...sloNotes, note], merge, ...slicesField(sliced) };
}

/** The pooled rows with their `slo` blocks (the baseline's first: the others' difference is from it). */
function withPooledSlo(targets: BenchTarget[], runs: readonly RunInput[], notes: string[], rate: (xs: readonly number[]) => number): BenchTarget[] {
  const shards = (name: string) => runs.map((r) => r.summary.targets.find((x) => x.name === name)?.slo);
  const baseRow = targets.find((t) => t.baseline);
  const base = baseRow === undefined ? undefined : poolSlo(baseRow.name, shards(baseRow.name), undefined, rate).slo;
  return targets.map((t) => {
    const pooled = poolSlo(t.name, shards(t.name), t.baseline ? undefined : base, rate);
    if ('warning' in pooled && pooled.warning) notes.push(pooled.warning);
    if (pooled.slo === undefined) return t;
    const { histograms, ...rest } = t;
    return { ...rest, slo: pooled.slo, histograms };
  });
}

const slicesField = (s: { slices?: MergedSummary['slices'] }) => (s.slices !== undefined ? { slices: s.slices } : {});

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const sumOf = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);
/** Σ w·v ÷ Σ w over the items where v is known; null when none is (or the weights are all 0). */
function weighted<T>(xs: readonly T[], v: (x: T) => number | null, w: (x: T) => number): number | null {
  let num = 0;
  let den = 0;
  for (const x of xs) {
    const value = v(x);
    if (value === null) continue;
    num += value * w(x);
    den += w(x);
  }
  return den === 0 ? null : num / den;
}

/** The runs' statistics of one distribution, pooled: percentiles from the merged histogram, the rest exact. */
function poolStats(stats: readonly StatsDoc[], histogram: EncodedHistogram): StatsDoc {
  const known = stats.filter((s) => s.n > 0);
  const moments =
    known.length === 0 ? null : { mean: sumOf(known, (s) => s.mean! * s.n) / sumOf(known, (s) => s.n), min: Math.min(...known.map((s) => s.min!)), max: Math.max(...known.map((s) => s.max!)) };
  return histogramStats(histogram, moments);
}

function poolTarget(name: string, runs: readonly RunInput[], labels: readonly string[], rate: (xs: readonly number[]) => number): BenchTarget {
  const ts = runs.map((r, i) => {
    const t = r.summary.targets.find((x) => x.name === name);
    if (!t) throw new InputError(`Run ${labels[i]} has no target "${name}".`, r.file);
    return t;
  });
  const open = ts.every((t) => t.schedule !== null);
  const histograms = {} as BenchTarget['histograms'];
  for (const m of [...HISTOGRAM_METRICS, ...(open ? SCHEDULE_HISTOGRAMS : [])] as HistogramName[]) {
    histograms[m] = mergeHistograms(
      ts.map((t, i) => {
        const h = t.histograms[m];
        if (!h) throw new InputError(`Cannot pool ${runs[i]!.file}: target "${name}" carries no ${m} histogram.`, runs[i]!.file, [{ path: `targets[name=${name}].histograms.${m}`, message: 'missing' }]);
        return h;
      }),
    );
  }
  const h = histograms as Required<BenchTarget['histograms']>;
  const ok = sumOf(ts, (t) => t.requests.ok);
  const errors = { ...ts[0]!.errors };
  for (const t of ts.slice(1)) for (const k of Object.keys(errors) as Array<keyof typeof errors>) errors[k] += t.errors[k];
  const costed = sumOf(ts, (t) => t.cost.costedRequests);
  const totals = ts.map((t) => t.cost.totalUsd).filter((x): x is number => x !== null);
  const totalUsd = totals.length === 0 ? null : round(totals.reduce((a, b) => a + b, 0), 9);
  const sources = [...new Set(ts.map((t) => t.cost.source).filter((s) => s !== 'unknown'))];
  // Each run's reported and computed cost, weighted by its priced requests: exact when, within a run, every
  // priced request has the same kinds of cost (always so for one gateway), a close estimate otherwise.
  const computedUsd = (t: BenchTarget) => ((t.cost.computedPer1kUsd ?? 0) * t.cost.costedRequests) / 1000;
  const pct = weighted(ts, (t) => t.cost.reportedVsComputedPct, computedUsd);
  const first = ts[0]!;
  return {
    name,
    gateway: first.gateway,
    model: first.model,
    url: first.url,
    baseline: first.baseline,
    requests: { sent: sumOf(ts, (t) => t.requests.sent), ok, failed: sumOf(ts, (t) => t.requests.failed) },
    errors,
    latencyMs: {
      headers: poolStats(ts.map((t) => t.latencyMs.headers), h.headers),
      ttft: poolStats(ts.map((t) => t.latencyMs.ttft), h.ttft),
      e2e: poolStats(ts.map((t) => t.latencyMs.e2e), h.e2e),
      itl: poolStats(ts.map((t) => t.latencyMs.itl), h.itl),
    },
    outputTokensPerSecond: poolStats(ts.map((t) => t.outputTokensPerSecond), h.outputTokensPerSecond),
    // Shards that ran at the same time add up to the load test's throughput; runs made apart do not (together.ts).
    throughput: {
      requestsPerSecond: round(rate(ts.map((t) => t.throughput.requestsPerSecond)), 3),
      outputTokensPerSecond: round(rate(ts.map((t) => t.throughput.outputTokensPerSecond)), 3),
    },
    schedule: open
      ? {
          lagMs: poolStats(ts.map((t) => t.schedule!.lagMs), h.lag),
          ttftFromScheduledMs: poolStats(ts.map((t) => t.schedule!.ttftFromScheduledMs), h.ttftFromScheduled),
          e2eFromScheduledMs: poolStats(ts.map((t) => t.schedule!.e2eFromScheduledMs), h.e2eFromScheduled),
        }
      : null,
    tokens: {
      input: sumOf(ts, (t) => t.tokens.input),
      output: sumOf(ts, (t) => t.tokens.output),
      inputPerRequest: nullableRound(weighted(ts, (t) => t.tokens.inputPerRequest, (t) => t.requests.ok), 1),
      outputPerRequest: nullableRound(weighted(ts, (t) => t.tokens.outputPerRequest, (t) => t.requests.ok), 1),
      usageReportedRate: nullableRound(weighted(ts, (t) => t.tokens.usageReportedRate, (t) => t.requests.ok), 4),
    },
    cost: {
      totalUsd,
      costedRequests: costed,
      per1kRequestsUsd: totalUsd === null || costed === 0 ? null : round((totalUsd / costed) * 1000, 6),
      source: sources.length === 0 ? 'unknown' : sources.length === 1 ? sources[0]! : 'mixed',
      reportedPer1kUsd: nullableRound(weighted(ts, (t) => t.cost.reportedPer1kUsd, (t) => t.cost.costedRequests), 6),
      computedPer1kUsd: nullableRound(weighted(ts, (t) => t.cost.computedPer1kUsd, (t) => t.cost.costedRequests), 6),
      reportedVsComputedPct: nullableRound(pct, 3),
      priceFrom: first.cost.priceFrom,
    },
    cache: { hits: sumOf(ts, (t) => t.cache.hits), misses: sumOf(ts, (t) => t.cache.misses), unknown: sumOf(ts, (t) => t.cache.unknown) },
    histograms: h,
  };
}

const nullableRound = (x: number | null, d: number) => (x === null ? null : round(x, d));

const METRIC_WORD = { ttft: 'TTFT', e2e: 'e2e' } as const;

function poolOverhead(o: Overhead, runs: readonly RunInput[], targets: readonly BenchTarget[], seed: number): Overhead {
  const t = targets.find((x) => x.name === o.target)!.histograms[o.metric];
  const b = targets.find((x) => x.name === o.baseline)!.histograms[o.metric];
  const n = sumOf(runs, (r) => r.summary.overhead.find((x) => x.target === o.target && x.metric === o.metric)?.n ?? 0);
  const d = n < 2 ? undefined : histogramDelta(t, b, seed);
  return {
    target: o.target,
    baseline: o.baseline,
    metric: o.metric,
    n,
    p50DeltaMs: d?.p50 ?? null,
    p90DeltaMs: d?.p90 ?? null,
    ci95: d?.ci50 ?? null,
    p90Ci95: d?.ci90 ?? null,
    verdict: verdict(o.target, METRIC_WORD[o.metric], d && { n, ...d }, n),
  };
}

function poolRun(runs: readonly RunInput[], durationS: number): MergedSummary['run'] {
  const rs = runs.map((r) => r.summary.run!);
  const loops = rs.map((r) => r.eventLoopDelayMs).filter((x) => x !== null);
  return {
    ...rs[0]!,
    plannedRequests: sumOf(rs, (r) => r.plannedRequests),
    sentRequests: sumOf(rs, (r) => r.sentRequests),
    // The longest shard's when all ran together, else the time measured added up over the runs made apart.
    durationS: round(durationS, 3),
    spentUsd: round(sumOf(rs, (r) => r.spentUsd), 9),
    // The busiest client's: a warning about the client being the bottleneck should not be averaged away.
    // The pooled run is the whole plan, no longer one part of it.
    ...(rs[0]!.shard !== undefined ? { shard: null } : {}),
    eventLoopDelayMs: loops.length === 0 ? null : { p50: Math.max(...loops.map((l) => l.p50)), p99: Math.max(...loops.map((l) => l.p99)), max: Math.max(...loops.map((l) => l.max)) },
    // A target that answered from an emulator in any shard did so in the pooled run.
    ...(rs.some((r) => r.emulatedTargets !== undefined) ? { emulatedTargets: [...new Set(rs.flatMap((r) => r.emulatedTargets ?? []))] } : {}),
  };
}
