import { describe, expect, test } from 'vitest';
import { computeCosts, costSummaryForAdvisor, feeAmount, findCrossings, type GatewayCost } from '../../src/cost/model.js';
import { answers, catalog, models, options } from './fixtures.js';
import type { Answers } from '../../src/advisor/answers.js';
import type { CostOptions } from '../../src/cost/options.js';

const run = (a: Answers, o: CostOptions) => computeCosts(a, o, catalog, models);
const gw = (r: ReturnType<typeof run>, id: string): GatewayCost => {
  const g = r.gateways.find((x) => x.gateway === id);
  if (!g) throw new Error(`no ${id}`);
  return g;
};
const line = (g: GatewayCost, label: RegExp) => g.lines.find((l) => label.test(l.label));
const OR = 'openrouter';
const CF = 'cloudflare-ai-gateway';
const LL = 'litellm';

// gpt-4o-mini: $0.15 in / $0.60 out per million tokens. At 1,000 in + 300 out tokens a request:
// 1000 × 0.15 / 1e6 + 300 × 0.60 / 1e6 = 0.00015 + 0.00018 = $0.00033 per request.
const MINI_PER_REQUEST = 0.00033;
// claude-sonnet-4-5: $3 in / $15 out: 1000 × 3 / 1e6 + 300 × 15 / 1e6 = 0.003 + 0.0045 = $0.0075 per request.
const SONNET_PER_REQUEST = 0.0075;

describe('worked example A: defaults (1M requests, gpt-4o-mini, own keys, no caching, opsCapacity some)', () => {
  const r = run(answers(), options());

  test('OpenRouter with own keys: tokens only; BYOK fee 0 under the $25,000 list-price allowance', () => {
    const g = gw(r, OR);
    // tokens = 1,000,000 × 0.00033 = $330; BYOK fee = 5% × max(0, 330 − 25,000) = 0; ops: burden none → 0.
    expect(g.billing).toBe('byok');
    expect(g.monthlyUsd.tokens).toBeCloseTo(330, 6);
    expect(g.monthlyUsd.fees).toBe(0);
    expect(line(g, /BYOK/)?.usd).toBe(0);
    expect(g.monthlyUsd.ops).toBe(0);
    expect(g.monthlyUsd.total).toBeCloseTo(330, 6);
  });

  test('Cloudflare with own keys: no fee; ops 1 h ("low" burden = 0.125 × 8 h) × $100', () => {
    const g = gw(r, CF);
    expect(g.monthlyUsd.fees).toBe(0);
    expect(g.monthlyUsd.ops).toBeCloseTo(100, 6);
    expect(g.monthlyUsd.total).toBeCloseTo(430, 6);
  });

  test('LiteLLM: 1 instance + Postgres, no Redis, 8 h ops, no licence', () => {
    const g = gw(r, LL);
    // avg 1e6 / 2,592,000 s = 0.386 RPS; peak × 3 = 1.16 RPS; ceil(1.16 / 500) = 1 instance × $130.31.
    expect(line(g, /instances/)?.usd).toBeCloseTo(130.31, 6);
    expect(line(g, /Postgres/)?.usd).toBe(50);
    expect(line(g, /Redis/)).toBeUndefined();
    expect(g.monthlyUsd.infrastructure).toBeCloseTo(180.31, 6);
    expect(g.monthlyUsd.ops).toBeCloseTo(800, 6); // 8 h × 1 (moderate) × $100
    expect(g.monthlyUsd.licence).toBe(0);
    // 330 + 130.31 + 50 + 800 = 1,310.31
    expect(g.monthlyUsd.total).toBeCloseTo(1310.31, 6);
  });

  test('cheapest is OpenRouter; every line is traceable and lines sum to the total', () => {
    expect(r.cheapest?.gateway).toBe(OR);
    for (const g of r.gateways) {
      const sum = g.lines.reduce((s, l) => s + (l.usd ?? 0), 0);
      expect(sum).toBeCloseTo(g.monthlyUsd.total, 6);
      for (const l of g.lines) {
        expect(l.assumption.length).toBeGreaterThan(0);
        expect(l.source.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('worked example B: no provider keys, 20M requests, 70% gpt-4o-mini / 30% claude-sonnet-4-5, card', () => {
  const a = answers({ ownProviderKeys: false, monthlyRequests: 20_000_000 });
  const o = options({ models: [{ id: 'openai/gpt-4o-mini', share: 0.7 }, { id: 'anthropic/claude-sonnet-4-5', share: 0.3 }] });
  const r = run(a, o);
  // tokens = 14M × 0.00033 + 6M × 0.0075 = 4,620 + 45,000 = $49,620
  const TOKENS = 14e6 * MINI_PER_REQUEST + 6e6 * SONNET_PER_REQUEST;

  test('token spend per model', () => {
    expect(TOKENS).toBeCloseTo(49_620, 6);
    expect(gw(r, OR).monthlyUsd.tokens).toBeCloseTo(49_620, 6);
    expect(gw(r, OR).lines.filter((l) => l.kind === 'tokens').map((l) => l.usd)).toEqual([
      expect.closeTo(4_620, 6),
      expect.closeTo(45_000, 6),
    ]);
  });

  test('OpenRouter: one card purchase covering the month, 5.5% = $2,729.10', () => {
    const g = gw(r, OR);
    expect(g.billing).toBe('managed');
    expect(g.monthlyUsd.fees).toBeCloseTo(0.055 * 49_620, 6);
    expect(g.monthlyUsd.total).toBeCloseTo(52_349.1, 6);
  });

  test('Cloudflare: Unified Billing 5% = $2,481 + 1 h ops', () => {
    const g = gw(r, CF);
    expect(g.billing).toBe('managed');
    expect(g.monthlyUsd.fees).toBeCloseTo(2_481, 6);
    expect(g.monthlyUsd.total).toBeCloseTo(52_201, 6);
  });

  test('LiteLLM is not eligible without provider keys (no managed billing), but is still costed', () => {
    const g = gw(r, LL);
    expect(g.eligible).toBe(false);
    expect(g.notes.join(' ')).toMatch(/own provider keys/);
    // 49,620 + 130.31 + 50 + 800 (peak 20e6/2,592,000 × 3 = 23 RPS → 1 instance)
    expect(g.monthlyUsd.total).toBeCloseTo(50_600.31, 6);
    expect(r.cheapest?.gateway).toBe(CF);
    expect(r.breakEven.every((b) => b.a !== LL && b.b !== LL)).toBe(true);
  });
});

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
    expect(g.lines.some((l) => /card/.test(l.label))).toBe(false);
  });
});

describe('worked example D: 100M requests of gpt-4o-mini with own keys', () => {
  const r = run(answers({ monthlyRequests: 100_000_000 }), options());
  test('OpenRouter BYOK fee: 5% × ($33,000 − $25,000) = $400', () => {
    expect(gw(r, OR).monthlyUsd.fees).toBeCloseTo(400, 6);
    expect(gw(r, OR).monthlyUsd.total).toBeCloseTo(33_400, 6);
  });
  test('LiteLLM: peak 115.7 RPS still fits one instance: 33,000 + 980.31', () => {
    expect(gw(r, LL).monthlyUsd.total).toBeCloseTo(33_980.31, 6);
  });
});

describe('worked example E: exact caching wanted, 20% hit rate, 1M requests', () => {
  const r = run(answers({ caching: 'exact' }), options({ cacheHitRate: 0.2 }));
  test('savings 20% × $330 = $66 where exact caching is supported (yes or partial)', () => {
    for (const id of [LL, OR, CF]) {
      expect(gw(r, id).monthlyUsd.cacheSavings).toBeCloseTo(66, 6);
      expect(gw(r, id).monthlyUsd.tokens).toBeCloseTo(264, 6);
    }
  });
  test('LiteLLM adds Redis for the shared cache: 264 + 130.31 + 50 + 23.36 + 800 = 1,267.67', () => {
    expect(line(gw(r, LL), /Redis/)?.usd).toBeCloseTo(23.36, 6);
    expect(gw(r, LL).monthlyUsd.total).toBeCloseTo(1_267.67, 6);
  });
  test('semantic caching: no saving where semantic cache is only planned (Cloudflare) or absent (OpenRouter)', () => {
    const s = run(answers({ caching: 'semantic' }), options({ cacheHitRate: 0.2 }));
    expect(gw(s, CF).monthlyUsd.cacheSavings).toBe(0);
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
  test('needing SSO: LiteLLM licence line is "price not published" (usd null) and excluded from the total', () => {
    const r = run(answers({ needs: ['sso'] }), options());
    const g = gw(r, LL);
    const lic = line(g, /Enterprise licence/);
    expect(lic?.usd).toBeNull();
    expect(lic?.assumption).toMatch(/price not published/);
    expect(g.licenceUnpublished).toBe(true);
    expect(g.excludesUnpublished).toBe(true);
    expect(g.monthlyUsd.licence).toBe(0);
    expect(g.monthlyUsd.total).toBeCloseTo(1310.31, 6);
    expect(gw(r, CF).licenceUnpublished).toBe(false);
    expect(gw(r, OR).licenceUnpublished).toBe(true); // the fixture marks OpenRouter SSO enterprise-only
  });

  test('Logpush at 50M requests: (50M − 10M included) × $0.05/M = $2, plus the $5 Workers Paid plan', () => {
    const r = run(answers({ monthlyRequests: 50_000_000 }), options({ logpush: true }));
    const g = gw(r, CF);
    expect(line(g, /Logpush/)?.usd).toBeCloseTo(2, 9);
    expect(line(g, /Workers Paid/)?.usd).toBe(5);
    // 50M × 0.00033 = 16,500 + 2 + 5 + 100 ops
    expect(g.monthlyUsd.total).toBeCloseTo(16_607, 6);
  });

  test('Logpush off by default: no fee and no plan', () => {
    const g = gw(run(answers({ monthlyRequests: 50_000_000 }), options()), CF);
    expect(g.lines.some((l) => l.kind === 'plan' || /Logpush/.test(l.label))).toBe(false);
  });
});

describe('LiteLLM sizing', () => {
  test('1B requests: peak 1,157 RPS → 3 instances, Redis because >1 instance', () => {
    const g = gw(run(answers({ monthlyRequests: 1_000_000_000 }), options()), LL);
    expect(line(g, /instances/)?.label).toBe('Gateway instances × 3');
    expect(g.monthlyUsd.infrastructure).toBeCloseTo(3 * 130.31 + 50 + 23.36, 6);
    // 330,000 + 390.93 + 50 + 23.36 + 800
    expect(g.monthlyUsd.total).toBeCloseTo(331_264.29, 6);
  });
  test('budgets needed: Redis even with one instance', () => {
    const g = gw(run(answers({ needs: ['budgets'] }), options()), LL);
    expect(line(g, /Redis/)?.assumption).toMatch(/budgets/);
  });
  test('overrides: fixed instances and ops hours, opsCapacity dedicated default 4 h', () => {
    const g = gw(run(answers({ opsCapacity: 'dedicated' }), options({ selfHosting: { instances: 2, instanceUsdMonthly: 100 } })), LL);
    expect(line(g, /instances/)?.usd).toBe(200);
    expect(g.monthlyUsd.ops).toBeCloseTo(400, 9);
    const h = gw(run(answers(), options({ opsHoursPerMonth: 2, opsHourlyUsd: 150 })), LL);
    expect(h.monthlyUsd.ops).toBeCloseTo(300, 9);
  });
});

describe('break-even', () => {
  const r = run(answers(), options());
  test('OpenRouter BYOK vs LiteLLM: fee 5% × (0.00033 R − 25,000) = 980.31 → R = 135,170,303.03', () => {
    const b = r.breakEven.find((x) => x.a === LL && x.b === OR);
    expect(b?.monthlyRequests).toBe(135_170_304);
    expect(b?.cheaperBelow).toBe(OR);
    expect(b?.cheaperAbove).toBe(LL);
  });
  test('OpenRouter vs Cloudflare: fee = $100 ops at 0.00033 R = 27,000 → R = 81,818,181.8', () => {
    const b = r.breakEven.find((x) => x.a === OR && x.b === CF);
    expect(b?.monthlyRequests).toBe(81_818_182);
  });
  test('Cloudflare vs LiteLLM never cross: Cloudflare is cheaper throughout', () => {
    const b = r.breakEven.find((x) => x.a === LL && x.b === CF);
    expect(b?.monthlyRequests).toBeNull();
    expect(b?.cheaperBelow).toBe(CF);
  });
  test('findCrossings on a simple line and on a constant', () => {
    expect(findCrossings((x) => x - 5_000)).toEqual([5_000]);
    expect(findCrossings(() => 1)).toEqual([]);
    expect(findCrossings(() => 0)).toEqual([]);
  });
});

test('curve: 16 volumes from 10k to 1B, a series per gateway', () => {
  const r = run(answers(), options());
  expect(r.curve.monthlyRequests[0]).toBe(10_000);
  expect(r.curve.monthlyRequests.at(-1)).toBe(1_000_000_000);
  expect(r.curve.monthlyRequests).toHaveLength(16);
  expect(r.curve.series.map((s) => s.gateway)).toEqual([LL, OR, CF]);
  const or = r.curve.series.find((s) => s.gateway === OR);
  expect(or?.totalUsd[3]).toBeCloseTo(33, 6); // 100k × 0.00033
});

test('costSummaryForAdvisor gives totals by gateway id', () => {
  const m = costSummaryForAdvisor(answers({ needs: ['sso'] }), options(), catalog, models);
  expect(m.get(OR)?.total).toBeCloseTo(330, 6);
  expect(m.get(LL)?.licenceUnpublished).toBe(true);
  expect(m.get(CF)?.eligible).toBe(true);
});

test('a gateway added by a user is costed from its structured fees, not its id', () => {
  const base = catalog.gateways[1];
  if (!base) throw new Error('fixture');
  const custom = structuredClone(base);
  custom.id = 'my-gateway';
  custom.name = 'My Gateway';
  custom.pricing.fees = [
    { id: 'per-request', label: 'Per-request fee', basis: 'requests', appliesWhen: 'always', usdPerMillion: 10, freeAllowance: { amount: 100_000, unit: 'requests', period: 'month' }, source: 'openrouter-faq', checked: '2026-11-25', status: 'verified' },
    { id: 'platform', label: 'Platform fee', basis: 'monthly-flat', appliesWhen: 'always', usdFlat: 49, source: 'openrouter-faq', checked: '2026-11-25', status: 'verified' },
  ];
  const r = computeCosts(answers(), options(), { ...catalog, gateways: [custom] }, models);
  const g = r.gateways[0];
  // (1,000,000 − 100,000) × $10/M = $9 + $49 flat
  expect(g?.monthlyUsd.fees).toBeCloseTo(58, 9);
  expect(g?.monthlyUsd.total).toBeCloseTo(388, 6);
});

test('feeAmount: BYOK allowance counted in requests (the pre-2026-08 rule)', () => {
  const fee = { id: 'byok', label: 'BYOK', basis: 'byok-inference', appliesWhen: 'byok', percent: 5, freeAllowance: { amount: 1_000_000, unit: 'requests', period: 'month' }, source: 'x', checked: '2026-11-25', status: 'verified' } as const;
  // 4M requests, $1,320 spend: 3M of 4M requests are billable → 5% × 1,320 × 3/4 = $49.50
  expect(feeAmount(fee, { tokenSpend: 1_320, requests: 4_000_000, options: options() }).usd).toBeCloseTo(49.5, 9);
});
