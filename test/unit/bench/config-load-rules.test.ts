import { describe, expect, it } from 'vitest';
import { applyOverrides, benchConfigSchema } from '../../../src/bench/config.js';
import { recordedConfig, timedTooMany, type PlanShape } from '../../../src/bench/shape.js';
import { parseSweepRates, sweepRates, sweepSchema } from '../../../src/bench/sweep-plan.js';
import { sloSchema } from '../../../src/bench/slo.js';

/**
 * The rules between the load settings of a bench config — closed loop, rate, ramp, duration, sweep — each with the
 * message a user reads and the path it points at, and the flag overrides that switch between them.
 */

const direct = { name: 'direct', gateway: 'openai-compatible', model: 'gpt-4o-mini' };
const issues = (c: object) => {
  const r = benchConfigSchema.safeParse({ targets: [direct], ...c });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('load settings that cannot go together', () => {
  it('a ramp with a rate or a concurrency', () => {
    const ramp = { from: 1, to: 4, overS: 10 };
    expect(issues({ ramp, rate: 2 })).toContain('ramp: a ramp sets the open-loop rate itself: remove rate');
    expect(issues({ ramp, concurrency: 2 })).toContain('ramp: a ramp sets the open-loop rate itself: remove concurrency');
    expect(issues({ ramp })).toEqual([]);
  });

  it('a sweep with a duration, a ramp, a concurrency or a single rate', () => {
    const sweep = { rates: [2, 4] };
    expect(issues({ sweep, duration: '10s' })).toEqual(['duration: a sweep times its own steps (sweep.stepDurationS or stepRequests): remove duration, or remove sweep for a timed run']);
    expect(issues({ sweep, ramp: { from: 1, to: 2, overS: 5 } })).toEqual(['ramp: a sweep times its own steps (sweep.stepDurationS or stepRequests): remove ramp, or remove sweep for a ramped run']);
    expect(issues({ sweep, concurrency: 2 })).toEqual(['concurrency: a sweep is open loop (each step sends at its rate): remove concurrency, or remove sweep for a closed-loop run']);
    expect(issues({ sweep, rate: 2 })).toEqual(['rate: a sweep sets the rate of each step (sweep.rates): remove rate, or remove sweep for a run at one rate']);
    expect(issues({ sweep })).toEqual([]);
  });

  it('two load models, duplicate names and two baselines are named with their paths', () => {
    expect(issues({ rate: 2, concurrency: 2 })).toContain('rate: set either concurrency (closed loop) or rate (open loop), not both');
    const twice = issues({ targets: [{ ...direct, baseline: true }, { ...direct, baseline: true }] });
    expect(twice).toContain('targets.1.name: "direct" is already the name of targets[0]');
    expect(twice).toContain('targets.1.baseline: only one target can be the baseline');
  });

  it('a duration must be a time with its unit', () => {
    expect(issues({ duration: '10 minutes' })).toEqual(['duration: a duration such as "90s", "10m" or "1h" (or seconds), at most 7 days']);
    expect(issues({ rate: 1, duration: '10m' })).toEqual([]);
  });
});

describe('the sweep block', () => {
  it('rates must rise; a step length or a request count, not both; auto settings only with auto', () => {
    const bad = (s: object) => {
      const r = sweepSchema.safeParse(s);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    // the first fall is named (index 2: 15 follows 20), not a later one
    expect(bad({ rates: [10, 20, 15, 5] })).toEqual(['rates.2: rates must rise step by step: 15 follows 20']);
    expect(bad({ rates: [10, 10] })).toEqual(['rates.1: rates must rise step by step: 10 follows 10']);
    expect(bad({ rates: [5] })).toEqual([]);
    expect(bad({ rates: [5, 10], stepDurationS: 2, stepRequests: 10 })).toEqual(['stepRequests: set either stepDurationS or stepRequests, not both']);
    expect(bad({ rates: [5, 10], auto: { start: 1 } })).toEqual(['auto: auto settings apply only with rates: auto']);
    expect(bad({ rates: 'auto', auto: { start: 10, max: 5 } })).toEqual(['auto.max: the ceiling 5 is below the start rate 10']);
  });

  it('auto doubles from the start up to the ceiling, the ceiling itself included', () => {
    // 10, 20, 40, 80: 80 = the ceiling is kept, 160 would pass it
    expect(sweepRates({ rates: 'auto', auto: { start: 10, factor: 2, max: 80 } })).toEqual([10, 20, 40, 80]);
    expect(sweepRates({ rates: [3, 6] })).toEqual([3, 6]);
  });

  it('--sweep takes rates with spaces, refuses empty, zero, negative and non-numbers', () => {
    expect(parseSweepRates(' 10, 20 ,40')).toEqual([10, 20, 40]);
    expect(parseSweepRates('AUTO')).toBe('auto');
    for (const bad of ['10,,20', '10,0', '-5,10', '10,abc', '']) expect(parseSweepRates(bad)).toBeUndefined();
  });
});

describe('flag overrides and the sweep', () => {
  const raw = { targets: [direct], rate: 5, sweep: { rates: 'auto', auto: { start: 2 }, stepRequests: 40 } };

  it('--sweep RATES replaces the file\'s rates, drops its auto settings and a configured single rate', () => {
    const { config } = applyOverrides(raw, { sweep: [1, 2, 4] });
    expect(config.sweep).toEqual({ rates: [1, 2, 4], stepRequests: 40 });
    expect(config.rate).toBeUndefined();
    // the file itself is not changed
    expect(raw.sweep).toEqual({ rates: 'auto', auto: { start: 2 }, stepRequests: 40 });
  });

  it('--sweep auto keeps the file\'s auto settings', () => {
    expect(applyOverrides(raw, { sweep: 'auto' }).config.sweep).toEqual({ rates: 'auto', auto: { start: 2 }, stepRequests: 40 });
  });

  it('--step-duration replaces a step request count, and alone keeps the file\'s rates and rate', () => {
    const { config } = applyOverrides(raw, { stepDurationS: 3 });
    expect(config.sweep).toEqual({ rates: 'auto', auto: { start: 2 }, stepDurationS: 3 });
    expect(config.rate).toBe(5);
    // no sweep in the file: the flag starts one
    expect(applyOverrides({ targets: [direct] }, { stepDurationS: 3 }).config.sweep).toEqual({ stepDurationS: 3 });
    // a sweep that is not an object in the file is replaced, not spread
    expect(applyOverrides({ targets: [direct], sweep: [1, 2] }, { stepDurationS: 3 }).config.sweep).toEqual({ stepDurationS: 3 });
  });

  it('no sweep flag: the file\'s sweep untouched', () => {
    expect(applyOverrides(raw, {}).config.sweep).toBe(raw.sweep);
  });
});

describe('an SLO with a single bound', () => {
  it('any one of the three bounds is enough; none is refused with the message', () => {
    for (const one of [{ ttftMs: 500 }, { itlMs: 50 }, { e2eMs: 3000 }]) expect(sloSchema.safeParse(one).success).toBe(true);
    const none = sloSchema.safeParse({ attainment: 0.9 });
    expect(none.success ? [] : none.error.issues.map((i) => i.message)).toEqual(['set at least one bound: ttftMs, itlMs or e2eMs']);
  });
});

describe('timed runs: what is recorded and the request ceiling', () => {
  const shape = (o: Partial<PlanShape>): PlanShape => ({ wholeRounds: 100, rounds: 100, durationS: 60, deadlineMs: null, shard: null, ...o });
  const open = benchConfigSchema.parse({ targets: [direct], rate: 2, duration: '60s' });
  const closed = benchConfigSchema.parse({ targets: [direct], duration: '60s', requests: 100 });
  const pub = { requests: 50, rate: 2 };

  it('an untimed run records its config as it is; a timed open loop without the unused request count', () => {
    expect(recordedConfig(pub, open, shape({ durationS: null }))).toBe(pub);
    expect(recordedConfig(pub, open, shape({ wholeRounds: 120 }))).toEqual({ rate: 2 });
  });

  it('a timed closed loop capped by requests keeps the cap it ran under', () => {
    // 100 rounds = the config's requests: the cap, kept
    expect(recordedConfig(pub, closed, shape({ wholeRounds: 100, deadlineMs: 60_000 }))).toBe(pub);
    // an open loop whose count happens to equal requests is still a computed count: dropped
    expect(recordedConfig(pub, benchConfigSchema.parse({ targets: [direct], rate: 2, duration: '60s', requests: 100 }), shape({ wholeRounds: 100 }))).toEqual({ rate: 2 });
  });

  it('refuses a timed open loop above a million requests per target, at the bound exactly not', () => {
    expect(timedTooMany(shape({ wholeRounds: 1_000_000 }))).toBeUndefined();
    expect(timedTooMany(shape({ wholeRounds: 1_000_001 }))).toBe('The rate over --duration makes 1,000,001 requests per target, more than the 1,000,000 a run may have.');
    // untimed, or a closed loop (its count is a cap, not a plan): never
    expect(timedTooMany(shape({ wholeRounds: 2_000_000, durationS: null }))).toBeUndefined();
    expect(timedTooMany(shape({ wholeRounds: 2_000_000, deadlineMs: 60_000 }))).toBeUndefined();
  });
});
