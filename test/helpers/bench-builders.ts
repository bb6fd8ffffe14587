import type { BenchSummary, BenchTarget, Overhead, Stats } from '../../src/report/bench-input.js';

/** Stats where every percentile is `v` (tests override what they are about). */
export const flat = (v: number | null, n = 100): Stats => ({ n, p50: v, p90: v, p95: v, p99: v, mean: v, min: v, max: v });

/** A complete bench target row; tests override only what they are about. */
export function makeTarget(name: string, over: Partial<BenchTarget> = {}): BenchTarget {
  return {
    name,
    gateway: name,
    model: 'gpt-4o-mini',
    requests: { sent: 100, ok: 100, failed: 0 },
    errors: {},
    latencyMs: { ttft: flat(300), e2e: flat(1500), itl: flat(11) },
    outputTokensPerSecond: flat(90),
    tokens: { input: 4500, output: 10000, usageReportedRate: 1 },
    cost: { totalUsd: 0.0067, per1kRequestsUsd: 0.067, source: 'computed', reportedVsComputedPct: null },
    cache: { hits: 0, misses: 0, unknown: 100 },
    ...over,
  };
}

export function makeOverhead(target: string, metric: 'ttft' | 'e2e', p50: number | null, ci95: [number, number] | null, over: Partial<Overhead> = {}): Overhead {
  return { target, baseline: 'direct', metric, p50DeltaMs: p50, p90DeltaMs: p50, ci95, verdict: 'test verdict', ...over };
}

export function makeSummary(targets: BenchTarget[], overhead: Overhead[] = [], over: Partial<BenchSummary> = {}): BenchSummary {
  return {
    schemaVersion: 1,
    startedAt: '2026-11-24T02:00:00.000Z',
    finishedAt: '2026-11-24T02:01:00.000Z',
    config: { requests: 100, targets: targets.map((t, i) => ({ name: t.name, gateway: t.gateway, model: t.model, apiKeyEnv: `${t.name.toUpperCase()}_KEY`, ...(i === 0 ? { baseline: true } : {}) })) },
    environment: { node: 'v20.18.1', os: 'linux', cpus: 2 },
    targets,
    overhead,
    warnings: [],
    ...over,
  };
}
