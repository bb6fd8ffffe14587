import type { Fee, Plan, Tier } from '../../catalog/schema.js';
import type { MemberSetup } from '../../advisor/eligibility.js';
import { basePlan, feesThatApply } from '../../advisor/usage.js';
import { BYTES_PER_GB, type Workload } from '../../advisor/workload.js';
import type { CostOptions } from '../options.js';
import { money, num, type CostContext, type CostLine } from './types.js';

/** The gateway's fees that apply to this member's usage (billing mode, log export, kept logs), each as a line. */
export function feeLines(ctx: CostContext, m: MemberSetup, w: Workload, tokenSpend: number): CostLine[] {
  return appliedFees(m, w).map((fee) => {
    const log = { bytesPerRequest: w.logBytesPerRequest, given: w.logBytesGiven };
    const { usd, assumption } = feeAmount(fee, { tokenSpend, requests: m.answers.monthlyRequests, options: ctx.options, log });
    return { kind: 'fee', label: fee.label, usd, assumption, source: ctx.sourceUrl(fee.source), checked: fee.checked };
  });
}

/** The plans the member is on: those its fees and limits need, and the licence plan when it needs a licence. */
function plansOn(m: MemberSetup): Set<string> {
  const licence = m.licensed.length > 0 ? m.gateway.decision.licencePlan : undefined;
  return new Set(licence === undefined ? m.plans : [...m.plans, licence]);
}

export function appliedFees(m: MemberSetup, w: Workload): Fee[] {
  return feesThatApply(m.gateway, { billing: m.billing, answers: m.answers, workload: w }, plansOn(m));
}

/**
 * The plans this member must be on beyond its base plan (`MemberSetup.plans`), each with what needs it: an
 * applicable fee that belongs to it, or a way past a limit. A plan priced $0 adds nothing; an unpublished one is
 * a null line. When nothing needs another plan, the base plan is what you pay for, if it has a price.
 */
export function planLines(ctx: CostContext, m: MemberSetup, w: Workload): CostLine[] {
  const g = m.gateway;
  const base = basePlan(g);
  const why = new Map<string, string[]>();
  const need = (plan: string, reason: string) => why.set(plan, [...(why.get(plan) ?? []), reason]);
  for (const f of appliedFees(m, w)) if (f.plan !== undefined && f.plan !== base?.id) need(f.plan, `"${f.label}"`);
  // Only a limit that is past has a way, and only a way past it can name a plan.
  // A plan a limit led to but a later limit left behind (Pro → Enterprise) is not one you are on.
  for (const c of m.limits) if (c.way?.plan !== undefined && m.plans.includes(c.way.plan)) need(c.way.plan, `"${c.limit.label}" at this volume`);
  // The licence line already costs the licence plan when a licence is needed: never twice.
  if (m.licensed.length > 0 && g.decision.licencePlan !== undefined) why.delete(g.decision.licencePlan);
  const line = (plan: Plan, usd: number | null, forWhat: string): CostLine => ({
    kind: 'plan',
    label: `Plan: ${plan.name}`,
    usd,
    assumption: usd === null ? `price not published; ${forWhat}` : `$${usd}/month, ${forWhat}`,
    source: ctx.sourceUrl(plan.source),
    checked: plan.checked,
  });
  // The licence plan is costed by the licence line, when something needs it, never as the plan you are on.
  if (why.size === 0) return base?.monthlyUsd && base.id !== g.decision.licencePlan ? [line(base, base.monthlyUsd, 'the cheapest plan with a published price')] : [];
  return [...why].flatMap(([id, reasons]) => {
    // Catalog rules make every plan id resolve.
    const plan = g.pricing.plans.find((p) => p.id === id)!;
    return plan.monthlyUsd === 0 ? [] : [line(plan, plan.monthlyUsd, `needed for ${reasons.join(' and ')}`)];
  });
}

/** A fee from its structured rule. Pure; exported for tests. */
export function feeAmount(
  fee: Fee,
  w: { tokenSpend: number; requests: number; options: CostOptions; log: LogSize },
): { usd: number | null; assumption: string } {
  if (fee.unpublished) return { usd: null, assumption: 'price not published by the vendor' };
  const pctRate = (fee.percent ?? 0) / 100;
  const allowance = fee.freeAllowance && fee.freeAllowance.period === 'month' ? fee.freeAllowance : undefined;
  const ignoredAllowance =
    fee.freeAllowance && fee.freeAllowance.period === 'total' ? '; one-off allowance ignored in a steady month' : '';
  const flat = fee.usdFlat ?? 0;
  const min = fee.minimumUsd ?? 0;
  switch (fee.basis) {
    case 'credit-purchase': {
      const spend = w.tokenSpend;
      if (spend <= 0) return { usd: flat, assumption: 'no credits bought (no token spend)' };
      const topUp = w.options.payment.topUpUsd;
      const purchases = topUp === null ? 1 : Math.ceil(spend / topUp);
      const size = topUp === null ? spend : topUp;
      const each = Math.max(pctRate * size, min);
      return {
        usd: purchases * each + flat,
        assumption:
          `${fee.percent ?? 0}% of each credit purchase${min > 0 ? ` (minimum $${min})` : ''}: ` +
          (topUp === null
            ? `one purchase of $${money(spend)} covering the month's token spend`
            : `${purchases} purchase${purchases === 1 ? '' : 's'} of $${money(topUp)} to cover $${money(spend)} of token spend`) +
          ` → $${money(each)} each` +
          ignoredAllowance,
      };
    }
    case 'byok-inference': {
      const spend = w.tokenSpend;
      let over = spend;
      let overRequests = w.requests;
      let text = `${fee.percent ?? 0}% of $${money(spend)} list-price inference`;
      if (allowance?.unit === 'usd-list-price') {
        over = Math.max(0, spend - allowance.amount);
        overRequests = spend > 0 ? (w.requests * over) / spend : 0;
        text = `${fee.percent ?? 0}% of list-price inference above $${num(allowance.amount)}/month free: $${money(over)} of $${money(spend)}`;
      } else if (allowance) {
        overRequests = Math.max(0, w.requests - allowance.amount);
        over = w.requests > 0 ? (spend * overRequests) / w.requests : 0;
        text = `${fee.percent ?? 0}% of list-price inference beyond the first ${num(allowance.amount)} ${allowance.unit}/month free: $${money(over)} of $${money(spend)}`;
      }
      const raw = pctRate * over + ((fee.usdPerMillion ?? 0) * overRequests) / 1e6;
      const usd = (raw > 0 ? Math.max(raw, min) : 0) + flat;
      return { usd, assumption: text + ignoredAllowance };
    }
    case 'requests':
    case 'log-events': {
      // One log event per request: every request is logged (cached ones too).
      const free = allowance && allowance.unit !== 'usd-list-price' ? allowance.amount : 0;
      const unit = fee.basis === 'requests' ? 'requests' : 'log events (one per request)';
      if (fee.tiers) return tieredAmount(fee.tiers, w.requests, free, fee.basis === 'requests' ? 'request' : 'log event (one per request)', flat, ignoredAllowance);
      const over = Math.max(0, w.requests - free);
      const blocks = fee.blockSize === undefined ? undefined : Math.ceil(over / fee.blockSize);
      const raw = ((fee.usdPerMillion ?? 0) * (blocks === undefined ? over : blocks * fee.blockSize!)) / 1e6;
      const usd = (raw > 0 ? Math.max(raw, min) : 0) + flat;
      const rate =
        blocks === undefined
          ? `$${fee.usdPerMillion ?? 0} per million ${unit}`
          : `$${num(((fee.usdPerMillion ?? 0) * fee.blockSize!) / 1e6)} per started block of ${num(fee.blockSize!)} ${unit}`;
      return {
        usd,
        assumption:
          rate +
          (free > 0 ? ` beyond ${num(free)}/month included: ${num(over)} billable of ${num(w.requests)}` : `: ${num(w.requests)}`) +
          (blocks === undefined ? '' : ` = ${num(blocks)} block${blocks === 1 ? '' : 's'}`) +
          (flat > 0 ? ` + $${flat}/month` : '') +
          ignoredAllowance,
      };
    }
    case 'models': {
      const n = w.options.models.length;
      const each = fee.usdPerModel ?? 0;
      return { usd: each * n + flat, assumption: `$${num(each)}/month per model × ${n} model${n === 1 ? '' : 's'} in your model mix${flat > 0 ? ` + $${flat}/month` : ''}` };
    }
    case 'log-gb':
    case 'log-gb-month':
      return logGbAmount(fee, w.requests, w.log, allowance?.unit === 'gb' || allowance?.unit === 'gb-month' ? allowance.amount : 0);
    case 'monthly-flat':
      return { usd: flat, assumption: `$${flat}/month flat` };
  }
}

/** One request's log size, and whether the user gave it (else it is the assumption from the token sizes). */
export interface LogSize {
  bytesPerRequest: number;
  given: boolean;
}

/**
 * Logs billed per GB: ingested (every request is logged, cached ones too), or stored, where a day's queryable GB
 * is `retentionDays` days of ingestion, so a month stores GB ingested × retentionDays / 30 GB-months.
 */
/**
 * Graduated prices: each unit beyond the free allowance costs the price of the tier it falls in, tiers counted
 * from the month's first unit (so the allowance fills the lowest tier first). Pure; exported for tests.
 */
export function tieredUsd(tiers: readonly Tier[], units: number, free: number): number {
  let usd = 0;
  let from = 0;
  for (const t of tiers) {
    const to = t.upTo ?? Infinity;
    const billable = Math.max(0, Math.min(units, to) - Math.max(from, free));
    usd += billable * t.usdPerUnit;
    from = to;
  }
  return usd;
}

/** "$0.0007 to 30,000, …, $0.00002 beyond": the tiers as a reader checks them against the vendor's page. */
function tierSteps(tiers: readonly Tier[]): string {
  return tiers.map((t) => `$${t.usdPerUnit} ${t.upTo === null ? 'beyond' : `to ${num(t.upTo)}`}`).join(', ');
}

function tieredAmount(tiers: readonly Tier[], units: number, free: number, unit: string, flat: number, suffix: string): { usd: number; assumption: string } {
  const head = `graduated price per ${unit}: ${free > 0 ? `first ${num(free)} free, ` : ''}${tierSteps(tiers)}`;
  return {
    usd: tieredUsd(tiers, units, free) + flat,
    assumption: `${head}; ${num(units)} this month` + (flat > 0 ? ` + $${flat}/month` : '') + suffix,
  };
}

function logGbAmount(fee: Fee, requests: number, log: LogSize, free: number): { usd: number; assumption: string } {
  const ingested = (requests * log.bytesPerRequest) / BYTES_PER_GB;
  const stored = fee.basis === 'log-gb-month';
  const days = fee.retentionDays ?? 0;
  const amount = stored ? (ingested * days) / 30 : ingested;
  const unit = stored ? 'GB-month' : 'GB';
  const over = Math.max(0, amount - free);
  const size = `${num(Math.round(log.bytesPerRequest))} bytes per request's log (${log.given ? 'your figure' : 'assumed from the token sizes: (input + output) × 4 + 1,000; set --log-bytes'})`;
  const what = stored ? `${num(requests)} requests × ${size} kept ${num(days)} days = ${num(round2(amount))} GB-month stored` : `${num(requests)} requests × ${size} = ${num(round2(amount))} GB ingested`;
  if (fee.tiers) {
    return {
      usd: tieredUsd(fee.tiers, amount, free) + (fee.usdFlat ?? 0),
      assumption: `graduated price per ${unit}: ${free > 0 ? `first ${num(free)} free, ` : ''}${tierSteps(fee.tiers)}; ${what}`,
    };
  }
  return {
    usd: (fee.usdPerGb ?? 0) * over + (fee.usdFlat ?? 0),
    assumption: `$${fee.usdPerGb ?? 0} per ${unit}${free > 0 ? ` beyond ${num(free)} ${unit} included a month` : ''}: ${what}`,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
