import { z } from 'zod';

/**
 * Service-level objectives for a benchmark (pure): per-request latency bounds and the share of requests that must
 * meet all of them. A request is "good" when it succeeded and met every bound that is set; a failed request is
 * never good (errors count in the denominator, as AIPerf's good-request fraction and guidellm's SLO attainment do).
 * In the open loop the bounds apply to latencies timed from the scheduled send, so a client that fell behind, or a
 * gateway that queued, is not flattered (coordinated omission).
 */

const bound = (what: string) => z.number().positive().max(600_000).optional().describe(`${what}, ms; unset means no bound.`);

export const sloSchema = z
  .strictObject({
    ttftMs: bound('Longest acceptable time to first token'),
    itlMs: bound('Longest acceptable mean inter-token latency of a request'),
    e2eMs: bound('Longest acceptable end-to-end latency'),
    attainment: z.number().gt(0).max(1).default(0.95).describe('Share of requests that must meet every bound (0.95 = 95%).'),
  })
  .refine((s) => s.ttftMs !== undefined || s.itlMs !== undefined || s.e2eMs !== undefined, {
    message: 'set at least one bound: ttftMs, itlMs or e2eMs',
  })
  .describe('Latency objectives: goodput counts the requests that meet every bound.');
export type Slo = z.infer<typeof sloSchema>;

/** What the SLO needs of one request. Latencies are the ones to judge: from the scheduled send in the open loop. */
export interface SloRequest {
  ok: boolean;
  ttftMs: number | null;
  itlMs: number | null;
  e2eMs: number | null;
}

/**
 * Whether one request meets the SLO. A bound on a latency the request does not have (no TTFT in a response that
 * was not streamed, no ITL with one output token) cannot be missed by it; an e2e is always known for a success.
 */
export function meetsSlo(r: SloRequest, slo: Pick<Slo, 'ttftMs' | 'itlMs' | 'e2eMs'>): boolean {
  if (!r.ok) return false;
  const within = (v: number | null, limit: number | undefined) => limit === undefined || v === null || v <= limit;
  return within(r.ttftMs, slo.ttftMs) && within(r.itlMs, slo.itlMs) && within(r.e2eMs, slo.e2eMs);
}

export interface Attainment {
  good: number;
  total: number;
  /** good / total; null with no requests. */
  attainment: number | null;
  /** attainment ≥ the SLO's target; null with no requests. */
  met: boolean | null;
}

export function attainment(requests: Iterable<SloRequest>, slo: Slo): Attainment {
  let good = 0;
  let total = 0;
  for (const r of requests) {
    total++;
    if (meetsSlo(r, slo)) good++;
  }
  const share = total === 0 ? null : good / total;
  return { good, total, attainment: share, met: share === null ? null : share >= slo.attainment };
}
