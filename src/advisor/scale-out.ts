import type { Burden } from '../catalog/schema.js';
import { formatInt, formatNumber } from '../format.js';
import { countUnit, windowText, type LimitCheck } from './capacity.js';

/** A burden as a number of steps, so that a scale-out can add fractions of one. */
export const BURDEN_STEPS: Record<Burden, number> = { none: 0, low: 1, moderate: 2, high: 3 };

/**
 * Burden steps each extra scope adds (the 2nd, 3rd … gateway a limit's `scaleOut` needs). Splitting traffic over N
 * scopes means routing in your clients (spread requests, retry a 429 on another) and N copies of everything kept
 * per scope (cache, logs, rate limits, spend limits, settings) to keep in step. A fifth of a step each: five extra
 * gateways weigh as much as going from configuring a dashboard ("low") to running a service ("moderate"), so seven
 * gateways (six extra) weigh a little more than running a service. The one place this judgement lives: the score's
 * operations criterion and the cost's ops hours both read it.
 */
export const SCALE_OUT_STEP_PER_EXTRA_SCOPE = 0.2;

/**
 * Points off for a team with no ops capacity when an option only carries the load split over several gateways: the
 * client-side routing and N copies of every setting are work such a team has no one for, so the option must not sit
 * within reach of one that needs none (the operations criterion alone moves it little at 2 gateways).
 */
export const SCALE_OUT_NO_OPS_PENALTY = 10;

/** A limit passed by spreading the load over more scopes: how many, and the check that needs them. */
export interface ScaleOut {
  scopes: number;
  scope: string;
  check: LimitCheck;
}

/**
 * The widest scale-out among a member's limit checks (the same scopes carry every such limit); none when it fits one.
 * A check passed by scale-out always needs at least 2 scopes (its load is over one scope's limit).
 */
export function scaleOutOf(limits: readonly LimitCheck[]): ScaleOut | undefined {
  let best: ScaleOut | undefined;
  for (const c of limits) {
    // Only a limit passed some way has a `way`.
    const scopes = c.way?.scopes;
    if (scopes !== undefined && (best === undefined || scopes > best.scopes)) best = { scopes, scope: c.rule.scope, check: c };
  }
  return best;
}

/** The burden in steps, plus what the scale-out adds. */
export function burdenSteps(burden: Burden, s: ScaleOut | undefined): number {
  return BURDEN_STEPS[burden] + (s === undefined ? 0 : SCALE_OUT_STEP_PER_EXTRA_SCOPE * (s.scopes - 1));
}

/** "7 gateways (Unified Billing request rate is 200 requests per 60 s per gateway)": how many, and why. */
export function scaleOutWhy(s: ScaleOut): string {
  return `${formatInt(s.scopes)} ${s.scope}s (${s.check.limit.label} is ${formatNumber(s.check.limit.value)} ${countUnit(s.check.rule.counts)} per ${windowText(s.check.rule.windowSeconds)} per ${s.scope})`;
}

/** What running it as N scopes takes, for a reason or a watch-out. */
export function scaleOutWork(s: ScaleOut): string {
  return `routing in your clients to split the traffic (and retry a 429 on another ${s.scope}), and ${formatInt(s.scopes)} separate caches, sets of logs, rate limits and spend limits to keep in step`;
}

/** "+1.5 burden steps, 0.25 for each of 6 extra gateways". */
export function scaleOutSteps(s: ScaleOut): string {
  const extra = s.scopes - 1;
  const added = formatNumber(SCALE_OUT_STEP_PER_EXTRA_SCOPE * extra);
  return extra === 1
    ? `+${added} burden step for the extra ${s.scope}`
    : `+${added} burden steps, ${formatNumber(SCALE_OUT_STEP_PER_EXTRA_SCOPE)} for each of ${formatInt(extra)} extra ${s.scope}s`;
}
