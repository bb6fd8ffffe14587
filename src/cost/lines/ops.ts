import { effectiveOperations } from '../../catalog/operations.js';
import type { MemberSetup } from '../../advisor/eligibility.js';
import { BURDEN_STEPS, burdenSteps, scaleOutOf, scaleOutSteps, scaleOutWhy, type ScaleOut } from '../../advisor/scale-out.js';
import type { Burden } from '../../catalog/schema.js';
import { wantedFeatures } from '../../advisor/wanted.js';
import { formatNumber } from '../../format.js';
import { DEFAULT_SOURCES, OPS_HOURS_BY_CAPACITY } from '../options.js';
import { num, type CostContext, type CostLine } from './types.js';

/** Hours a month, as a share of a moderate-burden gateway's, by the catalog's burden of what is run. */
export const BURDEN_FACTOR = { none: 0, low: 0.125, moderate: 1, high: 1.5 } as const;

const FACTORS = [BURDEN_FACTOR.none, BURDEN_FACTOR.low, BURDEN_FACTOR.moderate, BURDEN_FACTOR.high] as const;

/**
 * The hours factor at a burden in steps (none 0 … high 3): the burden's own factor at a whole step, straight lines
 * between, and high's slope (0.5 a step) beyond it. A scale-out adds fractional steps (see advisor/scale-out.ts).
 */
export function burdenFactorAt(steps: number): number {
  const i = Math.min(Math.max(Math.floor(steps), 0), FACTORS.length - 2);
  return FACTORS[i]! + (steps - i) * (FACTORS[i + 1]! - FACTORS[i]!);
}

/** " (1 step) on 7 gateways (…): +1.2 burden steps, 0.2 for each of 6 extra gateways, so 2.2 steps;" */
function scaledText(burden: Burden, split: ScaleOut): string {
  const own = BURDEN_STEPS[burden];
  return ` (${own} step${own === 1 ? '' : 's'}) on ${scaleOutWhy(split)}: ${scaleOutSteps(split)}, so ${formatNumber(burdenSteps(burden, split))} steps;`;
}

/** Ops time: base hours (by ops capacity, or set) × the burden factor of the deployment the served features need × the rate. */
export function opsLines(ctx: CostContext, m: MemberSetup): CostLine[] {
  const o = ctx.options;
  const g = m.gateway;
  const ops = effectiveOperations(g, wantedFeatures(m.answers));
  const split = scaleOutOf(m.limits);
  const factor = burdenFactorAt(burdenSteps(ops.burden, split));
  const base = o.opsHoursPerMonth ?? OPS_HOURS_BY_CAPACITY[m.answers.opsCapacity];
  const hours = base * factor;
  if (hours <= 0) return [];
  return [
    {
      kind: 'ops',
      label: `Ops time (${num(hours)} h/month)`,
      usd: hours * o.opsHourlyUsd,
      assumption:
        `${num(base)} h/month for a moderate-burden gateway (${o.opsHoursPerMonth === null ? `from opsCapacity "${m.answers.opsCapacity}"` : 'your setting'}) × ` +
        `${formatNumber(factor)} for "${ops.burden}" burden${ops.minimal ? ' (smallest deployment)' : ''}${split ? scaledText(ops.burden, split) : ''} × $${o.opsHourlyUsd}/h: upgrades, patching, database care, on-call${split ? ', and routing the traffic over them' : ''}`,
      source: `${ctx.sourceUrl(g.operations.source)}; ${DEFAULT_SOURCES.assumption}`,
    },
  ];
}
