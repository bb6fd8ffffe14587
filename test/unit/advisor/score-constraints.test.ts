import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { advise } from '../../../src/advisor/score.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

const selfHostable = makeGateway('selfy', {
  deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'enterprise-only', ...fact } },
  operations: { burden: 'moderate', components: ['proxy', 'postgres'], ...fact },
  levels: { fallbacks: 'yes', budgets: 'yes', 'exact-cache': 'yes', 'data-residency': 'yes', byok: 'yes' },
});
const managed = makeGateway('cloud', { levels: { 'managed-billing': 'yes', 'exact-cache': 'yes', byok: 'yes' } });
const noManaged = makeGateway('diy', { deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } } });
const catalog = makeCatalog([selfHostable, managed, noManaged]);

const run = (a: PartialAnswers) => advise(catalog, mergeAnswers(a));
const eligible = (a: PartialAnswers) => run(a).ranking.filter((r) => r.eligible).map((r) => r.gateway).sort();

describe('hard constraints', () => {
  it.each([
    ['hosting self-hosted leaves only self-hostable gateways', { hosting: 'self-hosted' }, ['diy', 'selfy']],
    ['own-infrastructure leaves only self-hostable gateways', { dataControl: 'own-infrastructure' }, ['diy', 'selfy']],
    ['hosting managed drops gateways offered only for self-hosting', { hosting: 'managed' }, ['cloud', 'selfy']],
    ['hosting either excludes nothing', { hosting: 'either' }, ['cloud', 'diy', 'selfy']],
  ] as const)('%s', (_name, answers, expected) => {
    expect(eligible(answers as PartialAnswers)).toEqual(expected);
  });

  it('says why a gateway is excluded, citing the answer and the fact', () => {
    const cloud = run({ hosting: 'self-hosted' }).ranking.find((r) => r.gateway === 'cloud')!;
    expect(cloud.eligible).toBe(false);
    expect(cloud.excludedBecause[0]).toMatchObject({ answer: 'hosting=self-hosted', source: 'src' });
  });

  it('never recommends an excluded gateway, and says so when nothing is eligible', () => {
    const only = makeCatalog([managed]);
    const advice = advise(only, mergeAnswers({ hosting: 'self-hosted' }));
    expect(advice.recommendation.gateway).toBeNull();
    expect(advice.recommendation.confidence).toBe('none');
    expect(advice.recommendation.reasons.length).toBeGreaterThan(0);
  });
});

describe('soft criteria', () => {
  it('is deterministic', () => {
    expect(run({ caching: 'exact' })).toEqual(run({ caching: 'exact' }));
  });

  it('ranks eligible gateways first, even below an excluded one\'s score', () => {
    const r = run({ hosting: 'self-hosted' }).ranking;
    expect(r.map((x) => [x.gateway, x.eligible])).toEqual([['selfy', true], ['diy', true], ['cloud', false]]);
    // A managed gateway with everything wanted outscores a bare self-hosted one, yet ranks after it.
    const full = makeGateway('full', { levels: { fallbacks: 'yes', budgets: 'yes' } });
    const bare = makeGateway('bare', { deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } } });
    const both = advise(makeCatalog([full, bare]), mergeAnswers({ hosting: 'self-hosted', needs: ['fallbacks', 'budgets'] })).ranking;
    expect(both.map((x) => x.gateway)).toEqual(['bare', 'full']);
    expect(both[1]!.score).toBeGreaterThan(both[0]!.score);
  });

  it('rewards a needed feature and ties every reason to an answer', () => {
    const withNeed = run({ needs: ['budgets'] }).ranking.find((r) => r.gateway === 'selfy')!;
    const reason = withNeed.reasons.find((x) => x.criterion === 'needs')!;
    expect(reason).toMatchObject({ answer: 'needs includes budgets', effect: 'for', source: 'src' });
  });

  it('without provider keys, prefers a gateway that sells model access', () => {
    expect(run({ ownProviderKeys: false, hosting: 'either', opsCapacity: 'dedicated' }).recommendation.gateway).toBe('cloud');
  });

  it('with no ops capacity, penalises a gateway you must operate', () => {
    const r = run({ opsCapacity: 'none', needs: [] }).ranking;
    const selfy = r.find((x) => x.gateway === 'selfy')!;
    const cloud = r.find((x) => x.gateway === 'cloud')!;
    expect(selfy.reasons.find((x) => x.criterion === 'operations')?.effect).not.toBe('for');
    expect(cloud.reasons.find((x) => x.criterion === 'operations')?.effect).toBe('for');
  });

  it('shows a pitfall only when its conditions hold for the answers', () => {
    const withPitfall = makeCatalog([
      makeGateway('p', { pitfalls: [{ id: 'needs-redis', title: 'Redis', detail: 'Budgets need Redis', severity: 'warn', when: [{ answer: 'needs', includes: 'budgets' }], ...fact }] }),
    ]);
    expect(advise(withPitfall, mergeAnswers({ needs: ['budgets'] })).recommendation.watchOuts.map((w) => w.id)).toEqual(['needs-redis']);
    expect(advise(withPitfall, mergeAnswers({ needs: [] })).recommendation.watchOuts).toEqual([]);
  });
});

describe('stacks', () => {
  const edge = makeGateway('edge', { levels: { 'exact-cache': 'yes', 'rate-limiting': 'yes', byok: 'yes' } });
  const router = makeGateway('router', {
    deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } },
    operations: { burden: 'moderate', components: ['proxy'], ...fact },
    levels: { fallbacks: 'yes', budgets: 'yes', 'virtual-keys': 'yes', byok: 'yes' },
  });
  const stackCatalog = makeCatalog([edge, router], {
    stacks: [{ id: 'router-behind-edge', name: 'Router behind Edge', members: ['router', 'edge'], topology: 'app → router → edge → provider', contributes: [{ gateway: 'edge', features: ['exact-cache', 'rate-limiting'] }], why: 'edge caching in front of routing', ...fact }],
  });

  it('recommends the stack when it serves better than any single gateway', () => {
    const a = mergeAnswers({ caching: 'exact', opsCapacity: 'dedicated', needs: ['fallbacks', 'budgets', 'virtual-keys', 'rate-limiting'] });
    const advice = advise(stackCatalog, a);
    expect(advice.recommendation.stack).toEqual(['router', 'edge']);
    expect(advice.recommendation.gateway).toBe('router');
    expect(advice.recommendation.topology).toContain('edge');
  });

  it('charges a stack 5 points for its extra moving parts', () => {
    const a = mergeAnswers({ caching: 'none', needs: ['fallbacks'] });
    const advice = advise(stackCatalog, a);
    const router = advice.ranking.find((r) => r.gateway === 'router')!;
    // Nothing the edge contributes is wanted, so the stack is the router seen as one system, less 5 points.
    expect(advice.stacks[0]!.score).toBe(router.score - 5);
    expect(advice.stacks[0]!.reasons.find((r) => r.criterion === 'stack')).toEqual({ criterion: 'stack', answer: '-', effect: 'against', weight: 0, text: '−5 points: 2 systems to configure, secure and monitor' });
    expect(advice.recommendation.stack).toEqual(['router']);
  });

  it('drops a stack when a member is excluded', () => {
    expect(advise(stackCatalog, mergeAnswers({ hosting: 'self-hosted' })).stacks).toEqual([]);
  });
});
