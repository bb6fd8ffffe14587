import { describe, expect, it } from 'vitest';
import { benchConfigSchema, type BenchConfigInput } from '../../../src/bench/config.js';
import { planShape, recordedConfig, timedConflict, timedTooMany } from '../../../src/bench/shape.js';

const cfg = (over: Partial<BenchConfigInput>) => benchConfigSchema.parse({ targets: [{ name: 'a', gateway: 'openai-compatible', model: 'm' }], ...over });

describe('how many rounds a run has', () => {
  it('untimed: requests', () => {
    expect(planShape(cfg({ requests: 40 }), { requestsGiven: true })).toEqual({ wholeRounds: 40, rounds: 40, durationS: null, deadlineMs: null, shard: null });
  });

  it('timed open loop: rate × duration (5/s for 10 minutes = 3,000)', () => {
    expect(planShape(cfg({ rate: 5, duration: '10m' }), { requestsGiven: false })).toMatchObject({ wholeRounds: 3000, rounds: 3000, durationS: 600, deadlineMs: null });
  });

  it('timed ramp: the area under it (0 → 10/s over 10 s, then 2 s at 10/s = 50 + 20)', () => {
    expect(planShape(cfg({ ramp: { from: 0, to: 10, overS: 10 }, duration: 12 }), { requestsGiven: false }).wholeRounds).toBe(70);
  });

  it('timed closed loop: a deadline; requests cap it when given, else the most a run may have', () => {
    expect(planShape(cfg({ concurrency: 2, duration: '90s' }), { requestsGiven: false })).toMatchObject({ wholeRounds: 1_000_000, deadlineMs: 90_000 });
    expect(planShape(cfg({ concurrency: 2, duration: '90s', requests: 200 }), { requestsGiven: true })).toMatchObject({ wholeRounds: 200, deadlineMs: 90_000 });
  });

  it('a shard runs its part of the whole plan: 3,000 rounds in 4 → 750 each; 7 in 3 → 3, 2, 2', () => {
    expect(planShape(cfg({ rate: 5, duration: '10m' }), { requestsGiven: false, shard: { index: 4, count: 4 } })).toMatchObject({ wholeRounds: 3000, rounds: 750, shard: { index: 4, count: 4 } });
    expect([1, 2, 3].map((index) => planShape(cfg({ requests: 7 }), { requestsGiven: true, shard: { index, count: 3 } }).rounds)).toEqual([3, 2, 2]);
  });

  it('refuses a request count beside a rate and a duration, but not in the closed loop (where it caps)', () => {
    expect(timedConflict(cfg({ rate: 5, duration: '1m', requests: 10 }), true)).toMatch(/set requests or duration, not both/);
    expect(timedConflict(cfg({ rate: 5, duration: '1m' }), false)).toBeUndefined();
    expect(timedConflict(cfg({ concurrency: 2, duration: '1m', requests: 10 }), true)).toBeUndefined();
    expect(timedConflict(cfg({ rate: 5, requests: 10 }), true)).toBeUndefined();
  });
});

describe('the config', () => {
  it('takes duration, ramp and sliceS, and refuses a ramp beside a rate or concurrency', () => {
    expect(benchConfigSchema.safeParse({ targets: [{ name: 'a', gateway: 'x', model: 'm' }], duration: '10x' }).success).toBe(false);
    expect(benchConfigSchema.safeParse({ targets: [{ name: 'a', gateway: 'x', model: 'm' }], duration: '10' }).success).toBe(false);
    const both = benchConfigSchema.safeParse({ targets: [{ name: 'a', gateway: 'x', model: 'm' }], ramp: { from: 1, to: 5, overS: 10 }, rate: 3 });
    expect(both.success).toBe(false);
    expect(JSON.stringify(both.error?.issues)).toMatch(/a ramp sets the open-loop rate itself: remove rate/);
    expect(cfg({ ramp: { from: 1, to: 5, overS: 10 }, sliceS: 30, duration: '1h' })).toMatchObject({ sliceS: 30, duration: '1h' });
  });
});

describe('the config a timed run records', () => {
  const pub = { requests: 50, duration: '1m', targets: [] };

  it('leaves out the request count the schema filled in but the run did not use', () => {
    const open = cfg({ rate: 2, duration: '1m' });
    expect(recordedConfig(pub, open, planShape(open, { requestsGiven: false }))).toEqual({ duration: '1m', targets: [] });
    const closed = cfg({ concurrency: 2, duration: '1m' });
    expect(recordedConfig(pub, closed, planShape(closed, { requestsGiven: false }))).toEqual({ duration: '1m', targets: [] });
  });

  it('keeps a closed loop\'s cap, and an untimed run\'s count', () => {
    const capped = cfg({ concurrency: 2, duration: '1m', requests: 50 });
    expect(recordedConfig(pub, capped, planShape(capped, { requestsGiven: true }))).toBe(pub);
    const counted = cfg({ requests: 50 });
    expect(recordedConfig(pub, counted, planShape(counted, { requestsGiven: true }))).toBe(pub);
  });
});

describe('a timed run too big for one plan', () => {
  it('is refused past 1,000,000 requests per target: 300/s for 1 h is 1,080,000', () => {
    const big = cfg({ rate: 300, duration: '1h' });
    expect(timedTooMany(planShape(big, { requestsGiven: false }))).toBe('The rate over --duration makes 1,080,000 requests per target, more than the 1,000,000 a run may have.');
    // 277/s for 1 h = 997,200: allowed
    const fits = cfg({ rate: 277, duration: '1h' });
    expect(timedTooMany(planShape(fits, { requestsGiven: false }))).toBeUndefined();
    // a closed loop's cap is the limit itself
    const closed = cfg({ concurrency: 2, duration: '1h' });
    expect(timedTooMany(planShape(closed, { requestsGiven: false }))).toBeUndefined();
  });
});
