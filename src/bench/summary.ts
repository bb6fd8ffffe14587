import { encodeValues } from '../histogram/hdr.js';
import { BENCH_SCHEMA_VERSION, type BenchDocument, type BenchTarget, type Overhead } from './document.js';
import { fidelity, fidelityWarnings } from './fidelity-summary.js';
import { ERROR_CLASSES, type ErrorClass } from './metrics.js';
import type { Rows, SampleTable } from './samples.js';
import { sliceResults } from './slices.js';
import { pairedRounds, roundPairs, streamHash } from './paired.js';
import { pairwise } from './pairwise.js';
import { describe, fmtMs, percentileDelta, verdict } from './stats.js';
import type { Slo } from './slo.js';
import { goodFlags, targetSlo, type SloSide } from './slo-summary.js';
import { runStatus, type RunEnd } from './status.js';
import type { Target } from './targets.js';

/** From the kept samples to the result document (pure). */

export interface SummaryInput {
  startedAt: Date;
  finishedAt: Date;
  /** How the run ended; whether it measured every target is worked out here. */
  ended: RunEnd;
  config: Record<string, unknown>;
  environment: BenchDocument['environment'];
  run: Omit<BenchDocument['run'], 'durationS' | 'sentRequests'>;
  targets: readonly Target[];
  baseline: number | undefined;
  samples: SampleTable;
  seed: number;
  /** First error message per target and class, already free of secrets. */
  errorExamples: ReadonlyMap<string, string>;
  warnings: readonly string[];
  /** The config's slo (flags applied): every target then gets its `slo` block. */
  slo?: Slo | undefined;
  /** Results per time slice: their length and a timed run's duration (both s); absent: none. */
  slices?: { sliceS: number; plannedS: number | null };
}

/** Findings below these are noise, above them worth a line in the report. */
const COST_DIFF_PCT = 0.5;
const LAG_P99_MS = 5;
const LOOP_P99_MS = 10;

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function targetSummary(t: Target, isBaseline: boolean, mine: Rows, ok: Rows, durationS: number, open: boolean): BenchTarget {
  const errors = Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
  for (const i of mine.index) {
    const e = mine.error(i);
    if (e) errors[e]++;
  }
  const costed = mine.count(mine.has('costUsd'));
  const sources = new Set<string>();
  for (const i of mine.index) if (mine.has('costUsd')(i)) sources.add(mine.source(i));
  const both = (i: number) => mine.has('gatewayCostUsd')(i) && mine.has('computedCostUsd')(i);
  const computedBoth = mine.sum('computedCostUsd', both);
  const totalUsd = mine.sum('costUsd');
  const meanPer1k = (f: 'gatewayCostUsd' | 'computedCostUsd') => {
    const k = mine.count(mine.has(f));
    return k === 0 ? null : round((mine.sum(f) / k) * 1000, 6);
  };
  const outputOk = ok.sum('outputTokens');
  // Open loop only: the send lag, and latencies from the scheduled send (so coordinated omission does not flatter the tail).
  const plusLag = (f: 'ttftMs' | 'e2eMs') => ok.values(f).map((v, k) => (v === null ? null : v + ok.number('lagMs', ok.index[k]!)));
  const sched = open ? { lag: mine.values('lagMs'), ttft: plusLag('ttftMs'), e2e: plusLag('e2eMs') } : null;
  const dists = {
    headers: ok.values('headersMs'),
    ttft: ok.values('ttftMs'),
    e2e: ok.values('e2eMs'),
    itl: ok.values('itlMs'),
    outputTokensPerSecond: ok.values('tokensPerSecond'),
  };
  // A timer that fires a hair early must not cost the summary: a histogram takes values ≥ 0.
  const hist = (values: readonly (number | null)[]) => encodeValues(values.filter((v): v is number => Number.isFinite(v)).map((v) => Math.max(0, v)));
  return {
    name: t.name,
    gateway: t.gateway,
    model: t.model,
    url: t.url,
    baseline: isBaseline,
    requests: { sent: mine.size, ok: ok.size, failed: mine.size - ok.size },
    errors,
    latencyMs: { headers: describe(dists.headers), ttft: describe(dists.ttft), e2e: describe(dists.e2e), itl: describe(dists.itl) },
    outputTokensPerSecond: describe(dists.outputTokensPerSecond),
    throughput: {
      requestsPerSecond: durationS > 0 ? round(ok.size / durationS) : 0,
      outputTokensPerSecond: durationS > 0 ? round(outputOk / durationS) : 0,
    },
    schedule: sched ? { lagMs: describe(sched.lag), ttftFromScheduledMs: describe(sched.ttft), e2eFromScheduledMs: describe(sched.e2e) } : null,
    tokens: {
      input: mine.sum('inputTokens'),
      output: mine.sum('outputTokens'),
      inputPerRequest: ok.size ? round(ok.sum('inputTokens') / ok.size, 1) : null,
      outputPerRequest: ok.size ? round(outputOk / ok.size, 1) : null,
      usageReportedRate: ok.size ? round(ok.count(ok.usageReported) / ok.size, 4) : null,
    },
    cost: {
      totalUsd: costed ? round(totalUsd, 9) : null,
      costedRequests: costed,
      per1kRequestsUsd: costed ? round((totalUsd / costed) * 1000, 6) : null,
      source: sources.size === 0 ? 'unknown' : sources.size > 1 ? 'mixed' : ([...sources][0] as 'gateway' | 'computed'),
      reportedPer1kUsd: meanPer1k('gatewayCostUsd'),
      computedPer1kUsd: meanPer1k('computedCostUsd'),
      reportedVsComputedPct: mine.count(both) && computedBoth > 0 ? round(((mine.sum('gatewayCostUsd', both) - computedBoth) / computedBoth) * 100, 3) : null,
      priceFrom: t.price?.from ?? null,
    },
    cache: {
      hits: mine.count((i) => mine.cache(i) === 'hit'),
      misses: mine.count((i) => mine.cache(i) === 'miss'),
      unknown: mine.count((i) => mine.cache(i) === null),
    },
    selfReported: selfReported(t, ok),
    histograms: {
      headers: hist(dists.headers),
      ttft: hist(dists.ttft),
      e2e: hist(dists.e2e),
      itl: hist(dists.itl),
      outputTokensPerSecond: hist(dists.outputTokensPerSecond),
      ...(sched ? { lag: hist(sched.lag), ttftFromScheduled: hist(sched.ttft), e2eFromScheduled: hist(sched.e2e) } : {}),
    },
  };
}

/** What the gateway says it added (its own header), over the successful requests that carried it. */
function selfReported(t: Target, ok: Rows): BenchTarget['selfReported'] {
  if (t.selfReported === undefined) return null;
  const said = describe(ok.values('selfReportedMs'));
  return { field: t.selfReported.field, p50Ms: said.p50, n: said.n };
}

function overheadFor(metric: 'ttft' | 'e2e', target: Target, base: Target, samples: SampleTable, seed: number): Overhead {
  const pairs = roundPairs(samples, target.name, base.name, metric);
  const n = pairedRounds(pairs);
  const d = percentileDelta(pairs, seed ^ streamHash(`${target.name}\u0000${metric}`));
  return {
    target: target.name,
    baseline: base.name,
    metric,
    n,
    p50DeltaMs: d?.p50 ?? null,
    p90DeltaMs: d?.p90 ?? null,
    ci95: d ? d.ci50 : null,
    p90Ci95: d ? d.ci90 : null,
    verdict: verdict(target.name, metric === 'ttft' ? 'TTFT' : 'e2e', d, n),
  };
}

/** Every target's `slo` block, placed before its histograms so the JSON reads top-down. */
function withSlo(rows: BenchTarget[], inp: SummaryInput, slo: Slo, durationS: number): BenchTarget[] {
  const open = inp.run.mode === 'open';
  const sides: SloSide[] = inp.targets.map((t) => {
    const r = inp.samples.rows(t.name);
    return { rows: r, good: goodFlags(r, slo, open) };
  });
  const base = inp.baseline === undefined ? undefined : sides[inp.baseline];
  return rows.map((row, i) => {
    const { histograms, ...rest } = row;
    const block = targetSlo(slo, sides[i]!, i === inp.baseline ? undefined : base, durationS, inp.seed ^ streamHash(`${row.name}\u0000slo`));
    return { ...rest, slo: block, histograms };
  });
}

export function summarize(inp: SummaryInput): BenchDocument {
  const measured = inp.samples;
  const span = measured.span();
  const durationS = span ? (span.last - span.first) / 1000 : 0;
  const open = inp.run.mode === 'open';
  const fid = fidelity(measured, inp.targets, inp.baseline, inp.config.stream !== false);
  const plain = inp.targets.map((t, i) => ({
    ...targetSummary(t, i === inp.baseline, measured.rows(t.name), measured.rows(t.name, true), durationS, open),
    ...fid[i]!,
  }));
  const targets = inp.slo === undefined ? plain : withSlo(plain, inp, inp.slo, durationS);

  const warnings = [...inp.warnings];
  const overhead: Overhead[] = [];
  const base = inp.targets.find((_, i) => i === inp.baseline);
  if (base === undefined) {
    if (inp.targets.length > 1) warnings.push('No baseline: mark one target `baseline: true` (usually the direct one) to measure what each gateway adds.');
  } else {
    for (const t of inp.targets) {
      if (t === base) continue;
      for (const metric of metricsOf(inp)) {
        overhead.push(overheadFor(metric, t, base, measured, inp.seed));
      }
    }
  }

  for (const t of targets) {
    for (const c of ERROR_CLASSES) {
      if (t.errors[c] === 0) continue;
      const example = inp.errorExamples.get(`${t.name}\u0000${c}`);
      // The server's message may end a sentence of its own; this one ends after the parenthesis.
      warnings.push(`${t.name}: ${t.errors[c]} × ${c}${example ? ` (first: ${example.replace(/[.\s]+$/, '')})` : ''}.`);
    }
    const rate = t.tokens.usageReportedRate;
    if (rate !== null && rate < 1) {
      warnings.push(`${t.name}: the server reported no usage on ${Math.round((1 - rate) * 100)}% of successful requests; their tokens are estimated (4 characters a token).`);
    }
    // Not known (nothing reported by the gateway, or nothing to compare with) counts as no difference.
    const pct = t.cost.reportedVsComputedPct ?? 0;
    if (Math.abs(pct) > COST_DIFF_PCT) {
      warnings.push(`${t.name}: the gateway reported ${pct > 0 ? 'more' : 'less'} cost than the price table gives (${pct > 0 ? '+' : ''}${pct.toFixed(2)}%): check its fees, markup or cached-token pricing.`);
    }
  }
  warnings.push(...fidelityWarnings(inp.targets.map((t) => t.name), fid));
  const behind = targets.filter((t) => (t.schedule?.lagMs.p99 ?? 0) > LAG_P99_MS);
  if (behind.length > 0) {
    warnings.push(
      `The client fell behind its schedule (send lag p99: ${behind.map((t) => `${t.name} ${fmtMs(t.schedule!.lagMs.p99!)} ms`).join(', ')}): latencies measured from the scheduled send (schedule.*FromScheduledMs) include that wait, so coordinated omission does not flatter the tail.`,
    );
  }
  const loop = inp.run.eventLoopDelayMs;
  if (loop && loop.p99 > LOOP_P99_MS) {
    warnings.push(
      `The client's event loop was delayed by up to ${fmtMs(loop.p99)} ms (p99; max ${fmtMs(loop.max)} ms): at this load the client, not the gateway, may have set the latencies. Lower concurrency or rate, or run the client on a less busy machine.`,
    );
  }
  if (inp.ended === 'interrupted') warnings.push(`Interrupted: the summary covers the ${measured.length} requests that completed.`);

  return {
    schemaVersion: BENCH_SCHEMA_VERSION,
    startedAt: inp.startedAt.toISOString(),
    finishedAt: inp.finishedAt.toISOString(),
    status: runStatus(inp.ended, targets, (t, c) => inp.errorExamples.get(`${t.name}\u0000${c}`)),
    config: inp.config,
    environment: inp.environment,
    run: { ...inp.run, sentRequests: measured.length, durationS: round(durationS), spentUsd: round(inp.run.spentUsd, 9) },
    targets,
    overhead,
    pairwise: pairwise(inp.targets.filter((_, i) => i !== inp.baseline).map((t) => t.name), metricsOf(inp), measured, inp.seed),
    gates: [],
    warnings,
    ...slicesOf(inp),
  };
}

/** TTFT and e2e when streamed, e2e alone when not: as for overhead. */
const metricsOf = (inp: SummaryInput): readonly ('ttft' | 'e2e')[] => (inp.config.stream === false ? ['e2e'] : ['ttft', 'e2e']);

function slicesOf(inp: SummaryInput): Pick<BenchDocument, 'slices'> {
  if (inp.slices === undefined) return {};
  const slices = sliceResults(inp.samples, inp.targets.map((t) => t.name), inp.slices.sliceS, inp.slices.plannedS);
  return { slices: slices ?? null };
}
