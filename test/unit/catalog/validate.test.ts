import { describe, expect, it } from 'vitest';
import { catalogLastVerified, jsonPath, STALE_AFTER_DAYS, validateCatalog } from '../../../src/catalog/validate.js';
import { fact, makeGateway } from '../../helpers/builders.js';

const now = new Date('2026-11-25T12:00:00Z');
const base = () => ({
  version: 'test',
  sources: [{ id: 'src', title: 'Test source', url: 'https://example.com/src', publisher: 'vendor' }],
  gateways: [makeGateway('a'), makeGateway('b')],
});
type Json = ReturnType<typeof base> & Record<string, unknown>;

function problems(mutate: (c: Json) => void) {
  const c = structuredClone(base()) as Json;
  mutate(c);
  const r = validateCatalog(c, now);
  return r.ok ? [] : r.issues;
}

describe('catalog validation', () => {
  it('accepts a valid catalog', () => {
    expect(validateCatalog(base(), now)).toMatchObject({ ok: true, warnings: [] });
  });

  it.each([
    ['an unknown key', (c: Json) => Object.assign(c.gateways[0]!, { colour: 'red' }), 'gateways[0].colour', /unknown key "colour"/],
    ['an unknown feature id', (c: Json) => Object.assign(c.gateways[0]!.features!, { teleport: { level: 'yes', ...fact } }), 'gateways[0].features.teleport', /./],
    ['a bad support level', (c: Json) => Object.assign(c.gateways[1]!.features!, { sso: { level: 'maybe', ...fact } }), 'gateways[1].features.sso.level', /yes/],
    ['a fee without a number', (c: Json) => c.gateways[0]!.pricing!.fees!.push({ id: 'f', label: 'fee', basis: 'requests', appliesWhen: 'always', ...fact }), 'gateways[0].pricing.fees[0]', /needs a number/],
    ['a duplicate gateway id', (c: Json) => (c.gateways[1]!.id = 'a'), 'gateways[1].id', /duplicate id "a"/],
    ['an unknown source', (c: Json) => (c.gateways[0]!.reach!.source = 'nowhere'), 'gateways[0].reach.source', /unknown source "nowhere"/],
    ['a date in the future', (c: Json) => (c.gateways[0]!.licence!.checked = '2030-01-01'), 'gateways[0].licence.checked', /future/],
    ['a malformed date', (c: Json) => (c.gateways[0]!.licence!.checked = 'last week'), 'gateways[0].licence.checked', /date/i],
    ['lastVerified later than a fact', (c: Json) => (c.gateways[0]!.lastVerified = '2026-11-20'), 'gateways[0].lastVerified', /oldest/],
    ['a fee on an unknown plan', (c: Json) => c.gateways[0]!.pricing!.fees!.push({ id: 'f', label: 'fee', basis: 'requests', appliesWhen: 'always', usdPerMillion: 1, plan: 'gold', ...fact }), 'gateways[0].pricing.fees[0].plan', /unknown plan "gold"/],
    ['a stack with an unknown member', (c: Json) => (c.stacks = [{ id: 's', name: 'S', members: ['a', 'zzz'], topology: 't', contributes: [], why: 'w', ...fact }]), 'stacks[0].members[1]', /unknown gateway "zzz"/],
    ['a feature requiring an unknown component', (c: Json) => Object.assign(c.gateways[0]!.features!, { budgets: { level: 'yes', requires: ['mysql'], ...fact } }), 'gateways[0].features.budgets.requires', /"mysql" is not in operations.components/],
    ['an alternative component list whose first entry is not run', (c: Json) => Object.assign(c.gateways[0]!.features!, { 'semantic-cache': { level: 'yes', requiresAnyOf: ['qdrant', 'redis'], ...fact } }), 'gateways[0].features.semantic-cache.requiresAnyOf', /"qdrant", is the one costed and must be in operations.components/],
    ['a source at a site\'s front page', (c: Json) => (c.sources[0]!.url = 'https://kalviumlabs.ai'), 'sources[0].url', /front page/],
    ['a source at a repository root', (c: Json) => (c.sources[0]!.url = 'https://github.com/jeremylongshore/claude-code-plugins-plus-skills'), 'sources[0].url', /repository's root/],
    ['a source at a repository folder', (c: Json) => (c.sources[0]!.url = 'https://github.com/OpenRouterTeam/docs/tree/c26125a/guides/features'), 'sources[0].url', /is a folder/],
    ['a pitfall condition with two operators', (c: Json) => c.gateways[0]!.pitfalls!.push({ id: 'p', title: 't', detail: 'd', severity: 'warn', when: [{ answer: 'needs', includes: 'sso', atLeast: 1 }], ...fact }), 'gateways[0].pitfalls[0].when[0]', /exactly one/],
  ])('reports %s with its JSON path', (_name, mutate, path, message) => {
    const issues = problems(mutate as (c: Json) => void);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)!.message).toMatch(message);
  });

  it.each([
    ['a page', 'https://developers.cloudflare.com/ai-gateway/reference/pricing/'],
    ['a file in a repository at a commit', 'https://github.com/cloudflare/cloudflare-docs/blob/0170ffd/src/content/docs/ai-gateway/reference/limits.mdx'],
    ['an issue', 'https://github.com/BerriAI/litellm/issues/24518'],
    ['an API listing', 'https://openrouter.ai/api/v1/models'],
  ])('accepts a source that is %s', (_name, url) => {
    expect(problems((c) => (c.sources[0]!.url = url))).toEqual([]);
  });

  it('warns on a verified fact that rests on a third party, not on an unverified one', () => {
    const c = structuredClone(base()) as Json;
    c.sources.push({ id: 'blog', title: 'A blog', url: 'https://blog.example.com/gateways', publisher: 'third-party' });
    c.gateways[0]!.features!.sso = { level: 'yes', source: 'blog', checked: '2026-11-01' }; // status defaults to verified
    c.gateways[0]!.features!.budgets = { level: 'yes', source: 'blog', checked: '2026-11-01', status: 'unverified' };
    const r = validateCatalog(c, now);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['gateways[0].features.sso.status']);
    expect(r.warnings[0]!.message).toMatch(/third party/);
  });

  it('does not warn on a third party’s own measurement, which is its primary source', () => {
    const c = structuredClone(base()) as Json;
    c.sources.push({ id: 'bench', title: 'A benchmark', url: 'https://github.com/someone/bench/blob/abc123/data.json', publisher: 'third-party' });
    c.gateways[0]!.latency = [{ metric: 'overhead', stat: 'p50', valueMs: 4, conditions: 'localhost', measuredBy: 'third-party', source: 'bench', checked: '2026-11-01' }];
    const r = validateCatalog(c, now);
    expect(r).toMatchObject({ ok: true, warnings: [] });
  });

  it('reports every problem, not just the first', () => {
    const issues = problems((c) => {
      c.gateways[0]!.reach!.source = 'x';
      c.gateways[1]!.reach!.source = 'y';
    });
    expect(issues).toHaveLength(2);
  });

  it('warns when data is older than the staleness limit', () => {
    const c = base();
    const old = new Date(now.getTime() - (STALE_AFTER_DAYS + 5) * 86_400_000).toISOString().slice(0, 10);
    const stale = JSON.parse(JSON.stringify(c).replaceAll('2026-11-01', old));
    const r = validateCatalog(stale, now);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['gateways[0].lastVerified', 'gateways[1].lastVerified']);
    expect(r.warnings[0]!.message).toMatch(/185 days ago/);
  });

  it('formats zod paths as JSON paths', () => {
    expect(jsonPath(['gateways', 1, 'pricing', 'fees', 0, 'percent'])).toBe('gateways[1].pricing.fees[0].percent');
    expect(jsonPath([])).toBe('(root)');
  });

  it('takes the catalog freshness from its stalest gateway', () => {
    const r = validateCatalog(base(), now);
    if (!r.ok) throw new Error('invalid');
    expect(catalogLastVerified(r.value)).toBe('2026-11-01');
  });
});
