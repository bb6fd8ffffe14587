import type { Fee, Gateway, Limit, Plan, WayPast } from './schema.js';

/**
 * A gateway with only the fees, plans and limits `keep` accepts, and the decision rules that still make sense:
 * a limit rule while its limit stays, a way past it while its plan or scopes do. Used for a date (as-of) and
 * for a way of running it (self-hosted or managed). Pure.
 */
export function narrowPricing(g: Gateway, keep: (fact: Fee | Plan | Limit) => boolean): Gateway {
  const limits = g.pricing.limits.filter(keep);
  const limitIds = new Set(limits.map((l) => l.id));
  const plans = g.pricing.plans.filter(keep);
  const planIds = new Set(plans.map((p) => p.id));
  const rules = g.decision.limits
    .filter((r) => limitIds.has(r.limit))
    .map((r) => ({
      ...r,
      pastBy: r.pastBy.flatMap((w): WayPast[] => {
        if ('plan' in w) return planIds.has(w.plan) ? [w] : [];
        const scaleOut = w.scaleOut.filter((id) => limitIds.has(id));
        return scaleOut.length > 0 ? [{ scaleOut }] : [];
      }),
    }));
  return { ...g, decision: { ...g.decision, limits: rules }, pricing: { ...g.pricing, fees: g.pricing.fees.filter(keep), plans, limits } };
}

/**
 * The gateway as run one way: fees, plans and limits marked for the other deployment left out (Portkey's hosted
 * plans do not bind its open-source gateway on your machines), and, when it runs managed and the catalog says what
 * that takes (`operations.managed`), that burden instead of the self-hosted one. Pure.
 */
export function gatewayAsDeployed(g: Gateway, mode: 'self-hosted' | 'managed'): Gateway {
  const narrowed = narrowPricing(g, (f) => f.deployment === undefined || f.deployment === mode);
  const managed = g.operations.managed;
  if (mode !== 'managed' || managed === undefined) return narrowed;
  const { managed: _, base: __, ...rest } = g.operations;
  return { ...narrowed, operations: { ...rest, burden: managed.burden, components: [], note: managed.note } };
}
