import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { advise } from '../../src/advisor/score.js';
import { computeCosts, workloadFrom, type CostResult, type GatewayCost } from '../../src/cost/model.js';
import { formatFixed, formatInt } from '../../src/format.js';
import { answers, catalog, catalogOn, models, nineOn, options } from './fixtures.js';

/**
 * docs/cost-model.md's worked examples, reproduced from the shipped catalog and price table. Every literal is
 * worked out by hand in the comment beside it (and on that page); each is also checked to appear on the page, so
 * the page and the tool cannot drift apart.
 */
const DOC = readFileSync(new URL('../../docs/cost-model.md', import.meta.url), 'utf8');
const onPage = (usd: number) => expect(DOC).toContain(`$${usd % 1 === 0 ? formatInt(usd) : formatFixed(usd, 2)}`);

const option = (r: CostResult, id: string): GatewayCost => {
  const g = [...r.gateways, ...r.stacks].find((x) => x.gateway === id);
  if (!g) throw new Error(`no ${id}`);
  return g;
};
const kinds = (g: GatewayCost) => g.lines.map((l) => `${l.kind} ${l.usd === null ? 'null' : Math.round(l.usd * 100) / 100}`);

describe('A. no provider keys, 20M requests/month, 70% gpt-4o-mini / 30% claude-sonnet-4-5', () => {
  const a = answers({ ownProviderKeys: false, monthlyRequests: 20_000_000 });
  const o = options({ models: [{ id: 'openai/gpt-4o-mini', share: 0.7 }, { id: 'anthropic/claude-sonnet-4-5', share: 0.3 }] });
  // Worked out inside each test, not here: mutation testing attributes what a test runs to that test.
  const result = () => computeCosts(a, o, catalog, models);

  test('tokens: 14M × $0.00033 + 6M × $0.0075 = $4,620 + $45,000 = $49,620, for every option', () => {
    const r = result();
    for (const g of [...r.gateways, ...r.stacks]) expect(g.tokensBeforeCache).toBeCloseTo(49_620, 6);
    onPage(49_620);
  });

  test('OpenRouter: 5.5% card fee on one $49,620 purchase = $2,729.10; total $52,349.10', () => {
    const r = result();
    const g = option(r, 'openrouter');
    expect(g.billing).toBe('managed');
    expect(kinds(g)).toEqual(['tokens 4620', 'tokens 45000', 'fee 2729.1']);
    expect(g.monthlyUsd.total).toBeCloseTo(52_349.1, 6);
    onPage(52_349.1);
  });

  test('Cloudflare: 5% = $2,481; 7 gateways under the Unified Billing limit; Workers Paid for the logs; 8.8 h ops: $52,986', () => {
    const r = result();
    const g = option(r, 'cloudflare');
    expect(g.billing).toBe('managed');
    // 666,667 log events a day > 200,000 → Workers Paid ($5); 20M events − 20M included = $0.
    // Ops: a low burden (1 step) + 0.2 for each of 6 extra gateways = 2.2 steps → factor 1 + 0.2 × (1.5 − 1) = 1.1;
    // 8 h × 1.1 = 8.8 h × $100 = $880. Total 49,620 + 2,481 + 0 + 5 + 880 = 52,986.
    expect(kinds(g)).toEqual(['tokens 4620', 'tokens 45000', 'fee 2481', 'fee 0', 'plan 5', 'ops 880']);
    expect(g.monthlyUsd.total).toBeCloseTo(52_986, 6);
    onPage(52_986);
    onPage(880);
  });

  test('LiteLLM: costed with the keys you would open (a note says so): 49,620 + 130.31 + 800 = $50,550.31', () => {
    const r = result();
    const g = option(r, 'litellm');
    expect(g.billing).toBe('byok');
    expect(g.eligible).toBe(true);
    expect(g.notes.join(' ')).toMatch(/provider accounts and keys you would open/);
    expect(g.monthlyUsd.total).toBeCloseTo(50_550.31, 6);
    expect(r.cheapest).toEqual({ gateway: 'litellm', kind: 'gateway', totalUsd: g.monthlyUsd.total, excludesUnpublished: false });
    onPage(50_550.31);
  });

  test('stacks: token spend once; OpenRouter bills it in litellm-with-openrouter; Cloudflare keeps the logs in litellm-behind-cloudflare', () => {
    const r = result();
    // 49,620 + 2,729.10 + 130.31 + 800
    expect(option(r, 'litellm-with-openrouter').monthlyUsd.total).toBeCloseTo(53_279.41, 6);
    // 49,620 + 130.31 + 800 + 5 + 100
    expect(option(r, 'litellm-behind-cloudflare').monthlyUsd.total).toBeCloseTo(50_655.31, 6);
    onPage(53_279.41);
    onPage(50_655.31);
  });

  test('Cloudflare is never silently cheapest: its 7 gateways are a watch-out of the recommendation', () => {
    expect(result().cheapest?.gateway).not.toBe('cloudflare');
    const advice = advise(catalog, a, { workload: workloadFrom(a, o, models) });
    const cf = advice.ranking.find((x) => x.gateway === 'cloudflare')!;
    const limit = cf.watchOuts.find((w) => w.id === 'limit-unified-billing-rate')!;
    // ceil(20M ÷ 2,592,000 × 3 × 60 ÷ 200) = ceil(6.94) = 7
    expect(limit.title).toBe('Unified Billing request rate: needs 7 gateways at this volume');
    expect(limit).toMatchObject({ severity: 'warn', source: 'cloudflare-docs-limits' });
    expect(DOC).toContain('**7 gateways**');
  });
});

describe('B. own keys, 1M requests/month, gpt-4o-mini only (the defaults)', () => {
  const result = () => computeCosts(answers(), options(), catalog, models);
  test.each([
    ['openrouter', 330], // 1M × 0.00033; BYOK 5% × max(0, 330 − 25,000) = 0
    ['cloudflare', 430], // 330 + 0.125 × 8 h × $100; 33,334 log events a day fit the free 200,000
    ['litellm', 1_260.31], // 330 + 130.31 + 8 h × $100
    ['litellm-with-openrouter', 1_260.31], // LiteLLM's 930.31 + OpenRouter's $0, tokens once
    ['litellm-behind-cloudflare', 1_360.31], // LiteLLM's 930.31 + Cloudflare's 100, tokens once
  ])('%s: $%d', (id, total) => {
    const r = result();
    expect(option(r, id).monthlyUsd.total).toBeCloseTo(total, 6);
    onPage(total);
  });

  test('break-even LiteLLM vs OpenRouter: 5% × (0.00033 R − 25,000) = 930.31 → R = 132,140,000', () => {
    const r = result();
    expect(r.breakEven.find((b) => b.a === 'litellm' && b.b === 'openrouter')).toMatchObject({ monthlyRequests: 132_140_000, cheaperBelow: 'openrouter', cheaperAbove: 'litellm' });
    expect(DOC).toContain('**132,140,000**');
  });

  test('break-even OpenRouter vs Cloudflare: 5% × (0.00033 R − 25,000) = 105 + 0.0000006 (R − 20M) → R = 84,465,408.8', () => {
    const r = result();
    expect(r.breakEven.find((b) => b.a === 'openrouter' && b.b === 'cloudflare')).toMatchObject({ monthlyRequests: 84_465_409, cheaperBelow: 'openrouter', cheaperAbove: 'cloudflare' });
    expect(DOC).toContain('**84,465,409**');
  });

  test('Cloudflare and LiteLLM never cross within 1k–1B', () => {
    const r = result();
    expect(r.breakEven.find((b) => b.a === 'litellm' && b.b === 'cloudflare')).toMatchObject({ monthlyRequests: null, crossings: [], cheaperBelow: 'cloudflare' });
  });
});

describe('C. no provider keys, 100M requests/month, gpt-4o-mini only', () => {
  const a = answers({ ownProviderKeys: false, monthlyRequests: 100_000_000 });

  test('Cloudflare\'s managed billing would need 35 gateways: it is costed with your keys, $33,153, with a high watch-out', () => {
    const r = computeCosts(a, options(), catalog, models);
    const g = option(r, 'cloudflare');
    expect(g.eligible).toBe(true);
    expect(g.billing).toBe('byok');
    // 33,000 + 5 (Workers Paid) + (100M − 20M) × 0.60/M = 48 + 100 ops
    expect(g.monthlyUsd.total).toBeCloseTo(33_153, 6);
    onPage(33_153);
    // 33,000 × 1.055
    expect(option(r, 'openrouter').monthlyUsd.total).toBeCloseTo(34_815, 6);
    onPage(34_815);
    const advice = advise(catalog, a, { workload: workloadFrom(a, options(), models) });
    const cf = advice.ranking.find((x) => x.gateway === 'cloudflare')!;
    expect(cf.watchOuts[0]).toMatchObject({ id: 'managed-billing-over-unified-billing-rate', severity: 'high' });
    expect(cf.reasons.find((x) => x.criterion === 'provider-keys')?.effect).toBe('against');
  });

  test('with --managed-billing, Cloudflare is excluded, naming the limit, the figures and the source', () => {
    const o = options({ useManagedBilling: true });
    const advice = advise(catalog, a, { workload: workloadFrom(a, o, models) });
    const cf = advice.ranking.find((x) => x.gateway === 'cloudflare')!;
    expect(cf.eligible).toBe(false);
    expect(cf.excludedBecause).toEqual([
      expect.objectContaining({
        answer: 'monthlyRequests=100000000',
        source: 'cloudflare-docs-limits',
        // 100M ÷ 2,592,000 × 3 × 60 = 6,944.4 per 60 s → ceil(6,944.4 ÷ 200) = 35 > 20
        text: expect.stringContaining('that needs 35 gateways, more than the 20 allowed per account on Workers Paid'),
      }),
    ]);
    expect(computeCosts(a, o, catalog, models).cheapest?.gateway).not.toBe('cloudflare');
    expect(DOC).toContain('that needs 35 gateways, more than the 20 allowed per');
  });
});

describe('D. own keys, 100M requests/month, gpt-4o-mini only, as of 2026-12-06 (logs billed per GB)', () => {
  const a = answers({ monthlyRequests: 100_000_000 });
  const cf = (day: string, o = options()) => option(computeCosts(a, o, catalogOn(day), models), 'cloudflare');

  test('620 GB ingested: (620 − 50) × $0.25 = $142.50; 144.67 GB-month stored: (144.67 − 12) × $0.10 = $13.27; total $33,260.77', () => {
    const g = cf('2026-12-06');
    // 100M × ((1,000 + 300) × 4 + 1,000 = 6,200 bytes) = 620 GB; 620 × 7 / 30 = 144.666… GB-month
    expect(kinds(g)).toEqual(['tokens 33000', 'fee 142.5', 'fee 13.27', 'plan 5', 'ops 100']);
    expect(g.monthlyUsd.total).toBeCloseTo(33_000 + 142.5 + (620 * 7 / 30 - 12) * 0.1 + 5 + 100, 6);
    for (const usd of [142.5, 13.27, 33_260.77]) onPage(usd);
  });

  test('the day before, 2026-11-30, the per-event pricing still applies: (100M − 20M) × $0.60/M = $48, total $33,153', () => {
    const g = cf('2026-11-30');
    expect(kinds(g)).toEqual(['tokens 33000', 'fee 48', 'plan 5', 'ops 100']);
    expect(g.monthlyUsd.total).toBeCloseTo(33_153, 6);
    expect(kinds(cf('2026-12-01'))).toEqual(['tokens 33000', 'fee 142.5', 'fee 13.27', 'plan 5', 'ops 100']);
  });

  test('your log size replaces the assumption: 2,000 bytes → 200 GB → $37.50 + $3.47', () => {
    const g = cf('2026-12-06', options({ logBytesPerRequest: 2_000 }));
    expect(kinds(g)).toEqual(['tokens 33000', 'fee 37.5', 'fee 3.47', 'plan 5', 'ops 100']);
    expect(g.lines[1]!.assumption).toMatch(/2,000 bytes per request's log \(your figure\) = 200 GB ingested$/);
    for (const usd of [37.5, 3.47]) onPage(usd);
  });

  test('the free plan holds 0.5 GB a day: 2,419,354 requests of 6,200 bytes fit it, 2,419,355 need Workers Paid', () => {
    const at = (n: number) => option(computeCosts(answers({ monthlyRequests: n }), options(), catalogOn('2026-12-06'), models), 'cloudflare');
    // 0.5 GB × 30 days = 15 GB a month; 15 × 10⁹ / 6,200 = 2,419,354.8 requests; 2,419,354 × $0.00033 = $798.39
    expect(kinds(at(2_419_354))).toEqual(['tokens 798.39', 'ops 100']);
    // one more: Workers Paid, whose 50 GB and 12 GB-month cover 15 GB ingested and 3.5 GB-month stored
    expect(kinds(at(2_419_355))).toEqual(['tokens 798.39', 'fee 0', 'fee 0', 'plan 5', 'ops 100']);
  });
});

describe('E. example A across the nine gateways, as of 2026-12-06', () => {
  const a = answers({ ownProviderKeys: false, monthlyRequests: 20_000_000 });
  const o = options({ models: [{ id: 'openai/gpt-4o-mini', share: 0.7 }, { id: 'anthropic/claude-sonnet-4-5', share: 0.3 }] });
  const result = () => computeCosts(a, o, nineOn('2026-12-06'), models);

  test('Vercel AI Gateway is the cheapest: $49,620 of tokens at list price, its payment fee unpublished', () => {
    const r = result();
    expect(r.cheapest).toEqual({ gateway: 'vercel', kind: 'gateway', totalUsd: 49_620, excludesUnpublished: true });
    expect(kinds(option(r, 'vercel'))).toEqual(['tokens 4620', 'tokens 45000', 'fee null']);
  });

  test('Portkey hosted: past Pro\'s 3M cap to Enterprise (unpublished), Pro and its overage dropped; 1 h ops = $49,720', () => {
    const g = option(result(), 'portkey');
    expect(kinds(g)).toEqual(['tokens 4620', 'tokens 45000', 'plan null', 'ops 100']);
    expect(g.monthlyUsd.total).toBe(49_720);
    onPage(49_720);
  });

  test('Helicone: graduated logs $535.50, 124 GB stored $252.50, 1 h ops: $50,508', () => {
    const g = option(result(), 'helicone');
    // 20,000×0.0007 + 60,000×0.00035 + 160,000×0.000175 + 550,000×0.0000875 + 1,700,000×0.00004375 + 17,500,000×0.00002
    // = 14 + 21 + 28 + 48.125 + 74.375 + 350 = 535.5; 124 GB: 30×3.25 + 50×2 + 44×1.25 = 97.5 + 100 + 55 = 252.5
    expect(kinds(g)).toEqual(['tokens 4620', 'tokens 45000', 'fee 535.5', 'fee 252.5', 'fee null', 'ops 100']);
    expect(g.monthlyUsd.total).toBeCloseTo(49_620 + 535.5 + 252.5 + 100, 6);
    for (const usd of [535.5, 252.5, 50_508]) onPage(usd);
  });

  test('Kong self-hosted with the Konnect licence fallbacks need: $200 per-model + $380 requests + $25 + $130.31 + $800 = $51,155.31', () => {
    const g = option(result(), 'kong');
    // 2 models × $100; (20M − 1M) × $20/M = $380
    expect(kinds(g)).toEqual(['tokens 4620', 'tokens 45000', 'fee 200', 'fee 380', 'infrastructure 130.31', 'licence 25', 'ops 800']);
    expect(g.monthlyUsd.total).toBeCloseTo(51_155.31, 6);
    onPage(51_155.31);
  });

  test('the self-hosted open-source three: LiteLLM and Bifrost $50,550.31, TensorZero $50,600.31 (a Postgres)', () => {
    const r = result();
    expect(option(r, 'litellm').monthlyUsd.total).toBeCloseTo(50_550.31, 6);
    expect(option(r, 'bifrost').monthlyUsd.total).toBeCloseTo(50_550.31, 6);
    expect(option(r, 'tensorzero').monthlyUsd.total).toBeCloseTo(50_600.31, 6);
    onPage(50_600.31);
  });
});
