import { z } from 'zod';
import type { Measurements } from './measured.js';

/**
 * What `choose --bench` and `cost --bench` record about the benchmark they read (pure): which file, when it was
 * measured, exactly which figures it replaced, and whether that changed the pick. A reader (or a CI job) can then
 * tell a recommendation that rests on measurements from one that rests on the catalog.
 */

const pickSchema = z.strictObject({
  id: z.string().nullable().describe('Gateway or stack id; null when nothing is eligible.'),
  name: z.string(),
});

export const benchRecordSchema = z
  .strictObject({
    file: z.string().describe('The summary as given with --bench.'),
    measuredAt: z.iso.datetime().describe('When the benchmark run finished.'),
    replaced: z
      .array(z.string())
      .describe(
        'What the measurements replaced: "overhead:<gateway>" (the catalog\'s added latency, in the latency criterion), "tokenCost:<gateway>" (the price table\'s token cost of options that gateway bills, scaled by its reported-vs-computed difference), "tokens:input" / "tokens:output" (the answers\' average token sizes, only with --bench-tokens and the run\'s own prompt file), "capacity:<gateway>" (the catalog\'s capacity per self-hosted instance, by a rate sweep\'s knee). Empty: the benchmark changed nothing.',
      ),
    measuredTokensPerRequest: z
      .strictObject({ input: z.number(), output: z.number() })
      .nullable()
      .describe('Mean tokens per request in the run, whether or not they replaced the answers\' (see "replaced").'),
    capacity: z
      .array(
        z.strictObject({
          gateway: z.string(),
          target: z.string().describe('The benchmark target whose knee it is.'),
          basis: z.enum(['maxSustainedRps', 'maxRpsMeetingSlo']).describe('Which knee: the highest sustained rate, or (with an slo) the highest rate meeting it.'),
          kneeRps: z.number().describe('Requests per second one instance carried, as measured.'),
          peakRps: z.number().describe('Your peak: monthly requests ÷ 2,592,000 s × the peak factor.'),
          instances: z.number().int().positive().describe('ceil(peak ÷ knee), at least the minimum instances.'),
          instanceUsdMonthly: z.number().describe("The cost model's price of one self-hosted instance."),
          monthlyUsd: z.number().describe('instances × instanceUsdMonthly.'),
          belowPeak: z.boolean().describe('Whether the knee is below your peak (one instance is not enough).'),
          text: z.string(),
        }),
      )
      .optional()
      .describe("Gateways your setup self-hosts whose capacity a rate sweep measured: the knee replaced the catalog's capacity per instance (\"capacity:<gateway>\" in replaced). Absent without a sweep."),
    changedPick: z
      .strictObject({ from: pickSchema, to: pickSchema, why: z.string() })
      .nullable()
      .describe('The pick (choose) or the cheapest option (cost) without the measurements and with them, when they differ; null when the measurements did not change it.'),
  })
  .describe('The benchmark read with --bench.');
export type BenchRecord = z.infer<typeof benchRecordSchema>;
export type Pick = z.infer<typeof pickSchema>;

export interface Replaced {
  tokens: readonly ('input' | 'output')[];
  /** Gateways whose measured overhead the latency criterion used. */
  overhead: readonly string[];
  /** Gateways whose measured reported-vs-computed difference scaled the token spend of an option they bill. */
  tokenCost: readonly string[];
  /** Self-hosted gateways whose capacity per instance a rate sweep's knee replaced. */
  capacity?: readonly string[];
}

/** The entries of `replaced`, in a fixed order: tokens, then overhead and token cost per gateway id. */
export function replacedEntries(r: Replaced): string[] {
  return [...r.tokens.map((f) => `tokens:${f}`), ...[...r.overhead].sort().map((g) => `overhead:${g}`), ...[...r.tokenCost].sort().map((g) => `tokenCost:${g}`), ...[...(r.capacity ?? [])].sort().map((g) => `capacity:${g}`)];
}

/** The change of pick, when there is one: the same id means the measurements confirmed it. */
export function pickChange(without: Pick, withMeasured: Pick, why: string): BenchRecord['changedPick'] {
  return without.id === withMeasured.id ? null : { from: without, to: withMeasured, why };
}

export function benchRecord(m: Measurements, replaced: Replaced, changedPick: BenchRecord['changedPick'], capacity?: BenchRecord['capacity']): BenchRecord {
  return {
    file: m.file,
    measuredAt: m.measuredAt,
    replaced: replacedEntries(replaced),
    measuredTokensPerRequest: m.tokensPerRequest ? { ...m.tokensPerRequest } : null,
    ...(capacity === undefined ? {} : { capacity }),
    changedPick,
  };
}
