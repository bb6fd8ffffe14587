import { attainment, type Slo } from './slo.js';
import { quantile } from './stats.js';

/**
 * One sweep step of one target, from its requests to the figures the sweep reports and the saturation decision
 * (pure). The latencies reported are timed from the scheduled send, so a queue at the gateway (or a late client)
 * shows in them. The saturation decision, though, judges what the target did with what it was actually sent —
 * completions against actual sends, latency from the actual send — so a client that falls behind is not taken for
 * a saturated gateway: the client's lag is judged on its own (clientBoundReason).
 */

/** What a step needs of one measured request. Times are ms on any one clock (epoch ms in practice). */
export interface StepRequest {
  /** When it was due. */
  scheduledAt: number;
  /** Actual send − scheduled send. */
  lagMs: number;
  /** When the response ended (or the request failed). */
  endAt: number;
  ok: boolean;
  ttftFromScheduledMs: number | null;
  e2eFromScheduledMs: number;
  itlMs: number | null;
}

export interface Pctl {
  p50: number | null;
  p99: number | null;
}

export interface StepStats {
  sent: number;
  ok: number;
  /** Failed ÷ sent; null when nothing was sent. */
  errorRate: number | null;
  /** Successful completions per second over the middle 90% of the step's completions; null with fewer than 2 completions. */
  achievedRps: number | null;
  /** The rate the step was actually sent at (its own Poisson draw): scheduled sends per second over their middle 90%. */
  scheduledRps: number | null;
  /** Completion rate ÷ actual send rate (both over this step's requests, middle 90%); null when either is unknown. */
  achievedRatio: number | null;
  sendLagMs: Pctl;
  latencyMs: { ttft: Pctl; e2e: Pctl };
  /** e2e from the actual send regressed on the send time: slope, its t statistic, the rise over the step. */
  climb: { slopeMsPerS: number; t: number; riseMs: number } | null;
  /** Median e2e from the actual send of the successful requests: the scale a climb is judged against. */
  sentE2eP50Ms: number | null;
  sloAttainment: number | null;
}

/** Fewer successful requests than this and the climb is not judged (a regression on a handful says nothing). */
export const MIN_CLIMB_SAMPLES = 10;

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function pctl(values: readonly number[]): Pctl {
  if (values.length === 0) return { p50: null, p99: null };
  return { p50: r3(quantile(values, 0.5)), p99: r3(quantile(values, 0.99)) };
}

/**
 * Events per second of a set of times, over their middle 90%: (q95 − q5) spans 0.9 × (n − 1) gaps. Trimming the
 * ends keeps one early or late response (its own latency, not the rate) from deciding the figure; for evenly
 * spaced times it is exact. null with fewer than 2 times or no span.
 */
export function ratePerS(times: readonly number[]): number | null {
  if (times.length < 2) return null;
  const span = quantile(times, 0.95) - quantile(times, 0.05);
  return span > 0 ? (0.9 * (times.length - 1) * 1000) / span : null;
}

/** Least-squares slope of y on x, its t statistic and the fitted rise from the smallest to the largest x. */
export function climbOf(xsMs: readonly number[], ys: readonly number[]): StepStats['climb'] {
  const n = xsMs.length;
  if (n < MIN_CLIMB_SAMPLES) return null;
  const xs = xsMs.map((x) => x / 1000);
  const mx = xs.reduce((a, x) => a + x, 0) / n;
  const my = ys.reduce((a, y) => a + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - (my + slope * (xs[i]! - mx))) ** 2;
  const se = Math.sqrt(sse / (n - 2) / sxx);
  // A perfect line (se 0) is as significant as it gets: its sign decides.
  const t = se === 0 ? (slope === 0 ? 0 : Math.sign(slope) * Infinity) : slope / se;
  const span = Math.max(...xs) - Math.min(...xs);
  return { slopeMsPerS: r3(slope), t: Number.isFinite(t) ? r3(t) : t, riseMs: r3(slope * span) };
}

export function stepStats(reqs: readonly StepRequest[], slo: Slo | undefined): StepStats {
  const ok = reqs.filter((r) => r.ok);
  const achievedAll = ratePerS(reqs.map((r) => r.endAt));
  const scheduledRps = ratePerS(reqs.map((r) => r.scheduledAt));
  const sentRps = ratePerS(reqs.map((r) => r.scheduledAt + r.lagMs));
  const fromSend = ok.map((r) => r.e2eFromScheduledMs - r.lagMs);
  const okShare = reqs.length === 0 ? 0 : ok.length / reqs.length;
  const achievedRps = achievedAll === null ? null : r3(achievedAll * okShare);
  return {
    sent: reqs.length,
    ok: ok.length,
    errorRate: reqs.length === 0 ? null : r3((reqs.length - ok.length) / reqs.length),
    achievedRps,
    scheduledRps: scheduledRps === null ? null : r3(scheduledRps),
    // Completions against sends of the same requests: failures are judged by the error bound, not twice.
    achievedRatio: achievedAll === null || sentRps === null ? null : r3(achievedAll / sentRps),
    sendLagMs: pctl(reqs.map((r) => r.lagMs)),
    latencyMs: {
      ttft: pctl(ok.flatMap((r) => (r.ttftFromScheduledMs === null ? [] : [r.ttftFromScheduledMs]))),
      e2e: pctl(ok.map((r) => r.e2eFromScheduledMs)),
    },
    climb: climbOf(
      ok.map((r) => r.scheduledAt + r.lagMs),
      fromSend,
    ),
    sentE2eP50Ms: fromSend.length === 0 ? null : r3(quantile(fromSend, 0.5)),
    sloAttainment: slo === undefined ? null : attainment(reqs.map((r) => ({ ok: r.ok, ttftMs: r.ttftFromScheduledMs, itlMs: r.itlMs, e2eMs: r.e2eFromScheduledMs })), slo).attainment,
  };
}

export const SATURATION_REASONS = ['achieved-rate', 'latency-climbing', 'errors'] as const;
export type SaturationReason = (typeof SATURATION_REASONS)[number];

export interface SaturationCriteria {
  maxErrorRate: number;
  minAchievedRatio: number;
  /** The achieved rate is judged only on a step with at least this many requests: on a handful, single latencies decide it. */
  minRateRequests: number;
  /** The client is the bottleneck above the larger of floorMs and `gaps` inter-arrival gaps (clientBoundReason). */
  clientBound: { floorMs: number; gaps: number };
  /** Latency climbing: slope t ≥ minT and a rise over the step ≥ minRiseRatio × the step's median e2e (from the send) and ≥ minRiseMs. */
  latencyClimb: { minT: number; minRiseRatio: number; minRiseMs: number };
}

export const LATENCY_CLIMB = { minT: 3, minRiseRatio: 0.5, minRiseMs: 50 } as const;
export const MIN_RATE_REQUESTS = 20;

/** Why a measured step counts as saturated (empty: it did not). */
export function saturatedBy(s: StepStats, c: SaturationCriteria): SaturationReason[] {
  const out: SaturationReason[] = [];
  if (s.achievedRatio !== null && s.sent >= c.minRateRequests && s.achievedRatio < c.minAchievedRatio) out.push('achieved-rate');
  const median = s.sentE2eP50Ms;
  const l = c.latencyClimb;
  if (s.climb !== null && median !== null && s.climb.t >= l.minT && s.climb.riseMs >= Math.max(l.minRiseMs, l.minRiseRatio * median)) out.push('latency-climbing');
  // A step where nothing came back at all is saturated whatever the bound allows.
  if (s.sent > 0 && (s.ok === 0 || s.errorRate! > c.maxErrorRate)) out.push('errors');
  return out;
}

/**
 * When the client, not a gateway, is the bottleneck: its send lag p99 (over every target of the step) or its
 * event-loop delay p99 passes both a floor and a number of inter-arrival gaps of the whole step (1000 ÷ the
 * total offered rate, ms). Late sends inflate every latency measured from the schedule and would pass for a
 * gateway's queue; a stalled event loop delays every timestamp.
 */
export const CLIENT_BOUND = { floorMs: 50, gaps: 10 } as const;

export function clientBoundReason(o: { sendLagP99Ms: number | null; eventLoopP99Ms: number | null; totalRps: number }, t: { floorMs: number; gaps: number } = CLIENT_BOUND): string | null {
  const gapMs = 1000 / o.totalRps;
  const limit = Math.max(t.floorMs, t.gaps * gapMs);
  const at = `${r3(o.totalRps)} requests/s in all`;
  const fmt = (x: number) => (x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10));
  if (o.sendLagP99Ms !== null && o.sendLagP99Ms > limit) {
    return `the client's send lag p99 was ${fmt(o.sendLagP99Ms)} ms at ${at}, above ${fmt(limit)} ms (the larger of ${t.floorMs} ms and ${t.gaps} gaps between sends)`;
  }
  if (o.eventLoopP99Ms !== null && o.eventLoopP99Ms > limit) {
    return `the client's event loop was delayed by ${fmt(o.eventLoopP99Ms)} ms (p99) at ${at}, above ${fmt(limit)} ms (the larger of ${t.floorMs} ms and ${t.gaps} gaps between sends)`;
  }
  return null;
}
