import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../src/bench/metrics.js';
import { SampleTable } from '../../../src/bench/samples.js';
import { pairedAttainmentDifference } from '../../../src/bench/slo-summary.js';
import { summarize, type SummaryInput } from '../../../src/bench/summary.js';
import type { Target } from '../../../src/bench/targets.js';

const target = (name: string): Target => ({
  name,
  gateway: name === 'direct' ? 'openai-compatible' : name,
  gatewayName: name,
  model: 'm',
  url: `http://x/${name}`,
  headers: {},
  secrets: [],
  extraBody: {},
  cost: {},
  cacheStatus: {},
  price: null,
});

function sample(name: string, round: number, ttft: number, over: Partial<Sample> = {}): Sample {
  return {
    target: name,
    round,
    ok: true,
    errorClass: null,
    headersMs: 1,
    ttftMs: ttft,
    e2eMs: ttft + 90,
    itlMs: 10,
    tokensPerSecond: 100,
    lagMs: 0,
    ttftFromScheduledMs: ttft,
    e2eFromScheduledMs: ttft + 90,
    inputTokens: 10,
    outputTokens: 10,
    usageReported: true,
    costUsd: null,
    costSource: 'unknown',
    gatewayCostUsd: null,
    computedCostUsd: null,
    cacheStatus: null,
    selfReportedMs: null,
    startedAt: 1_000_000 + round * 200,
    endedAtEpoch: 1_000_000 + round * 200 + ttft + 90,
    ...over,
  };
}

function input(samples: Sample[], over: Partial<SummaryInput> = {}): SummaryInput {
  const table = new SampleTable();
  for (const s of samples) table.push(s);
  return {
    startedAt: new Date('2026-11-26T10:00:00Z'),
    finishedAt: new Date('2026-11-26T10:01:00Z'),
    ended: 'completed',
    config: { requests: 10, stream: true, maxTokens: 10 },
    environment: { label: null, node: 'v20', os: 'Linux', arch: 'x64', cpus: 2, undici: '7' },
    run: { mode: 'closed', concurrency: 2, ratePerTarget: null, arrival: null, plannedRequests: 20, spentUsd: 0, eventLoopDelayMs: null },
    targets: [target('direct'), target('gw')],
    baseline: 0,
    samples: table,
    seed: 1,
    errorExamples: new Map(),
    warnings: [],
    ...over,
  };
}

// Ten rounds: direct's TTFT is 100 + round (101..110), the gateway's 107 + round (108..116), and the gateway's
// request in round 10 failed (after 50 ms).
const ROUNDS = Array.from({ length: 10 }, (_, i) => i + 1);
const base = ROUNDS.flatMap((r) => [
  sample('direct', r, 100 + r),
  r === 10 ? sample('gw', r, 0, { ok: false, errorClass: 'timeout', ttftMs: null, itlMs: null, e2eMs: 50 }) : sample('gw', r, 107 + r),
]);
const SLO = { ttftMs: 112, attainment: 0.8 };

describe('targets[].slo', () => {
  it('attainment, goodput and the paired difference, worked out by hand', () => {
    const doc = summarize(input(base, { slo: SLO }));
    const [d, g] = doc.targets;
    // direct: every TTFT (101..110) is ≤ 112: 10 of 10. Duration: first start 1,000,200; last end round 10's
    // direct, 1,002,000 + 110 + 90 = 1,002,200 → 2.0 s, so goodput 10 ÷ 2 = 5 req/s.
    expect(d!.slo).toEqual({ bounds: { ttftMs: 112, itlMs: null, e2eMs: null }, target: 0.8, good: 10, total: 10, attainment: 1, met: true, goodputRps: 5, vsBaseline: null });
    // gw: 108..112 (rounds 1–5) meet it, 113..116 do not, the failure never does: 5 of 10 = 0.5 < 0.8; 5 ÷ 2 s = 2.5 req/s.
    expect(g!.slo).toMatchObject({ good: 5, total: 10, attainment: 0.5, met: false, goodputRps: 2.5 });
    // Paired by round: direct is good in every round, gw in rounds 1–5, so a resample of 10 rounds gives
    // X/10 − 1 with X ~ Binomial(10, ½). P(X ≤ 1) = 11/1024 ≈ 1.1% and P(X ≤ 2) = 56/1024 ≈ 5.5%, so the 2.5th
    // percentile is X = 2 (−0.8); P(X ≤ 7) = 968/1024 ≈ 94.5% and P(X ≤ 8) = 1013/1024 ≈ 98.9%, so the 97.5th is
    // X = 8 (−0.2). With 2,000 draws both sit well inside those steps.
    expect(g!.slo!.vsBaseline).toEqual({ difference: -0.5, ci95: [-0.8, -0.2], rounds: 10 });
  });

  it('sits before the histograms, and is absent without an slo', () => {
    const withSlo = summarize(input(base, { slo: SLO }));
    const keys = Object.keys(withSlo.targets[0]!);
    expect(keys.indexOf('slo')).toBe(keys.indexOf('histograms') - 1);
    const without = summarize(input(base));
    expect(without.targets.every((t) => !('slo' in t))).toBe(true);
  });

  it('is seeded: the same run gives the same interval; no baseline gives no difference', () => {
    const a = summarize(input(base, { slo: SLO })).targets[1]!.slo;
    const b = summarize(input(base, { slo: SLO })).targets[1]!.slo;
    expect(a).toEqual(b);
    const none = summarize(input(base, { slo: SLO, baseline: undefined }));
    expect(none.targets.map((t) => t.slo!.vsBaseline)).toEqual([null, null]);
  });

  it('in the open loop judges latency from the scheduled send; in the closed loop from the send', () => {
    // direct TTFT 100 in every round, e2e 190; rounds 1–4 sent on time, rounds 5–10 sent 10 ms late.
    const late = ROUNDS.flatMap((r) => [sample('direct', r, 100, { lagMs: r <= 4 ? 0 : 10 }), sample('gw', r, 100)]);
    const slo = { ttftMs: 105, attainment: 0.95 };
    const open = summarize(input(late, { slo, run: { mode: 'open', concurrency: null, ratePerTarget: 5, arrival: 'constant', plannedRequests: 20, spentUsd: 0, eventLoopDelayMs: null } }));
    // From the schedule: 100 (rounds 1–4) ≤ 105, 110 (rounds 5–10) > 105 → 4 of 10.
    expect(open.targets[0]!.slo).toMatchObject({ good: 4, total: 10, attainment: 0.4, met: false });
    const closed = summarize(input(late, { slo }));
    expect(closed.targets[0]!.slo).toMatchObject({ good: 10, attainment: 1, met: true });
  });

  it('an e2e bound adds the lag too; an ITL bound does not (a gap between tokens does not include the wait to send)', () => {
    // e2e 190 + lag 15 = 205 > 200: missed; ITL 10 ≤ 12 either way.
    const s = ROUNDS.flatMap((r) => [sample('direct', r, 100, { lagMs: 15 }), sample('gw', r, 100)]);
    const run = { mode: 'open' as const, concurrency: null, ratePerTarget: 5, arrival: 'constant' as const, plannedRequests: 20, spentUsd: 0, eventLoopDelayMs: null };
    expect(summarize(input(s, { slo: { e2eMs: 200, attainment: 0.9 }, run })).targets[0]!.slo!.good).toBe(0);
    expect(summarize(input(s, { slo: { itlMs: 12, attainment: 0.9 }, run })).targets[0]!.slo!.good).toBe(10);
  });
});

describe('pairedAttainmentDifference', () => {
  it('needs two rounds for an interval, one for a difference, and none is nothing', () => {
    expect(pairedAttainmentDifference([], 1)).toBeNull();
    // One round: target 1 of 2 good, baseline 2 of 2: 0.5 − 1 = −0.5, no interval.
    expect(pairedAttainmentDifference([{ target: [1, 2], baseline: [2, 2] }], 1)).toEqual({ difference: -0.5, ci95: null, rounds: 1 });
  });

  it('weights rounds by their requests: Σgood ÷ Σsent of each side, not a mean of per-round shares', () => {
    // Target 3/4 and 0/1 → 3/5 = 0.6; baseline 4/4 and 1/1 → 1; difference −0.4 (a mean of shares would give −0.625).
    const d = pairedAttainmentDifference(
      [
        { target: [3, 4], baseline: [4, 4] },
        { target: [0, 1], baseline: [1, 1] },
      ],
      7,
    );
    expect(d!.difference).toBe(-0.4);
    // Resamples: both draws the first round (3/4 − 1 = −0.25, chance ¼), both the second (0 − 1 = −1, ¼), or one of
    // each (−0.4, ½): the 2.5th and 97.5th percentiles fall in the two ends, each about 500 of 2,000 draws.
    expect(d!.ci95).toEqual([-1, -0.25]);
  });
});

describe('edges of targets[].slo', () => {
  it('pairs only rounds both were sent in: a round of one side alone counts in its attainment, not in the difference', () => {
    // gw also has round 11 (good) and direct round 12 (good), each alone: gw 6 of 11, direct 11 of 11; the
    // difference stays over rounds 1–10, 5/10 − 10/10 = −0.5 (pairing round 11 too would give 6/11 − 1 ≈ −0.4545).
    const extra = [...base, sample('gw', 11, 108), sample('direct', 12, 101)];
    const doc = summarize(input(extra, { slo: SLO }));
    expect(doc.targets[1]!.slo).toMatchObject({ good: 6, total: 11, vsBaseline: { difference: -0.5, rounds: 10 } });
    expect(doc.targets[0]!.slo).toMatchObject({ good: 11, total: 11 });
  });

  it('an attainment exactly at the target meets it', () => {
    // gw: 5 of 10 = 0.5, target 0.5
    expect(summarize(input(base, { slo: { ttftMs: 112, attainment: 0.5 } })).targets[1]!.slo!.met).toBe(true);
  });

  it('a target with nothing sent has no attainment and no goodput; an empty run has no duration', () => {
    const doc = summarize(input(base, { slo: SLO, targets: [target('direct'), target('gw'), target('idle')] }));
    expect(doc.targets[2]!.slo).toEqual({ bounds: { ttftMs: 112, itlMs: null, e2eMs: null }, target: 0.8, good: 0, total: 0, attainment: null, met: null, goodputRps: 0, vsBaseline: null });
    const empty = summarize(input([], { slo: SLO }));
    expect(empty.targets.map((t) => t.slo!.goodputRps)).toEqual([0, 0]);
  });
});
