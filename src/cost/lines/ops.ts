import { effectiveOperations } from '../../catalog/operations.js';
import type { MemberSetup } from '../../advisor/eligibility.js';
import { wantedFeatures } from '../../advisor/wanted.js';
import { DEFAULT_SOURCES, OPS_HOURS_BY_CAPACITY } from '../options.js';
import { num, type CostContext, type CostLine } from './types.js';

/** Hours a month, as a share of a moderate-burden gateway's, by the catalog's burden of what is run. */
export const BURDEN_FACTOR = { none: 0, low: 0.125, moderate: 1, high: 1.5 } as const;

/** Ops time: base hours (by ops capacity, or set) × the burden factor of the deployment the served features need × the rate. */
export function opsLines(ctx: CostContext, m: MemberSetup): CostLine[] {
  const o = ctx.options;
  const g = m.gateway;
  const ops = effectiveOperations(g, wantedFeatures(m.answers));
  const factor = BURDEN_FACTOR[ops.burden];
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
        `${factor} for "${ops.burden}" burden${ops.minimal ? ' (smallest deployment)' : ''} × $${o.opsHourlyUsd}/h: upgrades, patching, database care, on-call`,
      source: `${ctx.sourceUrl(g.operations.source)}; ${DEFAULT_SOURCES.assumption}`,
    },
  ];
}
