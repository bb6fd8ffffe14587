import { describe, expect, it } from 'vitest';
import { effectiveOperations } from '../../../src/catalog/operations.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

const [proxy] = makeCatalog([
  makeGateway('proxy', {
    operations: { burden: 'high', components: ['proxy', 'postgres', 'redis'], base: { burden: 'moderate', components: ['proxy'] }, ...fact },
    levels: { fallbacks: 'yes', budgets: 'yes', 'exact-cache': 'yes' },
  }),
]).gateways;

const withFeatures = structuredClone(proxy!);
withFeatures.features.budgets!.requires = ['postgres', 'redis'];
withFeatures.features['exact-cache']!.requires = ['redis'];
withFeatures.features.sso!.requires = ['postgres']; // sso is "no" here

describe('effective operations', () => {
  it.each([
    [[], 'moderate', ['proxy'], true],
    [['fallbacks'], 'moderate', ['proxy'], true],
    [['exact-cache'], 'high', ['proxy', 'redis'], false],
    [['budgets'], 'high', ['proxy', 'postgres', 'redis'], false],
    [['sso'], 'moderate', ['proxy'], true], // a feature it lacks requires nothing
  ] as const)('wanting %j takes a %s burden running %j', (wanted, burden, components, minimal) => {
    const eff = effectiveOperations(withFeatures, wanted);
    expect(eff).toMatchObject({ burden, components, minimal });
  });

  it('says which features pull in each component', () => {
    expect(effectiveOperations(withFeatures, ['budgets', 'exact-cache']).requiredBy).toEqual({ postgres: ['budgets'], redis: ['budgets', 'exact-cache'] });
  });

  it('of alternatives (requiresAnyOf), runs and names the first', () => {
    const vector = structuredClone(withFeatures);
    vector.operations.components = ['proxy', 'postgres', 'redis', 'qdrant'];
    vector.features['semantic-cache'] = { level: 'yes', requiresAnyOf: ['redis', 'qdrant'], ...fact, status: 'verified' };
    const eff = effectiveOperations(vector, ['semantic-cache', 'exact-cache']);
    expect(eff.components).toEqual(['proxy', 'redis']); // qdrant is an alternative, not a second store
    expect(eff.requiredBy).toEqual({ redis: ['semantic-cache', 'exact-cache'] });
  });

  it('without a smallest deployment, is the full one', () => {
    const full = { ...withFeatures, operations: { ...withFeatures.operations, base: undefined } };
    expect(effectiveOperations(full, [])).toMatchObject({ burden: 'high', components: ['proxy', 'postgres', 'redis'] });
  });
});

describe('effective operations: the base deployment and duplicates', () => {
  const gateway = (base: boolean) => {
    const g = makeGateway('g', {
      operations: { burden: 'high', components: ['proxy', 'postgres', 'redis'], ...(base ? { base: { burden: 'moderate', components: ['proxy', 'postgres'] } } : {}), ...fact },
      levels: { budgets: 'yes' },
    });
    g.features.budgets = { level: 'yes', requires: ['postgres', 'redis'], requiresAnyOf: ['redis', 'postgres'], ...fact };
    g.features.fallbacks = { level: 'yes', requires: ['postgres'], ...fact };
    return makeCatalog([g]).gateways[0]!;
  };

  it('a feature that needs only what the base deployment runs keeps it minimal', () => {
    expect(effectiveOperations(gateway(true), ['fallbacks'])).toEqual({ burden: 'moderate', components: ['proxy', 'postgres'], requiredBy: { postgres: ['fallbacks'] }, minimal: true });
  });

  it('without a base deployment, everything is run and nothing is minimal', () => {
    expect(effectiveOperations(gateway(false), [])).toEqual({ burden: 'high', components: ['proxy', 'postgres', 'redis'], requiredBy: {}, minimal: false });
  });

  it('a component named twice by one feature lists that feature once', () => {
    expect(effectiveOperations(gateway(true), ['budgets']).requiredBy).toEqual({ postgres: ['budgets'], redis: ['budgets'] });
  });
});
