import type { SweepDoc, SweepStepDoc } from './document.js';
import { kneeOf } from './knee.js';
import type { Sample } from './metrics.js';
import type { Slo } from './slo.js';
import { quantile } from './stats.js';
import { clientBoundReason, saturatedBy, stepStats, type SaturationCriteria, type SaturationReason, type StepRequest, type StepStats } from './sweep-steps.js';

/** The sweep's part of the result document, from step statistics and decisions (pure). */

/** A measured request as a step needs it: times from the scheduled send. */
export function stepRequestOf(s: Pick<Sample, 'startedAt' | 'lagMs' | 'endedAtEpoch' | 'ok' | 'ttftFromScheduledMs' | 'e2eFromScheduledMs' | 'itlMs'>): StepRequest {
  return {
    scheduledAt: s.startedAt - s.lagMs,
    lagMs: s.lagMs,
    endAt: s.endedAtEpoch,
    ok: s.ok,
    ttftFromScheduledMs: s.ttftFromScheduledMs,
    e2eFromScheduledMs: s.e2eFromScheduledMs,
    itlMs: s.itlMs,
  };
}

export interface StepOutcome {
  target: string;
  step: number;
  offeredRps: number;
  stats: StepStats;
  saturatedBy: readonly SaturationReason[];
  clientBound: boolean;
}

export function stepRow(o: StepOutcome): SweepStepDoc {
  const s = o.stats;
  return {
    target: o.target,
    step: o.step,
    offeredRps: o.offeredRps,
    scheduledRps: s.scheduledRps,
    achievedRps: s.achievedRps,
    sent: s.sent,
    ok: s.ok,
    errorRate: s.errorRate,
    sendLagMs: s.sendLagMs,
    latencyMs: s.latencyMs,
    latencySlopeMsPerS: s.climb?.slopeMsPerS ?? null,
    sloAttainment: s.sloAttainment,
    saturated: o.saturatedBy.length > 0,
    saturatedBy: [...o.saturatedBy],
    clientBound: o.clientBound,
    skipped: false,
  };
}

/** A step a target did not run because it had saturated at a lower one. */
export function skippedRow(target: string, step: number, offeredRps: number): SweepStepDoc {
  const none = { p50: null, p99: null };
  return {
    target,
    step,
    offeredRps,
    scheduledRps: null,
    achievedRps: null,
    sent: 0,
    ok: 0,
    errorRate: null,
    sendLagMs: none,
    latencyMs: { ttft: none, e2e: none },
    latencySlopeMsPerS: null,
    sloAttainment: null,
    saturated: false,
    saturatedBy: [],
    clientBound: false,
    skipped: true,
  };
}

export interface StepInput {
  step: number;
  rate: number;
  /** The step's targets, each with its measured requests. */
  targets: readonly { name: string; requests: readonly StepRequest[] }[];
  /** The client's event-loop delay p99 during the step; null when not watched. */
  eventLoopP99Ms: number | null;
  /** The step was cut short (Ctrl-C, --max-spend). */
  cut: boolean;
  slo: Slo | undefined;
  criteria: SaturationCriteria;
}

export interface StepVerdict {
  rows: SweepStepDoc[];
  /** Names of the targets that saturated at this step. */
  saturated: string[];
  /** Why the client was the bottleneck; null when it was not (or the step was cut short). */
  clientBound: string | null;
}

/**
 * A step's rows and verdicts. The client is judged first, over every target's requests together; a step it could
 * not keep up with, or one cut short, judges no target. A cut step shows only the targets that sent in it.
 */
export function judgeStep(i: StepInput): StepVerdict {
  const lags = i.targets.flatMap((t) => t.requests.map((r) => r.lagMs));
  const totalRps = i.rate * i.targets.length;
  const reason = i.cut ? null : clientBoundReason({ sendLagP99Ms: lags.length ? quantile(lags, 0.99) : null, eventLoopP99Ms: i.eventLoopP99Ms, totalRps }, i.criteria.clientBound);
  const shown = i.cut ? i.targets.filter((t) => t.requests.length > 0) : i.targets;
  const saturated: string[] = [];
  const rows = shown.map((t) => {
    const stats = stepStats(t.requests, i.slo);
    const by = i.cut || reason !== null ? [] : saturatedBy(stats, i.criteria);
    if (by.length > 0) saturated.push(t.name);
    return stepRow({ target: t.name, step: i.step, offeredRps: i.rate, stats, saturatedBy: by, clientBound: reason !== null });
  });
  return { rows, saturated, clientBound: reason };
}

export interface SweepDocInput {
  rates: readonly number[];
  stepDurationS: number | null;
  stepRequests: number | null;
  warmupPerStep: number;
  criteria: SaturationCriteria;
  clientBound: SweepDoc['clientBound'];
  /** Every target, in the config's order. */
  targets: readonly string[];
  rows: readonly SweepStepDoc[];
  sloTarget: number | undefined;
}

export function sweepDocument(i: SweepDocInput): SweepDoc {
  // By target, then step: each target's rows read as its own table.
  const order = new Map(i.targets.map((t, k) => [t, k]));
  const steps = [...i.rows].sort((a, b) => order.get(a.target)! - order.get(b.target)! || a.step - b.step);
  return {
    rates: [...i.rates],
    stepDurationS: i.stepDurationS,
    stepRequests: i.stepRequests,
    warmupPerStep: i.warmupPerStep,
    criteria: { maxErrorRate: i.criteria.maxErrorRate, minAchievedRatio: i.criteria.minAchievedRatio, minRateRequests: i.criteria.minRateRequests, latencyClimb: { ...i.criteria.latencyClimb }, clientBound: { ...i.criteria.clientBound } },
    clientBound: i.clientBound,
    steps,
    knees: i.targets.map((t) =>
      kneeOf(
        t,
        steps.filter((s) => s.target === t),
        i.sloTarget,
      ),
    ),
  };
}
