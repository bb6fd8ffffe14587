import type { Answers } from '../advisor/answers.js';
import type { Catalog, Fee, FeatureId, Gateway, SupportLevel } from '../catalog/schema.js';
import type { ModelPrice, ModelTable } from '../catalog/models-schema.js';
import { InputError } from '../errors.js';
import { DEFAULT_SOURCES, OPS_HOURS_BY_CAPACITY, type CostOptions } from './options.js';
import { formatFixed, formatNumber } from '../format.js';
import { effectiveOperations } from '../catalog/operations.js';
import { wantedFeatures } from '../advisor/wanted.js';
import { breakEvenPoints, sensitivityCurve, type BreakEven, type CostCurve } from './break-even.js';

export { findCrossings, type BreakEven, type CostCurve } from './break-even.js';

/**
 * The monthly cost model: pure functions from (answers, cost options, catalog, model prices) to dollars per
 * gateway, line by line. Nothing here knows a gateway by its id: every rule reads the catalog's structured facts
 * (fees, plans, features, deployment, operations), so a gateway added to a user's catalog is costed the same way.
 * docs/cost-model.md explains each line.
 */

export const SECONDS_PER_MONTH = 30 * 24 * 3600; // 2,592,000: a 30-day month
export const LINE_KINDS = ['tokens', 'cache-savings', 'fee', 'plan', 'infrastructure', 'licence', 'ops'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export interface CostLine {
  kind: LineKind;
  label: string;
  /** USD per month; null when the price is not published (then it is not in the total). */
  usd: number | null;
  /** How the number was obtained, with the figures used. */
  assumption: string;
  /** A URL, or a stated assumption, the number rests on. */
  source: string;
}

export interface MonthlyUsd {
  /** Sum of all lines with a published price. Excludes lines whose price is not published (see flags). */
  total: number;
  /** Provider token spend after response-cache savings. */
  tokens: number;
  fees: number;
  infrastructure: number;
  /** Published licence and plan prices only. */
  licence: number;
  ops: number;
  /** What the gateway response cache saves on token spend (already deducted from `tokens`). */
  cacheSavings: number;
}

export interface GatewayCost {
  gateway: string;
  name: string;
  hosting: 'self-hosted' | 'managed';
  billing: 'byok' | 'managed';
  /** False when this gateway cannot serve the workload as answered (reasons in `notes`). */
  eligible: boolean;
  monthlyUsd: MonthlyUsd;
  /** Provider token spend before response-cache savings. */
  tokensBeforeCache: number;
  /** A needed feature is enterprise-only and the licence price is not published: the total excludes it. */
  licenceUnpublished: boolean;
  /** Some line (licence or plan) has no published price: the total excludes it. */
  excludesUnpublished: boolean;
  lines: CostLine[];
  notes: string[];
}

export interface CostResult {
  gateways: GatewayCost[];
  cheapest: { gateway: string; totalUsd: number; excludesUnpublished: boolean } | null;
  breakEven: BreakEven[];
  curve: CostCurve;
  assumptions: { text: string; source: string }[];
}

const OK_LEVELS: readonly SupportLevel[] = ['yes', 'partial'];
const BURDEN_FACTOR = { none: 0, low: 0.125, moderate: 1, high: 1.5 } as const;

/** Cost every gateway of the catalog, plus cheapest, break-even points and the sensitivity curve. Pure. */
export function computeCosts(answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable): CostResult {
  const ctx = prepare(options, catalog, models);
  const gateways = catalog.gateways.map((g) => costGateway(g, answers, options, ctx));
  const eligible = gateways.filter((g) => g.eligible);
  let cheapest: CostResult['cheapest'] = null;
  for (const g of eligible) {
    if (!cheapest || g.monthlyUsd.total < cheapest.totalUsd) {
      cheapest = { gateway: g.gateway, totalUsd: g.monthlyUsd.total, excludesUnpublished: g.excludesUnpublished };
    }
  }
  const eligibleGateways = catalog.gateways.filter((g) => eligible.some((e) => e.gateway === g.id));
  const total = (g: Gateway, requests: number) => costGateway(g, { ...answers, monthlyRequests: requests }, options, ctx).monthlyUsd.total;
  return {
    gateways,
    cheapest,
    breakEven: breakEvenPoints(eligibleGateways, total, answers.monthlyRequests),
    curve: sensitivityCurve(catalog.gateways, total),
    assumptions: globalAssumptions(answers, options),
  };
}

/** What `choose` scores on for one gateway (fits the advisor's `CriteriaExtras.monthlyUsd`). */
export interface AdvisorCost {
  /** USD/month, excluding unpublished prices. */
  total: number;
  licenceUnpublished: boolean;
  excludesUnpublished: boolean;
  eligible: boolean;
  name: string;
  monthlyUsd: MonthlyUsd;
}

/** The totals the advisor scores on, by gateway id. Pure. */
export function costSummaryForAdvisor(
  answers: Answers,
  options: CostOptions,
  catalog: Catalog,
  models: ModelTable,
): Map<string, AdvisorCost> {
  const ctx = prepare(options, catalog, models);
  const out = new Map<string, AdvisorCost>();
  for (const g of catalog.gateways) {
    const c = costGateway(g, answers, options, ctx);
    out.set(g.id, {
      total: c.monthlyUsd.total,
      licenceUnpublished: c.licenceUnpublished,
      excludesUnpublished: c.excludesUnpublished,
      eligible: c.eligible,
      name: c.name,
      monthlyUsd: c.monthlyUsd,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

interface Prepared {
  mix: { price: ModelPrice; share: number; source: string }[];
  sourceUrl: (id: string) => string;
}

function prepare(options: CostOptions, catalog: Catalog, models: ModelTable): Prepared {
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
  };
}

function level(g: Gateway, feature: FeatureId): SupportLevel | undefined {
  return g.features[feature]?.level;
}

function supported(g: Gateway, feature: FeatureId): boolean {
  const l = level(g, feature);
  return l !== undefined && OK_LEVELS.includes(l);
}

/** Where the gateway runs for this user: managed when offered (unless self-hosting is required), else self-hosted. */
function hostingOf(g: Gateway, answers: Answers): { mode: 'self-hosted' | 'managed'; problem?: string } {
  const selfOk = OK_LEVELS.includes(g.deployment.selfHosted.level);
  const managedOk = OK_LEVELS.includes(g.deployment.managed.level);
  if (answers.hosting === 'self-hosted') {
    if (selfOk) return { mode: 'self-hosted' };
    return { mode: 'managed', problem: 'cannot be self-hosted, but self-hosting is required' };
  }
  if (answers.hosting === 'managed') {
    if (managedOk) return { mode: 'managed' };
    return { mode: 'self-hosted', problem: 'no managed offering (without an enterprise contract), but a managed gateway is required' };
  }
  if (managedOk) return { mode: 'managed' };
  if (selfOk) return { mode: 'self-hosted' };
  return { mode: 'managed', problem: 'neither self-hosted nor managed deployment is generally available' };
}

/** Whether the user pays providers directly with own keys (byok) or through the gateway's credits (managed). */
function billingOf(g: Gateway, answers: Answers, options: CostOptions): { mode: 'byok' | 'managed'; note?: string; problem?: string } {
  const byokLevel = level(g, 'byok');
  const byokOk = byokLevel === undefined || OK_LEVELS.includes(byokLevel);
  const managedOk = supported(g, 'managed-billing');
  const wantsManaged = options.useManagedBilling ?? !answers.ownProviderKeys;
  if (wantsManaged) {
    if (managedOk) return { mode: 'managed' };
    if (!answers.ownProviderKeys) {
      return { mode: 'byok', problem: 'has no managed billing, so it needs your own provider keys' };
    }
    return { mode: 'byok', note: 'has no managed billing; costed with your own provider keys' };
  }
  if (byokOk) return { mode: 'byok' };
  if (managedOk) return { mode: 'managed', note: 'does not take your own keys; costed with its credits' };
  return { mode: 'byok', problem: 'supports neither your own keys nor managed billing' };
}

function feeApplies(fee: Fee, billing: 'byok' | 'managed', options: CostOptions): boolean {
  switch (fee.appliesWhen) {
    case 'always':
      return true;
    case 'card-credits':
      return billing === 'managed' && options.payment.method === 'card';
    case 'crypto-credits':
      return billing === 'managed' && options.payment.method === 'crypto';
    case 'managed-billing':
      return billing === 'managed';
    case 'byok':
      return billing === 'byok';
    case 'logpush':
      return options.logpush;
  }
}

/** Cost one gateway at the answers' volume. Pure. */
function costGateway(g: Gateway, answers: Answers, options: CostOptions, ctx: Prepared): GatewayCost {
  const lines: CostLine[] = [];
  const notes: string[] = [];
  const R = answers.monthlyRequests;
  const hosting = hostingOf(g, answers);
  const billing = billingOf(g, answers, options);
  if (hosting.problem) notes.push(`${g.name} ${hosting.problem}.`);
  if (billing.problem) notes.push(`${g.name} ${billing.problem}.`);
  if (billing.note) notes.push(`${g.name} ${billing.note}.`);

  // 1. Provider tokens, per model of the mix.
  const passthrough = level(g, 'prompt-caching-passthrough');
  const promptCacheOk = passthrough === undefined || OK_LEVELS.includes(passthrough);
  let gross = 0;
  for (const { price, share, source } of ctx.mix) {
    const reqs = R * share;
    const p = price.cachedInputPerMTok !== null && promptCacheOk ? options.promptCacheShare : 0;
    const inputRate = (1 - p) * price.inputPerMTok + p * (price.cachedInputPerMTok ?? price.inputPerMTok);
    const usd = (reqs * (answers.avgInputTokens * inputRate + answers.avgOutputTokens * price.outputPerMTok)) / 1e6;
    gross += usd;
    const cacheText =
      p > 0
        ? ` (${pct(p)} of input at the cached-input price $${price.cachedInputPerMTok}/M)`
        : options.promptCacheShare > 0 && !promptCacheOk
          ? ' (provider prompt caching not passed through by this gateway)'
          : '';
    // A price nobody confirmed against its source says so where it is used, not only in the data file.
    const doubt = price.status === 'verified' ? '' : ` (${price.status} price)`;
    lines.push({
      kind: 'tokens',
      label: `Tokens: ${price.name}${doubt}${ctx.mix.length > 1 ? ` (${pct(share)} of requests)` : ''}`,
      usd,
      assumption:
        `${num(reqs)} requests × (${num(answers.avgInputTokens)} input tokens × $${price.inputPerMTok}/M` +
        `${cacheText} + ${num(answers.avgOutputTokens)} output tokens × $${price.outputPerMTok}/M); ` +
        `${price.provider} list price${doubt ? `, ${price.status}: not confirmed against its source (last dated ${price.checked})` : ` checked ${price.checked}`}${price.note ? ` — ${price.note}` : ''}`,
      source,
    });
  }

  // 2. Gateway response cache.
  let savings = 0;
  if (answers.caching !== 'none') {
    const feature: FeatureId = answers.caching === 'exact' ? 'exact-cache' : 'semantic-cache';
    const f = g.features[feature];
    if (f && OK_LEVELS.includes(f.level)) {
      savings = Math.min(gross, gross * options.cacheHitRate);
      lines.push({
        kind: 'cache-savings',
        label: `Response cache savings (${answers.caching})`,
        usd: -savings,
        assumption: `${pct(options.cacheHitRate)} of requests served from the gateway's ${answers.caching} cache, so their token spend is not paid${f.level === 'partial' ? ` (support is partial${f.note ? `: ${f.note}` : ''})` : ''}`,
        source: ctx.sourceUrl(f.source),
      });
    } else {
      lines.push({
        kind: 'cache-savings',
        label: `Response cache savings (${answers.caching})`,
        usd: 0,
        assumption: `no saving: ${feature} is ${f ? f.level : 'not listed'} for ${g.name}`,
        source: f ? ctx.sourceUrl(f.source) : 'catalog',
      });
    }
  }
  const tokens = gross - savings;

  // 3. Gateway fees and the plans they need.
  let fees = 0;
  let planUsd = 0;
  let excludesUnpublished = false;
  const plansAdded = new Set<string>();
  for (const fee of g.pricing.fees) {
    if (!feeApplies(fee, billing.mode, options)) continue;
    const { usd, assumption } = feeAmount(fee, { tokenSpend: tokens, requests: R, options });
    fees += usd;
    lines.push({ kind: 'fee', label: fee.label, usd, assumption, source: ctx.sourceUrl(fee.source) });
    if (fee.plan && !plansAdded.has(fee.plan)) {
      plansAdded.add(fee.plan);
      const plan = g.pricing.plans.find((p) => p.id === fee.plan);
      // A plan priced $0 (e.g. pay-as-you-go) adds nothing; only paid or unpublished plans get a line.
      if (plan && plan.monthlyUsd !== 0) {
        if (plan.monthlyUsd === null) excludesUnpublished = true;
        else planUsd += plan.monthlyUsd;
        lines.push({
          kind: 'plan',
          label: `Plan: ${plan.name}`,
          usd: plan.monthlyUsd,
          assumption:
            plan.monthlyUsd === null
              ? `price not published; needed for "${fee.label}"`
              : `$${plan.monthlyUsd}/month, needed for "${fee.label}"`,
          source: ctx.sourceUrl(plan.source),
        });
      }
    }
  }

  // 4. Self-hosting infrastructure, for the deployment the wanted features need.
  const operations = effectiveOperations(g, wantedFeatures(answers));
  let infrastructure = 0;
  if (hosting.mode === 'self-hosted') {
    const sh = options.selfHosting;
    const avgRps = R / SECONDS_PER_MONTH;
    const peakRps = avgRps * sh.peakFactor;
    const sized = Math.max(sh.minInstances, Math.ceil(peakRps / sh.rpsPerInstance));
    const instances = sh.instances ?? sized;
    const instUsd = instances * sh.instanceUsdMonthly;
    infrastructure += instUsd;
    lines.push({
      kind: 'infrastructure',
      label: `Gateway instances × ${instances}`,
      usd: instUsd,
      assumption:
        sh.instances !== null
          ? `${instances} instances (your setting) × $${sh.instanceUsdMonthly}/month`
          : `peak ${num(peakRps)} RPS = ${num(R)} requests ÷ ${num(SECONDS_PER_MONTH)} s × peak factor ${sh.peakFactor}; ` +
            `${sh.rpsPerInstance} RPS per 4 vCPU / 8 GiB instance (LiteLLM benchmark: 2 such instances served ~1,036 RPS); ` +
            `at least ${sh.minInstances}; $${sh.instanceUsdMonthly}/month each (c7i.xlarge on-demand, $0.1785/h × 730 h, assumed)`,
      source: sh.instances !== null ? DEFAULT_SOURCES.assumption : `${DEFAULT_SOURCES.litellmBenchmark}; ${DEFAULT_SOURCES.ec2Pricing}`,
    });
    const components = operations.components.map((c) => c.toLowerCase());
    const neededFor = (c: string) => operations.requiredBy[c] ?? [];
    if (components.some((c) => c.includes('postgres'))) {
      infrastructure += sh.postgresUsdMonthly;
      const why = neededFor('postgres');
      lines.push({
        kind: 'infrastructure',
        label: 'Postgres',
        usd: sh.postgresUsdMonthly,
        assumption: `${why.length > 0 ? `needed for ${why.join(', ')}` : 'listed as a component in the catalog'}; $${sh.postgresUsdMonthly}/month (db.t4g.medium single-AZ + 20 GB storage, assumed)`,
        source: `${ctx.sourceUrl(g.operations.source)}; ${DEFAULT_SOURCES.rdsPricing}`,
      });
    }
    if (components.some((c) => c.includes('redis'))) {
      const reasons: string[] = [];
      const why = neededFor('redis');
      if (why.length > 0) reasons.push(`${why.join(', ')} must hold across instances and workers`);
      else {
        if (instances > 1) reasons.push(`${instances} instances share limits and budgets`);
        const limitNeeds = answers.needs.filter((n) => n === 'budgets' || n === 'rate-limiting');
        if (limitNeeds.length > 0) reasons.push(`${limitNeeds.join(' and ')} must hold across workers`);
        if (savings > 0) reasons.push('the response cache is shared');
      }
      if (reasons.length > 0) {
        infrastructure += sh.redisUsdMonthly;
        lines.push({
          kind: 'infrastructure',
          label: 'Redis',
          usd: sh.redisUsdMonthly,
          assumption: `needed because ${reasons.join('; ')}; $${sh.redisUsdMonthly}/month (cache.t4g.small, assumed)`,
          source: `${DEFAULT_SOURCES.litellmProd}; ${DEFAULT_SOURCES.elasticachePricing}`,
        });
      } else {
        notes.push(`${g.name}: Redis left out (one instance, no budgets, rate limits or shared cache needed).`);
      }
    }
  }

  // 5. Enterprise licence for needed features that are enterprise-only.
  let licence = 0;
  let licenceUnpublished = false;
  const gated = wantedFeatures(answers).filter((f) => level(g, f) === 'enterprise-only');
  if (gated.length > 0) {
    const plan = g.pricing.plans.find((p) => /enterprise/i.test(p.id) || /enterprise/i.test(p.name));
    const usd = plan?.monthlyUsd ?? null;
    if (usd === null) {
      licenceUnpublished = true;
      excludesUnpublished = true;
    } else licence += usd;
    const first = g.features[gated[0] as FeatureId];
    lines.push({
      kind: 'licence',
      label: `Enterprise licence (${gated.join(', ')})`,
      usd,
      assumption:
        usd === null
          ? `price not published: ${gated.join(', ')} ${gated.length > 1 ? 'are' : 'is'} enterprise-only; the total excludes it — ask the vendor`
          : `${plan?.name ?? 'enterprise'} plan at $${usd}/month`,
      source: ctx.sourceUrl(plan?.source ?? first?.source ?? g.licence.source),
    });
  }

  // 6. Ops time.
  const factor = BURDEN_FACTOR[operations.burden];
  const baseHours = options.opsHoursPerMonth ?? OPS_HOURS_BY_CAPACITY[answers.opsCapacity];
  const hours = baseHours * factor;
  const ops = hours * options.opsHourlyUsd;
  if (hours > 0) {
    lines.push({
      kind: 'ops',
      label: `Ops time (${num(hours)} h/month)`,
      usd: ops,
      assumption:
        `${num(baseHours)} h/month for a moderate-burden gateway (${options.opsHoursPerMonth === null ? `from opsCapacity "${answers.opsCapacity}"` : 'your setting'}) × ` +
        `${factor} for "${operations.burden}" burden${operations.minimal ? ' (smallest deployment)' : ''} × $${options.opsHourlyUsd}/h: upgrades, patching, database care, on-call`,
      source: `${ctx.sourceUrl(g.operations.source)}; ${DEFAULT_SOURCES.assumption}`,
    });
  }

  licence += planUsd;
  const total = tokens + fees + infrastructure + licence + ops;
  return {
    gateway: g.id,
    name: g.name,
    hosting: hosting.mode,
    billing: billing.mode,
    eligible: !hosting.problem && !billing.problem,
    monthlyUsd: { total, tokens, fees, infrastructure, licence, ops, cacheSavings: savings },
    tokensBeforeCache: gross,
    licenceUnpublished,
    excludesUnpublished,
    lines,
    notes,
  };
}

/** A fee from its structured rule. Pure; exported for tests. */
export function feeAmount(
  fee: Fee,
  w: { tokenSpend: number; requests: number; options: CostOptions },
): { usd: number; assumption: string } {
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
      const over = Math.max(0, w.requests - free);
      const raw = ((fee.usdPerMillion ?? 0) * over) / 1e6;
      const usd = (raw > 0 ? Math.max(raw, min) : 0) + flat;
      const unit = fee.basis === 'requests' ? 'requests' : 'log events (one per request)';
      return {
        usd,
        assumption:
          `$${fee.usdPerMillion ?? 0} per million ${unit}` +
          (free > 0 ? ` beyond ${num(free)}/month included: ${num(over)} billable of ${num(w.requests)}` : `: ${num(w.requests)}`) +
          (flat > 0 ? ` + $${flat}/month` : '') +
          ignoredAllowance,
      };
    }
    case 'monthly-flat':
      return { usd: flat, assumption: `$${flat}/month flat` };
  }
}


/** Exposed for tests: cost one gateway at a volume with the same preparation computeCosts uses. */
export function gatewayCostAt(
  g: Gateway,
  answers: Answers,
  options: CostOptions,
  catalog: Catalog,
  models: ModelTable,
): GatewayCost {
  return costGateway(g, answers, options, prepare(options, catalog, models));
}

function globalAssumptions(answers: Answers, options: CostOptions): { text: string; source: string }[] {
  const a = DEFAULT_SOURCES.assumption;
  const sh = options.selfHosting;
  return [
    { text: `A month is 30 days (${num(SECONDS_PER_MONTH)} s); traffic is ${num(answers.monthlyRequests)} requests of ${num(answers.avgInputTokens)} input and ${num(answers.avgOutputTokens)} output tokens on average.`, source: 'answers' },
    { text: `Model mix: ${options.models.map((m) => `${m.id} ${pct(m.share)}`).join(', ')}; list prices from data/models.json.`, source: 'data/models.json' },
    { text: `Response cache hit rate ${pct(options.cacheHitRate)}, applied only where the gateway supports the caching wanted (${answers.caching}).`, source: a },
    { text: `Provider prompt caching: ${pct(options.promptCacheShare)} of input tokens at the cached-input price, where the model has one and the gateway passes it through.`, source: a },
    { text: `Credits are bought by ${options.payment.method}${options.payment.topUpUsd === null ? ', one purchase a month covering the spend' : `, in purchases of $${options.payment.topUpUsd}`}; managed billing is used ${options.useManagedBilling === null ? 'only when you hold no provider keys' : options.useManagedBilling ? 'whenever the gateway offers it' : 'never'}.`, source: a },
    { text: `Self-hosting: peak factor ${sh.peakFactor}, ${sh.rpsPerInstance} RPS per 4 vCPU / 8 GiB instance, at least ${sh.minInstances}; instance $${sh.instanceUsdMonthly}/month, Postgres $${sh.postgresUsdMonthly}/month, Redis $${sh.redisUsdMonthly}/month (AWS us-east-1 on-demand list prices, assumed).`, source: `${DEFAULT_SOURCES.litellmBenchmark}; ${DEFAULT_SOURCES.ec2Pricing}` },
    { text: `Ops: ${options.opsHoursPerMonth === null ? `${OPS_HOURS_BY_CAPACITY[answers.opsCapacity]} h/month (opsCapacity "${answers.opsCapacity}")` : `${options.opsHoursPerMonth} h/month`} for a moderate-burden gateway, scaled by the catalog's burden (none 0, low 0.125, moderate 1, high 1.5), at $${options.opsHourlyUsd}/h.`, source: a },
    { text: `Log export (Logpush-type fees) is ${options.logpush ? 'on' : 'off'}.`, source: a },
    { text: 'Totals exclude prices that are not published (enterprise licences); such gateways are flagged.', source: 'catalog' },
  ];
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

function num(x: number): string {
  const r = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100;
  return formatNumber(r, 3);
}

function money(x: number): string {
  return formatFixed(x, 2);
}
