import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/advisor/answers.js';
import { advise } from '../../src/advisor/score.js';
import { gatewaySetup } from '../../src/advisor/eligibility.js';
import { opsLines } from '../../src/cost/lines/ops.js';
import { computeCosts, costContext, costSummaryForAdvisor, workloadFrom, type GatewayCost } from '../../src/cost/model.js';
import { fact, makeCatalog, makeGateway } from '../helpers/builders.js';
import type { CostOptions } from '../../src/cost/options.js';
import { answers, catalog, models, options } from './fixtures.js';

/**
 * A limit passed by scale-out (Cloudflare Unified Billing: 200 requests per 60 s per gateway) weighs in the score
 * and the cost: ops burden per extra gateway, a cache hit rate divided by the gateways, a reason that names them.
 * On the shipped catalog and price table. `needs: [fallbacks]` keeps request logs out of these figures (no
 * observability, so no Workers Logs fee or plan), so that they rest only on the lines this behaviour touches.
 *
 * Hand figures used throughout: gpt-4o-mini $0.15 / $0.60 per M, 1,000 in + 300 out = $0.00033 a request.
 * Cloudflare's operations burden is "low" (1 step); a gateway's ops hours factor is 0.125 at low, 1 at moderate,
 * 1.5 at high; ops capacity none is 16 h a month, some 8 h, at $100/h. A scale-out adds 0.2 steps per extra gateway.
 */
const noKeys = (over: Partial<Answers> = {}) => answers({ ownProviderKeys: false, needs: ['fallbacks'], ...over });
const costOf = (a: Answers, o: CostOptions = options()) => {
  const r = computeCosts(a, o, catalog, models);
  return (id: string): GatewayCost => [...r.gateways, ...r.stacks].find((g) => g.gateway === id)!;
};
const line = (g: GatewayCost, kind: string) => g.lines.filter((l) => l.kind === kind);
const advice = (a: Answers, o: CostOptions = options()) =>
  advise(catalog, a, { monthlyUsd: costSummaryForAdvisor(a, o, catalog, models), workload: workloadFrom(a, o, models) });
const ranked = (a: Answers, id: string) => {
  const r = advice(a);
  return [...r.ranking, ...r.stacks].find((x) => x.gateway === id)!;
};

describe('20M requests/month, no provider keys: Cloudflare needs 7 gateways', () => {
  // Peak per 60 s: 20,000,000 ÷ 2,592,000 × 60 × 3 = 1,388.9 requests; ÷ 200 per gateway = 6.94 → 7 gateways
  // (within the 10 per account of Workers Free, so no plan is needed for them).
  const a = noKeys({ monthlyRequests: 20_000_000, opsCapacity: 'none' });

  test('the ops line counts 6 extra gateways: (1 + 6 × 0.2) = 2.2 steps → factor 1 + 0.2 × 0.5 = 1.1 → 16 h × 1.1 = 17.6 h = $1,760', () => {
    const cf = costOf(a)('cloudflare');
    expect(cf.billing).toBe('managed');
    const [ops] = line(cf, 'ops');
    expect(ops!.usd).toBeCloseTo(1_760, 6);
    expect(ops!.label).toBe('Ops time (17.6 h/month)');
    expect(ops!.assumption).toBe(
      '16 h/month for a moderate-burden gateway (from opsCapacity "none") × 1.1 for "low" burden (1 step) on 7 gateways (Unified Billing request rate is 200 requests per 60 s per gateway): +1.2 burden steps, 0.2 for each of 6 extra gateways, so 2.2 steps; × $100/h: upgrades, patching, database care, on-call, and routing the traffic over them',
    );
    // 6,600 tokens + 5% Unified Billing 330 + 1,760 ops; no plan (7 gateways fit Workers Free's 10; no logs kept)
    expect(cf.monthlyUsd.total).toBeCloseTo(8_690, 6);
  });

  test('a no-ops team sees Cloudflare 29 points below OpenRouter (it was 2 before scale-out weighed)', () => {
    // Weights: provider-keys 4, providers 1 (2 providers), needs fallbacks 2, operations 4 (capacity none),
    // latency 2 (sensitive), cost log10(20M ÷ 10k) = 3.30103; total 16.30103.
    // OpenRouter: keys 1, providers log10(70)/2 = 0.92255, fallbacks 1, ops 1 (nothing to run), latency 0.5
    // (unknown), cost 1 (cheapest: 6,600 × 1.055 = 6,963) → 15.22358 / 16.30103 = 0.9339 → 93.
    // Cloudflare: keys 1, providers log10(14)/2 = 0.57306, fallbacks 1, ops 1 − 0.45 × (2.2 − 1) = 0.46,
    // latency 0.5, cost 6,963 / 8,690 = 0.80127 → (4 + 0.57306 + 2 + 1.84 + 1 + 2.64500) / 16.30103 = 0.7397 → 74.
    // Then −10 points: a no-ops team cannot run the client-side routing 7 gateways need → 64.
    // (Before: ops 1 and cost 6,963 / 7,130 (2 h of ops) → 14.79677 / 16.30103 = 0.9077 → 91, 2 points behind.)
    const r = advice(a);
    const score = (id: string) => r.ranking.find((x) => x.gateway === id)!.score;
    expect(score('openrouter')).toBe(93);
    expect(score('cloudflare')).toBe(64);
    expect(r.ranking.find((x) => x.gateway === 'cloudflare')!.reasons.at(-1)).toEqual({
      criterion: 'operations',
      answer: 'opsCapacity=none',
      effect: 'against',
      weight: 0,
      text: '−10 points: 7 gateways (Unified Billing request rate is 200 requests per 60 s per gateway) means routing in your clients to split the traffic (and retry a 429 on another gateway), and 7 separate caches, sets of logs, rate limits and spend limits to keep in step, which a team with no ops capacity cannot take on',
    });
    expect(score('openrouter') - score('cloudflare')).toBeGreaterThanOrEqual(10);
    expect(r.recommendation.gateway).toBe('openrouter');
  });

  test('with the default needs too (observability: request logs kept), the no-ops gap stays ≥ 10 points', () => {
    const r = advice(answers({ ownProviderKeys: false, monthlyRequests: 20_000_000, opsCapacity: 'none' }));
    const top = Math.max(...[...r.ranking, ...r.stacks].filter((x) => x.eligible).map((x) => x.score));
    expect(top - r.ranking.find((x) => x.gateway === 'cloudflare')!.score).toBeGreaterThanOrEqual(10);
  });

  test('the operations reason names the 7 gateways and why, and counts against a no-ops team', () => {
    const ops = ranked(a, 'cloudflare').reasons.find((x) => x.criterion === 'operations')!;
    expect(ops.text).toMatch(
      /^Your ops capacity is none: running Cloudflare AI Gateway as you need it is a low burden \(.*\); at this volume it takes 7 gateways \(Unified Billing request rate is 200 requests per 60 s per gateway\): routing in your clients to split the traffic \(and retry a 429 on another gateway\), and 7 separate caches, sets of logs, rate limits and spend limits to keep in step \(\+1\.2 burden steps, 0\.2 for each of 6 extra gateways\)$/,
    );
    // 0.46 is between the thresholds (≤ 0.35 against, ≥ 0.75 for)
    expect(ops.effect).toBe('neutral');
    expect(ops.weight).toBe(4);
  });

  test('the watch-out says what 7 gateways mean, and that the score and cost count it', () => {
    const w = ranked(a, 'cloudflare').watchOuts.find((x) => x.id === 'limit-unified-billing-rate')!;
    expect(w.title).toBe('Unified Billing request rate: needs 7 gateways at this volume');
    expect(w.detail).toContain(
      'so it needs 7 gateways (up to 10 per account on Workers Free) with the traffic split across them. That means routing in your clients to split the traffic (and retry a 429 on another gateway), and 7 separate caches, sets of logs, rate limits and spend limits to keep in step; the operations score and ops hours count +1.2 burden steps, 0.2 for each of 6 extra gateways. The cost assumes it.',
    );
    // no caching wanted: nothing said about cache hits
    expect(w.detail).not.toContain('cache hit rate');
  });

  test('a team with some ops capacity: 8 h × 1.1 = 8.8 h = $880; dedicated: 4 h × 1.1 = 4.4 h = $440, and no operations penalty', () => {
    expect(line(costOf({ ...a, opsCapacity: 'some' })('cloudflare'), 'ops')[0]!.usd).toBeCloseTo(880, 6);
    expect(line(costOf({ ...a, opsCapacity: 'dedicated' })('cloudflare'), 'ops')[0]!.usd).toBeCloseTo(440, 6);
    // some: 1 − 0.45 × (2.2 − 2) = 0.91 → "for" (weight 2); dedicated: 2.2 − 3 < 0 → 1 (weight 1)
    const opsReason = (opsCapacity: Answers['opsCapacity']) => ranked({ ...a, opsCapacity }, 'cloudflare').reasons.find((x) => x.criterion === 'operations')!;
    expect(opsReason('some')).toMatchObject({ effect: 'for', weight: 2 });
    expect(opsReason('dedicated')).toMatchObject({ effect: 'for', weight: 1 });
  });

  test('exact caching: each of the 7 caches sees 1 in 7 repeats, so 10% ÷ 7 of the token spend is saved', () => {
    const cached = { ...a, caching: 'exact' as const };
    const cf = costOf(cached)('cloudflare');
    const [savings] = line(cf, 'cache-savings');
    // 6,600 × 0.1 ÷ 7 = 94.2857 (one gateway would save 660)
    expect(savings!.usd).toBeCloseTo(-94.2857, 3);
    expect(savings!.assumption).toBe(
      "1.4% of requests served from the gateway's exact cache, so their token spend is not paid; 10% hit rate ÷ 7: the traffic is split over 7 gateways (Unified Billing request rate is 200 requests per 60 s per gateway), each with its own cache, and a repeat is a hit only when it lands on the gateway that cached it (1 in 7 with even routing blind to the prompt; routing by a hash of the prompt would keep 10%)",
    );
    // the Unified Billing fee is 5% of the spend after the cache: (6,600 − 94.2857) × 0.05 = 325.2857
    expect(line(cf, 'fee')[0]!.usd).toBeCloseTo(325.2857, 3);
    // OpenRouter, one endpoint, keeps the full 10%: 6,600 × 0.1 = 660
    expect(line(costOf(cached)('openrouter'), 'cache-savings')[0]!.usd).toBeCloseTo(-660, 6);
    const w = ranked(cached, 'cloudflare').watchOuts.find((x) => x.id === 'limit-unified-billing-rate')!;
    expect(w.detail).toContain('Each gateway caches on its own: with traffic spread evenly, a repeat is a hit only when it lands on the gateway that cached it (1 in 7), so the cost divides the cache hit rate by 7.');
  });
});

describe('the boundary: one gateway carries 2,880,000 requests a month, one more needs two', () => {
  // 200 per 60 s ÷ 60 ÷ 3 (peak) × 2,592,000 s = 2,880,000 requests a month at exactly 200 per 60 s at peak.
  const at = (monthlyRequests: number) => noKeys({ monthlyRequests, opsCapacity: 'none', caching: 'exact' });

  test('2,880,000: one gateway, nothing changes: ops 16 h × 0.125 = 2 h = $200, cache 10%, full operations score', () => {
    const cf = costOf(at(2_880_000))('cloudflare');
    expect(line(cf, 'ops')[0]!.usd).toBeCloseTo(200, 6);
    expect(line(cf, 'ops')[0]!.assumption).not.toContain('gateways');
    // 2,880,000 × 0.00033 = 950.40; × 0.1 = 95.04
    expect(line(cf, 'cache-savings')[0]!.usd).toBeCloseTo(-95.04, 6);
    expect(line(cf, 'cache-savings')[0]!.assumption).toBe("10% of requests served from the gateway's exact cache, so their token spend is not paid");
    const r = ranked(at(2_880_000), 'cloudflare');
    expect(r.reasons.find((x) => x.criterion === 'operations')!.text).not.toContain('at this volume');
    expect(r.reasons.find((x) => x.criterion === 'operations')!.effect).toBe('for');
    expect(r.watchOuts.some((x) => x.id === 'limit-unified-billing-rate')).toBe(false);
  });

  test('2,880,001: two gateways: 1.2 steps → factor 0.125 + 0.2 × 0.875 = 0.3 → 4.8 h = $480; cache 10% ÷ 2 = 5%', () => {
    const cf = costOf(at(2_880_001))('cloudflare');
    expect(line(cf, 'ops')[0]!.usd).toBeCloseTo(480, 6);
    expect(line(cf, 'ops')[0]!.assumption).toContain('× 0.3 for "low" burden (1 step) on 2 gateways (Unified Billing request rate is 200 requests per 60 s per gateway): +0.2 burden step for the extra gateway, so 1.2 steps; × $100/h');
    // 2,880,001 × 0.00033 = 950.40033; × 0.05 = 47.5200165
    expect(line(cf, 'cache-savings')[0]!.usd).toBeCloseTo(-47.5200165, 6);
    expect(line(cf, 'cache-savings')[0]!.assumption).toMatch(/^5% of requests .* 10% hit rate ÷ 2: the traffic is split over 2 gateways/);
    const r = ranked(at(2_880_001), 'cloudflare');
    const ops = r.reasons.find((x) => x.criterion === 'operations')!;
    // 1 − 0.45 × 0.2 = 0.91: still "for", but named
    expect(ops.effect).toBe('for');
    expect(ops.text).toContain('at this volume it takes 2 gateways (Unified Billing request rate is 200 requests per 60 s per gateway)');
    expect(ops.text).toMatch(/\(\+0\.2 burden step for the extra gateway\)$/);
  });

  test('2,880,001 and no ops capacity: 10 points off keep two gateways at least 10 below the top; some capacity takes none off', () => {
    const of = (opsCapacity: 'none' | 'some') => advice(answers({ ownProviderKeys: false, needs: ['fallbacks'], monthlyRequests: 2_880_001, opsCapacity }));
    const none = of('none');
    const top = Math.max(...[...none.ranking, ...none.stacks].filter((x) => x.eligible && x.gateway !== 'cloudflare').map((x) => x.score));
    const cf = none.ranking.find((x) => x.gateway === 'cloudflare')!;
    expect(top - cf.score).toBeGreaterThanOrEqual(10);
    expect(cf.reasons.at(-1)!.text).toMatch(/^−10 points: 2 gateways \(Unified Billing request rate/);
    // with some capacity no points come off, and no reason says any do
    expect(of('some').ranking.find((x) => x.gateway === 'cloudflare')!.reasons.filter((x) => x.weight === 0)).toEqual([]);
  });

  test('own provider keys: Unified Billing does not apply, so 20M requests is one gateway and nothing changes', () => {
    const cf = costOf(answers({ ownProviderKeys: true, needs: ['fallbacks'], monthlyRequests: 20_000_000, opsCapacity: 'none' }))('cloudflare');
    expect(cf.billing).toBe('byok');
    expect(line(cf, 'ops')[0]!.usd).toBeCloseTo(200, 6);
  });
});

describe('the ops line for other burdens', () => {
  // A moderate-burden gateway whose credits carry 100 requests per 60 s per gateway (1,440,000 requests a month at
  // peak factor 3), up to 20 gateways.
  const gw = makeCatalog([
    makeGateway('edge', {
      levels: { 'managed-billing': 'yes' },
      operations: { burden: 'moderate', components: [], ...fact },
      pricing: {
        tokenMarkupPercent: { value: 0, ...fact },
        fees: [],
        plans: [],
        limits: [
          { id: 'rate', label: 'Credit rate', value: 100, unit: 'requests', ...fact },
          { id: 'gateways', label: 'Gateways', value: 20, unit: 'gateways', per: 'account', ...fact },
        ],
      },
      decision: { limits: [{ limit: 'rate', counts: 'requests', windowSeconds: 60, scope: 'gateway', appliesWhen: 'managed-billing', pastBy: [{ scaleOut: ['gateways'] }] }] },
    }),
  ]);
  const ops = (monthlyRequests: number) => {
    const a = answers({ ownProviderKeys: false, needs: [], monthlyRequests, opsCapacity: 'some' });
    return opsLines(costContext(options(), gw, models), gatewaySetup(gw.gateways[0]!, a, workloadFrom(a, options(), models)).members[0]!)[0]!;
  };

  test('4 gateways on a moderate burden: 2 + 3 × 0.2 = 2.6 steps → 1 + 0.6 × 0.5 = 1.3 → 8 h × 1.3 = 10.4 h = $1,040', () => {
    const l = ops(4 * 1_440_000);
    expect(l.usd).toBeCloseTo(1_040, 6);
    expect(l.assumption).toContain('× 1.3 for "moderate" burden (2 steps) on 4 gateways (Credit rate is 100 requests per 60 s per gateway): +0.6 burden steps, 0.2 for each of 3 extra gateways, so 2.6 steps; × $100/h');
  });

  test('one gateway: 8 h × 1 = $800, and the line says nothing of gateways', () => {
    const l = ops(1_440_000);
    expect(l.usd).toBeCloseTo(800, 6);
    expect(l.assumption).toBe('8 h/month for a moderate-burden gateway (from opsCapacity "some") × 1 for "moderate" burden × $100/h: upgrades, patching, database care, on-call');
  });
});
