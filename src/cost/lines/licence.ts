import type { MemberSetup } from '../../advisor/eligibility.js';
import type { CostContext, CostLine } from './types.js';

/**
 * The licence, when the member serves an enterprise-only feature or runs in an enterprise-only deployment: the
 * catalog's licence plan (`decision.licencePlan`). An unpublished price is a null line, never a made-up number.
 */
export function licenceLines(ctx: CostContext, m: MemberSetup): CostLine[] {
  if (m.licensed.length === 0) return [];
  const g = m.gateway;
  const plan = g.decision.licencePlan === undefined ? undefined : g.pricing.plans.find((p) => p.id === g.decision.licencePlan);
  const usd = plan?.monthlyUsd ?? null;
  const what = m.licensed.join(', ');
  const verb = m.licensed.length > 1 ? 'are' : 'is';
  // Licensed features come before a licensed deployment, which is not a feature: its source is the licence's.
  const firstFeature = g.features[m.licensed[0] as keyof typeof g.features] as (typeof g.features)[keyof typeof g.features] | undefined;
  return [
    {
      kind: 'licence',
      label: `${plan?.name ?? 'Enterprise'} licence (${what})`,
      usd,
      assumption:
        plan === undefined
          ? `price not published: ${what} ${verb} enterprise-only and the catalog names no plan that unlocks it; the total excludes it — ask the vendor`
          : usd === null
            ? `price not published: ${what} ${verb} enterprise-only (${plan.name}); the total excludes it — ask the vendor`
            : `${plan.name} at $${usd}/month, for ${what}`,
      source: ctx.sourceUrl(plan?.source ?? firstFeature?.source ?? g.licence.source),
    },
  ];
}
