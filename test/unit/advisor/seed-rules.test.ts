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

/**
 * The seed article's rules, restated for nine gateways, and a few more we stand by. Where a newer gateway now
 * wins, the comment says which facts decide it; the runner-up checks keep the old pick in sight.
 */
describe('recommendations on the shipped catalog', () => {
  it.each<[string, PartialAnswers, string[]]>([
    // Bifrost has fallbacks, budgets and virtual keys in its open-source build on embedded SQLite (a moderate
    // burden where LiteLLM needs Postgres and Redis), and a lower published overhead: on fit alone a tie with
    // LiteLLM, which the cost breaks (choose: Bifrost about $860, LiteLLM about $1,134 a month at 1M requests).
    ['self-hosted with full control → Bifrost (LiteLLM close)', { hosting: 'self-hosted', dataControl: 'own-infrastructure', opsCapacity: 'dedicated', needs: ['fallbacks', 'budgets', 'virtual-keys'] }, ['bifrost']],
    ['managed, broad model access, no keys → OpenRouter', { hosting: 'managed', providers: 5, ownProviderKeys: false, opsCapacity: 'none', latency: 'relaxed', needs: ['fallbacks'] }, ['openrouter']],
    // Helicone rate-limits per user, team or globally where Cloudflare's limit is gateway-wide (partial).
    ['edge caching and rate limiting in front of existing keys → Helicone', { hosting: 'managed', ownProviderKeys: true, caching: 'exact', opsCapacity: 'none', needs: ['rate-limiting', 'observability'] }, ['helicone']],
    ['self-hosted routing without own keys → LiteLLM with OpenRouter as a backend', { hosting: 'either', ownProviderKeys: false, opsCapacity: 'dedicated', needs: ['fallbacks', 'budgets', 'virtual-keys', 'rate-limiting'] }, ['litellm', 'openrouter']],
    ['zero retention, managed, no ops → OpenRouter', { hosting: 'managed', dataControl: 'zero-retention', opsCapacity: 'none', ownProviderKeys: false }, ['openrouter']],
    // A tie on fit with LiteLLM (both have a semantic cache); Bifrost's smaller deployment costs less.
    ['semantic caching with ops capacity → Bifrost', { caching: 'semantic', opsCapacity: 'dedicated' }, ['bifrost']],
    // LiteLLM's guardrail integrations are open source (only per-key/team control is enterprise), so Cloudflare in
    // front adds a hop and a second system without adding a feature LiteLLM lacks here.
    ['LiteLLM routing, per-key limits and guardrails, some ops → LiteLLM alone', { hosting: 'either', ownProviderKeys: true, opsCapacity: 'some', latency: 'relaxed', needs: ['load-balancing', 'rate-limiting', 'guardrails'] }, ['litellm']],
  ])('%s', (_name, answers, stack) => {
    expect(pick(answers).stack).toEqual(stack);
  });

  it('ties LiteLLM on fit where a newer self-hosted gateway now leads', () => {
    const ranking = (a: PartialAnswers) => advise(shipped(), mergeAnswers(a)).ranking;
    const gap = (a: PartialAnswers) => {
      const r = ranking(a);
      return r[0]!.score - r.find((x) => x.gateway === 'litellm')!.score;
    };
    expect(gap({ hosting: 'self-hosted', dataControl: 'own-infrastructure', opsCapacity: 'dedicated', needs: ['fallbacks', 'budgets', 'virtual-keys'] })).toBe(0);
    expect(gap({ caching: 'semantic', opsCapacity: 'dedicated' })).toBe(0);
  });

  it('sizes LiteLLM for what is needed: a stateless proxy, or Postgres and Redis for budgets and shared limits', () => {
    const ops = (a: PartialAnswers) => advise(shipped(), mergeAnswers({ hosting: 'self-hosted', ...a })).ranking.find((r) => r.gateway === 'litellm')!.reasons.find((r) => r.criterion === 'operations')!.text;
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
    expect(excluded.map((r) => r.gateway).sort()).toEqual(['cloudflare', 'openrouter', 'vercel']);
    expect(excluded.map((r) => [r.gateway, r.excludedBecause.map((e) => [e.answer, e.source])])).toEqual([
      ['openrouter', [['dataControl=own-infrastructure', 'openrouter-docs-latency']]],
      ['vercel', [['dataControl=own-infrastructure', 'vercel-docs-openai-chat-completions']]],
      ['cloudflare', [['dataControl=own-infrastructure', 'cloudflare-docs-pricing']]],
    ]);
  });

  it('shows the watch-outs the issue names when the answers make them relevant', () => {
    const litellm = advise(shipped(), mergeAnswers({ hosting: 'self-hosted', needs: ['budgets'], monthlyRequests: 50_000_000 })).ranking.find((r) => r.gateway === 'litellm')!;
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
