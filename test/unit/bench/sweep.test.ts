import { describe, expect, it } from 'vitest';
import { applyOverrides, benchConfigSchema } from '../../../src/bench/config.js';
import { kneeOf, type KneeStep } from '../../../src/bench/knee.js';
import { judgeStep, skippedRow, stepRequestOf, stepRow, sweepDocument } from '../../../src/bench/sweep-doc.js';
import { parseStepDuration, parseSweepRates, stepJobs, stepRequests, sweepRates, sweepRequestsPerTarget, sweepSchema } from '../../../src/bench/sweep-plan.js';
import { clientBoundReason, climbOf, ratePerS, saturatedBy, stepStats, type SaturationCriteria, type StepRequest, type StepStats } from '../../../src/bench/sweep-steps.js';

/**
 * The sweep's pure parts on hand-made steps: the statistics of a step, when it counts as saturated, when the
 * client is the bottleneck, and the knee. Every expected value is worked out in the comments.
 */

const CRITERIA: SaturationCriteria = { maxErrorRate: 0.05, minAchievedRatio: 0.9, minRateRequests: 20, clientBound: { floorMs: 50, gaps: 10 }, latencyClimb: { minT: 3, minRiseRatio: 0.5, minRiseMs: 50 } };

/** n requests due every 100 ms from 0, each taking lat(i) ms (from its scheduled send), sent on time. */
function step(n: number, lat: (i: number) => number, failed: (i: number) => boolean = () => false): StepRequest[] {
  return Array.from({ length: n }, (_, i) => ({
    scheduledAt: i * 100,
    lagMs: 0,
    endAt: i * 100 + lat(i),
    ok: !failed(i),
    ttftFromScheduledMs: lat(i) / 2,
    e2eFromScheduledMs: lat(i),
    itlMs: null,
  }));
}

describe('step statistics', () => {
  it('a steady step: sent at 10/s, completed at 10/s, flat latency', () => {
    // 30 sends at 0, 100, …, 2900 ms. Middle 90%: q5 = 0.05 × 29 = rank 1.45 → 145 ms, q95 = rank 27.55 → 2755 ms;
    // span 2610 ms holds 0.9 × 29 = 26.1 gaps → 26.1 × 1000 / 2610 = 10/s. Completions are the sends + 200 ms: 10/s.
    const s = stepStats(step(30, () => 200), undefined);
    expect(s).toMatchObject({ sent: 30, ok: 30, errorRate: 0, scheduledRps: 10, achievedRps: 10, achievedRatio: 1, sloAttainment: null });
    expect(s.latencyMs.e2e).toEqual({ p50: 200, p99: 200 });
    expect(s.latencyMs.ttft).toEqual({ p50: 100, p99: 100 });
    expect(s.sendLagMs).toEqual({ p50: 0, p99: 0 });
    // A flat line: slope 0, and with no residual either, t is 0.
    expect(s.climb).toEqual({ slopeMsPerS: 0, t: 0, riseMs: 0 });
    expect(saturatedBy(s, CRITERIA)).toEqual([]);
  });

  it('a saturated step: sent at 10/s, served at 5/s first come first served', () => {
    // Request i completes at 200 + 200·i ms (one every 200 ms), so its latency is 200 + 200i − 100i = 200 + 100i.
    // Completions span 2 × 2610 ms over their middle 90% → 5/s; 5 / 10 = 0.5 < 0.9.
    // Latency against send time (s): +100 ms per 0.1 s = 1000 ms/s, an exact line (t infinite); rise 1000 × 2.9 = 2900 ms.
    // Median latency 200 + 100 × 14.5 = 1650 ms; 2900 ≥ 0.5 × 1650, so latency is climbing too.
    const s = stepStats(step(30, (i) => 200 + 100 * i), undefined);
    expect(s).toMatchObject({ scheduledRps: 10, achievedRps: 5, achievedRatio: 0.5 });
    expect(s.climb).toMatchObject({ slopeMsPerS: 1000, riseMs: 2900 });
    // An exact line: only rounding is left in the residuals, so t is enormous (or infinite).
    expect(s.climb!.t).toBeGreaterThan(1e6);
    // p99: rank 0.99 × 29 = 28.71 → 200 + 100 × 28.71 = 3071.
    expect(s.latencyMs.e2e).toEqual({ p50: 1650, p99: 3071 });
    expect(saturatedBy(s, CRITERIA)).toEqual(['achieved-rate', 'latency-climbing']);
  });

  it('errors over the bound saturate a step; at the bound they do not', () => {
    // 2 of 30 failed: 0.0667 > 0.05. Successful completions: 10/s × 28/30 = 9.333/s.
    const two = stepStats(step(30, () => 200, (i) => i === 3 || i === 7), undefined);
    expect(two).toMatchObject({ ok: 28, errorRate: 0.067, achievedRps: 9.333, achievedRatio: 1 });
    expect(saturatedBy(two, CRITERIA)).toEqual(['errors']);
    // 1 of 30: 0.033 ≤ 0.05.
    expect(saturatedBy(stepStats(step(30, () => 200, (i) => i === 3), undefined), CRITERIA)).toEqual([]);
    // Nothing came back: saturated even when the error bound allows every failure.
    expect(saturatedBy(stepStats(step(30, () => 200, () => true), undefined), { ...CRITERIA, maxErrorRate: 1 })).toEqual(['errors']);
  });

  it('a short step is not judged on its rate, only on its climb', () => {
    // 10 requests (< 20), served at 5/s: ratio 0.5 but too few to judge the rate; the climb (rise 1000 × 0.9 = 900 ms
    // ≥ 0.5 × median 650 ms) still counts.
    const s = stepStats(step(10, (i) => 200 + 100 * i), undefined);
    expect(s.achievedRatio).toBe(0.5);
    expect(saturatedBy(s, CRITERIA)).toEqual(['latency-climbing']);
  });

  it('latency noise at the ends of a steady step does not pass for saturation', () => {
    // Latencies alternating 100 / 600 ms: the last completion is 500 ms late against the first, but the middle
    // 90% of completions keeps the ratio above 0.9 and the slope is not significant.
    expect(saturatedBy(stepStats(step(30, (i) => (i % 2 ? 600 : 100)), undefined), CRITERIA)).toEqual([]);
    // One slow last request (600 ms against 200): not saturated either.
    expect(saturatedBy(stepStats(step(30, (i) => (i === 29 ? 600 : 200)), undefined), CRITERIA)).toEqual([]);
  });

  it('a client falling behind is not taken for a saturated target', () => {
    // Due every 100 ms but sent every 150 ms (lag 50·i), answered 200 ms after each send: completions keep pace
    // with the sends (ratio 1) and latency from the send is flat, though from the schedule it climbs 200 + 50i.
    const late = step(30, () => 200).map((r, i) => ({ ...r, lagMs: 50 * i, endAt: 150 * i + 200, e2eFromScheduledMs: 200 + 50 * i }));
    const s = stepStats(late, undefined);
    expect(s).toMatchObject({ scheduledRps: 10, achievedRatio: 1, sentE2eP50Ms: 200 });
    // Reported from the schedule: median 200 + 50 × 14.5 = 925 ms.
    expect(s.latencyMs.e2e.p50).toBe(925);
    expect(saturatedBy(s, CRITERIA)).toEqual([]);
    // Its send lag p99: rank 28.71 → 50 × 28.71 = 1435.5 ms, which the client-bound check judges.
    expect(s.sendLagMs.p99).toBe(1435.5);
  });

  it('a climb too small against the median latency is not saturation', () => {
    // +10 ms per second over 2.9 s: rise 29 ms, significant (an exact line) but below 0.5 × ~214 ms median.
    const s = stepStats(step(30, (i) => 200 + i), undefined);
    expect(s.climb).toMatchObject({ slopeMsPerS: 10, riseMs: 29 });
    expect(saturatedBy(s, CRITERIA)).toEqual([]);
  });

  it('SLO attainment counts failures and latencies from the scheduled send', () => {
    // e2e bound 1000 ms on latencies 200 + 100i: i ≤ 8 meet it (200…1000), 9 of 30; with requests 3 and 7 failed, 7 of 30.
    const s = stepStats(
      step(30, (i) => 200 + 100 * i, (i) => i === 3 || i === 7),
      { e2eMs: 1000, attainment: 0.95 },
    );
    expect(s.sloAttainment).toBeCloseTo(7 / 30, 10);
  });

  it('the regression slope and its rise, worked by hand', () => {
    // x = 0…9 s, y = 100 + 10x ± 1 (+1 at even x, −1 at odd). Σ(x − 4.5)² = 82.5; Σ(x − 4.5)(±1) = −5,
    // so the slope is 10 − 5/82.5 = 9.93939… ms/s and the rise over 9 s is 89.4545… ms.
    const xs = Array.from({ length: 10 }, (_, i) => i * 1000);
    const ys = xs.map((_, i) => 100 + 10 * i + (i % 2 === 0 ? 1 : -1));
    const c = climbOf(xs, ys)!;
    expect(c.slopeMsPerS).toBeCloseTo(9.939, 3);
    expect(c.riseMs).toBeCloseTo(89.455, 3);
    expect(c.t).toBeGreaterThan(20);
    expect(climbOf(xs.slice(0, 9), ys.slice(0, 9))).toBeNull();
  });

  it('rates over the middle 90% of the times', () => {
    expect(ratePerS([0])).toBeNull();
    expect(ratePerS([5, 5, 5])).toBeNull();
    // 0 and 1000: q5 = 50, q95 = 950, 0.9 gaps over 900 ms = 1/s.
    expect(ratePerS([0, 1000])).toBeCloseTo(1, 10);
  });
});

describe('client-bound', () => {
  it('send lag over the larger of 50 ms and 10 gaps stops the sweep', () => {
    // 1000 requests/s in all: gap 1 ms, 10 gaps 10 ms, so the floor (50 ms) applies.
    expect(clientBoundReason({ sendLagP99Ms: 60, eventLoopP99Ms: 1, totalRps: 1000 })).toMatch(/send lag p99 was 60 ms at 1000 requests\/s in all, above 50 ms/);
    expect(clientBoundReason({ sendLagP99Ms: 40, eventLoopP99Ms: 1, totalRps: 1000 })).toBeNull();
    // 10 requests/s: gap 100 ms, 10 gaps = 1000 ms; a 600 ms lag is within it, an event loop 1200 ms late is not.
    expect(clientBoundReason({ sendLagP99Ms: 600, eventLoopP99Ms: null, totalRps: 10 })).toBeNull();
    expect(clientBoundReason({ sendLagP99Ms: 600, eventLoopP99Ms: 1200, totalRps: 10 })).toMatch(/event loop was delayed by 1200 ms \(p99\).*above 1000 ms/);
  });
});

describe('knee', () => {
  const s = (offeredRps: number, saturated: boolean, extra: Partial<KneeStep> = {}): KneeStep => ({ offeredRps, saturated, skipped: false, sloAttainment: null, ...extra });

  it('the highest rate below the first saturated step', () => {
    const steps = [s(20, false), s(40, false), s(80, true), s(160, false, { skipped: true })];
    expect(kneeOf('x', steps, undefined)).toEqual({ target: 'x', maxSustainedRps: 40, maxRpsMeetingSlo: null, saturated: true, saturatedAtRps: 80 });
  });

  it('null when the first step saturated; the top rate when none did', () => {
    expect(kneeOf('x', [s(20, true), s(40, false, { skipped: true })], undefined)).toMatchObject({ maxSustainedRps: null, saturated: true, saturatedAtRps: 20 });
    expect(kneeOf('x', [s(20, false), s(40, false)], undefined)).toMatchObject({ maxSustainedRps: 40, saturated: false, saturatedAtRps: null });
  });

  it('the highest step meeting the SLO, whatever the steps between', () => {
    const steps = [s(20, false, { sloAttainment: 1 }), s(40, false, { sloAttainment: 0.96 }), s(80, false, { sloAttainment: 0.9 }), s(160, true, { sloAttainment: 0.2 })];
    expect(kneeOf('x', steps, 0.95).maxRpsMeetingSlo).toBe(40);
    expect(kneeOf('x', steps, 0.9).maxRpsMeetingSlo).toBe(80);
    expect(kneeOf('x', steps, undefined).maxRpsMeetingSlo).toBeNull();
  });

  it('a client-bound step says nothing about the target', () => {
    expect(kneeOf('x', [s(20, false), s(40, false, { clientBound: true })], undefined)).toMatchObject({ maxSustainedRps: 20, saturated: false });
  });
});

describe('sweep plan', () => {
  it('auto rates: start × factor up to the ceiling, inclusive', () => {
    expect(sweepRates({ rates: 'auto', auto: { start: 10, factor: 2, max: 100 } })).toEqual([10, 20, 40, 80]);
    expect(sweepRates({ rates: 'auto', auto: { start: 10, factor: 2, max: 80 } })).toEqual([10, 20, 40, 80]);
    // 10, 15, 22.5, 33.75 (× 1.5; the next, 50.625, is over 40).
    expect(sweepRates({ rates: 'auto', auto: { start: 10, factor: 1.5, max: 40 } })).toEqual([10, 15, 22.5, 33.75]);
    // Defaults: from 10 doubling up to 10,000 → 10 … 5120, ten steps.
    expect(sweepRates(sweepSchema.parse({ rates: 'auto' }))).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120]);
    expect(sweepRates({ rates: [5, 7] })).toEqual([5, 7]);
  });

  it('requests per step: rate × duration (at least 1), or the count given', () => {
    expect(stepRequests({ stepDurationS: 2 }, 25)).toBe(50);
    expect(stepRequests({ stepDurationS: 2 }, 0.2)).toBe(1);
    expect(stepRequests({}, 3)).toBe(30);
    expect(stepRequests({ stepRequests: 7 }, 1000)).toBe(7);
    // Rates 10 and 20 for 2 s: 20 + 40 = 60 measured; 2 steps × 3 warmups (the config's) = 6.
    expect(sweepRequestsPerTarget(sweepSchema.parse({ rates: [10, 20], stepDurationS: 2 }), 3)).toEqual({ measured: 60, warmup: 6 });
    expect(sweepRequestsPerTarget(sweepSchema.parse({ rates: [10, 20], stepDurationS: 2, warmup: 1 }), 3)).toEqual({ measured: 60, warmup: 2 });
  });

  it('--step-duration and --sweep parse what people write', () => {
    expect([parseStepDuration('10s'), parseStepDuration('500ms'), parseStepDuration('2m'), parseStepDuration('10'), parseStepDuration(' 1.5s ')]).toEqual([10, 0.5, 120, 10, 1.5]);
    for (const bad of ['0', 'abc', '2h', '61m', '-1s', '']) expect(parseStepDuration(bad)).toBeUndefined();
    expect(parseSweepRates('20, 40,80')).toEqual([20, 40, 80]);
    expect(parseSweepRates('AUTO')).toBe('auto');
    for (const bad of ['20,,40', '-5', 'x', '0', '']) expect(parseSweepRates(bad)).toBeUndefined();
  });
});

describe('sweep config', () => {
  const target = { name: 'direct', gateway: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', model: 'm', apiKeyEnv: 'K' };
  const issues = (c: Record<string, unknown>) => {
    const r = benchConfigSchema.safeParse({ targets: [target], ...c });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes a sweep with its defaults', () => {
    const c = benchConfigSchema.parse({ targets: [target], sweep: { rates: [10, 20] } });
    expect(c.sweep).toEqual({ rates: [10, 20], maxErrorRate: 0.05, minAchievedRatio: 0.9 });
  });

  it('refuses a closed loop or a single rate beside a sweep, and says why', () => {
    expect(issues({ sweep: { rates: [10] }, concurrency: 4 })).toEqual(['concurrency: a sweep is open loop (each step sends at its rate): remove concurrency, or remove sweep for a closed-loop run']);
    expect(issues({ sweep: { rates: [10] }, rate: 4 })).toEqual(['rate: a sweep sets the rate of each step (sweep.rates): remove rate, or remove sweep for a run at one rate']);
  });

  it('refuses rates that do not rise, two step lengths, a ceiling below the start, auto settings with a list', () => {
    expect(issues({ sweep: { rates: [10, 40, 20] } })).toEqual(['sweep.rates.2: rates must rise step by step: 20 follows 40']);
    expect(issues({ sweep: { rates: [10], stepDurationS: 5, stepRequests: 10 } })).toEqual(['sweep.stepRequests: set either stepDurationS or stepRequests, not both']);
    expect(issues({ sweep: { rates: 'auto', auto: { start: 100, max: 50 } } })).toEqual(['sweep.auto.max: the ceiling 50 is below the start rate 100']);
    expect(issues({ sweep: { rates: [10], auto: { start: 5 } } })).toEqual(['sweep.auto: auto settings apply only with rates: auto']);
    expect(issues({ sweep: { rates: [0] } })).toHaveLength(1);
    expect(issues({ sweep: { rates: [10], minAchievedRatio: 1.5 } })).toHaveLength(1);
  });

  it('flags: --sweep replaces the rates (and a single rate), --step-duration the step length', () => {
    const raw = { rate: 5, targets: [target], sweep: { rates: 'auto', auto: { start: 5 }, stepRequests: 9 } };
    const { config } = applyOverrides(raw, { sweep: [20, 40], stepDurationS: 3 });
    expect(config.rate).toBeUndefined();
    expect(config.sweep).toEqual({ rates: [20, 40], stepDurationS: 3 });
    // Only --step-duration: the file's rates and auto settings stay.
    expect(applyOverrides(raw, { stepDurationS: 3 }).config.sweep).toEqual({ rates: 'auto', auto: { start: 5 }, stepDurationS: 3 });
    expect(applyOverrides(raw, { stepDurationS: 3 }).config.rate).toBe(5);
  });
});

describe('a step\'s jobs and verdicts', () => {
  it('rounds numbered on from the earlier steps, arrivals at the step\'s rate', () => {
    // 2 targets × 3 requests at 10/s each, constant: 20/s in all, a send every 50 ms. Earlier steps used 10 measured
    // rounds and 2 warm-up rounds: measured rounds are 11–13 (seq = round), the warm-up round 0 becomes −2.
    const jobs = stepJobs({ targets: 2, requests: 3, warmup: 1, seed: 1, step: 4, rate: 10, arrival: 'constant', roundBase: 10, warmBase: 2 });
    const warm = jobs.filter((j) => j.warmup);
    expect(warm.map((j) => [j.round, j.seq]).sort()).toEqual([
      [-2, 0],
      [-2, 0],
    ]);
    const measured = jobs.filter((j) => !j.warmup);
    expect(measured.map((j) => j.round)).toEqual([11, 11, 12, 12, 13, 13]);
    expect(measured.every((j) => j.seq === j.round)).toBe(true);
    expect(measured.map((j) => j.atMs)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(new Set(measured.map((j) => `${j.target}/${j.round}`)).size).toBe(6);
  });

  const steady = step(30, () => 200);
  const saturating = step(30, (i) => 200 + 100 * i);
  const base = { step: 2, rate: 10, eventLoopP99Ms: null, cut: false, slo: undefined, criteria: CRITERIA };

  it('judges each target on its own requests', () => {
    const v = judgeStep({ ...base, targets: [{ name: 'a', requests: steady }, { name: 'b', requests: saturating }] });
    expect(v.saturated).toEqual(['b']);
    expect(v.clientBound).toBeNull();
    expect(v.rows.map((r) => [r.target, r.step, r.offeredRps, r.saturated, r.clientBound])).toEqual([
      ['a', 2, 10, false, false],
      ['b', 2, 10, true, false],
    ]);
  });

  it('a step the client could not keep up with judges no target', () => {
    // Send lags of 0…2900 ms (100 ms more per request): p99 far above max(50 ms, 10 gaps of 1000/20 = 50 ms).
    const late = saturating.map((r, i) => ({ ...r, lagMs: 100 * i }));
    // 'a' would count as saturated on its own figures; in a client-bound step it is not judged.
    const v = judgeStep({ ...base, targets: [{ name: 'a', requests: saturating }, { name: 'b', requests: late }] });
    expect(v.clientBound).toMatch(/send lag p99/);
    expect(v.saturated).toEqual([]);
    expect(v.rows.every((r) => r.clientBound && !r.saturated)).toBe(true);
  });

  it('a step cut short judges no target and shows only those that sent', () => {
    const v = judgeStep({ ...base, cut: true, targets: [{ name: 'a', requests: saturating }, { name: 'b', requests: [] }] });
    expect(v.rows.map((r) => [r.target, r.saturated, r.clientBound])).toEqual([['a', false, false]]);
    expect(v.saturated).toEqual([]);
    expect(v.clientBound).toBeNull();
  });
});

describe('the edges of each criterion (hand-made statistics)', () => {
  const stats = (over: Partial<StepStats> = {}): StepStats => ({
    sent: 30,
    ok: 30,
    errorRate: 0,
    achievedRps: 10,
    scheduledRps: 10,
    achievedRatio: 1,
    sendLagMs: { p50: 0, p99: 0 },
    latencyMs: { ttft: { p50: 100, p99: 100 }, e2e: { p50: 200, p99: 200 } },
    climb: { slopeMsPerS: 0, t: 0, riseMs: 0 },
    sentE2eP50Ms: 200,
    sloAttainment: null,
    ...over,
  });

  it('achieved rate: below 0.9 saturates, 0.9 does not; 20 requests are enough, 19 not; unknown is not judged', () => {
    expect(saturatedBy(stats({ achievedRatio: 0.899 }), CRITERIA)).toEqual(['achieved-rate']);
    expect(saturatedBy(stats({ achievedRatio: 0.9 }), CRITERIA)).toEqual([]);
    expect(saturatedBy(stats({ achievedRatio: 0.5, sent: 20, ok: 20 }), CRITERIA)).toEqual(['achieved-rate']);
    expect(saturatedBy(stats({ achievedRatio: 0.5, sent: 19, ok: 19 }), CRITERIA)).toEqual([]);
    expect(saturatedBy(stats({ achievedRatio: null }), CRITERIA)).toEqual([]);
  });

  it('latency climbing: t ≥ 3 and a rise ≥ max(50 ms, half the median)', () => {
    // Median 200: the rise must reach max(50, 100) = 100 ms.
    expect(saturatedBy(stats({ climb: { slopeMsPerS: 50, t: 3, riseMs: 100 } }), CRITERIA)).toEqual(['latency-climbing']);
    expect(saturatedBy(stats({ climb: { slopeMsPerS: 50, t: 2.999, riseMs: 100 } }), CRITERIA)).toEqual([]);
    expect(saturatedBy(stats({ climb: { slopeMsPerS: 50, t: 30, riseMs: 99.9 } }), CRITERIA)).toEqual([]);
    // Median 40: half is 20, so the 50 ms floor decides: 30 ms is not enough, 50 is.
    expect(saturatedBy(stats({ sentE2eP50Ms: 40, climb: { slopeMsPerS: 50, t: 30, riseMs: 30 } }), CRITERIA)).toEqual([]);
    expect(saturatedBy(stats({ sentE2eP50Ms: 40, climb: { slopeMsPerS: 50, t: 30, riseMs: 50 } }), CRITERIA)).toEqual(['latency-climbing']);
    // Median 400: half is 200; 150 ms is not enough.
    expect(saturatedBy(stats({ sentE2eP50Ms: 400, climb: { slopeMsPerS: 50, t: 30, riseMs: 150 } }), CRITERIA)).toEqual([]);
    // No regression (too few successes): not judged.
    expect(saturatedBy(stats({ sent: 5, ok: 5, climb: null }), CRITERIA)).toEqual([]);
  });

  it('errors: over the bound, or nothing back; an empty step is not judged', () => {
    expect(saturatedBy(stats({ errorRate: 0.05, ok: 28 }), CRITERIA)).toEqual([]);
    expect(saturatedBy(stats({ errorRate: 0.051, ok: 28 }), CRITERIA)).toEqual(['errors']);
    expect(saturatedBy(stats({ errorRate: 1, ok: 0, achievedRatio: null, climb: null, sentE2eP50Ms: null }), { ...CRITERIA, maxErrorRate: 1 })).toEqual(['errors']);
    expect(saturatedBy(stats({ sent: 0, ok: 0, errorRate: null, achievedRatio: null, climb: null, sentE2eP50Ms: null }), CRITERIA)).toEqual([]);
  });

  it('client-bound: strictly above the limit, figures to a tenth below 100 ms', () => {
    expect(clientBoundReason({ sendLagP99Ms: 50, eventLoopP99Ms: 50, totalRps: 1000 })).toBeNull();
    expect(clientBoundReason({ sendLagP99Ms: 60.44, eventLoopP99Ms: null, totalRps: 1000 })).toMatch(/^the client's send lag p99 was 60\.4 ms at 1000 requests\/s in all, above 50 ms/);
    expect(clientBoundReason({ sendLagP99Ms: null, eventLoopP99Ms: 123.4, totalRps: 1000 })).toMatch(/event loop was delayed by 123 ms/);
    // Custom thresholds: floor 200 ms, 5 gaps of 10 ms at 100/s = 50 ms: 150 ms passes.
    expect(clientBoundReason({ sendLagP99Ms: 150, eventLoopP99Ms: null, totalRps: 100 }, { floorMs: 200, gaps: 5 })).toBeNull();
    expect(clientBoundReason({ sendLagP99Ms: 250, eventLoopP99Ms: null, totalRps: 100 }, { floorMs: 200, gaps: 5 })).toMatch(/above 200 ms \(the larger of 200 ms and 5 gaps/);
  });
});

describe('step statistics at the edges', () => {
  it('an empty step has no figures', () => {
    const s = stepStats([], undefined);
    expect(s).toEqual({
      sent: 0,
      ok: 0,
      errorRate: null,
      achievedRps: null,
      scheduledRps: null,
      achievedRatio: null,
      sendLagMs: { p50: null, p99: null },
      latencyMs: { ttft: { p50: null, p99: null }, e2e: { p50: null, p99: null } },
      climb: null,
      sentE2eP50Ms: null,
      sloAttainment: null,
    });
  });

  it('all answers at one moment: no achieved rate, and no ratio to judge', () => {
    // 30 sends 100 ms apart, every answer at 5 s: no span of completions.
    const s = stepStats(step(30, () => 0).map((r) => ({ ...r, endAt: 5000, e2eFromScheduledMs: 5000 - r.scheduledAt })), undefined);
    expect([s.achievedRps, s.achievedRatio, s.scheduledRps]).toEqual([null, null, 10]);
    expect(saturatedBy(s, CRITERIA)).toEqual([]);
  });

  it('TTFT over the requests that have one; none at all gives nulls', () => {
    const noTtft = step(30, () => 200).map((r) => ({ ...r, ttftFromScheduledMs: null }));
    expect(stepStats(noTtft, undefined).latencyMs.ttft).toEqual({ p50: null, p99: null });
    const some = noTtft.map((r, i) => (i < 2 ? { ...r, ttftFromScheduledMs: 10 * (i + 1) } : r));
    // Two values, 10 and 20: p50 15, p99 10 + 0.99 × 10 = 19.9.
    expect(stepStats(some, undefined).latencyMs.ttft).toEqual({ p50: 15, p99: 19.9 });
  });

  it('the climb is measured against the actual send time', () => {
    // Sent every 150 ms (lag 50i on a 100 ms schedule); latency from the send 200 + 30i: 30 ms per 0.15 s = 200 ms/s.
    const reqs = step(30, () => 0).map((r, i) => ({ ...r, lagMs: 50 * i, e2eFromScheduledMs: 200 + 80 * i, endAt: 150 * i + 200 + 30 * i }));
    expect(stepStats(reqs, undefined).climb!.slopeMsPerS).toBeCloseTo(200, 6);
  });
});

describe('the regression at the edges', () => {
  const xs = Array.from({ length: 10 }, (_, i) => i * 1000);

  it('t of the ±1 line by hand: residual sum of squares 9.697, se 0.1212, t 82.0', () => {
    // Residuals e_i + 0.0606 (x_i − 4.5): SSE = 10 − 2 × 0.0606 × 5 + 0.0606² × 82.5 = 9.69697;
    // se = √(9.69697 / 8 / 82.5) = 0.121212; t = 9.93939 / 0.121212 = 82.0.
    const ys = xs.map((_, i) => 100 + 10 * i + (i % 2 === 0 ? 1 : -1));
    expect(climbOf(xs, ys)!.t).toBeCloseTo(82, 2);
    // The same line five seconds later rises as much over the same span.
    expect(climbOf(xs.map((x) => x + 5000), ys)!.riseMs).toBeCloseTo(89.455, 3);
  });

  it('an exact line is infinitely significant, a flat one not at all; one send time has no slope', () => {
    expect(climbOf(xs, xs.map((x) => x / 100))!.t).toBe(Infinity);
    expect(climbOf(xs, xs.map((x) => -x / 100))!.t).toBe(-Infinity);
    expect(climbOf(xs, xs.map(() => 7))!.t).toBe(0);
    expect(climbOf(xs.map(() => 3000), xs)).toBeNull();
  });
});

describe('knee, plan and document at the edges', () => {
  const k = (offeredRps: number, saturated: boolean): KneeStep => ({ offeredRps, saturated, skipped: false, sloAttainment: null });

  it('nothing above the first saturated step counts as sustained, whatever the rows say', () => {
    expect(kneeOf('x', [k(20, false), k(40, true), k(80, false)], undefined)).toMatchObject({ maxSustainedRps: 20, saturatedAtRps: 40 });
  });

  it('schema edges: equal rates, a ceiling equal to the start, a step count alone, auto settings', () => {
    const ok = (s: unknown) => sweepSchema.safeParse(s).success;
    expect(ok({ rates: [10, 10] })).toBe(false);
    expect(ok({ rates: [10], stepRequests: 10 })).toBe(true);
    expect(ok({ rates: [10], stepDurationS: 3 })).toBe(true);
    expect(ok({ rates: 'auto', auto: { start: 10, max: 10 } })).toBe(true);
    expect(ok({ rates: 'auto', auto: { start: 10, factor: 3, max: 1000 } })).toBe(true);
    expect(sweepRates(sweepSchema.parse({ rates: 'auto', auto: { start: 10, max: 10 } }))).toEqual([10]);
  });

  it('auto stops at 30 steps however far the ceiling', () => {
    const r = sweepRates({ rates: 'auto', auto: { start: 1, factor: 1.1, max: 100_000 } });
    expect(r).toHaveLength(30);
    expect(r[29]).toBeCloseTo(1.1 ** 29, 2);
  });

  it('flag parsing edges', () => {
    expect([parseStepDuration('1.25s'), parseStepDuration('60m'), parseStepDuration('3600')]).toEqual([1.25, 3600, 3600]);
    expect(parseSweepRates(' auto ')).toBe('auto');
    expect(parseSweepRates('20,-5')).toBeUndefined();
    expect(parseSweepRates('20,abc')).toBeUndefined();
  });

  it('a request as a step sees it, and rows as the document holds them', () => {
    expect(stepRequestOf({ startedAt: 1000, lagMs: 5, endedAtEpoch: 1300, ok: true, ttftFromScheduledMs: 105, e2eFromScheduledMs: 305, itlMs: 2 })).toEqual({
      scheduledAt: 995,
      lagMs: 5,
      endAt: 1300,
      ok: true,
      ttftFromScheduledMs: 105,
      e2eFromScheduledMs: 305,
      itlMs: 2,
    });
    expect(skippedRow('gw', 3, 40)).toEqual({
      target: 'gw',
      step: 3,
      offeredRps: 40,
      scheduledRps: null,
      achievedRps: null,
      sent: 0,
      ok: 0,
      errorRate: null,
      sendLagMs: { p50: null, p99: null },
      latencyMs: { ttft: { p50: null, p99: null }, e2e: { p50: null, p99: null } },
      latencySlopeMsPerS: null,
      sloAttainment: null,
      saturated: false,
      saturatedBy: [],
      clientBound: false,
      skipped: true,
    });
    const few = stepStats(step(5, () => 200), undefined);
    expect(stepRow({ target: 'a', step: 1, offeredRps: 10, stats: few, saturatedBy: [], clientBound: false }).latencySlopeMsPerS).toBeNull();
    const many = stepStats(step(30, (i) => 200 + 100 * i), undefined);
    expect(stepRow({ target: 'a', step: 1, offeredRps: 10, stats: many, saturatedBy: ['errors'], clientBound: true })).toMatchObject({ latencySlopeMsPerS: 1000, saturated: true, saturatedBy: ['errors'], clientBound: true });
  });

  it('the document: rows by target (config order) then step, the criteria in full, a knee per target', () => {
    const row = (target: string, s: number) => skippedRow(target, s, s * 10);
    const doc = sweepDocument({
      rates: [10, 20],
      stepDurationS: 2,
      stepRequests: null,
      warmupPerStep: 1,
      criteria: CRITERIA,
      clientBound: null,
      targets: ['b', 'a'],
      rows: [row('a', 2), row('b', 2), row('a', 1), row('b', 1)],
      sloTarget: undefined,
    });
    expect(doc.steps.map((r) => `${r.target}${r.step}`)).toEqual(['b1', 'b2', 'a1', 'a2']);
    expect(doc.rates).toEqual([10, 20]);
    expect(doc.criteria).toEqual({ maxErrorRate: 0.05, minAchievedRatio: 0.9, minRateRequests: 20, latencyClimb: { minT: 3, minRiseRatio: 0.5, minRiseMs: 50 }, clientBound: { floorMs: 50, gaps: 10 } });
    expect(doc.knees.map((x) => x.target)).toEqual(['b', 'a']);
  });
});
