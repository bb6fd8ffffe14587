import type { Answers } from '../advisor/answers.js';
import { allSetups, gatewaySetup, stackSetup, type Setup } from '../advisor/eligibility.js';
import { logBytesFor, SECONDS_PER_MONTH, type Workload } from '../advisor/workload.js';
import type { Catalog, Gateway } from '../catalog/schema.js';
import type { ModelPrice, ModelTable } from '../catalog/models-schema.js';
import { InputError } from '../errors.js';
import { breakEvenPoints, sensitivityCurve, type BreakEven, type CostCurve } from './break-even.js';
import { num, pct, type CostContext } from './lines/types.js';
import { costSetup, type GatewayCost, type MonthlyUsd } from './option-cost.js';
import { DEFAULT_SOURCES, OPS_HOURS_BY_CAPACITY, type CostOptions } from './options.js';

export { findCrossings, type BreakEven, type CostCurve } from './break-even.js';
export { feeAmount } from './lines/fees.js';
export { LINE_KINDS, type CostLine, type LineKind } from './lines/types.js';
export type { GatewayCost, MonthlyUsd } from './option-cost.js';
export { SECONDS_PER_MONTH };

/**
 * The monthly cost model: pure functions from (answers, cost options, catalog, model prices) to dollars per
 * option (each gateway and each stack), line by line. Nothing here knows a gateway by its id: every rule reads the
 * catalog's structured facts, and who is eligible, where each member runs and who bills the tokens come from the
 * one eligibility decision (`advisor/eligibility.ts`). docs/cost-model.md explains each line.
 */

export interface CostResult {
  gateways: GatewayCost[];
  /** The catalog's stacks, costed the way `choose` scores them. */
  stacks: GatewayCost[];
  /** The cheapest eligible option, gateway or stack; null when none is eligible. */
  cheapest: { gateway: string; kind: 'gateway' | 'stack'; totalUsd: number; excludesUnpublished: boolean } | null;
  breakEven: BreakEven[];
  curve: CostCurve;
  assumptions: { text: string; source: string }[];
}

/** The workload as the cost options describe it: the figures eligibility and cost both read. */
export function workloadFrom(answers: Answers, options: CostOptions, models: ModelTable): Workload {
  const free = new Set(models.models.filter((m) => m.inputPerMTok === 0 && m.outputPerMTok === 0).map((m) => m.id));
  return {
    monthlyRequests: answers.monthlyRequests,
    peakFactor: options.selfHosting.peakFactor,
    useManagedBilling: options.useManagedBilling,
    paymentMethod: options.payment.method,
    logpush: options.logpush,
    freeModelShare: options.models.filter((m) => free.has(m.id)).reduce((s, m) => s + m.share, 0),
    logBytesPerRequest: options.logBytesPerRequest ?? logBytesFor(answers),
    logBytesGiven: options.logBytesPerRequest !== null,
  };
}

/**
 * A change made to every costed option, at every volume (e.g. what a benchmark measured: `cost/measured.ts`), so
 * that the cheapest, the break-even points and the curve all see it.
 */
export type CostAdjustment = (c: GatewayCost) => GatewayCost;

/** Every option (gateways, then stacks) set up and costed at the answers' volume. Pure. */
export function costAllOptions(answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable, adjust: CostAdjustment = (c) => c): GatewayCost[] {
  const ctx = costContext(options, catalog, models);
  const w = workloadFrom(answers, options, models);
  return allSetups(catalog, answers, w).map((s) => adjust(costSetup(s, ctx, w)));
}

/** Cost every gateway and stack of the catalog, plus the cheapest, break-even points and the sensitivity curve. Pure. */
export function computeCosts(answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable, adjust: CostAdjustment = (c) => c): CostResult {
  const ctx = costContext(options, catalog, models);
  const w = workloadFrom(answers, options, models);
  const all = allSetups(catalog, answers, w).map((s) => adjust(costSetup(s, ctx, w)));
  const eligible = all.filter((c) => c.eligible);
  let cheapest: CostResult['cheapest'] = null;
  for (const c of eligible) {
    if (!cheapest || c.monthlyUsd.total < cheapest.totalUsd) {
      cheapest = { gateway: c.gateway, kind: c.kind, totalUsd: c.monthlyUsd.total, excludesUnpublished: c.excludesUnpublished };
    }
  }
  // At another volume, eligibility is decided again (a limit may bind there): an option that cannot carry it has no total.
  const setupAt = new Map<string, (a: Answers, wr: Workload) => Setup>([
    ...catalog.gateways.map((g) => [g.id, (a: Answers, wr: Workload) => gatewaySetup(g, a, wr)] as const),
    ...catalog.stacks.map((st) => [st.id, (a: Answers, wr: Workload) => stackSetup(st, catalog.gateways, a, wr)] as const),
  ]);
  // Every pair scans the same volumes: each option's total is worked out once per volume.
  const memo = new Map<string, number>();
  const total = (id: string, requests: number) => {
    const key = `${id}@${requests}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const a = { ...answers, monthlyRequests: requests };
    const wr = { ...w, monthlyRequests: requests };
    const setup = setupAt.get(id)!(a, wr);
    const t = setup.eligible ? adjust(costSetup(setup, ctx, wr)).monthlyUsd.total : Infinity;
    memo.set(key, t);
    return t;
  };
  const ids = eligible.map((c) => c.gateway);
  return {
    gateways: all.filter((c) => c.kind === 'gateway'),
    stacks: all.filter((c) => c.kind === 'stack'),
    cheapest,
    breakEven: breakEvenPoints(ids, total, answers.monthlyRequests),
    curve: sensitivityCurve(ids, total),
    assumptions: globalAssumptions(answers, options, catalog),
  };
}

/** What `choose` scores on for one option (fits the advisor's `CriteriaExtras.monthlyUsd`). */
export interface AdvisorCost {
  /** USD/month, excluding unpublished prices. */
  total: number;
  licenceUnpublished: boolean;
  excludesUnpublished: boolean;
  eligible: boolean;
  /** What makes it ineligible, when it is. */
  why?: string | undefined;
  name: string;
  monthlyUsd: MonthlyUsd;
}

/** The totals the advisor scores on, by gateway or stack id. Pure. */
export function costSummaryForAdvisor(answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable, adjust?: CostAdjustment): Map<string, AdvisorCost> {
  return new Map(
    costAllOptions(answers, options, catalog, models, adjust).map((c) => [
      c.gateway,
      {
        total: c.monthlyUsd.total,
        licenceUnpublished: c.licenceUnpublished,
        excludesUnpublished: c.excludesUnpublished,
        eligible: c.eligible,
        why: c.excludedBecause.length > 0 ? c.excludedBecause.join('; ') : undefined,
        name: c.name,
        monthlyUsd: c.monthlyUsd,
      },
    ]),
  );
}

/** Exposed for tests: cost one gateway at a volume, set up by the eligibility decision, as computeCosts does. */
export function gatewayCostAt(g: Gateway, answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable): GatewayCost {
  const w = workloadFrom(answers, options, models);
  return costSetup(gatewaySetup(g, answers, w), costContext(options, catalog, models), w);
}

/** What every line function reads: the model mix with prices and sources, catalog source URLs, the options. Pure. */
export function costContext(options: CostOptions, catalog: Catalog, models: ModelTable): CostContext {
  const byId = new Map(models.models.map((m) => [m.id, m]));
  const modelSources = new Map(models.sources.map((s) => [s.id, s.url]));
  const catalogSources = new Map(catalog.sources.map((s) => [s.id, s.url]));
  const issues = options.models
    .map((m, i) => (byId.has(m.id) ? undefined : { path: `models[${i}].id`, message: `unknown model "${m.id}"` }))
    .filter((x) => x !== undefined);
  if (issues.length > 0) throw new InputError('The model mix names models missing from the price table.', undefined, issues);
  return {
    mix: options.models.map((m) => {
      const price = byId.get(m.id) as ModelPrice;
      return { price, share: m.share, source: modelSources.get(price.source) ?? price.source };
    }),
    sourceUrl: (id) => catalogSources.get(id) ?? id,
    options,
  };
}

function globalAssumptions(answers: Answers, options: CostOptions, catalog: Catalog): { text: string; source: string }[] {
  const a = DEFAULT_SOURCES.assumption;
  const sh = options.selfHosting;
  const perInstance = sh.rpsPerInstance === null ? 'requests per second per instance from each gateway\'s catalog entry' : `${sh.rpsPerInstance} RPS per instance (your setting)`;
  // Log fees rest on how the vendor keeps logs for an account; the catalog's notes say which accounts they describe.
  const logTerms = catalog.gateways.flatMap((g) => g.pricing.fees.filter((f) => f.appliesWhen === 'stored-logs').map((f) => ({ g, f })));
  return [
    { text: `A month is 30 days (${num(SECONDS_PER_MONTH)} s); traffic is ${num(answers.monthlyRequests)} requests of ${num(answers.avgInputTokens)} input and ${num(answers.avgOutputTokens)} output tokens on average.`, source: 'answers' },
    { text: `Model mix: ${options.models.map((m) => `${m.id} ${pct(m.share)}`).join(', ')}; list prices from data/models.json.`, source: 'data/models.json' },
    { text: `Response cache hit rate ${pct(options.cacheHitRate)}, applied only where the gateway supports the caching wanted (${answers.caching}).`, source: a },
    { text: `Provider prompt caching: ${pct(options.promptCacheShare)} of input tokens at the cached-input price, where the model has one and the gateway passes it through.`, source: a },
    { text: `Credits are bought by ${options.payment.method}${options.payment.topUpUsd === null ? ', one purchase a month covering the spend' : `, in purchases of $${options.payment.topUpUsd}`}; managed billing is used ${options.useManagedBilling === null ? 'only when you hold no provider keys (a gateway without it is costed with provider accounts you would open)' : options.useManagedBilling ? 'whenever the gateway offers it' : 'never'}.`, source: a },
    { text: `Peak request rate = average × ${sh.peakFactor}: it sizes self-hosted instances and is checked against per-minute limits (per-day limits against the average).`, source: a },
    { text: `Self-hosting: ${perInstance}, at least ${sh.minInstances}; instance $${sh.instanceUsdMonthly}/month, Postgres $${sh.postgresUsdMonthly}/month, Redis $${sh.redisUsdMonthly}/month (AWS us-east-1 on-demand list prices, assumed).`, source: DEFAULT_SOURCES.ec2Pricing },
    { text: `Ops: ${options.opsHoursPerMonth === null ? `${OPS_HOURS_BY_CAPACITY[answers.opsCapacity]} h/month (opsCapacity "${answers.opsCapacity}")` : `${options.opsHoursPerMonth} h/month`} for a moderate-burden gateway, scaled by the catalog's burden (none 0, low 0.125, moderate 1, high 1.5), at $${options.opsHourlyUsd}/h.`, source: a },
    { text: `Log export (Logpush-type fees) is ${options.logpush ? 'on' : 'off'}.`, source: a },
    { text: `Request logs kept at the gateway are counted only when you need observability: one log event per request, of ${num(options.logBytesPerRequest ?? logBytesFor(answers))} bytes (${options.logBytesPerRequest === null ? 'assumed: (input + output tokens) × 4 bytes + 1,000 bytes of metadata; set --log-bytes or cost.logBytesPerRequest' : 'your figure'}) where logs are billed per GB.${logTerms.map(({ g, f }) => ` ${g.name}: ${f.note ?? f.label}`).join('')}`, source: logTerms.map(({ f }) => catalog.sources.find((s) => s.id === f.source)?.url ?? f.source).join('; ') || 'catalog' },
    { text: 'Totals exclude prices that are not published (enterprise licences); such options are flagged.', source: 'catalog' },
  ];
}
