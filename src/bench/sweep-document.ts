import { z } from 'zod';

/**
 * The top-level `sweep` of a summary (sweep runs only; null or absent otherwise), in the shape CONTRACT-18 fixes:
 * per target and step the offered and achieved rate, counts, latency from the scheduled send and SLO attainment,
 * and per target the knee. The sweep run writes it; the reports and `choose --bench` read it.
 */

const num = z.number();
const p50p99 = z.strictObject({ p50: num.nullable(), p99: num.nullable() });

export const sweepStepSchema = z.strictObject({
  target: z.string(),
  step: z.number().int().positive().describe('1-based step number.'),
  offeredRps: num.describe('The rate asked of this target in this step, requests per second.'),
  achievedRps: num.nullable().describe('What it answered: requests completed per second of the step.'),
  sent: z.number().int().nonnegative(),
  ok: z.number().int().nonnegative(),
  errorRate: num.nullable(),
  sendLagMs: p50p99.describe("The client's send lag (actual − scheduled send)."),
  latencyMs: z.strictObject({ ttft: p50p99, e2e: p50p99 }).describe('From the scheduled send; null values when no request succeeded.'),
  sloAttainment: num.nullable().describe('Share of the step\'s requests meeting every SLO bound; null without an slo.'),
  saturated: z.boolean(),
  saturatedBy: z.array(z.string()).describe('What saturated it, e.g. achieved-rate, latency-climbing, errors.'),
  skipped: z.boolean().describe('Not run: the target saturated at a lower step.'),
});
export type SweepStep = z.infer<typeof sweepStepSchema>;

export const sweepKneeSchema = z.strictObject({
  target: z.string(),
  maxSustainedRps: num.nullable().describe('The highest offered rate that did not saturate; null when the first step saturated.'),
  maxRpsMeetingSlo: num.nullable().describe('The highest step whose SLO attainment reached the target; null without an slo or when none did.'),
  saturated: z.boolean().describe('Whether any step saturated (false: the knee is above the highest rate tried).'),
  saturatedAtRps: num.nullable().describe('The first offered rate that saturated; null when none did.'),
});
export type SweepKnee = z.infer<typeof sweepKneeSchema>;

export const sweepSchema = z
  .strictObject({
    rates: z.array(num).describe('Offered rates per target, as asked (auto: as chosen).'),
    stepDurationS: num.nullable().describe('Each step\'s duration; null when steps are a request count.'),
    stepRequests: z.number().int().nullable().describe('Requests per target per step; null when steps are timed.'),
    criteria: z.looseObject({ maxErrorRate: num.optional(), minAchievedRatio: num.optional() }).describe('What "saturated" meant in this run.'),
    clientBound: z.strictObject({ atRps: num, reason: z.string() }).nullable().describe('When the client, not the gateway, stopped the sweep.'),
    steps: z.array(sweepStepSchema),
    knees: z.array(sweepKneeSchema),
  })
  .describe('A rate sweep: open-loop steps of rising offered rate per target, and where each saturated.');
export type SweepDoc = z.infer<typeof sweepSchema>;
