import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { advise } from '../../../src/advisor/score.js';
import { classForStatus } from '../../../src/bench/metrics.js';
import { validateCatalog } from '../../../src/catalog/validate.js';
import { validateModels } from '../../../src/catalog/validate-models.js';

/**
 * Facts re-checked on 2026-12-06 against the vendors' repositories at pinned commits (issue 16, "Facts that
 * changed"). Expected values are copied from the files named in each describe, not from the code; each test fails
 * if the old, stale value comes back.
 */

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../../data/${f}`, import.meta.url), 'utf8'));
const c = validateCatalog(read('gateways.json'), new Date('2026-12-06T12:00:00Z'));
const m = validateModels(read('models.json'));
if (!c.ok) throw new Error(JSON.stringify(c.issues));
if (!m.ok) throw new Error(JSON.stringify(m.issues));
const catalog = c.value;
const models = m.value;
const gw = (id: string) => catalog.gateways.find((g) => g.id === id)!;
const cf = gw('cloudflare');
const sourceUrl = (id: string) => catalog.sources.find((s) => s.id === id)!.url;
const pitfall = (g: string, id: string) => gw(g).pitfalls.find((p) => p.id === id);
const watchOutIds = (answers: PartialAnswers, gateway: string) =>
  advise(catalog, mergeAnswers(answers)).ranking.find((r) => r.gateway === gateway)!.watchOuts.map((w) => w.id);

describe('Cloudflare Policies and Access (policies.mdx @ 8957df4, cloudflare-access.mdx @ 37c04a9)', () => {
  it('per-user budgets and model allow/block make virtual keys partial, not absent; still no issued keys', () => {
    const vk = cf.features['virtual-keys']!;
    expect(vk).toMatchObject({ level: 'partial', status: 'verified', checked: '2026-12-06' });
    expect(sourceUrl(vk.source)).toBe('https://github.com/cloudflare/cloudflare-docs/blob/8957df4/src/content/docs/ai-gateway/features/policies.mdx');
    expect(vk.note).toMatch(/No gateway-issued keys/);
    expect(pitfall('cloudflare', 'cloudflare-no-virtual-keys')!.detail).not.toMatch(/without per-token budgets/);
  });

  it('the budgets note names per-user caps and the 403 for unmatched traffic once one policy exists', () => {
    const b = cf.features.budgets!;
    expect(b.note).toMatch(/per user, per email domain/);
    expect(b.note).toMatch(/match none are denied with 403/);
    const deny = pitfall('cloudflare', 'cloudflare-policies-deny-by-default')!;
    expect(deny.when).toEqual([{ answer: 'needs', includes: 'budgets' }]);
    expect(deny.detail).toMatch(/403/);
  });

  it('SSO: callers sign in with your identity provider through Access, which needs a custom domain', () => {
    const sso = cf.features.sso!;
    expect(sso).toMatchObject({ level: 'yes', status: 'verified' });
    expect(sourceUrl(sso.source)).toMatch(/blob\/37c04a9\/src\/content\/docs\/ai-gateway\/configuration\/cloudflare-access\.mdx$/);
    expect(sso.note).not.toMatch(/nothing AI-Gateway-specific/);
    expect(sso.note).toMatch(/custom domain/);
  });
});

describe('Cloudflare Unified Billing fallback (changelog 2026-09-14 @ 067e243)', () => {
  const base: PartialAnswers = { hosting: 'managed', monthlyRequests: 1_000_000 } as PartialAnswers;

  it('warns every team with its own keys, and only them', () => {
    expect(watchOutIds({ ...base, ownProviderKeys: true }, 'cloudflare')).toContain('cloudflare-unified-billing-fallback');
    expect(watchOutIds({ ...base, ownProviderKeys: false }, 'cloudflare')).not.toContain('cloudflare-unified-billing-fallback');
  });

  it('names the way out (byok_only, cf-aig-no-wholesale) and the cost of falling back (5% fee, 200 requests per 60 s)', () => {
    const p = pitfall('cloudflare', 'cloudflare-unified-billing-fallback')!;
    expect(p.detail).toMatch(/byok_only: true/);
    expect(p.detail).toMatch(/cf-aig-no-wholesale: true/);
    expect(p.detail).toMatch(/5% extra/);
    expect(p.detail).toMatch(/200 per 60 s per gateway/);
    expect(p.detail).toMatch(/400/);
  });
});

describe('Cloudflare request ids and Auto Router (changelog 2026-10-08 @ 2e99a8f, auto-router.mdx @ 08dda29)', () => {
  it('cf-aig-log-id is documented: the api facts are verified and the cost pitfall no longer calls it undocumented', () => {
    expect(cf.api).toMatchObject({ status: 'verified', requestId: { where: 'header', field: 'cf-aig-log-id' } });
    expect(sourceUrl(cf.api.source)).toMatch(/2026-10-08-uuidv7-log-ids\.mdx$/);
    expect(cf.api.note).toMatch(/UUIDv7/);
    expect(pitfall('cloudflare', 'cloudflare-cost-only-in-logs')!.detail).not.toMatch(/undocumented/);
  });

  it('the load-balancing watch-out says Auto Router skips unhealthy providers but picks models, not your deployments', () => {
    const p = pitfall('cloudflare', 'cloudflare-load-balancing-limited')!;
    expect(sourceUrl(p.source)).toMatch(/auto-router\.mdx$/);
    expect(p.detail).toMatch(/skip unhealthy providers/);
    expect(p.detail).toMatch(/does not balance your own deployments/);
  });
});

describe('OpenRouter in-flight spending budget (limits page, later than repo @ c26125a)', () => {
  it('is a watch-out for OpenRouter, unverified because only quotations of the newer page were read', () => {
    const p = pitfall('openrouter', 'openrouter-inflight-budget-402')!;
    expect(p).toMatchObject({ status: 'unverified', severity: 'warn' });
    expect(p.detail).toMatch(/402/);
    expect(watchOutIds({ hosting: 'managed' } as PartialAnswers, 'openrouter')).toContain('openrouter-inflight-budget-402');
  });

  it('bench counts a 402 as insufficient_credits, as the watch-out says', () => {
    expect(pitfall('openrouter', 'openrouter-inflight-budget-402')!.detail).toMatch(/insufficient_credits/);
    expect(classForStatus(402)).toBe('insufficient_credits');
  });
});

describe('LiteLLM (enterprise page; callback_utils.py @ 00e06b8; LICENSE @ d1d1329)', () => {
  it('supports only the four newest minor lines: an ops watch-out for everyone considering it', () => {
    const p = pitfall('litellm', 'litellm-version-support')!;
    expect(p.when).toEqual([]);
    expect(p.detail).toMatch(/four most recent stable minor lines/);
    expect(p.detail).toMatch(/roughly every week/);
  });

  it('observability is no longer a conflict: Prometheus metrics are in the open-source column', () => {
    expect(gw('litellm').features.observability).toMatchObject({ level: 'yes', status: 'verified' });
  });

  it('guardrails are decided from the code, which loads Lakera and Aporia without a licence check; both sources are named', () => {
    const g = gw('litellm').features.guardrails!;
    expect(sourceUrl(g.source)).toBe('https://github.com/BerriAI/litellm/blob/00e06b8/litellm/proxy/common_utils/callback_utils.py');
    expect(g.note).toMatch(/lakera_prompt_injection and aporia_prompt_injection/);
    expect(g.note).toMatch(/litellm-docs-enterprise/);
    expect(g.note).toMatch(/code is taken over the page/);
    expect(gw('litellm').pricing.plans.find((p) => p.id === 'open-source')!.includes).toMatch(/Lakera, Aporia/);
  });

  it('"no markup" cites the licence (self-hosted MIT software), not the enterprise page', () => {
    const t = gw('litellm').pricing.tokenMarkupPercent;
    expect(t.value).toBe(0);
    expect(sourceUrl(t.source)).toMatch(/BerriAI\/litellm\/blob\/d1d1329\/LICENSE$/);
  });
});

describe('sources that did not support their fact', () => {
  it('the caching page says nothing of the cache key makeup, so the catalog does not either', () => {
    expect(cf.features['exact-cache']!.note).not.toMatch(/auth header/);
    expect(cf.pitfalls.find((p) => p.id === 'cloudflare-cache-exact-volatile')!.detail).not.toMatch(/auth header/);
  });

  it('"no data residency" is labelled an absence of evidence, unverified', () => {
    const r = cf.features['data-residency']!;
    expect(r.status).toBe('unverified');
    expect(r.note).toMatch(/absence of evidence/);
  });

  it('no model row credits a vendor page for a value its note says came from a third-party copy', () => {
    for (const row of models.models) {
      const publisher = models.sources.find((s) => s.id === row.source)!.publisher;
      if (publisher === 'vendor') expect(row.note ?? '', row.id).not.toMatch(/third-party (catalog )?copy/);
    }
  });
});

describe('models.json against LiteLLM model_prices_and_context_window.json @ 19a1f62', () => {
  const row = (id: string) => models.models.find((x) => x.id === id)!;

  it('Mistral Small is one model: the mistral-small price with its own 32k context', () => {
    // mistral/mistral-small: input_cost_per_token 1e-07, output 3e-07, max_input_tokens 32000
    expect(row('mistralai/mistral-small')).toMatchObject({ inputPerMTok: 0.1, outputPerMTok: 0.3, contextTokens: 32_000 });
  });

  it('GPT-5 and GPT-5 mini take 272k input tokens (400k is input plus 128k output)', () => {
    // gpt-5 / gpt-5-mini: max_input_tokens 272000, max_output_tokens 128000; 272,000 + 128,000 = 400,000
    expect(row('openai/gpt-5')).toMatchObject({ contextTokens: 272_000, cachedInputPerMTok: 0.125 });
    expect(row('openai/gpt-5-mini')).toMatchObject({ contextTokens: 272_000, cachedInputPerMTok: 0.025 });
  });

  it('Google cached input is a conflict: 0.1x input here against 0.25x in LiteLLM and OpenRouter', () => {
    for (const id of ['google/gemini-2.5-flash', 'google/gemini-2.5-pro', 'google/gemini-2.5-flash-lite']) {
      const g = row(id);
      expect(g.status, id).toBe('conflict');
      expect(g.cachedInputPerMTok! / g.inputPerMTok, id).toBeCloseTo(0.1, 12);
    }
    // 0.25 × $1.25 = $0.3125, the figure the note must quote for Gemini 2.5 Pro
    expect(row('google/gemini-2.5-pro').note).toMatch(/\$0\.3125/);
  });

  it('DeepSeek keeps its own cached price and says what OpenRouter charges instead', () => {
    const ds = row('deepseek/deepseek-v4-flash');
    expect(ds.cachedInputPerMTok).toBe(0.006);
    // 0.1 × $0.30 = $0.03
    expect(ds.note).toMatch(/\$0\.03\/M/);
  });
});
