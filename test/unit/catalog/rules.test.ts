import { describe, expect, it } from 'vitest';
import { facts, validateCatalog } from '../../../src/catalog/validate.js';
import { fact, makeGateway } from '../../helpers/builders.js';

/** The cross-field rules' exact words where a list can be empty, which deployments they apply to, and what a fact is. */
const now = new Date('2026-11-25T12:00:00Z');
type GatewayInput = ReturnType<typeof makeGateway>;
const catalogOf = (g: GatewayInput) => ({
  version: 'test',
  sources: [{ id: 'src', title: 'Test source', url: 'https://example.com/src', publisher: 'vendor' }],
  gateways: [g],
});
const check = (g: GatewayInput) => {
  const r = validateCatalog(catalogOf(g), now);
  return r.ok ? { issues: [], warnings: r.warnings } : { issues: r.issues, warnings: [] };
};

describe('what counts as a fact', () => {
  it('an object with both a source and a checked date, at its JSON path; no status means verified', () => {
    const found = [...facts({ a: { source: 's', checked: 'd' }, b: [{ x: 1 }, { source: 't', checked: 'e', status: 'unverified' }], c: { source: 'only' }, d: { checked: 'only' } }, '')];
    expect(found.map((f) => [f.path, f.source, f.checked, f.status])).toEqual([
      ['a', 's', 'd', 'verified'],
      ['b[1]', 't', 'e', 'unverified'],
    ]);
    expect([...facts([{ source: 's', checked: 'd' }], 'root')].map((f) => f.path)).toEqual(['root[0]']);
  });
});

describe('references to components and plans name what exists, or "none"', () => {
  const bare = (over: Partial<GatewayInput>) => makeGateway('a', { operations: { burden: 'none', components: [], ...fact }, ...over });

  it('a feature needing a component not run', () => {
    const g = bare({});
    g.features.budgets = { level: 'yes', requires: ['db'], requiresAnyOf: ['redis', 'memory'], ...fact };
    expect(check(g).issues.map((i) => [i.path, i.message])).toEqual([
      ['gateways[0].features.budgets.requires', '"db" is not in operations.components (none)'],
      ['gateways[0].features.budgets.requiresAnyOf', 'the first alternative, "redis", is the one costed and must be in operations.components (none)'],
    ]);
    const run = makeGateway('a', { operations: { burden: 'low', components: ['proxy', 'db'], ...fact } });
    run.features.budgets = { level: 'yes', requires: ['db', 'queue'], ...fact };
    expect(check(run).issues.map((i) => i.message)).toEqual(['"queue" is not in operations.components (proxy, db)']);
  });

  it('the lists, when there is something to list', () => {
    const g = makeGateway('a', { operations: { burden: 'low', components: ['proxy', 'db'], ...fact }, decision: { licencePlan: 'gold' } });
    g.features.budgets = { level: 'yes', requiresAnyOf: ['redis', 'db'], ...fact };
    g.pricing.plans = [{ id: 'free', name: 'Free', monthlyUsd: 0, ...fact }, { id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact }];
    g.pricing.fees.push({ id: 'f', label: 'fee', basis: 'requests', appliesWhen: 'always', usdPerMillion: 1, plan: 'gold', ...fact, status: 'verified' });
    expect(check(g).issues.map((i) => i.message)).toEqual([
      'the first alternative, "redis", is the one costed and must be in operations.components (proxy, db)',
      'unknown plan "gold" (plans: free, paid)',
      'unknown plan "gold" (plans: free, paid)',
    ]);
  });

  it('a fee or a licence on a plan that does not exist, when there are no plans', () => {
    const g = bare({ decision: { licencePlan: 'gold' } });
    g.pricing.fees.push({ id: 'f', label: 'fee', basis: 'requests', appliesWhen: 'always', usdPerMillion: 1, plan: 'gold', ...fact, status: 'verified' });
    expect(check(g).issues.map((i) => i.message)).toEqual(['unknown plan "gold" (plans: none)', 'unknown plan "gold" (plans: none)']);
  });
});

describe('self-hosting prices are checked only where self-hosting is offered', () => {
  const hosted = (level: 'yes' | 'partial' | 'planned' | 'no') =>
    makeGateway('a', {
      deployment: { selfHosted: { level, ...fact }, managed: { level: 'yes', ...fact } },
      operations: { burden: 'moderate', components: ['proxy', 'db'], ...fact },
      decision: { components: { proxy: 'instance' }, capacity: { requestsPerSecond: 100, instance: '2 vCPU', ...fact } },
    });

  it('a component with no price is a warning for a gateway you can run', () => {
    for (const level of ['yes', 'partial'] as const) {
      expect(check(hosted(level)).warnings).toEqual([
        { path: 'gateways[0].decision.components', message: '"db" has no price (instance, postgres, redis or none): the cost model leaves it out of self-hosting costs' },
      ]);
    }
  });

  it('every unpriced component is named', () => {
    const g = hosted('yes');
    g.operations = { ...g.operations, components: ['proxy', 'db', 'cache'] };
    expect(check(g).warnings.map((w) => w.message)).toEqual(['"db", "cache" has no price (instance, postgres, redis or none): the cost model leaves it out of self-hosting costs']);
  });

  it('nothing to say where self-hosting is only planned or not offered', () => {
    expect(check(hosted('planned')).warnings).toEqual([]);
    expect(check(hosted('no')).warnings).toEqual([]);
  });
});

describe('lastVerified', () => {
  it('must be no later than the oldest check, wherever that fact is', () => {
    // the first fact (deployment.selfHosted) is the newest; the oldest (2026-11-01) comes later in the entry
    const g = makeGateway('a', { lastVerified: '2026-11-05' });
    g.deployment.selfHosted = { ...g.deployment.selfHosted, checked: '2026-11-20' };
    expect(check(g).issues).toEqual([
      { path: 'gateways[0].lastVerified', message: '2026-11-05 is later than the oldest fact check (2026-11-01); lastVerified must be the oldest "checked" date' },
    ]);
  });
});
