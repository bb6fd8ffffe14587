import { describe, expect, test } from 'vitest';
import { costAllOptions, computeCosts, costSummaryForAdvisor, feeAmount, findCrossings, type GatewayCost } from '../../src/cost/model.js';
import { answers, catalog, models, options } from './fixtures.js';
import { fact, makeCatalog, makeGateway } from '../helpers/builders.js';
import type { Answers } from '../../src/advisor/answers.js';
import type { CostOptions } from '../../src/cost/options.js';

// Figures on the shipped catalog and price table. Worked by hand, with these inputs:
//   gpt-4o-mini $0.15 in / $0.60 out per M: 1,000 in + 300 out = 0.00015 + 0.00018 = $0.00033 a request.
//   instance $130.31, Postgres $50, Redis $23.36, $100/h; opsCapacity "some" = 8 h for a moderate burden.
//   A month is 2,592,000 s; the peak factor is 3.
// Line by line, without break-even points and curves (computeCosts, below, adds them).
const run = (a: Answers, o: CostOptions) => costAllOptions(a, o, catalog, models);
const gw = (r: GatewayCost[], id: string): GatewayCost => {
  const g = r.find((x) => x.gateway === id);
  if (!g) throw new Error(`no ${id}`);
  return g;
};
const line = (g: GatewayCost, label: RegExp) => g.lines.find((l) => label.test(l.label));
const OR = 'openrouter';
const CF = 'cloudflare';
const LL = 'litellm';

describe('OpenRouter credit purchases: top-ups and the $0.80 minimum', () => {
  test('$10 top-ups on $3.30 spend: 1 purchase, fee max(5.5% × $10, $0.80) = $0.80', () => {
    const g = gw(run(answers({ ownProviderKeys: false, monthlyRequests: 10_000 }), options({ payment: { topUpUsd: 10 } })), OR);
    expect(g.monthlyUsd.tokens).toBeCloseTo(3.3, 9); // 10,000 × 0.00033
    expect(g.monthlyUsd.fees).toBeCloseTo(0.8, 9);
    expect(g.monthlyUsd.total).toBeCloseTo(4.1, 9);
  });

  test('$100 top-ups on $330 spend: ceil(3.3) = 4 purchases × $5.50 = $22', () => {
    const g = gw(run(answers({ ownProviderKeys: false }), options({ payment: { topUpUsd: 100 } })), OR);
    expect(g.monthlyUsd.fees).toBeCloseTo(22, 9);
  });

  test('crypto: 5% with no minimum = $16.50 on $330', () => {
    const g = gw(run(answers({ ownProviderKeys: false }), options({ payment: { method: 'crypto' } })), OR);
    expect(g.monthlyUsd.fees).toBeCloseTo(16.5, 9);
    expect(g.lines.map((l) => l.label)).not.toContain('Card (Stripe) credit purchase fee');
  });
});

describe('100M requests of gpt-4o-mini with own keys', () => {
  const r = () => run(answers({ monthlyRequests: 100_000_000 }), options());
  test('OpenRouter BYOK fee: 5% × ($33,000 − $25,000) = $400', () => {
    expect(gw(r(), OR).monthlyUsd.fees).toBeCloseTo(400, 6);
    expect(gw(r(), OR).monthlyUsd.total).toBeCloseTo(33_400, 6);
  });
  test('LiteLLM: peak 100M ÷ 2,592,000 × 3 = 115.7 RPS fits one 500-RPS instance: 33,000 + 130.31 + 800', () => {
    expect(line(gw(r(), LL), /instances/)?.label).toBe('Gateway instances × 1');
    expect(gw(r(), LL).monthlyUsd.total).toBeCloseTo(33_930.31, 6);
  });
  test('Cloudflare keeps logs for observability: 3,333,334 a day > 200,000 free, so Workers Paid ($5) and (100M − 20M) × $0.60/M = $48', () => {
    const g = gw(r(), CF);
    expect(line(g, /Workers Logs/)?.usd).toBeCloseTo(48, 9);
    expect(line(g, /Workers Paid/)?.usd).toBe(5);
    expect(g.monthlyUsd.total).toBeCloseTo(33_000 + 48 + 5 + 100, 6); // 33,153
  });
});

describe('response cache: exact caching wanted, 20% hit rate, 1M requests', () => {
  const r = () => run(answers({ caching: 'exact' }), options({ cacheHitRate: 0.2 }));
  test('savings 20% × $330 = $66 where exact caching is supported (yes or partial)', () => {
    for (const id of [LL, OR, CF]) {
      expect(gw(r(), id).monthlyUsd.cacheSavings).toBeCloseTo(66, 6);
      expect(gw(r(), id).monthlyUsd.tokens).toBeCloseTo(264, 6);
    }
  });
  test('LiteLLM runs Redis for the shared cache, a high burden: 264 + 130.31 + 23.36 + 8 h × 1.5 × $100 = 1,617.67', () => {
    const g = gw(r(), LL);
    expect(line(g, /Redis/)?.usd).toBeCloseTo(23.36, 9);
    expect(line(g, /Postgres/)).toBeUndefined();
    expect(g.monthlyUsd.ops).toBeCloseTo(1_200, 9);
    expect(g.monthlyUsd.total).toBeCloseTo(1_617.67, 6);
  });
  test('semantic caching: no saving where semantic cache is only planned (Cloudflare) or absent (OpenRouter)', () => {
    const s = run(answers({ caching: 'semantic' }), options({ cacheHitRate: 0.2 }));
    expect(gw(s, CF).monthlyUsd.cacheSavings).toBe(0);
    expect(line(gw(s, CF), /cache savings/)?.assumption).toMatch(/semantic-cache is planned/);
    expect(gw(s, OR).monthlyUsd.cacheSavings).toBe(0);
    expect(gw(s, LL).monthlyUsd.cacheSavings).toBeCloseTo(66, 6);
  });
});

describe('provider prompt caching', () => {
  test('50% of input tokens at the cached-input price: 1000 × (0.5 × 0.15 + 0.5 × 0.075) / 1e6 + 300 × 0.6 / 1e6', () => {
    const r = run(answers(), options({ promptCacheShare: 0.5 }));
    // per request 0.0001125 + 0.00018 = 0.0002925 → $292.50 at 1M requests
    expect(gw(r, OR).monthlyUsd.tokens).toBeCloseTo(292.5, 6);
  });
  test('models without a cached-input price are billed at the full input price', () => {
    const r = run(answers(), options({ promptCacheShare: 0.5, models: [{ id: 'meta-llama/llama-3.3-70b-instruct', share: 1 }] }));
    // 1e6 × (1000 × 0.59 + 300 × 0.79) / 1e6 = 590 + 237 = 827
    expect(gw(r, OR).monthlyUsd.tokens).toBeCloseTo(827, 6);
  });
});

describe('licences, plans and Logpush', () => {
  test('SSO: OpenRouter\'s is enterprise-only, so a licence line "price not published" (usd null) the total leaves out', () => {
    const r = run(answers({ needs: ['sso'] }), options());
    const g = gw(r, OR);
    const lic = line(g, /licence/);
    expect(lic?.label).toBe('Enterprise licence (sso)');
    expect(lic?.usd).toBeNull();
    expect(lic?.assumption).toMatch(/price not published/);
    expect(g.licenceUnpublished).toBe(true);
    expect(g.excludesUnpublished).toBe(true);
    expect(g.monthlyUsd.total).toBeCloseTo(330, 6);
    // LiteLLM's SSO is partial and needs Postgres: 330 + 130.31 + 50 + 8 h × 1.5 × $100 (high burden) = 1,710.31.
    expect(gw(r, LL).licenceUnpublished).toBe(false);
    expect(gw(r, LL).monthlyUsd.total).toBeCloseTo(1_710.31, 6);
  });

  test('a managed LiteLLM is its enterprise deployment: a licence line for it, and no infrastructure of yours', () => {
    const g = gw(run(answers({ hosting: 'managed' }), options()), LL);
    expect(g.hosting).toBe('managed');
    expect(line(g, /licence/)?.label).toBe('Enterprise licence (managed deployment)');
    expect(g.monthlyUsd.infrastructure).toBe(0);
  });

  test('Logpush at 50M requests: (50M − 10M) × $0.05/M = $2; on Workers Paid the logs beyond 20M are billed too', () => {
    const g = gw(run(answers({ monthlyRequests: 50_000_000 }), options({ logpush: true })), CF);
    expect(line(g, /Logpush/)?.usd).toBeCloseTo(2, 9);
    expect(line(g, /Workers Logs/)?.usd).toBeCloseTo(18, 9); // (50M − 20M) × $0.60/M
    expect(g.lines.filter((l) => l.kind === 'plan').map((l) => l.usd)).toEqual([5]); // Workers Paid, once
    // 50M × 0.00033 = 16,500 + 2 + 18 + 5 + 100 ops
    expect(g.monthlyUsd.total).toBeCloseTo(16_625, 6);
  });

  test('Logpush without observability: its plan and fee, no log storage', () => {
    const g = gw(run(answers({ monthlyRequests: 50_000_000, needs: ['fallbacks'] }), options({ logpush: true })), CF);
    expect(g.monthlyUsd.total).toBeCloseTo(16_500 + 2 + 5 + 100, 6);
  });

  test('Logpush off and no observability: no fee and no plan', () => {
    const g = gw(run(answers({ monthlyRequests: 50_000_000, needs: ['fallbacks'] }), options()), CF);
    expect(g.lines.map((l) => l.kind)).toEqual(['tokens', 'ops']);
  });

  test('logs within the free daily allowance: 6,000,000 a month = 200,000 a day, no plan; one more request needs Workers Paid', () => {
    expect(gw(run(answers({ monthlyRequests: 6_000_000 }), options()), CF).lines.map((l) => l.kind)).toEqual(['tokens', 'ops']);
    const over = gw(run(answers({ monthlyRequests: 6_000_030 }), options()), CF); // 200,001 a day
    expect(line(over, /Workers Paid/)?.usd).toBe(5);
  });
});

describe('self-hosted sizing from the catalog', () => {
  test('1B requests: peak 1,157.4 RPS → ceil(1,157.4 ÷ 500) = 3 instances; no Redis when nothing wanted shares state', () => {
    const g = gw(run(answers({ monthlyRequests: 1_000_000_000 }), options()), LL);
    expect(line(g, /instances/)?.label).toBe('Gateway instances × 3');
    expect(line(g, /Redis/)).toBeUndefined();
    // 330,000 + 3 × 130.31 + 800
    expect(g.monthlyUsd.total).toBeCloseTo(331_190.93, 6);
  });
  test('432,000,000 requests is exactly 500 RPS at peak: one instance; one more request needs two', () => {
    // 432,000,000 ÷ 2,592,000 × 3 = 500
    expect(line(gw(run(answers({ monthlyRequests: 432_000_000 }), options()), LL), /instances/)?.label).toBe('Gateway instances × 1');
    expect(line(gw(run(answers({ monthlyRequests: 432_000_001 }), options()), LL), /instances/)?.label).toBe('Gateway instances × 2');
  });
  test('budgets bring Postgres and Redis, each saying which need pulls it in', () => {
    const g = gw(run(answers({ needs: ['budgets'] }), options()), LL);
    expect(line(g, /Postgres/)?.assumption).toMatch(/needed for budgets/);
    expect(line(g, /Redis/)?.assumption).toMatch(/needed for budgets/);
  });
  test('overrides: fixed instances, RPS per instance and ops hours; opsCapacity dedicated is 4 h', () => {
    const g = gw(run(answers({ opsCapacity: 'dedicated' }), options({ selfHosting: { instances: 2, instanceUsdMonthly: 100 } })), LL);
    expect(line(g, /instances/)?.usd).toBe(200);
    expect(g.monthlyUsd.ops).toBeCloseTo(400, 9); // 4 h × 1 (moderate) × $100
    const h = gw(run(answers(), options({ opsHoursPerMonth: 2, opsHourlyUsd: 150 })), LL);
    expect(h.monthlyUsd.ops).toBeCloseTo(300, 9);
    // 100M requests at 50 RPS per instance: ceil(115.74 ÷ 50) = 3
    const rps = gw(run(answers({ monthlyRequests: 100_000_000 }), options({ selfHosting: { rpsPerInstance: 50 } })), LL);
    expect(line(rps, /instances/)?.label).toBe('Gateway instances × 3');
  });
});

describe('stacks', () => {
  test('pay their token spend once: the members\' own totals, less the tokens counted a second time', () => {
    const r = run(answers(), options());
    const stack = gw(r, 'litellm-behind-cloudflare');
    expect(stack.lines.filter((l) => l.kind === 'tokens').map((l) => l.usd)).toEqual([expect.closeTo(330, 9)]);
    // 1,260.31 (LiteLLM) + 430 (Cloudflare) − 330
    expect(stack.monthlyUsd.total).toBeCloseTo(1_360.31, 6);
  });

  test('the member that serves the cache saves on it, and the other runs nothing for it', () => {
    const stack = gw(run(answers({ caching: 'exact' }), options({ cacheHitRate: 0.2 })), 'litellm-behind-cloudflare');
    expect(stack.lines.filter((l) => l.kind === 'cache-savings').map((l) => [l.gateway, l.usd])).toEqual([['cloudflare', expect.closeTo(-66, 9)]]);
    expect(line(stack, /Redis/)).toBeUndefined();
    // 264 + LiteLLM's 130.31 + 800 (a stateless proxy) + Cloudflare's 100
    expect(stack.monthlyUsd.total).toBeCloseTo(1_294.31, 6);
  });

  test('a member\'s lines carry its name and id', () => {
    const stack = gw(run(answers(), options()), 'litellm-with-openrouter');
    expect(stack.lines.map((l) => [l.label, l.gateway])).toEqual([
      ['Tokens: GPT-4o mini', undefined],
      ['LiteLLM Proxy (AI Gateway): Gateway instances × 1', 'litellm'],
      ['LiteLLM Proxy (AI Gateway): Ops time (8 h/month)', 'litellm'],
      ['OpenRouter: BYOK fee above the monthly allowance', 'openrouter'],
    ]);
  });
});

test('curve: 16 volumes from 10k to 1B, a series per eligible option', () => {
  const r = computeCosts(answers(), options(), catalog, models);
  expect(r.curve.monthlyRequests[0]).toBe(10_000);
  expect(r.curve.monthlyRequests.at(-1)).toBe(1_000_000_000);
  expect(r.curve.monthlyRequests).toHaveLength(16);
  expect(r.curve.series.map((s) => s.gateway)).toEqual([LL, OR, CF, 'litellm-behind-cloudflare', 'litellm-with-openrouter']);
  expect(r.curve.series.find((s) => s.gateway === OR)?.totalUsd[3]).toBeCloseTo(33, 6); // 100k × 0.00033
});

test('curve: null at the volumes where an option cannot carry the load', () => {
  // Managed billing forced: Cloudflare's Unified Billing carries at most 20 gateways × 200 per 60 s = 4,000 per 60 s
  // at peak, i.e. 4,000 ÷ 60 ÷ 3 × 2,592,000 = 57,600,000 requests a month; 100M and up have no total.
  const r = computeCosts(answers({ ownProviderKeys: false }), options({ useManagedBilling: true }), catalog, models);
  const cf = r.curve.series.find((s) => s.gateway === CF)!;
  const at = (v: number) => cf.totalUsd[r.curve.monthlyRequests.indexOf(v)];
  expect(at(50_000_000)).not.toBeNull();
  expect(at(100_000_000)).toBeNull();
  expect(at(1_000_000_000)).toBeNull();
});

test('costSummaryForAdvisor gives totals by gateway and stack id', () => {
  const m = costSummaryForAdvisor(answers({ needs: ['sso'] }), options(), catalog, models);
  expect(m.get(OR)?.total).toBeCloseTo(330, 6);
  expect(m.get(OR)?.licenceUnpublished).toBe(true);
  expect(m.get(CF)?.eligible).toBe(true);
  expect([...m.keys()]).toEqual([LL, OR, CF, 'litellm-behind-cloudflare', 'litellm-with-openrouter']);
});

test('a gateway added by a user is costed from its structured fees, not its id', () => {
  const custom = makeGateway('my-gateway', {
    levels: { byok: 'yes' },
    pricing: {
      tokenMarkupPercent: { value: 0, ...fact },
      fees: [
        { id: 'per-request', label: 'Per-request fee', basis: 'requests', appliesWhen: 'always', usdPerMillion: 10, freeAllowance: { amount: 100_000, unit: 'requests', period: 'month' }, ...fact },
        { id: 'platform', label: 'Platform fee', basis: 'monthly-flat', appliesWhen: 'always', usdFlat: 49, ...fact },
      ],
      plans: [],
      limits: [],
    },
  });
  const r = computeCosts(answers(), options(), makeCatalog([custom]), models);
  const g = r.gateways[0];
  // (1,000,000 − 100,000) × $10/M = $9 + $49 flat; burden none → no ops
  expect(g?.monthlyUsd.fees).toBeCloseTo(58, 9);
  expect(g?.monthlyUsd.total).toBeCloseTo(388, 6);
});

test('feeAmount: BYOK allowance counted in requests (the pre-2026-08 rule)', () => {
  const fee = { id: 'byok', label: 'BYOK', basis: 'byok-inference', appliesWhen: 'byok', percent: 5, freeAllowance: { amount: 1_000_000, unit: 'requests', period: 'month' }, source: 'x', checked: '2026-11-25', status: 'verified' } as const;
  // 4M requests, $1,320 spend: 3M of 4M requests are billable → 5% × 1,320 × 3/4 = $49.50
  expect(feeAmount(fee, { tokenSpend: 1_320, requests: 4_000_000, options: options(), log: { bytesPerRequest: 4_000, given: true } }).usd).toBeCloseTo(49.5, 9);
});

describe('findCrossings', () => {
  test('a line, a constant, zero', () => {
    expect(findCrossings((x) => x - 5_000)).toEqual([5_000]);
    expect(findCrossings(() => 1)).toEqual([]);
    expect(findCrossings(() => 0)).toEqual([]);
  });
  test('two crossings 9% apart are both found: the scan has 20 points a decade before bisecting', () => {
    // Grid: round(1,000 × 1,000,000^(i/120)); near 11M: i = 80 → 10,000,000, i = 81 → 11,220,185, i = 82 → 12,589,254.
    // Only i = 81 lies in [10.8M, 11.8M), so only a scan that samples it sees the sign change twice; 10 points a
    // decade (…, 10M, 12.6M, …) would see none.
    const dip = (x: number) => (x >= 10_800_000 && x < 11_800_000 ? -1 : 1);
    expect(findCrossings(dip)).toEqual([10_800_000, 11_800_000]);
});
});
