import { BENCH_SCHEMA_VERSION, type BenchDocument, type BenchTarget, type Overhead } from './document.js';
import { ERROR_CLASSES, type ErrorClass, type Sample } from './metrics.js';
import { describe, fmtMs, percentileDelta, verdict, type RoundPair } from './stats.js';
import type { Target } from './targets.js';

/** From the kept samples to the result document (pure). */

export interface SummaryInput {
  startedAt: Date;
  finishedAt: Date;
  status: BenchDocument['status'];
  config: Record<string, unknown>;
  environment: BenchDocument['environment'];
  run: Omit<BenchDocument['run'], 'durationS' | 'sentRequests'>;
  targets: readonly Target[];
  baseline: number | undefined;
  samples: readonly Sample[];
  seed: number;
  /** First error message per target and class, already free of secrets. */
  errorExamples: ReadonlyMap<string, string>;
  warnings: readonly string[];
}

/** Findings below these are noise, above them worth a line in the report. */
const COST_DIFF_PCT = 0.5;
const LAG_P99_MS = 5;
const LOOP_P99_MS = 10;

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function targetSummary(t: Target, isBaseline: boolean, mine: readonly Sample[], durationS: number, open: boolean): BenchTarget {
  const ok = mine.filter((s) => s.ok);
  const errors = Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
  for (const s of mine) if (s.errorClass) errors[s.errorClass]++;
  const costed = mine.filter((s) => s.costUsd !== null);
  const sources = new Set(costed.map((s) => s.costSource));
  const both = mine.filter((s) => s.gatewayCostUsd !== null && s.computedCostUsd !== null);
  const computedBoth = sum(both.map((s) => s.computedCostUsd!));
  const totalUsd = sum(costed.map((s) => s.costUsd!));
  const outputOk = sum(ok.map((s) => s.outputTokens));
  return {
    name: t.name,
    gateway: t.gateway,
    model: t.model,
    url: t.url,
    baseline: isBaseline,
    requests: { sent: mine.length, ok: ok.length, failed: mine.length - ok.length },
    errors,
    latencyMs: {
      headers: describe(ok.map((s) => s.headersMs)),
      ttft: describe(ok.map((s) => s.ttftMs)),
      e2e: describe(ok.map((s) => s.e2eMs)),
      itl: describe(ok.map((s) => s.itlMs)),
    },
    outputTokensPerSecond: describe(ok.map((s) => s.tokensPerSecond)),
    throughput: {
      requestsPerSecond: durationS > 0 ? round(ok.length / durationS) : 0,
      outputTokensPerSecond: durationS > 0 ? round(outputOk / durationS) : 0,
    },
    schedule: open
      ? {
          lagMs: describe(mine.map((s) => s.lagMs)),
          ttftFromScheduledMs: describe(ok.map((s) => s.ttftFromScheduledMs)),
          e2eFromScheduledMs: describe(ok.map((s) => s.e2eFromScheduledMs)),
        }
      : null,
    tokens: {
      input: sum(mine.map((s) => s.inputTokens)),
      output: sum(mine.map((s) => s.outputTokens)),
      inputPerRequest: ok.length ? round(sum(ok.map((s) => s.inputTokens)) / ok.length, 1) : null,
      outputPerRequest: ok.length ? round(outputOk / ok.length, 1) : null,
      usageReportedRate: ok.length ? round(ok.filter((s) => s.usageReported).length / ok.length, 4) : null,
    },
    cost: {
      totalUsd: round(totalUsd, 9),
      per1kRequestsUsd: costed.length ? round((totalUsd / costed.length) * 1000, 6) : null,
      source: sources.size === 0 ? 'unknown' : sources.size > 1 ? 'mixed' : ([...sources][0] as 'gateway' | 'computed'),
      reportedVsComputedPct: both.length && computedBoth > 0 ? round(((sum(both.map((s) => s.gatewayCostUsd!)) - computedBoth) / computedBoth) * 100, 3) : null,
      priceFrom: t.price?.from ?? null,
    },
    cache: {
      hits: mine.filter((s) => s.cacheStatus === 'hit').length,
      misses: mine.filter((s) => s.cacheStatus === 'miss').length,
      unknown: mine.filter((s) => s.cacheStatus === null).length,
    },
  };
}

function overheadFor(metric: 'ttft' | 'e2e', target: Target, base: Target, samples: readonly Sample[], seed: number): Overhead {
  const rounds = new Map<number, RoundPair>();
  const value = (s: Sample) => (metric === 'ttft' ? s.ttftMs : s.e2eMs);
  for (const s of samples) {
    if (!s.ok || (s.target !== target.name && s.target !== base.name)) continue;
    const v = value(s);
    if (v === null) continue;
    const r = rounds.get(s.round) ?? { target: [], baseline: [] };
    (s.target === target.name ? r.target : r.baseline).push(v);
    rounds.set(s.round, r);
  }
  const pairs = [...rounds.values()];
  const n = pairs.filter((r) => r.target.length > 0 && r.baseline.length > 0).length;
  // Each pair of targets gets its own bootstrap stream, so adding a target does not change another's interval.
  const d = percentileDelta(pairs, seed ^ hash(`${target.name}\u0000${metric}`));
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

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function summarize(inp: SummaryInput): BenchDocument {
  const measured = inp.samples;
  let first = Infinity;
  let last = -Infinity;
  for (const s of measured) {
    first = Math.min(first, s.startedAt);
    last = Math.max(last, s.endedAtEpoch);
  }
  const durationS = measured.length ? (last - first) / 1000 : 0;
  const open = inp.run.mode === 'open';
  const byTarget = new Map<string, Sample[]>(inp.targets.map((t) => [t.name, []]));
  for (const s of measured) byTarget.get(s.target)?.push(s);
  const targets = inp.targets.map((t, i) => targetSummary(t, i === inp.baseline, byTarget.get(t.name) ?? [], durationS, open));

  const warnings = [...inp.warnings];
  const overhead: Overhead[] = [];
  const base = inp.baseline !== undefined ? inp.targets[inp.baseline] : undefined;
  if (base === undefined) {
    if (inp.targets.length > 1) warnings.push('No baseline: mark one target `baseline: true` (usually the direct one) to measure what each gateway adds.');
  } else {
    for (const t of inp.targets) {
      if (t === base) continue;
      for (const metric of inp.config.stream === false ? (['e2e'] as const) : (['ttft', 'e2e'] as const)) {
        overhead.push(overheadFor(metric, t, base, measured, inp.seed));
      }
    }
  }

  for (const t of targets) {
    for (const c of ERROR_CLASSES) {
      if (t.errors[c] === 0) continue;
      const example = inp.errorExamples.get(`${t.name}\u0000${c}`);
      warnings.push(`${t.name}: ${t.errors[c]} × ${c}${example ? ` (first: ${example})` : ''}.`);
    }
    const rate = t.tokens.usageReportedRate;
    if (rate !== null && rate < 1) {
      warnings.push(`${t.name}: the server reported no usage on ${Math.round((1 - rate) * 100)}% of successful requests; their tokens are estimated (4 characters a token).`);
    }
    const pct = t.cost.reportedVsComputedPct;
    if (pct !== null && Math.abs(pct) > COST_DIFF_PCT) {
      warnings.push(`${t.name}: the gateway reported ${pct > 0 ? 'more' : 'less'} cost than the price table gives (${pct > 0 ? '+' : ''}${pct.toFixed(2)}%): check its fees, markup or cached-token pricing.`);
    }
    const lag = t.schedule?.lagMs;
    if (lag && lag.p99 !== null && lag.p99 > LAG_P99_MS) {
      warnings.push(
        `${t.name}: the client fell behind its schedule (send lag p99 ${fmtMs(lag.p99)} ms): latencies measured from the scheduled send (schedule.*FromScheduledMs) include that wait, so coordinated omission does not flatter the tail.`,
      );
    }
  }
  const loop = inp.run.eventLoopDelayMs;
  if (loop && loop.p99 > LOOP_P99_MS) {
    warnings.push(
      `The client's event loop was delayed by up to ${fmtMs(loop.p99)} ms (p99; max ${fmtMs(loop.max)} ms): at this load the client, not the gateway, may have set the latencies. Lower concurrency or rate, or run the client on a less busy machine.`,
    );
  }
  if (inp.status === 'interrupted') warnings.push(`Interrupted: the summary covers the ${measured.length} requests that completed.`);

  return {
    schemaVersion: BENCH_SCHEMA_VERSION,
    startedAt: inp.startedAt.toISOString(),
    finishedAt: inp.finishedAt.toISOString(),
    status: inp.status,
    config: inp.config,
    environment: inp.environment,
    run: { ...inp.run, sentRequests: measured.length, durationS: round(durationS), spentUsd: round(inp.run.spentUsd, 9) },
    targets,
    overhead,
    warnings,
  };
}
