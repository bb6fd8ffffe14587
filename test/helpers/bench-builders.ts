import { encodeValues } from '../../src/histogram/hdr.js';
import type { BenchTarget, BenchView, Overhead, Stats } from '../../src/report/bench-input.js';

/** Stats where every percentile is `v` (tests override what they are about). */
export const flat = (v: number | null, n = 100): Stats => ({ n, p50: v, p90: v, p95: v, p99: v, mean: v, min: v, max: v, unsupported: [] });

const NO_ERRORS: BenchTarget['errors'] = {
  rate_limited: 0,
  auth: 0,
  insufficient_credits: 0,
  client_error: 0,
  server_error: 0,
  timeout: 0,
  connection: 0,
  stream_interrupted: 0,
  bad_response: 0,
  upstream_error: 0,
};

/** Error counts: zero for every class but the ones given. */
export const errors = (some: Partial<BenchTarget['errors']> = {}): BenchTarget['errors'] => ({ ...NO_ERRORS, ...some });

/** A complete bench target row; tests override only what they are about. */
export function makeTarget(name: string, over: Partial<BenchTarget> = {}): BenchTarget {
  return {
    name,
    gateway: name,
    model: 'gpt-4o-mini',
    url: `http://127.0.0.1:1/${name}/chat/completions`,
    baseline: false,
    requests: { sent: 100, ok: 100, failed: 0 },
    errors: errors(),
    latencyMs: { headers: flat(20), ttft: flat(300), e2e: flat(1500), itl: flat(11) },
    outputTokensPerSecond: flat(90),
    throughput: { requestsPerSecond: 2, outputTokensPerSecond: 200 },
    schedule: null,
    tokens: { input: 4500, output: 10000, inputPerRequest: 45, outputPerRequest: 100, usageReportedRate: 1 },
    cost: { totalUsd: 0.0067, costedRequests: 100, per1kRequestsUsd: 0.067, source: 'computed', reportedPer1kUsd: null, computedPer1kUsd: 0.067, reportedVsComputedPct: null, priceFrom: 'openai/gpt-4o-mini' },
    cache: { hits: 0, misses: 0, unknown: 100 },
    histograms: { headers: encodeValues([20]), ttft: encodeValues([300]), e2e: encodeValues([1500]), itl: encodeValues([11]), outputTokensPerSecond: encodeValues([90]) },
    ...over,
  };
}

export function makeOverhead(target: string, metric: 'ttft' | 'e2e', p50: number | null, ci95: [number, number] | null, over: Partial<Overhead> = {}): Overhead {
  return { target, baseline: 'direct', metric, n: 100, p50DeltaMs: p50, p90DeltaMs: p50, ci95, p90Ci95: ci95, verdict: 'test verdict', ...over };
}

export function makeSummary(targets: BenchTarget[], overhead: Overhead[] = [], over: Partial<BenchView> = {}): BenchView {
  return {
    schemaVersion: 2,
    startedAt: '2026-11-24T02:00:00.000Z',
    finishedAt: '2026-11-24T02:01:00.000Z',
    status: { ended: 'completed', ok: true, failedTargets: [] },
    config: { requests: 100, targets: targets.map((t, i) => ({ name: t.name, gateway: t.gateway, model: t.model, apiKeyEnv: `${t.name.toUpperCase()}_KEY`, ...(i === 0 ? { baseline: true } : {}) })) },
    environment: { label: null, node: 'v20.18.1', os: 'Linux 6.1', arch: 'x64', cpus: 2, undici: '7.30.2' },
    run: { mode: 'closed', concurrency: 4, ratePerTarget: null, arrival: null, plannedRequests: 100 * targets.length, sentRequests: 100 * targets.length, durationS: 50, spentUsd: 0.01, eventLoopDelayMs: null },
    targets,
    overhead,
    gates: [],
    warnings: [],
    ...over,
  };
}
