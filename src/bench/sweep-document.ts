import { z } from 'zod';

/**
 * The top-level `sweep` of a summary (sweep runs only; null or absent otherwise). A verbatim copy of the schema the
 * sweep branch (wt-sweep) defines in src/bench/document.ts, with the same names, so the two branches agree on the
 * shape; when they meet, this file gives way to that one (the imports of it then point at document.js). The sweep
 * run writes it; the reports and `choose --bench` read it.
 */

const num = z.number();
const pctl = z.strictObject({ p50: num.nullable(), p99: num.nullable() });
export const sweepStepSchema = z.strictObject({
  target: z.string(),
  step: z.number().int().positive().describe('1-based step of the sweep.'),
  offeredRps: num.describe('The rate the step was planned at, requests per second to this target.'),
  scheduledRps: num.nullable().describe('The rate it was actually scheduled at (the seeded Poisson draw): scheduled sends per second over their middle 90% (q5 to q95).'),
  achievedRps: num.nullable().describe('Successful completions per second over the middle 90% (q5 to q95) of the step\'s completions; null with fewer than 2.'),
  sent: z.number().int().nonnegative(),
  ok: z.number().int().nonnegative(),
  errorRate: num.nullable(),
  sendLagMs: pctl.describe("The client's own lateness: actual − scheduled send."),
  latencyMs: z.strictObject({ ttft: pctl, e2e: pctl }).describe('From the scheduled send (coordinated omission counted); null values when no request succeeded.'),
  latencySlopeMsPerS: num.nullable().describe('How fast e2e (from the scheduled send) rose through the step: least-squares slope, ms per second; null with fewer than 10 successes.'),
  sloAttainment: num.nullable().describe('Share of the step\'s requests meeting every SLO bound; null without an slo.'),
  saturated: z.boolean(),
  saturatedBy: z.array(z.enum(['achieved-rate', 'latency-climbing', 'errors'])),
  clientBound: z.boolean().describe('The client could not keep up in this step: its figures say nothing about the target, and the sweep stopped.'),
  skipped: z.boolean().describe('Not run: the target saturated at a lower step.'),
});
export type SweepStepDoc = z.infer<typeof sweepStepSchema>;

export const sweepDocSchema = z
  .strictObject({
    rates: z.array(num).describe('Offered rates per target, as asked (auto: as chosen).'),
    stepDurationS: num.nullable(),
    stepRequests: z.number().int().nullable(),
    warmupPerStep: z.number().int().nonnegative().describe('Unmeasured requests per target before each step.'),
    criteria: z.strictObject({
      maxErrorRate: num,
      minAchievedRatio: num,
      minRateRequests: z.number().int().describe('Steps with fewer requests are not judged on the achieved rate.'),
      latencyClimb: z.strictObject({ minT: num, minRiseRatio: num, minRiseMs: num }),
      clientBound: z.strictObject({ floorMs: num, gaps: num }),
    }),
    clientBound: z.strictObject({ atRps: num, reason: z.string() }).nullable().describe('Set when the client, not a target, could not keep up and the sweep stopped.'),
    steps: z.array(sweepStepSchema),
    knees: z.array(
      z.strictObject({
        target: z.string(),
        maxSustainedRps: num.nullable(),
        maxRpsMeetingSlo: num.nullable(),
        saturated: z.boolean(),
        saturatedAtRps: num.nullable(),
      }),
    ),
  })
  .describe('A rate sweep (bench --sweep): per step and target, and each target\'s knee.');
export type SweepDoc = z.infer<typeof sweepDocSchema>;
