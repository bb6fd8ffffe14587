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
    ['an unknown licence plan', (c: Json) => Object.assign(c.gateways[0]!, { decision: { licencePlan: 'gold' } }), 'gateways[0].decision.licencePlan', /unknown plan "gold"/],
    ['a priced component that is not run', (c: Json) => Object.assign(c.gateways[0]!, { decision: { components: { mysql: 'postgres' } } }), 'gateways[0].decision.components.mysql', /"mysql" is not in operations.components/],
    ['a limit rule for an unknown limit', (c: Json) => Object.assign(c.gateways[0]!, { decision: { limits: [{ limit: 'rpm', counts: 'requests', windowSeconds: 60, scope: 'key', appliesWhen: 'always' }] } }), 'gateways[0].decision.limits[0].limit', /unknown limit "rpm"/],
    [
      'a way past a limit through an unknown plan or limit',
      (c: Json) => {
        c.gateways[0]!.pricing!.limits!.push({ id: 'rpm', label: 'RPM', value: 60, unit: 'requests', ...fact });
        Object.assign(c.gateways[0]!, { decision: { limits: [{ limit: 'rpm', counts: 'requests', windowSeconds: 60, scope: 'key', appliesWhen: 'always', pastBy: [{ plan: 'gold' }, { scaleOut: ['keys'] }] }] } });
      },
      'gateways[0].decision.limits[0].pastBy[0].plan',
      /unknown plan "gold"/,
    ],
    ['a limit rule with a bad window', (c: Json) => Object.assign(c.gateways[0]!, { decision: { limits: [{ limit: 'x', counts: 'requests', windowSeconds: 0, scope: 'key', appliesWhen: 'always' }] } }), 'gateways[0].decision.limits[0].windowSeconds', /too small|>0/i],
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

  it('warns when a self-hostable gateway\'s components have no price or its instances no capacity', () => {
    const c = structuredClone(base()) as Json;
    Object.assign(c.gateways[0]!, {
      deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } },
      operations: { burden: 'moderate', components: ['proxy', 'db'], ...fact },
      decision: { components: { proxy: 'instance' } },
    });
    const r = validateCatalog(c, now);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => [w.path, w.message])).toEqual([
      ['gateways[0].decision.components', '"db" has no price (instance, postgres, redis or none): the cost model leaves it out of self-hosting costs'],
      ['gateways[0].decision.capacity', 'no capacity per instance: self-hosting is sized at the minimum instance count unless --rps-per-instance is given'],
    ]);
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

describe('catalog rules, one by one', () => {
  const fee = (over: Record<string, unknown> = {}) => ({ id: 'f', label: 'Fee', basis: 'monthly-flat', appliesWhen: 'always', usdFlat: 1, ...fact, ...over });
  it.each<[string, (c: Json) => void, [string, string][]]>([
    ['duplicate fee, plan, limit and pitfall ids', (c) => {
      const g = c.gateways[0]! as Record<string, any>;
      g.pricing.fees.push(fee(), fee());
      g.pricing.plans.push({ id: 'p', name: 'P', monthlyUsd: 0, ...fact }, { id: 'p', name: 'P', monthlyUsd: 0, ...fact });
      g.pricing.limits.push({ id: 'l', label: 'L', value: 1, unit: 'x', ...fact }, { id: 'l', label: 'L', value: 1, unit: 'x', ...fact });
      g.pitfalls.push({ id: 'x', title: 't', detail: 'd', severity: 'info', ...fact }, { id: 'x', title: 't', detail: 'd', severity: 'info', ...fact });
    }, [
      ['gateways[0].pricing.fees[1].id', 'duplicate id "f" (first used at gateways[0].pricing.fees[0])'],
      ['gateways[0].pricing.plans[1].id', 'duplicate id "p" (first used at gateways[0].pricing.plans[0])'],
      ['gateways[0].pricing.limits[1].id', 'duplicate id "l" (first used at gateways[0].pricing.limits[0])'],
      ['gateways[0].pitfalls[1].id', 'duplicate id "x" (first used at gateways[0].pitfalls[0])'],
    ]],
    ['duplicate source and stack ids', (c) => {
      (c as Record<string, any>).sources.push({ id: 'src', title: 'Again', url: 'https://example.com/again', publisher: 'vendor' });
      (c as Record<string, any>).stacks = [0, 1].map(() => ({ id: 's', name: 'S', members: ['a', 'b'], topology: 't', contributes: [], why: 'w', ...fact }));
    }, [
      ['sources[1].id', 'duplicate id "src" (first used at sources[0])'],
      ['stacks[1].id', 'duplicate id "s" (first used at stacks[0])'],
    ]],
    ['a fee on an unknown plan, with no plans at all', (c) => (c.gateways[0] as Record<string, any>).pricing.fees.push(fee({ plan: 'gold' })), [['gateways[0].pricing.fees[0].plan', 'unknown plan "gold" (plans: none)']]],
    ['a limit on an unknown plan', (c) => (c.gateways[0] as Record<string, any>).pricing.limits.push({ id: 'l', label: 'L', value: 1, unit: 'x', plan: 'gold', ...fact }), [['gateways[0].pricing.limits[0].plan', 'unknown plan "gold"']]],
    ['a smallest deployment with a component the gateway does not run', (c) => Object.assign(c.gateways[0]!, { operations: { burden: 'low', components: ['proxy'], base: { burden: 'low', components: ['proxy', 'db'] }, ...fact } }), [['gateways[0].operations.base.components', '"db" is not in operations.components']]],
    ['a feature requiring a component, listing the known ones', (c) => Object.assign(c.gateways[0]!, { operations: { burden: 'low', components: ['proxy', 'db'], ...fact }, features: { ...(c.gateways[0] as Record<string, any>).features, sso: { level: 'yes', requires: ['redis'], ...fact } } }), [['gateways[0].features.sso.requires', '"redis" is not in operations.components (proxy, db)']]],
    ['a stack member contributing while not a member', (c) => ((c as Record<string, any>).stacks = [{ id: 's', name: 'S', members: ['a', 'b'], topology: 't', contributes: [{ gateway: 'c', features: ['sso'] }], why: 'w', ...fact }]), [['stacks[0].contributes[0].gateway', '"c" is not a member of this stack']]],
    ['a way past a limit through an unknown limit, listing the known ones', (c) => {
      const g = c.gateways[0]! as Record<string, any>;
      g.pricing.limits.push({ id: 'rpm', label: 'RPM', value: 60, unit: 'requests', ...fact });
      g.decision = { limits: [{ limit: 'rpm', counts: 'requests', windowSeconds: 60, scope: 'key', appliesWhen: 'always', pastBy: [{ scaleOut: ['rpm', 'keys'] }] }] };
    }, [['gateways[0].decision.limits[0].pastBy[0].scaleOut[1]', 'unknown limit "keys" (pricing.limits: rpm)']]],
    ['an unknown licence plan, with no plans at all', (c) => Object.assign(c.gateways[0]!, { decision: { licencePlan: 'gold' } }), [['gateways[0].decision.licencePlan', 'unknown plan "gold" (plans: none)']]],
  ])('%s', (_name, mutate, expected) => {
    expect(problems(mutate).map((i) => [i.path, i.message])).toEqual(expected);
  });

  it('warns about a source no fact cites', () => {
    const c = structuredClone(base()) as Json;
    (c as Record<string, any>).sources.push({ id: 'spare', title: 'Spare', url: 'https://example.com/spare', publisher: 'vendor' });
    expect(validateCatalog(c, now).warnings).toEqual([{ path: 'sources[1]', message: 'source "spare" is not cited by any fact' }]);
  });

  it('finds facts at any depth, in arrays too', () => {
    const issues = problems((c) => {
      (c.gateways[1] as Record<string, any>).pitfalls.push({ id: 'x', title: 't', detail: 'd', severity: 'info', source: 'nowhere', checked: '2026-11-01' });
      (c.gateways[1] as Record<string, any>).api.source = 'elsewhere';
    });
    expect(issues.map((i) => i.path)).toEqual(['gateways[1].api.source', 'gateways[1].pitfalls[0].source']);
  });

  it('lastVerified may equal the oldest check; data exactly 180 days old is not yet stale', () => {
    const c = structuredClone(base()) as Json;
    const day = new Date(now.getTime() - STALE_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
    const r = validateCatalog(JSON.parse(JSON.stringify(c).replaceAll('2026-11-01', day)), now);
    expect(r).toMatchObject({ ok: true, warnings: [] });
  });

  it('the catalog\'s freshness is its stalest gateway\'s', () => {
    const c = structuredClone(base()) as Json;
    const older = JSON.parse(JSON.stringify(c.gateways[1]).replaceAll('2026-11-01', '2026-10-01'));
    const r = validateCatalog({ ...c, gateways: [c.gateways[0], older] }, now);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(catalogLastVerified(r.value)).toBe('2026-10-01');
  });
});
