import { describe, expect, test } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../src/advisor/answers.js';
import { gatewaySetup, type Setup } from '../../src/advisor/eligibility.js';
import { workloadFor, type Workload } from '../../src/advisor/workload.js';
import type { ModelTable } from '../../src/catalog/models-schema.js';
import type { Catalog, CatalogInput, Fee } from '../../src/catalog/schema.js';
import { feeLines, planLines } from '../../src/cost/lines/fees.js';
import { infrastructureLines } from '../../src/cost/lines/infrastructure.js';
import { licenceLines } from '../../src/cost/lines/licence.js';
import { opsLines } from '../../src/cost/lines/ops.js';
import { cacheSavingsLines, tokenLines } from '../../src/cost/lines/tokens.js';
import { money, num, pct } from '../../src/cost/lines/types.js';
import { computeCosts, costContext, costSummaryForAdvisor, feeAmount, workloadFrom } from '../../src/cost/model.js';
import { costSetup } from '../../src/cost/option-cost.js';
import { mergeCostOptions, type PartialCostOptions } from '../../src/cost/options.js';
import { InputError } from '../../src/errors.js';
import { fact, makeCatalog, makeGateway } from '../helpers/builders.js';

/**
 * Each line function on hand-made data, with its figures and its words: what the report prints is what these
 * expect. A model at $2 in / $10 out per M tokens (cached input $0.50): 1,000 in + 300 out = 0.002 + 0.003 =
 * $0.005 a request, so 1M requests = $5,000.
 */
const TABLE: ModelTable = {
  version: 't',
  currency: 'USD',
  sources: [{ id: 'prices', title: 'Prices', url: 'https://example.com/prices', publisher: 'vendor' }],
  models: [
    { id: 'test/model', name: 'Model', provider: 'prov', inputPerMTok: 2, outputPerMTok: 10, cachedInputPerMTok: 0.5, source: 'prices', checked: '2026-11-01', status: 'verified' as const },
    { id: 'test/plain', name: 'Plain', provider: 'prov', inputPerMTok: 1, outputPerMTok: 1, cachedInputPerMTok: null, source: 'prices', checked: '2026-11-01', status: 'verified' as const, note: 'no cache' },
    { id: 'test/free', name: 'Free', provider: 'prov', inputPerMTok: 0, outputPerMTok: 0, cachedInputPerMTok: null, source: 'elsewhere', checked: '2026-11-01', status: 'verified' as const },
    { id: 'test/half', name: 'Half', provider: 'prov', inputPerMTok: 0, outputPerMTok: 1, cachedInputPerMTok: null, source: 'prices', checked: '2026-11-01', status: 'verified' as const },
  ],
};
type GatewayInput = CatalogInput['gateways'][number];
const SRC = 'https://example.com/src';
const one = (g: GatewayInput, a: PartialAnswers = {}, o: PartialCostOptions = {}, w: Partial<Workload> = {}) => {
  const catalog = makeCatalog([g]);
  const answers = mergeAnswers({ needs: [], ...a });
  const options = mergeCostOptions({ models: [{ id: 'test/model', share: 1 }], ...o });
  const workload = workloadFor(answers, { peakFactor: options.selfHosting.peakFactor, ...w });
  const setup = gatewaySetup(catalog.gateways[0]!, answers, workload);
  return { catalog, answers, options, workload, setup, member: setup.members[0]!, ctx: costContext(options, catalog, TABLE) };
};
const selfHosted = (over: Partial<GatewayInput> = {}): GatewayInput =>
  makeGateway('box', {
    deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } },
    operations: { burden: 'high', components: ['proxy', 'db', 'cache', 'sidecar'], base: { burden: 'moderate', components: ['proxy'] }, ...fact },
    decision: { capacity: { requestsPerSecond: 100, instance: '2 vCPU', ...fact, note: 'measured' }, components: { proxy: 'instance', db: 'postgres', cache: 'redis', sidecar: 'none' } },
    levels: { budgets: 'yes', 'rate-limiting': 'yes' },
    ...over,
  });

describe('tokens', () => {
  test('one line per model, with the figures and the price\'s provenance', () => {
    const { ctx, answers } = one(makeGateway('g'));
    expect(tokenLines(ctx, answers, true)).toEqual([
      {
        kind: 'tokens',
        label: 'Tokens: Model',
        usd: 5_000,
        assumption: '1,000,000 requests × (1,000 input tokens × $2/M + 300 output tokens × $10/M); prov list price checked 2026-11-01',
        source: 'https://example.com/prices',
        checked: '2026-11-01',
      },
    ]);
  });

  test('a mix names each model\'s share; a price note is quoted', () => {
    const { ctx, answers } = one(makeGateway('g'), {}, { models: [{ id: 'test/model', share: 0.75 }, { id: 'test/plain', share: 0.25 }] });
    const lines = tokenLines(ctx, answers, true);
    expect(lines.map((l) => [l.label, l.usd])).toEqual([
      ['Tokens: Model (75% of requests)', 3_750], // 750,000 × 0.005
      ['Tokens: Plain (25% of requests)', 325], // 250,000 × (1,000 + 300) × $1/M
    ]);
    expect(lines[1]!.assumption).toBe('250,000 requests × (1,000 input tokens × $1/M + 300 output tokens × $1/M); prov list price checked 2026-11-01 — no cache');
  });

  test('a share of input at the cached price where the model has one and the path passes it through', () => {
    const { ctx, answers } = one(makeGateway('g'), {}, { promptCacheShare: 0.4, models: [{ id: 'test/model', share: 0.5 }, { id: 'test/plain', share: 0.5 }] });
    const [cached, plain] = tokenLines(ctx, answers, true);
    // 500,000 × (1,000 × (0.6 × 2 + 0.4 × 0.5) + 300 × 10) ÷ 1e6 = 500,000 × 0.0044 = 2,200
    expect(cached!.usd).toBeCloseTo(2_200, 9);
    expect(cached!.assumption).toContain('1,000 input tokens × $2/M (40% of input at the cached-input price $0.5/M) + 300 output tokens');
    expect(plain!.usd).toBeCloseTo(650, 9); // no cached price: 500,000 × 1,300 × $1/M
    // no cached price: no word about prompt caching at all
    expect(plain!.assumption).toBe('500,000 requests × (1,000 input tokens × $1/M + 300 output tokens × $1/M); prov list price checked 2026-11-01 — no cache');
  });

  test('no share asked for: nothing to say about pass-through', () => {
    const { ctx, answers } = one(makeGateway('g'));
    expect(tokenLines(ctx, answers, false)[0]!.assumption).toBe('1,000,000 requests × (1,000 input tokens × $2/M + 300 output tokens × $10/M); prov list price checked 2026-11-01');
  });

  test('without pass-through, full price, and the line says why', () => {
    const { ctx, answers } = one(makeGateway('g'), {}, { promptCacheShare: 0.4 });
    const [line] = tokenLines(ctx, answers, false);
    expect(line!.usd).toBeCloseTo(5_000, 9);
    expect(line!.assumption).toContain('$2/M (provider prompt caching not passed through by this gateway) + 300');
  });
});

describe('response cache savings', () => {
  const cache = (level: 'yes' | 'partial' | 'planned', note?: string) =>
    makeGateway('g', { features: { ...makeGateway('x').features, 'exact-cache': { level, ...fact, ...(note ? { note } : {}) } } });
  const savings = (g: GatewayInput, caching: 'none' | 'exact' | 'semantic' = 'exact') => {
    const { ctx, member } = one(g, { caching }, { cacheHitRate: 0.2 });
    return cacheSavingsLines(ctx, member, 5_000);
  };

  test('the hit rate × token spend, where the cache is offered', () => {
    expect(savings(cache('yes'))).toEqual([
      { kind: 'cache-savings', label: 'Response cache savings (exact)', usd: -1_000, assumption: "20% of requests served from the gateway's exact cache, so their token spend is not paid", source: SRC },
    ]);
  });

  test('partial support says so, with its note', () => {
    expect(savings(cache('partial', 'per provider'))[0]!.assumption).toBe("20% of requests served from the gateway's exact cache, so their token spend is not paid (support is partial: per provider)");
    expect(savings(cache('partial'))[0]!.assumption).toMatch(/\(support is partial\)$/);
  });

  test('no saving, saying why, where it is only planned or not listed; nothing when no caching is wanted', () => {
    expect(savings(cache('planned'))).toEqual([{ kind: 'cache-savings', label: 'Response cache savings (exact)', usd: 0, assumption: 'no saving: exact-cache is planned for G', source: SRC }]);
    const unlisted = makeGateway('g');
    delete (unlisted.features as Record<string, unknown>)['semantic-cache'];
    expect(savings(unlisted, 'semantic')).toEqual([{ kind: 'cache-savings', label: 'Response cache savings (semantic)', usd: 0, assumption: 'no saving: semantic-cache is not listed for G', source: 'catalog' }]);
    expect(savings(cache('yes'), 'none')).toEqual([]);
  });

  test('never more than the token spend, even at a 100% hit rate', () => {
    const { ctx, member } = one(cache('yes'), { caching: 'exact' }, { cacheHitRate: 1 });
    expect(cacheSavingsLines(ctx, member, 5_000)[0]!.usd).toBe(-5_000);
  });
});

describe('log size on a fee line', () => {
  test('says when it is assumed from the token sizes, and how to set it', () => {
    const f: Fee = { id: 'f', label: 'Fee', appliesWhen: 'always', ...fact, status: 'verified', basis: 'log-gb', usdPerGb: 1 };
    // 1,000,000 × 1,600 bytes = 1.6 GB
    expect(feeAmount(f, { tokenSpend: 0, requests: 1e6, options: mergeCostOptions({}), log: { bytesPerRequest: 1_600, given: false } })).toEqual({
      usd: 1.6,
      assumption: "$1 per GB: 1,000,000 requests × 1,600 bytes per request's log (assumed from the token sizes: (input + output) × 4 + 1,000; set --log-bytes) = 1.6 GB ingested",
    });
  });
});

describe('fee amounts', () => {
  const fee = (f: Partial<Fee> & Pick<Fee, 'basis'>): Fee => ({ id: 'f', label: 'Fee', appliesWhen: 'always', ...fact, status: 'verified', ...f });
  const amount = (f: Fee, tokenSpend: number, requests: number, o: PartialCostOptions = {}) => feeAmount(f, { tokenSpend, requests, options: mergeCostOptions(o), log: { bytesPerRequest: 4_000, given: true } });

  test.each<[string, Fee, number, number, PartialCostOptions, number, string]>([
    ['a percentage of one purchase a month', fee({ basis: 'credit-purchase', percent: 5.5, minimumUsd: 0.8 }), 330, 1e6, {}, 18.15, "5.5% of each credit purchase (minimum $0.8): one purchase of $330.00 covering the month's token spend → $18.15 each"],
    ['the minimum per purchase', fee({ basis: 'credit-purchase', percent: 5.5, minimumUsd: 0.8 }), 3.3, 1e4, { payment: { topUpUsd: 10 } }, 0.8, '5.5% of each credit purchase (minimum $0.8): 1 purchase of $10.00 to cover $3.30 of token spend → $0.80 each'],
    ['several top-ups', fee({ basis: 'credit-purchase', percent: 5 }), 330, 1e6, { payment: { topUpUsd: 100 } }, 20, '5% of each credit purchase: 4 purchases of $100.00 to cover $330.00 of token spend → $5.00 each'],
    ['a flat part, and a one-off allowance ignored', fee({ basis: 'credit-purchase', percent: 10, usdFlat: 3, freeAllowance: { amount: 100, unit: 'usd-list-price', period: 'total' } }), 100, 1e6, {}, 13, "10% of each credit purchase: one purchase of $100.00 covering the month's token spend → $10.00 each; one-off allowance ignored in a steady month"],
    ['no spend, no purchase: only the flat part', fee({ basis: 'credit-purchase', percent: 5, usdFlat: 2 }), 0, 0, {}, 2, 'no credits bought (no token spend)'],
    ['BYOK on all list-price spend', fee({ basis: 'byok-inference', percent: 5 }), 1_000, 1e6, {}, 50, '5% of $1,000.00 list-price inference'],
    ['BYOK above a list-price allowance', fee({ basis: 'byok-inference', percent: 5, freeAllowance: { amount: 25_000, unit: 'usd-list-price', period: 'month' } }), 33_000, 1e8, {}, 400, '5% of list-price inference above $25,000/month free: $8,000.00 of $33,000.00'],
    ['BYOK per million requests beyond a request allowance, with a minimum', fee({ basis: 'byok-inference', usdPerMillion: 2, minimumUsd: 10, freeAllowance: { amount: 1e6, unit: 'requests', period: 'month' } }), 1_320, 4e6, {}, 10, '0% of list-price inference beyond the first 1,000,000 requests/month free: $990.00 of $1,320.00'],
    ['BYOK per million above the minimum: 3M × $5/M = $15', fee({ basis: 'byok-inference', usdPerMillion: 5, minimumUsd: 10, freeAllowance: { amount: 1e6, unit: 'requests', period: 'month' } }), 1_320, 4e6, {}, 15, '0% of list-price inference beyond the first 1,000,000 requests/month free: $990.00 of $1,320.00'],
    ['BYOK within its allowance: no minimum, only the flat part', fee({ basis: 'byok-inference', percent: 5, minimumUsd: 10, usdFlat: 1, freeAllowance: { amount: 25_000, unit: 'usd-list-price', period: 'month' } }), 330, 1e6, {}, 1, '5% of list-price inference above $25,000/month free: $0.00 of $330.00'],
    ['per million requests beyond an allowance, plus a flat part', fee({ basis: 'requests', usdPerMillion: 0.05, usdFlat: 5, freeAllowance: { amount: 1e7, unit: 'requests', period: 'month' } }), 0, 5e7, {}, 7, '$0.05 per million requests beyond 10,000,000/month included: 40,000,000 billable of 50,000,000 + $5/month'],
    ['a minimum when billed', fee({ basis: 'requests', usdPerMillion: 0.05, minimumUsd: 3 }), 0, 5e7, {}, 3, '$0.05 per million requests: 50,000,000'],
    ['within the allowance: nothing, not the minimum', fee({ basis: 'requests', usdPerMillion: 0.05, minimumUsd: 3, freeAllowance: { amount: 1e7, unit: 'requests', period: 'month' } }), 0, 5e6, {}, 0, '$0.05 per million requests beyond 10,000,000/month included: 0 billable of 5,000,000'],
    ['log events, one per request', fee({ basis: 'log-events', usdPerMillion: 0.6, freeAllowance: { amount: 2e7, unit: 'events', period: 'month' } }), 0, 1e8, {}, 48, '$0.6 per million log events (one per request) beyond 20,000,000/month included: 80,000,000 billable of 100,000,000'],
    ['an allowance in dollars does not count against requests', fee({ basis: 'requests', usdPerMillion: 1, freeAllowance: { amount: 100, unit: 'usd-list-price', period: 'month' } }), 0, 2e6, {}, 2, '$1 per million requests: 2,000,000'],
    ['a flat monthly fee', fee({ basis: 'monthly-flat', usdFlat: 49 }), 330, 1e6, {}, 49, '$49/month flat'],
    // 100,000,000 requests × 4,000 bytes = 400 GB; (400 − 50) × $0.25 = $87.50
    ['logs per GB ingested beyond an allowance', fee({ basis: 'log-gb', usdPerGb: 0.25, freeAllowance: { amount: 50, unit: 'gb', period: 'month' } }), 0, 1e8, {}, 87.5, "$0.25 per GB beyond 50 GB included a month: 100,000,000 requests × 4,000 bytes per request's log (your figure) = 400 GB ingested"],
    // 400 GB × 7 days / 30 = 93.33 GB-month; (93.333… − 12) × $0.10 = $8.1333…
    ['logs stored per GB-month: a week of ingestion kept each day', fee({ basis: 'log-gb-month', usdPerGb: 0.1, retentionDays: 7, freeAllowance: { amount: 12, unit: 'gb-month', period: 'month' } }), 0, 1e8, {}, 8.133333333, "$0.1 per GB-month beyond 12 GB-month included a month: 100,000,000 requests × 4,000 bytes per request's log (your figure) kept 7 days = 93.33 GB-month stored"],
    // 1,000,000 × 4,000 B = 4 GB, inside 50 GB: nothing
    ['logs within the GB allowance: nothing', fee({ basis: 'log-gb', usdPerGb: 0.25, freeAllowance: { amount: 50, unit: 'gb', period: 'month' } }), 0, 1e6, {}, 0, "$0.25 per GB beyond 50 GB included a month: 1,000,000 requests × 4,000 bytes per request's log (your figure) = 4 GB ingested"],
    // no allowance at all: 2 GB × $1
    ['a GB fee with no allowance', fee({ basis: 'log-gb', usdPerGb: 1 }), 0, 5e5, {}, 2, "$1 per GB: 500,000 requests × 4,000 bytes per request's log (your figure) = 2 GB ingested"],
    // an allowance in requests does not count against GB: 2 GB × $1
    ['a GB fee with no GB allowance, plus a flat part', fee({ basis: 'log-gb', usdPerGb: 1, usdFlat: 3, freeAllowance: { amount: 10, unit: 'requests', period: 'month' } }), 0, 5e5, {}, 5, "$1 per GB: 500,000 requests × 4,000 bytes per request's log (your figure) = 2 GB ingested"],
    // 5% of the whole $1,000: a one-off allowance is no monthly allowance
    ['BYOK with a one-off allowance: all spend billed', fee({ basis: 'byok-inference', percent: 5, freeAllowance: { amount: 25_000, unit: 'usd-list-price', period: 'total' } }), 1_000, 1e6, {}, 50, '5% of $1,000.00 list-price inference; one-off allowance ignored in a steady month'],
    // $8,000 over of $33,000 is 8/33 of 100M requests = 24,242,424.24 requests × $10/M = $242.42
    ['BYOK per million requests above a list-price allowance: the requests in proportion', fee({ basis: 'byok-inference', usdPerMillion: 10, freeAllowance: { amount: 25_000, unit: 'usd-list-price', period: 'month' } }), 33_000, 1e8, {}, 242.424242424, '0% of list-price inference above $25,000/month free: $8,000.00 of $33,000.00'],
    // no spend, so no requests are over (not 0 ÷ 0): only the flat part
    ['BYOK with no spend above a list-price allowance', fee({ basis: 'byok-inference', percent: 5, usdPerMillion: 10, usdFlat: 1, freeAllowance: { amount: 25_000, unit: 'usd-list-price', period: 'month' } }), 0, 1e6, {}, 1, '5% of list-price inference above $25,000/month free: $0.00 of $0.00'],
    // no requests, so no spend is over (not 0 ÷ 0)
    ['BYOK with no requests beyond a request allowance', fee({ basis: 'byok-inference', percent: 5, usdFlat: 1, freeAllowance: { amount: 1e6, unit: 'requests', period: 'month' } }), 0, 0, {}, 1, '5% of list-price inference beyond the first 1,000,000 requests/month free: $0.00 of $0.00'],
  ])('%s', (_name, f, spend, requests, o, usd, assumption) => {
    const r = amount(f, spend, requests, o);
    expect(r.usd).toBeCloseTo(usd, 9);
    expect(r.assumption).toBe(assumption);
  });
});

describe('fees and plans of a gateway', () => {
  // A free plan with a daily log cap, a $5 plan where logs are billed, a $0 plan, and an unpublished one.
  const priced = (fees: Fee[]): GatewayInput =>
    makeGateway('edge', {
      levels: { observability: 'yes' },
      pricing: {
        tokenMarkupPercent: { value: 0, ...fact },
        fees,
        plans: [
          { id: 'free', name: 'Free', monthlyUsd: 0, ...fact },
          { id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact },
          { id: 'big', name: 'Big', monthlyUsd: null, ...fact },
        ],
        limits: [{ id: 'logs-free', label: 'Logs a day', value: 1_000, unit: 'log events', per: 'day', plan: 'free', ...fact }],
      },
      decision: { limits: [{ limit: 'logs-free', counts: 'log-events', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs', pastBy: [{ plan: 'paid' }] }] },
    });
  const logs: Fee = { id: 'logs', label: 'Logs', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 1, plan: 'paid', ...fact, status: 'verified' };
  const bigFee: Fee = { id: 'export', label: 'Export', basis: 'monthly-flat', appliesWhen: 'logpush', usdFlat: 1, plan: 'big', ...fact, status: 'verified' };
  const run = (fees: Fee[], a: PartialAnswers, w: Partial<Workload> = {}) => {
    const { ctx, member, workload } = one(priced(fees), a, {}, w);
    return { fees: feeLines(ctx, member, workload, 5_000), plans: planLines(ctx, member, workload) };
  };

  test('within the free daily cap: no plan, and the fee of the paid plan does not apply', () => {
    // 30,000 requests a month = 1,000 log events a day
    expect(run([logs], { monthlyRequests: 30_000, needs: ['observability'] })).toEqual({ fees: [], plans: [] });
  });

  test('past it: the paid plan, saying what needs it, and its fee', () => {
    // 30,000,000 log events × $1/M = $30, no allowance
    const r = run([logs], { monthlyRequests: 30_000_000, needs: ['observability'] });
    expect(r.fees).toEqual([{ kind: 'fee', label: 'Logs', usd: 30, assumption: '$1 per million log events (one per request): 30,000,000', source: SRC, checked: '2026-11-01' }]);
    expect(r.plans).toEqual([{ kind: 'plan', label: 'Plan: Paid', usd: 5, assumption: '$5/month, needed for "Logs" and "Logs a day" at this volume', source: SRC, checked: '2026-11-01' }]);
  });

  test('an unpublished plan is a null line; its reason is the fee that needs it', () => {
    const r = run([bigFee], { monthlyRequests: 1_000 }, { logpush: true });
    expect(r.plans).toEqual([{ kind: 'plan', label: 'Plan: Big', usd: null, assumption: 'price not published; needed for "Export"', source: SRC, checked: '2026-11-01' }]);
  });

  test('a fee on the base plan adds no plan line', () => {
    const base: Fee = { ...bigFee, plan: 'free', appliesWhen: 'always' };
    expect(run([base], {}).plans).toEqual([]);
  });

  test('a limit alone can need a plan', () => {
    // 30M log events a month is 1M a day, past the free 1,000; no fee applies (none in the catalog)
    expect(run([], { monthlyRequests: 30_000_000, needs: ['observability'] }).plans).toEqual([
      { kind: 'plan', label: 'Plan: Paid', usd: 5, assumption: '$5/month, needed for "Logs a day" at this volume', source: SRC, checked: '2026-11-01' },
    ]);
  });

  test('with no published plan at all, a plan a fee needs is still named', () => {
    const g = priced([{ ...bigFee, appliesWhen: 'always' }]);
    g.pricing.plans = [{ id: 'big', name: 'Big', monthlyUsd: null, ...fact }];
    g.pricing.limits = [];
    g.decision = { limits: [] };
    const { ctx, member, workload } = one(g);
    expect(planLines(ctx, member, workload)).toEqual([{ kind: 'plan', label: 'Plan: Big', usd: null, assumption: 'price not published; needed for "Export"', source: SRC, checked: '2026-11-01' }]);
  });

  test('a needed plan priced $0 adds no line', () => {
    const g = priced([{ ...bigFee, plan: 'team', appliesWhen: 'always' }]);
    g.pricing.plans.push({ id: 'team', name: 'Team', monthlyUsd: 0, ...fact });
    const { ctx, member, workload } = one(g);
    expect(planLines(ctx, member, workload)).toEqual([]);
  });

  describe('a gateway whose cheapest plan has a price', () => {
    // Pro at $20 is the cheapest published plan (Scale $100); a fee belongs to each.
    const paidFirst = (fees: Fee[]) => {
      const g = priced(fees);
      g.pricing.plans = [
        { id: 'pro', name: 'Pro', monthlyUsd: 20, source: 'pro-page', checked: '2026-11-01' },
        { id: 'scale', name: 'Scale', monthlyUsd: 100, ...fact },
      ];
      g.pricing.limits = [];
      g.decision = { limits: [] };
      const { ctx, member, workload } = one(g);
      return planLines(ctx, member, workload);
    };
    test('you pay for it when nothing needs another, with its own source', () => {
      expect(paidFirst([])).toEqual([{ kind: 'plan', label: 'Plan: Pro', usd: 20, assumption: '$20/month, the cheapest plan with a published price', source: 'pro-page', checked: '2026-11-01' }]);
    });
    test('a fee on it needs no other plan', () => {
      expect(paidFirst([{ ...bigFee, plan: 'pro', appliesWhen: 'always' }])).toEqual([
        { kind: 'plan', label: 'Plan: Pro', usd: 20, assumption: '$20/month, the cheapest plan with a published price', source: 'pro-page', checked: '2026-11-01' },
      ]);
    });
    test('unless it is the licence plan, which the licence line costs when something needs it', () => {
      const g = priced([]);
      g.pricing.plans = [{ id: 'pro', name: 'Pro', monthlyUsd: 20, ...fact }];
      g.pricing.limits = [];
      g.decision = { limits: [], licencePlan: 'pro' };
      const { ctx, member, workload } = one(g);
      expect(planLines(ctx, member, workload)).toEqual([]);
    });
    test('a plan that something needs takes its place', () => {
      expect(paidFirst([{ ...bigFee, plan: 'scale', appliesWhen: 'always' }])).toEqual([
        { kind: 'plan', label: 'Plan: Scale', usd: 100, assumption: '$100/month, needed for "Export"', source: SRC, checked: '2026-11-01' },
      ]);
    });
  });
});

describe('infrastructure', () => {
  const infra = (a: PartialAnswers, o: PartialCostOptions = {}, g = selfHosted()) => {
    const { ctx, member, workload } = one(g, { hosting: 'self-hosted', ...a }, o);
    return infrastructureLines(ctx, member, workload);
  };

  test('instances sized from the peak and the catalog\'s capacity, then each component the wanted features pull in', () => {
    // 1,000,000 ÷ 2,592,000 × 3 = 1.157 RPS at peak; ceil(1.157 ÷ 100) = 1
    expect(infra({ needs: ['budgets'] })).toEqual([
      {
        kind: 'infrastructure',
        label: 'Gateway instances × 1',
        usd: 130.31,
        assumption: 'peak 1.16 RPS = 1,000,000 requests ÷ 2,592,000 s × peak factor 3; 100 RPS per 2 vCPU instance (measured); at least 1; $130.31/month each (c7i.xlarge on-demand, $0.1785/h × 730 h, assumed)',
        source: `${SRC}; https://aws.amazon.com/ec2/pricing/on-demand/`,
      },
    ]);
    const g = selfHosted({ features: { ...selfHosted().features, budgets: { level: 'yes', requires: ['db', 'cache', 'sidecar'], ...fact } } });
    expect(infra({ needs: ['budgets'] }, {}, g).map((l) => [l.label, l.usd, l.assumption])).toEqual([
      ['Gateway instances × 1', 130.31, expect.any(String)],
      ['Postgres', 50, 'needed for budgets; $50/month (db.t4g.medium single-AZ + 20 GB storage, assumed)'],
      ['Redis', 23.36, 'needed for budgets: state shared across instances and workers; $23.36/month (cache.t4g.small, assumed)'],
    ]);
    // each component cites the catalog's operations fact and the price page of what it is priced as
    expect(infra({ needs: ['budgets'] }, {}, g).slice(1).map((l) => l.source)).toEqual([
      `${SRC}; https://aws.amazon.com/rds/postgresql/pricing/`,
      `${SRC}; https://aws.amazon.com/elasticache/pricing/`,
    ]);
    // two wanted features that need the same component are both named, in the catalog's feature order
    const both = selfHosted({ features: { ...selfHosted().features, budgets: { level: 'yes', requires: ['db'], ...fact }, 'rate-limiting': { level: 'yes', requires: ['db'], ...fact } } });
    expect(infra({ needs: ['budgets', 'rate-limiting'] }, {}, both)[1]!.assumption).toBe('needed for rate-limiting, budgets; $50/month (db.t4g.medium single-AZ + 20 GB storage, assumed)');
  });

  test('a capacity figure without a note is the catalog\'s', () => {
    const g = selfHosted({ decision: { capacity: { requestsPerSecond: 100, instance: '2 vCPU', ...fact }, components: { proxy: 'instance' } } });
    expect(infra({}, {}, g)[0]!.assumption).toContain('; 100 RPS per 2 vCPU instance (catalog); at least 1;');
  });

  test('a component of the smallest deployment says so', () => {
    const g = selfHosted({ operations: { burden: 'moderate', components: ['proxy', 'db'], base: { burden: 'moderate', components: ['proxy', 'db'] }, ...fact } });
    expect(infra({}, {}, g)[1]!.assumption).toBe('part of the smallest deployment; $50/month (db.t4g.medium single-AZ + 20 GB storage, assumed)');
  });

  test('your RPS per instance, your instance count, or no capacity in the catalog', () => {
    // 100,000,000 ÷ 2,592,000 × 3 = 115.74 RPS; ÷ 50 → 3 instances
    const rps = infra({ monthlyRequests: 100_000_000 }, { selfHosting: { rpsPerInstance: 50 } })[0]!;
    expect(rps.label).toBe('Gateway instances × 3');
    expect(rps.assumption).toContain('; 50 RPS per instance (your setting); at least 1;');
    expect(rps.source).toBe("assumption (override with flags or the answers file's cost: section); https://aws.amazon.com/ec2/pricing/on-demand/");
    const fixed = infra({}, { selfHosting: { instances: 4, instanceUsdMonthly: 10 } })[0]!;
    expect([fixed.label, fixed.usd, fixed.assumption]).toEqual(['Gateway instances × 4', 40, '4 instances (your setting) × $10/month']);
    // your count, not the catalog's capacity, sizes it: the source is the assumption
    expect(fixed.source).toBe("assumption (override with flags or the answers file's cost: section); https://aws.amazon.com/ec2/pricing/on-demand/");
    const bare = selfHosted({ decision: { components: { proxy: 'instance' } } });
    const none = infra({ monthlyRequests: 1_000_000_000 }, { selfHosting: { minInstances: 2 } }, bare)[0]!;
    expect(none.label).toBe('Gateway instances × 2');
    expect(none.assumption).toContain('capacity per instance not in the catalog, so sized at the minimum; set --rps-per-instance');
  });

  test('nothing for a managed deployment', () => {
    expect(infra({ hosting: 'either' }, {}, makeGateway('cloud'))).toEqual([]);
  });
});

describe('licence', () => {
  const gated = (licencePlan: string | undefined, monthlyUsd: number | null) =>
    makeGateway('g', {
      levels: { sso: 'enterprise-only', budgets: 'enterprise-only' },
      pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [], plans: [{ id: 'ent', name: 'Corporate', monthlyUsd, ...fact }], limits: [] },
      decision: licencePlan === undefined ? {} : { licencePlan },
    });
  const lic = (g: GatewayInput, needs: PartialAnswers['needs']) => {
    const { ctx, member } = one(g, { needs });
    return licenceLines(ctx, member);
  };

  test('the catalog\'s licence plan, unpublished: a null line, naming what needs it', () => {
    expect(lic(gated('ent', null), ['sso', 'budgets'])).toEqual([
      { kind: 'licence', label: 'Corporate licence (budgets, sso)', usd: null, assumption: 'price not published: budgets, sso are enterprise-only (Corporate); the total excludes it — ask the vendor', source: SRC },
    ]);
  });

  test('a published licence price is counted', () => {
    expect(lic(gated('ent', 400), ['sso'])[0]).toMatchObject({ usd: 400, assumption: 'Corporate at $400/month, for sso' });
    // in the option's totals: $400 of licence, nothing unpublished
    const priced = computeCosts(mergeAnswers({ needs: ['sso'] }), mergeCostOptions({ models: [{ id: 'test/model', share: 1 }] }), makeCatalog([gated('ent', 400)]), TABLE).gateways[0]!;
    expect([priced.monthlyUsd.licence, priced.licenceUnpublished, priced.excludesUnpublished]).toEqual([400, false, false]);
    const unpublished = computeCosts(mergeAnswers({ needs: ['sso'] }), mergeCostOptions({ models: [{ id: 'test/model', share: 1 }] }), makeCatalog([gated('ent', null)]), TABLE).gateways[0]!;
    expect([unpublished.monthlyUsd.licence, unpublished.licenceUnpublished, unpublished.excludesUnpublished]).toEqual([0, true, true]);
  });

  test('no licence plan in the catalog: still a null line, and it says so', () => {
    expect(lic(gated(undefined, 400), ['sso'])[0]).toMatchObject({
      label: 'Enterprise licence (sso)',
      usd: null,
      assumption: 'price not published: sso is enterprise-only and the catalog names no plan that unlocks it; the total excludes it — ask the vendor',
    });
  });

  test('the source is the licence plan\'s, else the first licensed feature\'s, else the licence\'s', () => {
    const sourced = (licencePlan: string | undefined, managed: 'yes' | 'enterprise-only') => {
      const g = gated(licencePlan, null);
      g.pricing.plans[0] = { ...g.pricing.plans[0]!, source: 'plan-page' };
      g.features.budgets = { level: 'enterprise-only', source: 'budgets-page', checked: '2026-11-01' };
      g.features.sso = { level: 'enterprise-only', source: 'sso-page', checked: '2026-11-01' };
      g.licence = { ...g.licence, source: 'licence-page' };
      g.deployment = { selfHosted: { level: 'no', ...fact }, managed: { level: managed, ...fact } };
      return g;
    };
    const src = (g: GatewayInput, needs: PartialAnswers['needs']) => lic(g, needs)[0]!.source;
    expect(src(sourced('ent', 'yes'), ['sso', 'budgets'])).toBe('plan-page');
    // licensed: budgets, sso (sorted) → budgets' page
    expect(src(sourced(undefined, 'yes'), ['sso', 'budgets'])).toBe('budgets-page');
    // a licensed deployment comes after the features it is licensed with
    const withDeployment = (needs: PartialAnswers['needs']) => {
      const { ctx, member } = one(sourced(undefined, 'enterprise-only'), { needs, hosting: 'managed' });
      return licenceLines(ctx, member)[0]!;
    };
    expect(withDeployment(['sso'])).toMatchObject({ label: 'Enterprise licence (sso, managed deployment)', source: 'sso-page' });
    expect(withDeployment([])).toMatchObject({ label: 'Enterprise licence (managed deployment)', source: 'licence-page' });
  });

  test('nothing when nothing served is enterprise-only', () => {
    expect(lic(gated('ent', null), ['fallbacks'])).toEqual([]);
  });
});

describe('ops', () => {
  const ops = (g: GatewayInput, a: PartialAnswers, o: PartialCostOptions = {}) => {
    const { ctx, member } = one(g, { hosting: 'self-hosted', ...a }, o);
    return opsLines(ctx, member);
  };

  test('hours by ops capacity × the burden of what is run × the rate', () => {
    expect(ops(selfHosted(), {})).toEqual([
      {
        kind: 'ops',
        label: 'Ops time (8 h/month)',
        usd: 800,
        assumption: '8 h/month for a moderate-burden gateway (from opsCapacity "some") × 1 for "moderate" burden (smallest deployment) × $100/h: upgrades, patching, database care, on-call',
        source: `${SRC}; assumption (override with flags or the answers file's cost: section)`,
      },
    ]);
    // Rate limiting needs nothing beyond the proxy here, budgets do not either: still the smallest deployment.
    const heavy = selfHosted({ features: { ...selfHosted().features, budgets: { level: 'yes', requires: ['db'], ...fact } } });
    expect(ops(heavy, { needs: ['budgets'], opsCapacity: 'none' }, { opsHourlyUsd: 50 })[0]).toMatchObject({
      label: 'Ops time (24 h/month)', // 16 h × 1.5 for "high"
      usd: 1_200,
      assumption: '16 h/month for a moderate-burden gateway (from opsCapacity "none") × 1.5 for "high" burden × $50/h: upgrades, patching, database care, on-call',
    });
  });

  test('your hours, and no line for nothing to run', () => {
    expect(ops(selfHosted(), {}, { opsHoursPerMonth: 3 })[0]!.assumption).toMatch(/^3 h\/month for a moderate-burden gateway \(your setting\) × 1/);
    expect(ops(makeGateway('cloud'), { hosting: 'either' })).toEqual([]);
  });
});

describe('number words', () => {
  // Worked out inside each test, not when the file loads, so that mutation testing sees the code run.
  test.each<[string, () => string, string]>([
    ['pct(0.125)', () => pct(0.125), '12.5%'],
    ['pct(0.05)', () => pct(0.05), '5%'],
    ['num(1,234.567)', () => num(1_234.567), '1,235'],
    ['num(99.996)', () => num(99.996), '100'],
    ['num(12.3456)', () => num(12.3456), '12.35'],
    ['money(1,234.5)', () => money(1_234.5), '1,234.50'],
  ])('%s = %s', (_name, got, want) => {
    expect(got()).toBe(want);
  });
});

describe('an option as a whole', () => {
  test('an option with no member cannot be costed', () => {
    const { ctx, workload, setup } = one(makeGateway('g'));
    expect(() => costSetup({ ...setup, members: [] } as Setup, ctx, workload)).toThrow('option g has no members');
  });

  test('an unpublished plan leaves the total short without being a licence', () => {
    const g = makeGateway('g', {
      pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [{ id: 'x', label: 'X', basis: 'monthly-flat', appliesWhen: 'always', usdFlat: 1, plan: 'big', ...fact }], plans: [{ id: 'free', name: 'Free', monthlyUsd: 0, ...fact }, { id: 'big', name: 'Big', monthlyUsd: null, ...fact }], limits: [] },
    });
    const { ctx, workload, setup } = one(g);
    const c = costSetup(setup, ctx, workload);
    expect([c.excludesUnpublished, c.licenceUnpublished, c.monthlyUsd.total]).toEqual([true, false, 5_001]);
  });

  test('provider prompt caching counts only if every gateway in the path passes it through', () => {
    const passes = (level?: 'yes' | 'partial' | 'no') => {
      const g = makeGateway('g');
      if (level === undefined) delete (g.features as Record<string, unknown>)['prompt-caching-passthrough'];
      else g.features = { ...g.features, 'prompt-caching-passthrough': { level, ...fact } };
      const { ctx, workload, setup } = one(g, {}, { promptCacheShare: 1 });
      return costSetup(setup, ctx, workload).monthlyUsd.tokens;
    };
    // all input at $0.50 instead of $2: 1M × (1,000 × 0.5 + 300 × 10) ÷ 1e6 = 3,500
    expect([passes('yes'), passes('partial'), passes(undefined), passes('no')]).toEqual([3_500, 3_500, 3_500, 5_000]);
    // a stack of one that passes it through and one that does not: full price, $5,000
    const level = (id: string, l: 'yes' | 'no') => makeGateway(id, { levels: { 'prompt-caching-passthrough': l } });
    const c = makeCatalog([level('a', 'yes'), level('b', 'no')], { stacks: [{ id: 's', name: 'S', members: ['a', 'b'], topology: 'a then b', contributes: [], why: 'w', ...fact }] });
    const r = computeCosts(mergeAnswers({}), mergeCostOptions({ promptCacheShare: 1, models: [{ id: 'test/model', share: 1 }] }), c, TABLE);
    expect([r.gateways[0]!.monthlyUsd.tokens, r.stacks[0]!.monthlyUsd.tokens]).toEqual([3_500, 5_000]);
  });
});

describe('the model as a whole', () => {
  const two = makeCatalog([makeGateway('a'), makeGateway('b')]);
  const options = (o: PartialCostOptions = {}) => mergeCostOptions({ models: [{ id: 'test/model', share: 1 }], ...o });

  test('the share of requests to free models: priced zero for input and output', () => {
    const w = workloadFrom(mergeAnswers({}), options({ models: [{ id: 'test/free', share: 0.3 }, { id: 'test/half', share: 0.2 }, { id: 'test/model', share: 0.5 }] }), TABLE);
    expect(w.freeModelShare).toBeCloseTo(0.3, 12);
  });

  test('the workload carries the options the decisions read', () => {
    const w = workloadFrom(mergeAnswers({ monthlyRequests: 7 }), options({ selfHosting: { peakFactor: 2 }, useManagedBilling: false, payment: { method: 'crypto' }, logpush: true }), TABLE);
    // log size assumed from the default answers: (1,000 + 300 tokens) × 4 bytes + 1,000 = 6,200 bytes
    expect(w).toEqual({ monthlyRequests: 7, peakFactor: 2, useManagedBilling: false, paymentMethod: 'crypto', logpush: true, freeModelShare: 0, logBytesPerRequest: 6_200, logBytesGiven: false });
    expect(workloadFrom(mergeAnswers({ monthlyRequests: 7 }), options({ logBytesPerRequest: 900 }), TABLE)).toMatchObject({ logBytesPerRequest: 900, logBytesGiven: true });
  });

  test('an unknown model in the mix is an input error naming it', () => {
    const call = () => costContext(options({ models: [{ id: 'test/model', share: 0.5 }, { id: 'nope/x', share: 0.5 }] }), two, TABLE);
    expect(call).toThrow(InputError);
    expect(call).toThrow('The model mix names models missing from the price table.');
    expect(call).toThrow(expect.objectContaining({ issues: [{ path: 'models[1].id', message: 'unknown model "nope/x"' }] }));
  });

  test('sources are URLs when known, else the id as given', () => {
    const ctx = costContext(options({ models: [{ id: 'test/free', share: 1 }] }), two, TABLE);
    expect(ctx.mix[0]!.source).toBe('elsewhere');
    expect(ctx.sourceUrl('src')).toBe(SRC);
    expect(ctx.sourceUrl('unknown')).toBe('unknown');
  });

  test('the cheapest of equal totals is the first in catalog order', () => {
    expect(computeCosts(mergeAnswers({}), options(), two, TABLE).cheapest).toEqual({ gateway: 'a', kind: 'gateway', totalUsd: 5_000, excludesUnpublished: false });
  });

  test('the advisor\'s summary says why an option cannot be costed', () => {
    const c = makeCatalog([makeGateway('a'), makeGateway('b', { deployment: { selfHosted: { level: 'no', ...fact }, managed: { level: 'no', ...fact } } })]);
    const m = costSummaryForAdvisor(mergeAnswers({ hosting: 'managed' }), options(), c, TABLE);
    expect(m.get('a')?.why).toBeUndefined();
    expect(m.get('b')?.why).toBe('You want a managed service; B is not offered as one (no)');
    // two hard constraints against a managed-only gateway: both, in order, joined by "; "
    const two = costSummaryForAdvisor(mergeAnswers({ hosting: 'self-hosted', dataControl: 'own-infrastructure' }), options(), c, TABLE);
    expect(two.get('a')?.why).toBe("You require self-hosting; A cannot be self-hosted (no); Traffic must stay on your infrastructure; A runs on its vendor's infrastructure");
  });

  test('assumptions state every default the totals rest on', () => {
    const catalog = makeCatalog([
      makeGateway('edge', {
        pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [{ id: 'logs', label: 'Logs', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 1, note: 'New accounts only.', ...fact }], plans: [], limits: [] },
      }),
    ]);
    const texts = (o: PartialCostOptions) => computeCosts(mergeAnswers({ monthlyRequests: 1_000 }), options(o), catalog, TABLE).assumptions.map((x) => x.text);
    expect(texts({})).toEqual([
      'A month is 30 days (2,592,000 s); traffic is 1,000 requests of 1,000 input and 300 output tokens on average.',
      'Model mix: test/model 100%; list prices from data/models.json.',
      'Response cache hit rate 10%, applied only where the gateway supports the caching wanted (none).',
      'Provider prompt caching: 0% of input tokens at the cached-input price, where the model has one and the gateway passes it through.',
      'Credits are bought by card, one purchase a month covering the spend; managed billing is used only when you hold no provider keys (a gateway without it is costed with provider accounts you would open).',
      'Peak request rate = average × 3: it sizes self-hosted instances and is checked against per-minute limits (per-day limits against the average).',
      "Self-hosting: requests per second per instance from each gateway's catalog entry, at least 1; instance $130.31/month, Postgres $50/month, Redis $23.36/month (AWS us-east-1 on-demand list prices, assumed).",
      'Ops: 8 h/month (opsCapacity "some") for a moderate-burden gateway, scaled by the catalog\'s burden (none 0, low 0.125, moderate 1, high 1.5), at $100/h.',
      'Log export (Logpush-type fees) is off.',
      'Request logs kept at the gateway are counted only when you need observability: one log event per request, of 6,200 bytes (assumed: (input + output tokens) × 4 bytes + 1,000 bytes of metadata; set --log-bytes or cost.logBytesPerRequest) where logs are billed per GB. EDGE: New accounts only.',
      'Totals exclude prices that are not published (enterprise licences); such options are flagged.',
    ]);
    const changed = texts({ payment: { topUpUsd: 50 }, useManagedBilling: true, selfHosting: { rpsPerInstance: 80 }, opsHoursPerMonth: 6, logpush: true });
    expect(changed[4]).toBe('Credits are bought by card, in purchases of $50; managed billing is used whenever the gateway offers it.');
    expect(changed[6]).toMatch(/^Self-hosting: 80 RPS per instance \(your setting\), at least 1;/);
    expect(changed[7]).toMatch(/^Ops: 6 h\/month for a moderate-burden gateway/);
    expect(changed[8]).toBe('Log export (Logpush-type fees) is on.');
    expect(texts({ useManagedBilling: false })[4]).toMatch(/managed billing is used never\.$/);
    const sources = computeCosts(mergeAnswers({}), options(), catalog, TABLE).assumptions.map((x) => x.source);
    const a = "assumption (override with flags or the answers file's cost: section)";
    expect(sources).toEqual(['answers', 'data/models.json', a, a, a, a, 'https://aws.amazon.com/ec2/pricing/on-demand/', a, a, SRC, 'catalog']);
    expect(texts({ models: [{ id: 'test/model', share: 0.75 }, { id: 'test/plain', share: 0.25 }] })[1]).toBe('Model mix: test/model 75%, test/plain 25%; list prices from data/models.json.');
  });

  test('the log terms of every gateway that keeps logs, each with its source; other fees are not log terms', () => {
    const kept = (id: string, fees: Fee[]) => makeGateway(id, { pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees, plans: [], limits: [] } });
    const logFee = (source: string, note?: string): Fee => ({ id: 'logs', label: 'Kept logs', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 1, source, checked: '2026-11-01', status: 'verified', ...(note ? { note } : {}) });
    const export_: Fee = { id: 'push', label: 'Export', basis: 'requests', appliesWhen: 'always', usdPerMillion: 1, ...fact, status: 'verified' };
    const c = makeCatalog([kept('one', [export_, logFee('src', 'Paid plans.')]), kept('two', [logFee('elsewhere')])]);
    const last = computeCosts(mergeAnswers({}), options(), c, TABLE).assumptions[9]!;
    // a source id the catalog does not list is quoted as it is
    expect(last).toEqual({ text: 'Request logs kept at the gateway are counted only when you need observability: one log event per request, of 6,200 bytes (assumed: (input + output tokens) × 4 bytes + 1,000 bytes of metadata; set --log-bytes or cost.logBytesPerRequest) where logs are billed per GB. ONE: Paid plans. TWO: Kept logs', source: `${SRC}; elsewhere` });
  });

  test('the catalog\'s own words for a log fee without a note: its label', () => {
    const catalog: Catalog = makeCatalog([
      makeGateway('edge', { pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [{ id: 'logs', label: 'Stored logs', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 1, ...fact }], plans: [], limits: [] } }),
    ]);
    expect(computeCosts(mergeAnswers({}), options(), catalog, TABLE).assumptions[9]!.text).toMatch(/ EDGE: Stored logs$/);
    expect(computeCosts(mergeAnswers({}), options(), two, TABLE).assumptions[9]).toEqual({ text: 'Request logs kept at the gateway are counted only when you need observability: one log event per request, of 6,200 bytes (assumed: (input + output tokens) × 4 bytes + 1,000 bytes of metadata; set --log-bytes or cost.logBytesPerRequest) where logs are billed per GB.', source: 'catalog' });
  });
});

describe('a managed platform\'s fees, charged only while its plan is chosen (Kong-like)', () => {
  // Open source is $0 and self-hosted; the licence plan ($25/month) unlocks the enterprise-only cache and adds a
  // $100/month fee per model, which applies only while that plan is chosen for another reason.
  const kongLike = makeGateway('k', {
    deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'enterprise-only', ...fact } },
    decision: { licencePlan: 'platform' },
    levels: { 'exact-cache': 'enterprise-only' },
    pricing: {
      tokenMarkupPercent: { value: 0, ...fact },
      fees: [{ id: 'per-model', label: 'Per model', basis: 'models', usdPerModel: 100, appliesWhen: 'plan-chosen', plan: 'platform', ...fact }],
      plans: [{ id: 'oss', name: 'Open source', monthlyUsd: 0, ...fact }, { id: 'platform', name: 'Platform', monthlyUsd: 25, ...fact }],
      limits: [],
    },
  });
  const cost = (a: PartialAnswers) => {
    const { ctx, workload, setup } = one(kongLike, { hosting: 'self-hosted', ...a }, { cacheHitRate: 0.2 });
    return costSetup(setup, ctx, workload);
  };

  test('self-hosted open source with nothing enterprise: no plan, no licence, no platform fee', () => {
    const c = cost({ caching: 'none' });
    expect(c.lines.filter((l) => ['fee', 'plan', 'licence'].includes(l.kind))).toEqual([]);
    // 1M requests × $0.005 = $5,000 of tokens, nothing else
    expect(c.monthlyUsd.total).toBe(5_000);
  });

  test('the enterprise cache: the licence once, the per-model fee, and the cache saves', () => {
    const c = cost({ caching: 'exact' });
    const lines = c.lines.map((l) => [l.kind, l.usd]);
    // licence $25 once (not again as a plan), fee $100 × 1 model, savings 20% of $5,000 = $1,000
    expect(lines.filter(([k]) => k === 'licence' || k === 'plan')).toEqual([['licence', 25]]);
    expect(lines.filter(([k]) => k === 'fee')).toEqual([['fee', 100]]);
    const saving = c.lines.find((l) => l.kind === 'cache-savings')!;
    expect(saving.usd).toBe(-1_000);
    expect(saving.assumption).toBe("20% of requests served from the gateway's exact cache, so their token spend is not paid (with the enterprise licence costed below)");
    // 5,000 − 1,000 + 100 + 25
    expect(c.monthlyUsd.total).toBe(4_125);
  });
});

describe('hosted plans that do not bind the open-source gateway (Portkey-like)', () => {
  // Dev free up to 10k requests/month → Pro $49 with 100k included and $9 per started 100k up to 3M → Enterprise.
  const limit = (id: string, value: number, plan: string) => ({ id, label: `${plan} requests`, value, unit: 'requests', per: 'month', plan, deployment: 'managed' as const, ...fact });
  const rule = (id: string, to: string) => ({ limit: id, counts: 'requests' as const, windowSeconds: 2_592_000, scope: 'account' as const, appliesWhen: 'always' as const, pastBy: [{ plan: to }] });
  const portkeyLike = makeGateway('p', {
    deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'yes', ...fact } },
    operations: { burden: 'moderate', components: ['gateway'], managed: { burden: 'none', note: 'hosted: nothing to run' }, ...fact },
    decision: { components: { gateway: 'none' }, limits: [rule('dev-cap', 'pro'), rule('pro-cap', 'enterprise')] },
    pricing: {
      tokenMarkupPercent: { value: 0, ...fact },
      fees: [{ id: 'overage', label: 'Pro overage', basis: 'requests', usdPerMillion: 90, blockSize: 100_000, freeAllowance: { amount: 100_000, unit: 'requests', period: 'month' }, appliesWhen: 'always', plan: 'pro', deployment: 'managed', ...fact }],
      plans: [
        { id: 'dev', name: 'Dev', monthlyUsd: 0, deployment: 'managed', ...fact },
        { id: 'pro', name: 'Pro', monthlyUsd: 49, deployment: 'managed', ...fact },
        { id: 'enterprise', name: 'Enterprise', monthlyUsd: null, deployment: 'managed', ...fact },
      ],
      limits: [limit('dev-cap', 10_000, 'dev'), limit('pro-cap', 3_000_000, 'pro')],
    },
  });
  const cost = (a: PartialAnswers) => {
    const { ctx, workload, setup } = one(portkeyLike, a);
    return { c: costSetup(setup, ctx, workload), member: setup.members[0]! };
  };
  const priced = (lines: readonly { kind: string; label: string; usd: number | null }[]) => lines.filter((l) => l.kind !== 'tokens').map((l) => [l.label, l.usd]);

  test('self-hosted: no hosted plan, limit or fee; the self-hosted burden', () => {
    const { c, member } = cost({ hosting: 'self-hosted', monthlyRequests: 250_000 });
    expect(member.limits).toEqual([]);
    expect(member.gateway.operations.burden).toBe('moderate');
    expect(c.lines.some((l) => l.kind === 'fee' || l.kind === 'plan')).toBe(false);
  });

  test('managed at 250k: Pro and 2 overage blocks, nothing to run', () => {
    const { c, member } = cost({ hosting: 'managed', monthlyRequests: 250_000 });
    expect(member.gateway.operations.burden).toBe('none');
    // 150k over 100k included → 2 started blocks × $9 = $18; Pro $49
    expect(priced(c.lines)).toEqual([['Pro overage', 18], ['Plan: Pro', 49]]);
  });

  test('managed at 5M: past Pro\'s cap to Enterprise, and Pro\'s overage is no longer paid', () => {
    const { c, member } = cost({ hosting: 'managed', monthlyRequests: 5_000_000 });
    expect(member.plans).toEqual(['enterprise']);
    expect(priced(c.lines)).toEqual([['Plan: Enterprise', null]]);
    expect(c.excludesUnpublished).toBe(true);
  });
});
