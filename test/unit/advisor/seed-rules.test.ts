import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { advise } from '../../../src/advisor/score.js';
import { validateCatalog } from '../../../src/catalog/validate.js';
import { catalogAsOf } from '../../../src/catalog/as-of.js';

const json = JSON.parse(readFileSync(new URL('../../../data/gateways.json', import.meta.url), 'utf8'));
// Parsed and checked inside each test, not at load: mutation testing attributes what a test runs to that test.
const shipped = () => {
  const result = validateCatalog(json, new Date('2026-12-06T12:00:00Z'));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return catalogAsOf(result.value, '2026-12-06');
};
const pick = (a: PartialAnswers) => advise(shipped(), mergeAnswers(a)).recommendation;

/** The seed article's three rules are the floor the real catalog must meet, and a few more we stand by. */
describe('recommendations on the shipped catalog', () => {
  it.each<[string, PartialAnswers, string[]]>([
    ['self-hosted with full control → LiteLLM', { hosting: 'self-hosted', dataControl: 'own-infrastructure', opsCapacity: 'dedicated', needs: ['fallbacks', 'budgets', 'virtual-keys'] }, ['litellm']],
    ['managed, broad model access, no keys → OpenRouter', { hosting: 'managed', providers: 5, ownProviderKeys: false, opsCapacity: 'none', latency: 'relaxed', needs: ['fallbacks'] }, ['openrouter']],
    ['edge caching and rate limiting in front of existing keys → Cloudflare', { hosting: 'managed', ownProviderKeys: true, caching: 'exact', opsCapacity: 'none', needs: ['rate-limiting', 'observability'] }, ['cloudflare']],
    ['self-hosted routing without own keys → LiteLLM with OpenRouter as a backend', { hosting: 'either', ownProviderKeys: false, opsCapacity: 'dedicated', needs: ['fallbacks', 'budgets', 'virtual-keys', 'rate-limiting'] }, ['litellm', 'openrouter']],
    ['zero retention, managed, no ops → OpenRouter', { hosting: 'managed', dataControl: 'zero-retention', opsCapacity: 'none', ownProviderKeys: false }, ['openrouter']],
    ['semantic caching with ops capacity → LiteLLM', { caching: 'semantic', opsCapacity: 'dedicated' }, ['litellm']],
    // LiteLLM's guardrail integrations are open source (only per-key/team control is enterprise), so Cloudflare in
    // front adds a hop and a second system without adding a feature LiteLLM lacks here.
    ['LiteLLM routing, per-key limits and guardrails, some ops → LiteLLM alone', { hosting: 'either', ownProviderKeys: true, opsCapacity: 'some', latency: 'relaxed', needs: ['load-balancing', 'rate-limiting', 'guardrails'] }, ['litellm']],
  ])('%s', (_name, answers, stack) => {
    expect(pick(answers).stack).toEqual(stack);
  });

  it('sizes LiteLLM for what is needed: a stateless proxy, or Postgres and Redis for budgets and shared limits', () => {
    const ops = (a: PartialAnswers) => advise(shipped(), mergeAnswers({ hosting: 'self-hosted', ...a })).ranking[0]!.reasons.find((r) => r.criterion === 'operations')!.text;
    expect(ops({ needs: ['fallbacks'] })).toMatch(/\(proxy\) is a moderate burden/);
    expect(ops({ needs: ['budgets'] })).toMatch(/\(proxy, postgres, redis\) is a high burden/);
    expect(ops({ needs: [], caching: 'exact' })).toMatch(/\(proxy, redis\) is a high burden/);
  });

  it('in a stack, a contributed feature goes to the member that does it at least as well', () => {
    const stack = advise(shipped(), mergeAnswers({ caching: 'exact', needs: ['rate-limiting', 'guardrails'] })).stacks.find((s) => s.gateway === 'litellm-behind-cloudflare')!;
    const by = (c: string) => stack.reasons.filter((r) => r.answer.includes(c)).map((r) => r.gateway);
    expect(by('caching=exact')).toEqual(['cloudflare']);
    expect(by('rate-limiting')).toEqual(['litellm']); // per-key limits beat a gateway-wide one
    expect(by('guardrails')).toEqual(['cloudflare']);
  });

  it('excludes the managed gateways under own-infrastructure, citing the fact', () => {
    const advice = advise(shipped(), mergeAnswers({ dataControl: 'own-infrastructure' }));
    const excluded = advice.ranking.filter((r) => !r.eligible);
    expect(excluded.map((r) => r.gateway).sort()).toEqual(['cloudflare', 'openrouter']);
    expect(excluded.map((r) => [r.gateway, r.excludedBecause.map((e) => [e.answer, e.source])])).toEqual([
      ['openrouter', [['dataControl=own-infrastructure', 'openrouter-docs-latency']]],
      ['cloudflare', [['dataControl=own-infrastructure', 'cloudflare-docs-pricing']]],
    ]);
  });

  it('shows the watch-outs the issue names when the answers make them relevant', () => {
    const litellm = pick({ hosting: 'self-hosted', needs: ['budgets'], monthlyRequests: 50_000_000 });
    expect(litellm.watchOuts.map((w) => w.id)).toContain('litellm-budgets-need-postgres-redis');
    const openrouter = advise(shipped(), mergeAnswers({ ownProviderKeys: false })).ranking.find((r) => r.gateway === 'openrouter')!;
    expect(openrouter.watchOuts.map((w) => w.id)).toContain('openrouter-credit-purchase-fee');
    const byok = advise(shipped(), mergeAnswers({ ownProviderKeys: true })).ranking.find((r) => r.gateway === 'openrouter')!;
    expect(byok.watchOuts.map((w) => w.id)).toContain('openrouter-byok-fee');
    const cf = advise(shipped(), mergeAnswers({ caching: 'exact', needs: ['rate-limiting'] })).ranking.find((r) => r.gateway === 'cloudflare')!;
    expect(cf.watchOuts.map((w) => w.id)).toEqual(expect.arrayContaining(['cloudflare-cache-exact-volatile', 'cloudflare-rate-limit-gateway-wide']));
  });

  it('never states the seed article\'s wrong pricing claims as facts', () => {
    const text = JSON.stringify(json);
    const openrouter = shipped().gateways.find((g) => g.id === 'openrouter')!;
    const cloudflare = shipped().gateways.find((g) => g.id === 'cloudflare')!;
    expect(openrouter.pricing.tokenMarkupPercent.value).toBe(0);
    expect(cloudflare.pricing.fees.some((f) => f.freeAllowance?.unit === 'requests' && f.freeAllowance.amount === 10_000)).toBe(false);
    expect(text).not.toMatch(/first 10K requests/i);
    const card = openrouter.pricing.fees.find((f) => f.appliesWhen === 'card-credits')!;
    expect(card).toMatchObject({ basis: 'credit-purchase', percent: 5.5, minimumUsd: 0.8 });
  });
});
