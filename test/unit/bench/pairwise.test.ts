import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../src/bench/metrics.js';
import { pairVerdict, pairwise } from '../../../src/bench/pairwise.js';
import { SampleTable } from '../../../src/bench/samples.js';
import { summarize } from '../../../src/bench/summary.js';
import type { Target } from '../../../src/bench/targets.js';

function sample(name: string, round: number, ttft: number, over: Partial<Sample> = {}): Sample {
  return {
    target: name, round, ok: true, errorClass: null, headersMs: 1, ttftMs: ttft, e2eMs: ttft + 90, itlMs: 10, tokensPerSecond: 100, lagMs: 0,
    ttftFromScheduledMs: ttft, e2eFromScheduledMs: ttft + 90, inputTokens: 10, outputTokens: 10, usageReported: true, costUsd: 0.00003,
    costSource: 'computed', gatewayCostUsd: null, computedCostUsd: 0.00003, cacheStatus: null, selfReportedMs: null,
    startedAt: 1_000_000 + round * 200, endedAtEpoch: 1_000_000 + round * 200 + ttft + 90, ...over,
  };
}
const tableOf = (samples: Sample[]) => {
  const t = new SampleTable();
  for (const s of samples) t.push(s);
  return t;
};
const R5 = [1, 2, 3, 4, 5];

describe('pairwise differences', () => {
  it('a against b by hand: a is 8 ms faster at p50, and every resample lies in the rounds\' differences', () => {
    // a: 100, 102, 104, 106, 108 → p50 104; b: 110 … 114 → p50 112; Δ = 104 − 112 = −8.
    // Both rise with the round, so any resample's Δ is the per-round a − b = r − 11 interpolated: within [−10, −6].
    const t = tableOf(R5.flatMap((r) => [sample('a', r, 98 + 2 * r), sample('b', r, 109 + r)]));
    const [p] = pairwise(['a', 'b'], ['ttft'], t, 1);
    expect(p).toMatchObject({ a: 'a', b: 'b', metric: 'ttft', n: 5, p50DeltaMs: -8 });
    // p90: a h = 3.6 → 106 + 0.6·2 = 107.2; b 113 + 0.6 = 113.6; Δ −6.4.
    expect(p!.p90DeltaMs).toBeCloseTo(-6.4, 6);
    expect(p!.ci95![0]).toBeGreaterThanOrEqual(-10);
    expect(p!.ci95![1]).toBeLessThanOrEqual(-6);
    expect(p!.verdict).toMatch(/^a is 8(\.0+)? ms faster than b in TTFT \(/);
  });

  it('pairs only rounds where both succeeded: b fails round 5, so a\'s round 5 is left out', () => {
    // a rounds 1–4: 100, 102, 104, 106 → p50 103; b: 110 … 113 → 111.5; Δ −8.5, n 4.
    const t = tableOf([...R5.map((r) => sample('a', r, 98 + 2 * r)), ...R5.map((r) => sample('b', r, 109 + r, r === 5 ? { ok: false, errorClass: 'server_error' as const, ttftMs: null } : {}))]);
    const [p] = pairwise(['a', 'b'], ['ttft'], t, 1);
    expect(p).toMatchObject({ n: 4, p50DeltaMs: -8.5 });
  });

  it('says "no detectable difference" when the interval holds 0', () => {
    // Ten rounds: a alternates 100/110, b 110/100: both p50s are 105 (Δ 0), and a resample with more odd rounds
    // makes a faster, one with more even rounds slower, so the interval spans 0.
    const t = tableOf(Array.from({ length: 10 }, (_, k) => k + 1).flatMap((r) => [sample('a', r, r % 2 ? 100 : 110), sample('b', r, r % 2 ? 110 : 100)]));
    const [p] = pairwise(['a', 'b'], ['ttft'], t, 7);
    expect(p!.p50DeltaMs).toBe(0);
    expect(p!.ci95![0]).toBeLessThan(0);
    expect(p!.ci95![1]).toBeGreaterThan(0);
    expect(p!.verdict).toMatch(/^no detectable difference between a and b in TTFT at this sample size \(−\d+ to \+\d+ ms, n=10\)$/);
  });

  it('every pair once, in config order, per metric; too few rounds is said', () => {
    const t = tableOf([sample('a', 1, 100), sample('b', 1, 110), sample('c', 1, 120)]);
    const all = pairwise(['a', 'b', 'c'], ['ttft', 'e2e'], t, 1);
    expect(all.map((p) => `${p.a}-${p.b}-${p.metric}`)).toEqual(['a-b-ttft', 'a-b-e2e', 'a-c-ttft', 'a-c-e2e', 'b-c-ttft', 'b-c-e2e']);
    expect(all[0]).toMatchObject({ n: 1, p50DeltaMs: null, ci95: null, verdict: 'a and b cannot be compared on TTFT: 1 paired round (at least 2 are needed)' });
  });

  it('words a slower a, and a difference sure in sign', () => {
    expect(pairVerdict('x', 'y', 'e2e', { n: 9, p50: 12, p90: 20, ci50: [9, 15], ci90: [10, 30] }, 9)).toBe('x is 12 ms slower than y in e2e (9–15 ms)');
    expect(pairVerdict('x', 'y', 'e2e', { n: 9, p50: -12, p90: 0, ci50: [-15, -9], ci90: [0, 0] }, 9)).toBe('x is 12 ms faster than y in e2e (9–15 ms)');
    expect(pairVerdict('x', 'y', 'TTFT', { n: 9, p50: 1, p90: 0, ci50: [0, 3], ci90: [0, 0] }, 9)).toBe('no detectable difference between x and y in TTFT at this sample size (0.0 to +3.0 ms, n=9)');
  });
});

describe('the summary carries pairwise', () => {
  const target = (name: string): Target => ({ name, gateway: name, gatewayName: name, model: 'm', url: `http://x/${name}`, headers: {}, secrets: [], extraBody: {}, cost: {}, cacheStatus: {}, price: { inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null, from: 'm' } });
  const doc = (stream: boolean) =>
    summarize({
      startedAt: new Date('2026-11-26T10:00:00Z'), finishedAt: new Date('2026-11-26T10:01:00Z'), ended: 'completed',
      config: { requests: 5, stream, maxTokens: 10 },
      environment: { label: null, node: 'v20', os: 'Linux', arch: 'x64', cpus: 2, undici: '7' },
      run: { mode: 'closed', concurrency: 2, ratePerTarget: null, arrival: null, plannedRequests: 15, spentUsd: 0, eventLoopDelayMs: null },
      targets: [target('direct'), target('g1'), target('g2')], baseline: 0,
      samples: tableOf(R5.flatMap((r) => [sample('direct', r, 100 + r), sample('g1', r, 104 + r), sample('g2', r, 140 + r)])),
      seed: 1, errorExamples: new Map(), warnings: [],
    });
  it('between the gateways only (never the baseline), TTFT and e2e when streamed', () => {
    const p = doc(true).pairwise!;
    expect(p.map((x) => `${x.a}-${x.b}-${x.metric}`)).toEqual(['g1-g2-ttft', 'g1-g2-e2e']);
    // g1 − g2 = (104 + r) − (140 + r) = −36 in every round, so the interval is exactly [−36, −36].
    expect(p[0]).toMatchObject({ n: 5, p50DeltaMs: -36, ci95: [-36, -36], verdict: 'g1 is 36.00 ms faster than g2 in TTFT (36.00–36.00 ms)' }); // a zero-width interval gets 2 decimals (intervalDecimals)
  });
  it('e2e alone when not streamed', () => {
    expect(doc(false).pairwise!.map((x) => x.metric)).toEqual(['e2e']);
  });
});

describe('pairwise, the details', () => {
  it('names e2e and counts rounds in words', () => {
    const t = tableOf([sample('a', 1, 100)]);
    expect(pairwise(['a', 'b'], ['e2e'], t, 1)[0]!.verdict).toBe('a and b cannot be compared on e2e: 0 paired rounds (at least 2 are needed)');
  });

  it('an interval ending at 0 is not a difference', () => {
    expect(pairVerdict('x', 'y', 'TTFT', { n: 9, p50: -1, p90: 0, ci50: [-3, 0], ci90: [0, 0] }, 9)).toMatch(/^no detectable difference between x and y/);
  });

  it('each pair draws its own bootstrap stream: the same rounds under other names give another interval', () => {
    // Noisy rounds (b − a a different amount each round, −14 to +14): the interval depends on which rounds are drawn.
    const noisy = (x: string, y: string) => Array.from({ length: 12 }, (_, k) => k + 1).flatMap((r) => [sample(x, r, 100 + ((r * 7) % 13)), sample(y, r, 100 + (r * 3.7) + ((r * r * 37) % 29) - 14)]);
    const t = tableOf([...noisy('a', 'b'), ...noisy('c', 'd')]);
    const [ab] = pairwise(['a', 'b'], ['ttft'], t, 3);
    const [cd] = pairwise(['c', 'd'], ['ttft'], t, 3);
    expect(ab!.p50DeltaMs).toBe(cd!.p50DeltaMs);
    expect(ab!.ci95).not.toEqual(cd!.ci95);
  });
});
