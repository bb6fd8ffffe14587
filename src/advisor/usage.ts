import type { Fee, FeeCondition, Gateway, LimitCondition, Plan } from '../catalog/schema.js';
import type { Answers } from './answers.js';
import { wantedFeatures } from './wanted.js';
import type { Workload } from './workload.js';

export type Billing = 'byok' | 'managed';

/** How one gateway is used: what decides which of its fees and limits apply. */
export interface Usage {
  billing: Billing;
  /** The part of the answers this gateway serves (all of them, unless it is one member of a stack). */
  answers: Answers;
  workload: Workload;
}

/** Whether a fee's or a limit's `appliesWhen` holds for this usage. Pure. */
export function applies(c: FeeCondition | LimitCondition, u: Usage): boolean {
  switch (c) {
    case 'always':
      return true;
    case 'card-credits':
      return u.billing === 'managed' && u.workload.paymentMethod === 'card';
    case 'crypto-credits':
      return u.billing === 'managed' && u.workload.paymentMethod === 'crypto';
    case 'managed-billing':
      return u.billing === 'managed';
    case 'byok':
      return u.billing === 'byok';
    case 'logpush':
      return u.workload.logpush;
    case 'stored-logs':
      // Logs are kept for observability; without that need, logging can be turned off.
      return wantedFeatures(u.answers).includes('observability');
    case 'plan-chosen':
      // Decided by the plans chosen (feesThatApply), never by the usage alone.
      return false;
    case 'zero-data-retention':
      return u.answers.dataControl === 'zero-retention';
    case 'free-models':
      return u.workload.freeModelShare > 0;
  }
}

/** The plan you are on unless something needs another: the cheapest with a published price (the first on ties). */
export function basePlan(g: Gateway): Plan | undefined {
  let best: Plan | undefined;
  for (const p of g.pricing.plans) {
    if (p.monthlyUsd !== null && (best === undefined || p.monthlyUsd < (best.monthlyUsd ?? Infinity))) best = p;
  }
  return best;
}

/** The plan a pricing.limits entry belongs to, if any. */
export const limitPlan = (g: Gateway, limitId: string): string | undefined => g.pricing.limits.find((l) => l.id === limitId)?.plan;

/**
 * A fee tied to a plan, for a use another plan also covers under a limit (Workers Logs: free up to a daily cap,
 * billed per million on the paid plan), applies only once that plan is chosen for some reason.
 */
function hasAlternative(g: Gateway, fee: Fee): boolean {
  if (fee.plan === undefined) return false;
  return g.decision.limits.some((r) => {
    const p = limitPlan(g, r.limit);
    return r.appliesWhen === fee.appliesWhen && p !== undefined && p !== fee.plan;
  });
}

/** Plans (other than the base plan) that the applicable fees need by themselves, e.g. Logpush needs Workers Paid. */
export function plansNeededByFees(g: Gateway, u: Usage): string[] {
  const base = basePlan(g)?.id;
  const out = new Set<string>();
  for (const f of g.pricing.fees) {
    if (f.plan !== undefined && f.plan !== base && applies(f.appliesWhen, u) && !hasAlternative(g, f)) out.add(f.plan);
  }
  return [...out];
}

/** The fees that apply for this usage on these plans (besides the base plan). */
export function feesThatApply(g: Gateway, u: Usage, plans: ReadonlySet<string>): Fee[] {
  return g.pricing.fees.filter((f) =>
    f.appliesWhen === 'plan-chosen' ? f.plan !== undefined && plans.has(f.plan) : applies(f.appliesWhen, u) && (!hasAlternative(g, f) || plans.has(f.plan!)),
  );
}

/** Whether a limit that belongs to `plan` binds you: it does while you are on that plan. */
export function onPlan(g: Gateway, plan: string | undefined, plans: ReadonlySet<string>): boolean {
  if (plan === undefined) return true;
  return plans.size > 0 ? plans.has(plan) : plan === basePlan(g)?.id;
}
