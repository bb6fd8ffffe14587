import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { advise } from '../../../src/advisor/score.js';
import { validateCatalog } from '../../../src/catalog/validate.js';

/**
 * Kong AI Gateway, Bifrost and TensorZero in the shipped catalog (issue 17 §1). Expected values are copied from the sources named in each describe (pinned commits or
 * vendor pages), not from the code; each test fails if a fact is lost or changed.
 */

const readJson = (path: string) => JSON.parse(readFileSync(new URL(`../../../data/${path}`, import.meta.url), 'utf8'));
const ids = ['kong', 'bifrost', 'tensorzero'] as const;
const shippedJson = readJson('gateways.json');
/** A gateway's entry and the sources it cites. */
const fragment = (id: string) => {
  const gateway = shippedJson.gateways.find((g: { id: string }) => g.id === id);
  const cited = new Set([...JSON.stringify(gateway).matchAll(/"source":"([^"]+)"/g)].map((m) => m[1]));
  return { gateway, sources: shippedJson.sources.filter((s: { id: string }) => cited.has(s.id)) };
};

const result = validateCatalog(shippedJson, new Date('2026-12-06T12:00:00Z'));
if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
const catalog = result.value;
const gw = (id: string) => catalog.gateways.find((g) => g.id === id)!;
const sourceOf = (id: string) => catalog.sources.find((s) => s.id === id)!;
const pitfall = (g: string, id: string) => gw(g).pitfalls.find((p) => p.id === id);
const watchOutIds = (answers: PartialAnswers, gateway: string) =>
  advise(catalog, mergeAnswers(answers)).ranking.find((r) => r.gateway === gateway)!.watchOuts.map((w) => w.id);

describe('the fragments merge into a valid catalog', () => {
  it('validates with no warnings of their own, and each cites sources of its own', () => {
    const own = result.warnings.filter((w) => ids.some((id) => w.path.startsWith(`gateways[${shippedJson.gateways.findIndex((g: { id: string }) => g.id === id)}]`)));
    expect(own).toEqual([]);
    for (const id of ids) expect(fragment(id).sources.length, id).toBeGreaterThan(5);
  });

  it('every fact was checked on 2026-12-06, so lastVerified is that day', () => {
    for (const id of ids) {
      expect(gw(id).lastVerified).toBe('2026-12-06');
      expect(JSON.stringify(fragment(id).gateway)).not.toMatch(/"checked":\s*"(?!2026-12-06)/);
    }
  });

  it('no repository source is cited without a full 40-hex commit', () => {
    for (const id of ids) {
      for (const s of fragment(id).sources) {
        if (/^https:\/\/github\.com\/.+\/blob\//.test(s.url)) expect(s.url, s.id).toMatch(/\/blob\/[0-9a-f]{40}\//);
      }
    }
  });
});

describe('Kong (Kong/kong @ 22246ef, developer.konghq.com, Konnect prices from a third-party copy)', () => {
  const kong = gw('kong');

  it('open source is Apache-2.0 and self-hosted; managed Konnect is a paid (licensed) deployment', () => {
    expect(kong.licence).toMatchObject({ spdx: 'Apache-2.0', openSource: true });
    expect(kong.deployment.selfHosted.level).toBe('yes');
    expect(kong.deployment.selfHosted.note).toMatch(/3\.9\.3/);
    expect(kong.deployment.managed.level).toBe('enterprise-only');
  });

  it('fallbacks, load balancing, budgets and the semantic cache need the AI licence; ai-proxy itself is open source', () => {
    for (const f of ['fallbacks', 'load-balancing', 'budgets', 'semantic-cache', 'exact-cache'] as const) {
      expect(kong.features[f]!.level, f).toBe('enterprise-only');
    }
    expect(kong.features['openai-compatible']!.level).toBe('yes');
    expect(kong.features['rate-limiting']!.level).toBe('partial');
    expect(pitfall('kong', 'kong-oss-stops-at-3-9')).toBeDefined();
  });

  it('Konnect prices are third-party copies, unverified: $25/month, $100 per model, 1M requests included', () => {
    const plus = kong.pricing.plans.find((p) => p.id === 'konnect-plus')!;
    expect(plus).toMatchObject({ monthlyUsd: 25, status: 'unverified' });
    const perModel = kong.pricing.fees.find((f) => f.id === 'konnect-ai-models')!;
    expect(perModel).toMatchObject({ basis: 'models', usdPerModel: 100, plan: 'konnect-plus', status: 'unverified' });
    const requests = kong.pricing.fees.find((f) => f.id === 'konnect-requests')!;
    expect(requests.freeAllowance).toEqual({ amount: 1_000_000, unit: 'requests', period: 'month' });
    expect(requests.status).toBe('unverified');
    expect(perModel.note).toMatch(/third-party/);
    // The enterprise contract has no published price: null, never 0.
    expect(kong.pricing.plans.find((p) => p.id === 'enterprise')!.monthlyUsd).toBeNull();
    expect(kong.pricing.tokenMarkupPercent.value).toBe(0);
  });

  it('API: a route you define on port 8000, key-auth apikey header, X-Kong-Request-Id, self-reported X-Kong-Proxy-Latency', () => {
    expect(kong.api.baseUrl).toBe('http://{host}:8000/{route}');
    expect(kong.api.auth[0]).toMatchObject({ header: 'apikey', required: 'when-authenticated', keyEnv: 'KONG_API_KEY' });
    expect(kong.api.requestId).toEqual({ where: 'header', field: 'X-Kong-Request-Id' });
    expect(kong.api.cost.where).toBe('logs');
    expect(kong.api.selfReportedLatency).toMatchObject({ where: 'header', field: 'X-Kong-Proxy-Latency', unit: 'ms' });
  });

  it('the competitor-run figures say who ran them', () => {
    for (const l of kong.latency) {
      expect(l.measuredBy).toBe('third-party');
      expect(l.note).toMatch(/Busbar, a competing gateway vendor/);
    }
    expect(sourceOf('onthebench-results').publisher).toBe('third-party');
  });
});

describe('Bifrost (maximhq/bifrost docs at pinned commits, docs.getbifrost.ai)', () => {
  const bifrost = gw('bifrost');

  it('Apache-2.0, self-hosted, SQLite by default (base deployment is one container), enterprise price unpublished', () => {
    expect(bifrost.licence.spdx).toBe('Apache-2.0');
    expect(bifrost.operations.base!.components).toEqual(['bifrost']);
    expect(bifrost.operations.base!.note).toMatch(/SQLite/);
    expect(bifrost.pricing.plans.find((p) => p.id === 'enterprise')!.monthlyUsd).toBeNull();
    expect(bifrost.decision.licencePlan).toBe('enterprise');
    expect(bifrost.pricing.fees).toEqual([]);
  });

  it('API: provider/model names, x-bifrost-request-id, cache hit in extra_fields.cache_debug with an x-bf-cache-key', () => {
    expect(bifrost.api.modelNaming).toEqual({ pattern: '{provider}/{model}', example: 'openai/gpt-4o-mini' });
    expect(bifrost.api.requestId).toEqual({ where: 'header', field: 'x-bifrost-request-id' });
    expect(bifrost.api.cacheStatus).toMatchObject({ where: 'body', field: 'extra_fields.cache_debug.cache_hit' });
    expect(bifrost.api.bench!.cacheUse.headers).toHaveProperty('x-bf-cache-key');
    expect(bifrost.api.bench!.cacheHitValue).toBe('true');
  });

  it('the 11 µs overhead is a vendor claim that excludes JSON marshalling and the upstream call', () => {
    const eleven = bifrost.latency.find((l) => l.source === 'bifrost-docs-bench-t3xl')!;
    // 11 µs = 0.011 ms.
    expect(eleven).toMatchObject({ valueMs: 0.011, measuredBy: 'vendor' });
    expect(eleven.conditions).toMatch(/excludes JSON marshalling/);
    expect(eleven.conditions).toMatch(/HTTP call to the provider/);
    const busbar = bifrost.latency.find((l) => l.measuredBy === 'third-party')!;
    expect(busbar.note).toMatch(/Busbar, a competing gateway vendor/);
  });

  it('stream fallback pitfall (#5395) shows for a team that needs fallbacks, not for one that does not', () => {
    expect(sourceOf(pitfall('bifrost', 'bifrost-stream-fallback-5395')!.source).url).toBe('https://github.com/maximhq/bifrost/issues/5395');
    expect(watchOutIds({ hosting: 'self-hosted', needs: ['fallbacks'] }, 'bifrost')).toContain('bifrost-stream-fallback-5395');
    expect(watchOutIds({ hosting: 'self-hosted', needs: ['observability'] }, 'bifrost')).not.toContain('bifrost-stream-fallback-5395');
  });
});

describe('TensorZero (tensorzero/tensorzero @ 7a6159a)', () => {
  const tz = gw('tensorzero');

  it('self-hosted only, Apache-2.0, no plans but the free one', () => {
    expect(tz.deployment).toMatchObject({ selfHosted: { level: 'yes' }, managed: { level: 'no' } });
    expect(tz.licence.spdx).toBe('Apache-2.0');
    expect(tz.pricing.plans.map((p) => [p.id, p.monthlyUsd])).toEqual([['open-source', 0]]);
  });

  it('API: /openai/v1/chat/completions, tensorzero::model_name names, id in the body, cost in usage.tensorzero_cost', () => {
    expect(`${tz.api.baseUrl}${tz.api.chatPath}`).toBe('http://{host}:3000/openai/v1/chat/completions');
    expect(tz.api.modelNaming.pattern).toBe('tensorzero::model_name::{provider}::{model}');
    expect(tz.api.requestId).toEqual({ where: 'body', field: 'id' });
    expect(tz.api.cost).toEqual({ where: 'body', field: 'usage.tensorzero_cost', streaming: 'stream-final-chunk' });
    expect(tz.api.note).toMatch(/null unless cost rules are configured/);
  });

  it('the vendor benchmark: 0.94 ms p99 at 10,000 QPS, cited to the vendor page; capacity 10,000/s on 4 vCPU', () => {
    const p99 = tz.latency.find((l) => l.stat === 'p99' && l.measuredBy === 'vendor')!;
    expect(p99.valueMs).toBe(0.94);
    expect(sourceOf(p99.source).publisher).toBe('vendor');
    expect(tz.decision.capacity).toMatchObject({ requestsPerSecond: 10_000, instance: '4 vCPU / 8 GiB (c7i.xlarge)' });
    const busbar = tz.latency.find((l) => l.measuredBy === 'third-party')!;
    expect(busbar.valueMs).toBe(40.948);
    expect(busbar.note).toMatch(/Busbar, a competing gateway vendor/);
  });

  it('usage analytics pitfall applies when data must stay private, not for standard data control', () => {
    const when = pitfall('tensorzero', 'tensorzero-usage-analytics')!.when;
    expect(when).toEqual([{ answer: 'dataControl', in: ['zero-retention', 'own-infrastructure'] }]);
    expect(watchOutIds({ hosting: 'self-hosted', dataControl: 'own-infrastructure' }, 'tensorzero')).toContain('tensorzero-usage-analytics');
    expect(watchOutIds({ hosting: 'self-hosted', dataControl: 'standard' }, 'tensorzero')).not.toContain('tensorzero-usage-analytics');
  });

  it('the ClickHouse threshold is 100 inferences a second over 30 days', () => {
    const at = pitfall('tensorzero', 'tensorzero-clickhouse-at-scale')!.when.find((c) => c.answer === 'monthlyRequests')!;
    // 100 per second × 86,400 s × 30 days = 259,200,000.
    expect(at.atLeast).toBe(259_200_000);
  });
});
