import type { Gateway, Limit, LimitRule } from '../catalog/schema.js';
import { formatInt, formatNumber } from '../format.js';
import { applies, basePlan, onPlan, type Usage } from './usage.js';
import { monthlyLogGb, SECONDS_PER_MONTH, type Workload } from './workload.js';

/** One limit checked against the workload: does it fit, fit a documented way past it, or not at all. */
export interface LimitCheck {
  gateway: string;
  rule: LimitRule;
  /** The pricing.limits entry: value, label, source. */
  limit: Limit;
  /** Units per window the workload puts on one scope: on average, at peak, and which of the two is compared. */
  demand: { average: number; peak: number; compared: 'average' | 'peak' };
  outcome: 'fits' | 'past' | 'exceeds';
  /** How it gets past: this many scopes (e.g. gateways) under that count limit, and/or a plan it needs. */
  way?: { scopes?: number; scopesLimit?: Limit; plan?: string } | undefined;
  /** The limit, the figures and what follows from them. */
  text: string;
}

const DAY = 86_400;

/** "60 s", "hour", "day": a limit's window in words. */
export const windowText = (s: number) => (s === 3_600 ? 'hour' : s === DAY ? 'day' : `${formatInt(s)} s`);

/**
 * Demand per window. A window shorter than a day is met by the peak rate (the cost model's peak factor);
 * a day or longer evens out, so the average is compared.
 */
function demandOf(rule: LimitRule, u: Usage): LimitCheck['demand'] {
  const share = rule.appliesWhen === 'free-models' ? u.workload.freeModelShare : 1;
  const monthly = rule.counts === 'log-gb' ? monthlyLogGb(u.workload) : u.workload.monthlyRequests;
  const average = ((monthly * share) / SECONDS_PER_MONTH) * rule.windowSeconds;
  return { average, peak: average * u.workload.peakFactor, compared: rule.windowSeconds < DAY ? 'peak' : 'average' };
}

/**
 * Every limit in the gateway's `decision.limits` that applies to this usage on these plans, checked against the
 * workload: the one place that decides feasibility under a limit. Pure.
 */
export function checkLimits(g: Gateway, u: Usage, plans: ReadonlySet<string>): LimitCheck[] {
  const out: LimitCheck[] = [];
  for (const rule of g.decision.limits) {
    const limit = g.pricing.limits.find((l) => l.id === rule.limit);
    if (limit === undefined || !applies(rule.appliesWhen, u) || !onPlan(g, limit.plan, plans)) continue;
    out.push(checkOne(g, rule, limit, u, plans));
  }
  return out;
}

function checkOne(g: Gateway, rule: LimitRule, limit: Limit, u: Usage, plans: ReadonlySet<string>): LimitCheck {
  const demand = demandOf(rule, u);
  const load = demand[demand.compared];
  const { unit, amount } = countText(rule.counts);
  const about = rule.counts === 'log-gb' ? logSizeText(u.workload) : '';
  const per = windowText(rule.windowSeconds);
  const sends =
    demand.compared === 'peak'
      ? `at ${formatInt(u.workload.monthlyRequests)} requests/month this workload sends about ${amount(load)} ${unit} per ${per} at peak (peak factor ${formatNumber(u.workload.peakFactor)}; ${amount(demand.average)} on average)${about}`
      : `at ${formatInt(u.workload.monthlyRequests)} requests/month this workload writes about ${amount(load)} ${unit} per ${per} on average${about}`;
  const head = `${limit.label} is ${formatNumber(limit.value)} ${unit} per ${per} per ${rule.scope}; ${sends}`;
  const base = { gateway: g.id, rule, limit, demand };
  if (load <= limit.value) return { ...base, outcome: 'fits', text: `${head}: within the limit` };

  const basePlanId = basePlan(g)?.id;
  let short: string | undefined;
  for (const way of rule.pastBy) {
    if ('plan' in way) {
      return { ...base, outcome: 'past', way: { plan: way.plan }, text: `${head}, so it needs the ${planName(g, way.plan)} plan, where this limit does not apply` };
    }
    const needed = Math.ceil(load / limit.value);
    const counts = way.scaleOut.map((id) => g.pricing.limits.find((l) => l.id === id)).filter((l): l is Limit => l !== undefined);
    // The allowance of the plan you are on (the base plan, or one something else already needs) costs nothing more.
    const current = counts.filter((l) => l.plan === undefined || (plans.size > 0 ? plans.has(l.plan) : l.plan === basePlanId));
    const enoughNow = current.find((l) => l.value >= needed);
    const enough = enoughNow ?? counts.find((l) => l.value >= needed);
    if (enough !== undefined) {
      const plan = enoughNow === undefined && enough.plan !== basePlanId ? enough.plan : undefined;
      const allowance = `up to ${formatInt(enough.value)} per ${enough.per ?? 'account'}${enough.plan ? ` on ${planName(g, enough.plan)}` : ''}`;
      return {
        ...base,
        outcome: 'past',
        way: { scopes: needed, scopesLimit: enough, plan },
        text: `${head}, so it needs ${formatInt(needed)} ${rule.scope}s (${allowance}) with the traffic split across them`,
      };
    }
    const most = counts.reduce<Limit | undefined>((m, l) => (m === undefined || l.value > m.value ? l : m), undefined);
    if (most !== undefined) {
      short ??= `${head}: that needs ${formatInt(needed)} ${rule.scope}s, more than the ${formatInt(most.value)} allowed per ${most.per ?? 'account'}${most.plan ? ` on ${planName(g, most.plan)}` : ''}`;
    }
  }
  return { ...base, outcome: 'exceeds', text: short ?? `${head}: more than the limit, with no documented way past it` };
}

function whole(x: number): string {
  return formatInt(Math.ceil(x));
}
/** How each kind of count is named and rounded: whole requests and events, GB to three decimals. */
function countText(counts: LimitRule['counts']): { unit: string; amount: (x: number) => string } {
  switch (counts) {
    case 'requests':
      return { unit: 'requests', amount: whole };
    case 'log-events':
      return { unit: 'log events', amount: whole };
    case 'log-gb':
      return { unit: 'GB of logs', amount: (x) => formatNumber(x) };
  }
}

/** The log size a GB count rests on, and whether it is the user's. */
function logSizeText(w: Workload): string {
  return ` (${formatInt(w.logBytesPerRequest)} bytes per request's log, ${w.logBytesGiven ? 'your figure' : 'assumed from the token sizes'})`;
}

/** What a limit rule counts, in words: "requests", "log events", "GB of logs". */
export function countUnit(counts: LimitRule['counts']): string {
  return countText(counts).unit;
}

const planName = (g: Gateway, id: string) => g.pricing.plans.find((p) => p.id === id)?.name ?? id;
