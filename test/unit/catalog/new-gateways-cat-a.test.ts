import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { advise } from '../../../src/advisor/score.js';
import type { Fee } from '../../../src/catalog/schema.js';
import { validateCatalog } from '../../../src/catalog/validate.js';
import { feeAmount } from '../../../src/cost/model.js';
import { mergeCostOptions } from '../../../src/cost/options.js';

/**
 * Portkey, Vercel AI Gateway and Helicone in the shipped catalog (issue 17 §1). The expected figures are copied
 * from the vendor files named in docs/catalog-notes.md or worked out by hand in the comments; each test fails if a
 * price, a header or a licence in the fragments changes.
 */

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../../data/${f}`, import.meta.url), 'utf8'));
const base = read('gateways.json');
const c = validateCatalog(base, new Date('2026-12-06T12:00:00Z'));
if (!c.ok) throw new Error(JSON.stringify(c.issues));
const catalog = c.value;
const gw = (id: string) => catalog.gateways.find((g) => g.id === id)!;
const fee = (g: string, id: string): Fee => gw(g).pricing.fees.find((f) => f.id === id)!;
const plan = (g: string, id: string) => gw(g).pricing.plans.find((p) => p.id === id)!;
const limit = (g: string, id: string) => gw(g).pricing.limits.find((l) => l.id === id)!;
const sourceUrl = (id: string) => catalog.sources.find((s) => s.id === id)!.url;
const usd = (f: Fee, requests: number, bytesPerRequest = 4_000) =>
  feeAmount(f, { tokenSpend: 100, requests, options: mergeCostOptions({}), log: { bytesPerRequest, given: true } }).usd;
const watchOutIds = (answers: PartialAnswers, gateway: string) =>
  advise(catalog, mergeAnswers(answers)).ranking.find((r) => r.gateway === gateway)!.watchOuts.map((w) => w.id);

describe('Portkey (docs-core @ b60bcb7, gateway @ 669825c)', () => {
  const pk = gw('portkey');

  it('the open-source gateway is MIT and both deployments exist; no token markup', () => {
    expect(pk.licence).toMatchObject({ spdx: 'MIT', openSource: true, status: 'verified' });
    expect(sourceUrl(pk.licence.source)).toBe('https://github.com/Portkey-AI/gateway/blob/669825cbe89ee51569918b8f78a9db486fd69dd4/LICENSE');
    expect(pk.deployment.selfHosted.level).toBe('yes');
    expect(pk.deployment.managed.level).toBe('yes');
    expect(pk.pricing.tokenMarkupPercent.value).toBe(0);
  });

  it('plans: Dev free, open source free, Pro $49, Enterprise unpublished (null, never 0)', () => {
    expect(plan('portkey', 'dev').monthlyUsd).toBe(0);
    expect(plan('portkey', 'open-source').monthlyUsd).toBe(0);
    expect(plan('portkey', 'pro').monthlyUsd).toBe(49);
    expect(plan('portkey', 'enterprise').monthlyUsd).toBeNull();
  });

  it('Pro overage: $9 per started 100k beyond the included 100k', () => {
    const f = fee('portkey', 'pro-overage');
    expect(f).toMatchObject({ basis: 'requests', usdPerMillion: 90, blockSize: 100_000, plan: 'pro' });
    expect(f.freeAllowance).toEqual({ amount: 100_000, unit: 'requests', period: 'month' });
    // 100,000 requests: all included → $0
    expect(usd(f, 100_000)).toBe(0);
    // 100,001: one started block → $9
    expect(usd(f, 100_001)).toBeCloseTo(9, 9);
    // 250,000: 150,000 over = 2 started blocks → $18
    expect(usd(f, 250_000)).toBeCloseTo(18, 9);
    // 3,000,000: 2,900,000 over = 29 blocks → $261
    expect(usd(f, 3_000_000)).toBeCloseTo(261, 9);
  });

  it('Dev stops at 10k requests a month (past by Pro); Pro stops at 3M (past by Enterprise)', () => {
    expect(limit('portkey', 'dev-requests')).toMatchObject({ value: 10_000, plan: 'dev' });
    expect(limit('portkey', 'pro-requests-cap')).toMatchObject({ value: 3_000_000, plan: 'pro' });
    const rule = (id: string) => pk.decision.limits.find((r) => r.limit === id)!;
    expect(rule('dev-requests')).toMatchObject({ counts: 'requests', windowSeconds: 2_592_000, scope: 'account', pastBy: [{ plan: 'pro' }] });
    expect(rule('pro-requests-cap').pastBy).toEqual([{ plan: 'enterprise' }]);
  });

  it('headers: trace id and cache status, no cost header; hosted and self-hosted base URLs', () => {
    expect(pk.api.requestId).toEqual({ where: 'header', field: 'x-portkey-trace-id' });
    expect(pk.api.cacheStatus.field).toBe('x-portkey-cache-status');
    expect(pk.api.cacheStatus.values).toEqual(['HIT', 'SEMANTIC HIT', 'MISS', 'SEMANTIC MISS', 'DISABLED', 'REFRESH']);
    expect(pk.api.cost.where).toBe('logs');
    expect(pk.api.cost.field).toBeUndefined();
    expect(pk.api.baseUrl).toBe('https://api.portkey.ai/v1');
    expect(pk.api.bench!.endpoints['self-hosted']).toBe('http://{host}:8787/v1');
    const key = pk.api.auth.find((a) => a.header === 'x-portkey-api-key')!;
    expect(key).toMatchObject({ required: 'when-authenticated', keyEnv: 'PORTKEY_API_KEY' });
  });

  it('the non-standard statuses are named; semantic cache is a recorded conflict at enterprise-only', () => {
    expect(pk.api.note).toMatch(/446/);
    expect(pk.api.note).toMatch(/246/);
    expect(pk.api.note).toMatch(/412/);
    expect(pk.features['semantic-cache']).toMatchObject({ level: 'enterprise-only', status: 'conflict' });
    expect(pk.features.budgets!.level).toBe('enterprise-only');
  });

  it('the streaming bugs cite their issues and warn a team that may self-host', () => {
    const p = (id: string) => pk.pitfalls.find((x) => x.id === id)!;
    expect(sourceUrl(p('portkey-oss-stream-immutable').source)).toBe('https://github.com/Portkey-AI/gateway/issues/1389');
    expect(sourceUrl(p('portkey-stream-cut-clean-200').source)).toBe('https://github.com/Portkey-AI/gateway/issues/1797');
    expect(watchOutIds({ hosting: 'self-hosted' }, 'portkey')).toContain('portkey-oss-stream-immutable');
    expect(watchOutIds({ hosting: 'managed' }, 'portkey')).not.toContain('portkey-oss-stream-immutable');
  });

  it('the README latency claim has no method, so it stays unverified', () => {
    expect(pk.latency.every((l) => l.status === 'unverified')).toBe(true);
  });
});

describe('Vercel AI Gateway (vercel.com docs and changelogs)', () => {
  const v = gw('vercel');

  it('managed only, proprietary, OpenAI-compatible with the AI Gateway key', () => {
    expect(v.deployment.selfHosted.level).toBe('no');
    expect(v.deployment.managed.level).toBe('yes');
    expect(v.licence.openSource).toBe(false);
    expect(v.api.baseUrl).toBe('https://ai-gateway.vercel.sh/v1');
    expect(v.api.auth).toEqual([{ header: 'Authorization', value: 'Bearer {key}', required: 'always', keyEnv: 'AI_GATEWAY_API_KEY' }]);
    expect(v.platforms.map((p) => p.platform)).toEqual(['vercel']);
  });

  it('team-wide ZDR: $0.10 per 1,000 requests, only for zero-retention answers', () => {
    const f = fee('vercel', 'team-zdr');
    expect(f).toMatchObject({ basis: 'requests', appliesWhen: 'zero-data-retention', usdPerMillion: 100 });
    // 250,000 requests × $0.10 / 1,000 = $25
    expect(usd(f, 250_000)).toBeCloseTo(25, 9);
    expect(sourceUrl(f.source)).toBe('https://vercel.com/changelog/zero-data-retention-no-prompt-training-on-ai-gateway');
  });

  it('payment processing fees exist but are unpublished: null, never $0', () => {
    const f = fee('vercel', 'payment-processing');
    expect(f.unpublished).toBe(true);
    expect(usd(f, 1_000)).toBeNull();
  });

  it('markup 0 and the free credit stay unverified: the pricing page was not read', () => {
    expect(v.pricing.tokenMarkupPercent).toMatchObject({ value: 0, status: 'unverified' });
    expect(plan('vercel', 'free').status).toBe('unverified');
  });

  it('no response cache; BYOK failures billed on Vercel keys is a watch-out for key holders', () => {
    expect(v.features['exact-cache']!.level).toBe('no');
    expect(v.features['semantic-cache']!.level).toBe('no');
    expect(v.api.cacheStatus.where).toBe('none');
    expect(watchOutIds({ hosting: 'managed', ownProviderKeys: true }, 'vercel')).toContain('vercel-byok-fallback-billed');
    expect(watchOutIds({ hosting: 'managed', ownProviderKeys: false }, 'vercel')).not.toContain('vercel-byok-fallback-billed');
  });
});

describe('Helicone (Helicone/helicone packages/pricing @ 02c8929, Helicone/ai-gateway @ 42d2998)', () => {
  const h = gw('helicone');

  it('per-request tiers: 10k free, then $0.0007 … $0.00002', () => {
    const f = fee('helicone', 'request-logs');
    expect(f).toMatchObject({ basis: 'log-events', appliesWhen: 'always' });
    expect(f.freeAllowance).toEqual({ amount: 10_000, unit: 'events', period: 'month' });
    expect(usd(f, 10_000)).toBe(0);
    // 20,000 × 0.0007 + 60,000 × 0.00035 + 160,000 × 0.000175 = 14 + 21 + 28 = 63
    expect(usd(f, 250_000)).toBeCloseTo(63, 9);
    // 63 + 550,000 × 0.0000875 (48.125) + 1,700,000 × 0.00004375 (74.375) + 2,500,000 × 0.00002 (50) = 235.5
    expect(usd(f, 5_000_000)).toBeCloseTo(235.5, 9);
  });

  it('per-GB tiers, no free GB: $3.25 for the first 30 GB, $2 to 80', () => {
    const f = fee('helicone', 'log-storage');
    expect(f).toMatchObject({ basis: 'log-gb', appliesWhen: 'always' });
    expect(f.freeAllowance).toBeUndefined();
    // 10,000,000 requests × 4,000 bytes = 40 GB: 30 × 3.25 + 10 × 2 = 97.5 + 20 = 117.5
    expect(usd(f, 10_000_000, 4_000)).toBeCloseTo(117.5, 9);
  });

  it('0% markup on credits; headers helicone-id and helicone-cache', () => {
    expect(h.pricing.tokenMarkupPercent).toMatchObject({ value: 0, status: 'verified' });
    expect(h.api.requestId).toEqual({ where: 'header', field: 'helicone-id' });
    expect(h.api.cacheStatus).toEqual({ where: 'header', field: 'helicone-cache', values: ['HIT', 'MISS'] });
    expect(h.api.bench!.cacheUse.headers).toEqual({ 'Helicone-Cache-Enabled': 'true' });
    expect(h.api.note).toMatch(/429/);
  });

  it('the self-hosted gateway is dormant: partial self-hosting and a high watch-out for self-hosters', () => {
    expect(h.deployment.selfHosted.level).toBe('partial');
    expect(sourceUrl('helicone-ai-gateway-readme')).toBe('https://github.com/Helicone/ai-gateway/blob/42d29989fc4f0572483aa7294f314f055c22145a/README.md');
    const p = h.pitfalls.find((x) => x.id === 'helicone-selfhost-dormant')!;
    expect(p.severity).toBe('high');
    expect(p.detail).toMatch(/2025-07-30/);
    expect(watchOutIds({ hosting: 'self-hosted' }, 'helicone')).toContain('helicone-selfhost-dormant');
  });

  it('third-party-only claims are labelled so: plans and the maintenance-mode report', () => {
    expect(plan('helicone', 'pro')).toMatchObject({ monthlyUsd: 79, status: 'unverified' });
    const src = catalog.sources.find((s) => s.id === plan('helicone', 'pro').source)!;
    expect(src.publisher).toBe('third-party');
    expect(h.pitfalls.find((x) => x.id === 'helicone-maintenance-mode')!.status).toBe('unverified');
  });
});
