import { z } from 'zod';
import { LOAD_BOUNDS } from './defaults.js';
import { buildPlan, type Job } from './plan.js';
import { subSeed } from './random.js';

/**
 * A rate sweep's settings and its steps (pure): `sweep:` in the bench config, `bench --sweep 20,40,80|auto` and
 * `--step-duration`. Each step is an open-loop run at one rate per target; `auto` multiplies a start rate by a
 * factor until every target has saturated or the ceiling is reached.
 */

const rate = z.number().positive().max(LOAD_BOUNDS.rate.max);

export const SWEEP_DEFAULTS = { stepDurationS: 10, maxErrorRate: 0.05, minAchievedRatio: 0.9, auto: { start: 10, factor: 2, max: 10_000 } } as const;
/** No sweep has more steps than this (an `auto` sweep from 1/s doubling to 100,000/s has 17). */
export const MAX_STEPS = 30;

export const sweepSchema = z
  .strictObject({
    rates: z
      .union([z.array(rate).min(1).max(MAX_STEPS), z.literal('auto')])
      .describe('Offered requests per second per target, one per step, ascending; or "auto": start, ×factor, … up to max.'),
    stepDurationS: z.number().positive().max(3_600).optional().describe(`Seconds each step sends for (rate × this requests per target); default ${SWEEP_DEFAULTS.stepDurationS}.`),
    stepRequests: z.number().int().min(1).max(LOAD_BOUNDS.requests.max).optional().describe('Measured requests per target per step, instead of stepDurationS.'),
    warmup: z.number().int().min(0).max(LOAD_BOUNDS.warmup.max).optional().describe('Unmeasured requests per target before each step (default: the config\'s warmup).'),
    maxErrorRate: z.number().min(0).max(1).default(SWEEP_DEFAULTS.maxErrorRate).describe('A step with a larger share of failed requests is saturated.'),
    minAchievedRatio: z
      .number()
      .gt(0)
      .max(1)
      .default(SWEEP_DEFAULTS.minAchievedRatio)
      .describe('A step whose completions per second fall below this share of the rate it was sent at is saturated.'),
    clientBound: z
      .strictObject({
        floorMs: z.number().positive().max(600_000).default(50),
        gaps: z.number().positive().max(1_000_000).default(10),
      })
      .optional()
      .describe('When the client counts as the bottleneck (the sweep then stops): its send lag or event-loop delay p99 above the larger of floorMs and this many gaps between sends (default 50 ms, 10 gaps).'),
    auto: z
      .strictObject({
        start: rate.default(SWEEP_DEFAULTS.auto.start),
        factor: z.number().gt(1).max(10).default(SWEEP_DEFAULTS.auto.factor),
        max: rate.default(SWEEP_DEFAULTS.auto.max).describe('The ceiling: no step above this rate.'),
      })
      .optional()
      .describe('rates: auto: where to start, the factor between steps, and the ceiling.'),
  })
  .superRefine((s, ctx) => {
    if (s.stepDurationS !== undefined && s.stepRequests !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['stepRequests'], message: 'set either stepDurationS or stepRequests, not both' });
    }
    const rates = s.rates;
    if (rates !== 'auto') {
      const i = rates.findIndex((r, k) => k > 0 && r <= rates[k - 1]!);
      if (i > 0) ctx.addIssue({ code: 'custom', path: ['rates', i], message: `rates must rise step by step: ${rates[i]} follows ${rates[i - 1]}` });
    } else if (s.auto && s.auto.max < s.auto.start) {
      ctx.addIssue({ code: 'custom', path: ['auto', 'max'], message: `the ceiling ${s.auto.max} is below the start rate ${s.auto.start}` });
    }
    if (s.auto && Array.isArray(s.rates)) ctx.addIssue({ code: 'custom', path: ['auto'], message: 'auto settings apply only with rates: auto' });
  })
  .describe('A rate sweep: one open-loop step per rate, stopping per target at saturation (README "Sweeps").');
export type SweepConfig = z.infer<typeof sweepSchema>;

/** The offered rates of a sweep's steps, in order (auto: start × factor^k up to the ceiling, at most MAX_STEPS). */
export function sweepRates(s: Pick<SweepConfig, 'rates' | 'auto'>): number[] {
  if (s.rates !== 'auto') return [...s.rates];
  const a = { ...SWEEP_DEFAULTS.auto, ...s.auto };
  const out: number[] = [];
  // Rounded to 3 decimals so a factor such as 1.5 gives readable rates; the ceiling is never passed.
  for (let r = a.start; r <= a.max * (1 + 1e-9) && out.length < MAX_STEPS; r *= a.factor) out.push(Math.round(r * 1000) / 1000);
  return out;
}

/** Measured requests per target in a step at `rate`: the step's request count, else rate × duration (at least 1). */
export function stepRequests(s: Pick<SweepConfig, 'stepDurationS' | 'stepRequests'>, rate: number): number {
  if (s.stepRequests !== undefined) return s.stepRequests;
  return Math.max(1, Math.round(rate * (s.stepDurationS ?? SWEEP_DEFAULTS.stepDurationS)));
}

/** Warm-up requests per target before each step. */
export function stepWarmup(s: Pick<SweepConfig, 'warmup'>, configWarmup: number): number {
  return s.warmup ?? configWarmup;
}

/** Requests per target if every step ran (the upper bound the dry run and the spend estimate count): measured + warm-up. */
export function sweepRequestsPerTarget(s: SweepConfig, configWarmup: number): { measured: number; warmup: number } {
  const rates = sweepRates(s);
  return { measured: rates.reduce((a, r) => a + stepRequests(s, r), 0), warmup: rates.length * stepWarmup(s, configWarmup) };
}

/**
 * `--step-duration`: seconds, written 10, 10s, 500ms or 2m. undefined when the text is none of these or out of
 * bounds (the command says what it expects).
 */
export function parseStepDuration(raw: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(raw);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] === 'ms' ? 0.001 : m[2] === 'm' ? 60 : 1);
  return n > 0 && n <= 3_600 ? n : undefined;
}

/** `--sweep`: "auto", or rates separated by commas. undefined when a part is not a positive number. */
export function parseSweepRates(raw: string): number[] | 'auto' | undefined {
  if (raw.trim().toLowerCase() === 'auto') return 'auto';
  const parts = raw.split(',').map((p) => p.trim());
  const rates = parts.map(Number);
  if (parts.some((p) => p === '') || rates.some((r) => !Number.isFinite(r) || r <= 0)) return undefined;
  return rates;
}

/**
 * One step's jobs for `targets` active targets (indexes into the active list): the usual interleaved plan at the
 * step's rate, its own seeded arrivals, and rounds numbered on from the earlier steps' (measured rounds after
 * `roundBase`, warm-up rounds below −`warmBase`), so every record's (target, round) is unique across the sweep
 * and the overhead's pairs stay within a round.
 */
export function stepJobs(o: { targets: number; requests: number; warmup: number; seed: number; step: number; rate: number; arrival: 'poisson' | 'constant'; roundBase: number; warmBase: number }): Job[] {
  const plan = buildPlan({ targets: o.targets, requests: o.requests, warmup: o.warmup, seed: subSeed(o.seed, 'sweep-step', o.step), open: { rate: o.rate, arrival: o.arrival } });
  return plan.map((j) => {
    const round = j.warmup ? j.round - o.warmBase : j.round + o.roundBase;
    return { ...j, round, seq: j.warmup ? 0 : round };
  });
}
