import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { advise } from '../../../src/advisor/score.js';
import { typicalOverhead } from '../../../src/advisor/subject.js';
import { effectiveOperations } from '../../../src/catalog/operations.js';
import { validateCatalog } from '../../../src/catalog/validate.js';
import { validateModels } from '../../../src/catalog/validate-models.js';
import { catalogAsOf } from '../../../src/catalog/as-of.js';
import { gatewayCostAt } from '../../../src/cost/model.js';
import { mergeCostOptions } from '../../../src/cost/options.js';

/**
 * Facts corrected after a re-check against their primary sources (issue 9). Each test fails if the old value comes
 * back. Expected values are copied from the vendor pages named in the comments, not from the code.
 */

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../../data/${f}`, import.meta.url), 'utf8'));
// the day of the last re-check: no fact may be dated after it
const now = new Date('2026-12-06T12:00:00Z');
const c = validateCatalog(read('gateways.json'), now);
const m = validateModels(read('models.json'));
if (!c.ok) throw new Error(JSON.stringify(c.issues));
if (!m.ok) throw new Error(JSON.stringify(m.issues));
const catalog = c.value;
/** What the commands see today: every window of the facts above, as of 2026-12-06. */
const today = () => catalogAsOf(catalog, '2026-12-06');
const models = m.value;
const gw = (id: string) => catalog.gateways.find((g) => g.id === id)!;
const source = (id: string) => catalog.sources.find((s) => s.id === id)!;

describe('DeepSeek prices (api-docs.deepseek.com/quick_start/pricing, read 2026-11-26)', () => {
  it('drops deepseek-chat, which DeepSeek retired on 2026-07-24, and its early-2025 V3 price', () => {
    expect(models.models.map((x) => x.id)).not.toContain('deepseek/deepseek-chat');
    const stale = models.models.filter((x) => x.inputPerMTok === 0.27 && x.outputPerMTok === 1.1);
    expect(stale).toEqual([]);
  });

  it('prices DeepSeek V4.1 Flash at the page’s peak rates, verified against DeepSeek’s own page', () => {
    const flash = models.models.find((x) => x.id === 'deepseek/deepseek-v4-flash')!;
    // Peak column of the deepseek-flash row: $0.30 cache-miss input, $1.20 output, $0.006 cache-hit input.
    expect(flash).toMatchObject({ inputPerMTok: 0.3, outputPerMTok: 1.2, cachedInputPerMTok: 0.006, status: 'verified' });
    const s = models.sources.find((x) => x.id === flash.source)!;
    expect(s).toMatchObject({ url: 'https://api-docs.deepseek.com/quick_start/pricing', publisher: 'vendor' });
  });
});

describe('published latency overhead', () => {
  it('keeps no unsourced OpenRouter (50–100 ms) or Cloudflare (20–60 ms) claim', () => {
    const claims = catalog.gateways.flatMap((g) => g.latency.map((l) => [g.id, l.valueMs, l.valueMsHigh]));
    expect(claims).not.toContainEqual(['openrouter', 50, 100]);
    expect(claims).not.toContainEqual(['cloudflare', 20, 60]);
    expect(typicalOverhead(gw('openrouter'))).toBeUndefined();
    expect(typicalOverhead(gw('cloudflare'))).toBeUndefined();
  });

  it('treats an unknown overhead as neutral and says how to measure it', () => {
    const advice = advise(today(), mergeAnswers({ latency: 'critical' }));
    const openrouter = advice.ranking.find((r) => r.gateway === 'openrouter')!;
    const reason = openrouter.reasons.find((r) => r.criterion === 'latency')!;
    expect(reason.text).not.toMatch(/75 ms/);
    expect(reason.text).toMatch(/unknown/);
    expect(reason.text).toMatch(/gateway-scout bench/);
  });
});

describe('LiteLLM guardrails (guardrails quick start @ 0a5b7c0; enterprise.md @ 0475912)', () => {
  it('are open source; only per-key/team control is enterprise', () => {
    const g = gw('litellm').features.guardrails!;
    expect(g.level).toBe('yes');
    expect(g.note).not.toMatch(/Lakera, Aporia[^.]*enterprise-only/);
    expect(gw('litellm').pitfalls.find((p) => p.id === 'litellm-guardrails-enterprise')!.title).toMatch(/per-key and per-team/i);
  });

  it('so needing guardrails adds no enterprise licence to the LiteLLM cost', () => {
    const answers = mergeAnswers({ hosting: 'self-hosted', needs: ['guardrails'] } as PartialAnswers);
    const cost = gatewayCostAt(gw('litellm'), answers, mergeCostOptions(), today(), models);
    expect(cost.lines.filter((l) => l.kind === 'licence')).toEqual([]);
    expect(cost.licenceUnpublished).toBe(false);
  });
});

describe('LiteLLM semantic cache backends (docs.litellm.ai/docs/proxy/caching_semantic)', () => {
  it('needs one of Redis/Valkey or Qdrant, not Redis alone; Redis is what gets sized', () => {
    const sc = gw('litellm').features['semantic-cache']!;
    expect(sc.requires).toBeUndefined();
    expect(sc.requiresAnyOf).toEqual(['redis', 'qdrant']);
    const eff = effectiveOperations(gw('litellm'), ['semantic-cache']);
    expect(eff.components).toEqual(['proxy', 'redis']);
  });
});

describe('Cloudflare logs (limits and pricing pages @ 0170ffd; Workers Logs and Observability pricing @ 0ec9be2)', () => {
  const limits = () => gw('cloudflare').pricing.limits;
  const limit = (id: string) => limits().find((l) => l.id === id)!;

  it('scopes the 100k / 10M caps to accounts created before 2026-09-24, without a conflict', () => {
    for (const id of ['log-storage-free', 'log-storage-paid']) {
      expect(limit(id).status).toBe('verified');
      expect(limit(id).note).toMatch(/before 2026-09-24/);
    }
    expect(limit('log-storage-free').value).toBe(100_000);
    expect(limit('log-storage-paid').value).toBe(10_000_000);
  });

  it('records Workers Logs for newer accounts and the Observability pricing from 2026-12-01', () => {
    expect(limit('workers-logs-free')).toMatchObject({ value: 200_000, per: 'day', plan: 'workers-free' });
    expect(limit('workers-logs-paid')).toMatchObject({ value: 20_000_000, per: 'month', plan: 'workers-paid' });
    expect(limit('workers-logs-paid').note).toMatch(/\$0\.60 per additional million/);
    expect(limit('observability-ingest-free')).toMatchObject({ value: 0.5, unit: 'GB', per: 'day' });
    expect(limit('observability-ingest-paid')).toMatchObject({ value: 50, unit: 'GB' });
    expect(limit('observability-storage-paid')).toMatchObject({ value: 12, unit: 'GB-month' });
    expect(limit('observability-ingest-paid').note).toMatch(/\$0\.25 per GB/);
    expect(gw('cloudflare').pitfalls.map((p) => p.id)).toContain('cloudflare-logs-metered');
  });

  it('ends the per-event Workers Logs pricing on 2026-11-30 and starts Observability pricing on 2026-12-01', () => {
    for (const id of ['workers-logs-free', 'workers-logs-paid']) expect(limit(id).validUntil).toBe('2026-11-30');
    for (const id of ['observability-ingest-free', 'observability-ingest-paid', 'observability-storage-paid']) expect(limit(id).validFrom).toBe('2026-12-01');
    const fee = (id: string) => gw('cloudflare').pricing.fees.find((f) => f.id === id)!;
    expect(fee('workers-logs')).toMatchObject({ validUntil: '2026-11-30', usdPerMillion: 0.6 });
    // observability/pricing: Paid 50 GB per billing cycle then $0.25 per GB; 12 GB-month then $0.10 per GB-month; seven-day retention
    expect(fee('observability-ingest')).toMatchObject({ validFrom: '2026-12-01', basis: 'log-gb', usdPerGb: 0.25, freeAllowance: { amount: 50, unit: 'gb', period: 'month' }, plan: 'workers-paid' });
    expect(fee('observability-storage')).toMatchObject({ validFrom: '2026-12-01', basis: 'log-gb-month', usdPerGb: 0.1, retentionDays: 7, freeAllowance: { amount: 12, unit: 'gb-month' } });
    // the free plan's cap is a constraint on GB a day
    expect(gw('cloudflare').decision.limits).toContainEqual(expect.objectContaining({ limit: 'observability-ingest-free', counts: 'log-gb', windowSeconds: 86_400, pastBy: [{ plan: 'workers-paid' }] }));
  });
});

describe('Cloudflare /compat (chat-completion.mdx and rest-api.mdx @ 0309c8b; changelog 2026-10-06 @ 865827f)', () => {
  it('is marked deprecated; whether the REST API replacement takes your keys is recorded as a conflict', () => {
    const cf = gw('cloudflare');
    expect(cf.features['openai-compatible']!.note).toMatch(/deprecated/);
    expect(cf.features['openai-compatible']!.status).toBe('conflict');
    expect(cf.api.note).toMatch(/api\.cloudflare\.com\/client\/v4\/accounts\/\{account_id\}\/ai\/v1\/chat\/completions/);
    expect(cf.api.note).toMatch(/Unified Billing/);
    expect(cf.pitfalls.find((p) => p.id === 'cloudflare-compat-deprecated')!.status).toBe('conflict');
    // The benchmark reads these fields: the provider-native endpoint, which no page marks deprecated, with /compat
    // and the REST API as named alternatives.
    expect(cf.api).toMatchObject({ baseUrl: 'https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/{provider}', chatPath: '/chat/completions' });
    expect(cf.api.bench!.endpoints).toEqual({
      provider: 'https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/{provider}',
      compat: 'https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/compat',
      'rest-api': 'https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1',
    });
  });
});

describe('OpenRouter BYOK allowance (faq.mdx, byok.mdx, constants.mdx @ c26125a)', () => {
  it('is $25,000/month of list-price usage, no longer a conflict', () => {
    const fee = gw('openrouter').pricing.fees.find((f) => f.id === 'byok-usage')!;
    expect(fee).toMatchObject({ status: 'verified', percent: 5, freeAllowance: { amount: 25_000, unit: 'usd-list-price', period: 'month' } });
    expect(gw('openrouter').pitfalls.find((p) => p.id === 'openrouter-byok-fee')!.status).toBe('verified');
  });

  it('cites every OpenRouter docs page at one commit', () => {
    const commits = new Set(
      catalog.sources.filter((s) => s.url.includes('github.com/OpenRouterTeam/docs/')).map((s) => s.url.split('/')[6]),
    );
    expect([...commits]).toEqual(['c26125a5fa92cb52ac67f0c75b717229567db716']);
  });
});

describe('Cloudflare zero data retention (unified-billing.mdx @ 007afe6)', () => {
  it('rests on the vendor page and is limited to Unified Billing traffic to OpenAI and Anthropic', () => {
    const z = gw('cloudflare').features['zero-data-retention']!;
    expect(z.status).toBe('verified');
    expect(source(z.source).publisher).toBe('vendor');
    expect(source(z.source).url).toMatch(/cloudflare\/cloudflare-docs\/blob\/.*unified-billing\.mdx$/);
    expect(z.note).toMatch(/OpenAI and Anthropic/);
    expect(z.note).toMatch(/Unified Billing/);
  });
});
