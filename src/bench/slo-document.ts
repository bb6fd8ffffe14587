import { z } from 'zod';

/**
 * `targets[].slo` in the result document: how many of a target's measured requests met every bound of the
 * config's `slo`, the goodput that makes, and the paired difference from the baseline (src/bench/slo-summary.ts
 * computes it). Absent or null without an slo.
 */

const num = z.number();
const ms = (what: string) => num.nullable().describe(`${what}, ms; null: no bound.`);

export const targetSloSchema = z
  .strictObject({
    bounds: z.strictObject({ ttftMs: ms('TTFT bound'), itlMs: ms('Mean inter-token latency bound'), e2eMs: ms('End-to-end bound') }),
    target: num.describe('The attainment the SLO asks for (0–1).'),
    good: z.number().int().nonnegative().describe('Measured requests that succeeded and met every bound.'),
    total: z.number().int().nonnegative().describe('Measured requests sent (failures included: a failed request is never good).'),
    attainment: num.nullable().describe('good ÷ total; null when nothing was sent.'),
    met: z.boolean().nullable().describe('attainment ≥ target; null when nothing was sent.'),
    goodputRps: num.describe("Good requests ÷ the measured phase's wall time (as throughput.requestsPerSecond)."),
    vsBaseline: z
      .strictObject({
        difference: num.describe("attainment − the baseline's, over the rounds in which both were sent (−0.03 = 3 points lower)."),
        ci95: z.tuple([num, num]).nullable().describe('95% bootstrap interval of the difference, resampling rounds; null with fewer than 2 rounds, or when pooled shards lost the pairing.'),
        rounds: z.number().int().nonnegative().describe('Rounds in which both were sent (pooled: summed over the shards).'),
      })
      .nullable()
      .describe('null for the baseline, or without one.'),
  })
  .describe('SLO attainment and goodput: the latencies judged are from the scheduled send in the open loop.');
export type TargetSlo = z.infer<typeof targetSloSchema>;
