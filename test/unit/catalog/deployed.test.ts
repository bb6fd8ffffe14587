import { describe, expect, it } from 'vitest';
import { gatewayAsDeployed, narrowPricing } from '../../../src/catalog/narrow.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

/** A gateway as run one way: the other deployment's fees, plans and limits left out, and the burden of that way. */
const both = makeCatalog([
  makeGateway('g', {
    deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'yes', ...fact } },
    operations: { burden: 'moderate', components: ['gateway', 'redis'], base: { burden: 'low', components: ['gateway'] }, managed: { burden: 'none', note: 'hosted' }, ...fact },
    decision: {
      limits: [
        { limit: 'hosted-cap', counts: 'requests', windowSeconds: 60, scope: 'account', appliesWhen: 'always', pastBy: [{ plan: 'pro' }, { scaleOut: ['hosted-cap', 'any-cap'] }] },
        { limit: 'any-cap', counts: 'requests', windowSeconds: 60, scope: 'account', appliesWhen: 'always', pastBy: [{ plan: 'pro' }, { scaleOut: ['hosted-cap', 'any-cap'] }] },
      ],
    },
    pricing: {
      tokenMarkupPercent: { value: 0, ...fact },
      fees: [
        { id: 'hosted-fee', label: 'H', basis: 'monthly-flat', usdFlat: 1, appliesWhen: 'always', deployment: 'managed', ...fact },
        { id: 'own-fee', label: 'O', basis: 'monthly-flat', usdFlat: 2, appliesWhen: 'always', deployment: 'self-hosted', ...fact },
        { id: 'any-fee', label: 'A', basis: 'monthly-flat', usdFlat: 3, appliesWhen: 'always', ...fact },
      ],
      plans: [
        { id: 'free', name: 'Free', monthlyUsd: 0, ...fact },
        { id: 'pro', name: 'Pro', monthlyUsd: 9, deployment: 'managed', ...fact },
      ],
      limits: [
        { id: 'hosted-cap', label: 'cap', value: 10, unit: 'requests', deployment: 'managed', ...fact },
        { id: 'any-cap', label: 'cap', value: 20, unit: 'requests', ...fact },
      ],
    },
  }),
]).gateways[0]!;

const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);

describe('gatewayAsDeployed', () => {
  it('managed: the hosted facts and the managed burden, with nothing to run', () => {
    const g = gatewayAsDeployed(both, 'managed');
    expect(ids(g.pricing.fees)).toEqual(['hosted-fee', 'any-fee']);
    expect(ids(g.pricing.plans)).toEqual(['free', 'pro']);
    expect(ids(g.pricing.limits)).toEqual(['hosted-cap', 'any-cap']);
    expect(g.decision.limits.map((r) => r.limit)).toEqual(['hosted-cap', 'any-cap']);
    expect(g.operations).toMatchObject({ burden: 'none', components: [], note: 'hosted' });
    expect(g.operations.base).toBeUndefined();
    expect(g.operations.managed).toBeUndefined();
  });

  it('self-hosted: the hosted plan, fee and limit gone, with the rules and ways past that read them', () => {
    const g = gatewayAsDeployed(both, 'self-hosted');
    expect(ids(g.pricing.fees)).toEqual(['own-fee', 'any-fee']);
    expect(ids(g.pricing.plans)).toEqual(['free']);
    expect(ids(g.pricing.limits)).toEqual(['any-cap']);
    // the hosted cap's rule goes; the other rule loses its way through Pro and keeps only the scope still there
    expect(g.decision.limits).toEqual([expect.objectContaining({ limit: 'any-cap', pastBy: [{ scaleOut: ['any-cap'] }] })]);
    expect(g.operations).toBe(both.operations);
  });

  it('managed without a managed burden keeps the catalog\'s operations', () => {
    const { managed: _, ...ops } = both.operations;
    const g = gatewayAsDeployed({ ...both, operations: ops }, 'managed');
    expect(g.operations).toEqual(ops);
  });
});

describe('narrowPricing', () => {
  it('drops a way past whose every scope is gone, and keeps the gateway otherwise as it was', () => {
    const g = narrowPricing(both, (f) => f.id !== 'hosted-cap' && f.id !== 'any-cap');
    expect(g.decision.limits).toEqual([]);
    expect(g.features).toBe(both.features);
    const none = narrowPricing(both, (f) => f.id !== 'hosted-cap' && f.id !== 'pro');
    expect(none.decision.limits).toEqual([expect.objectContaining({ limit: 'any-cap', pastBy: [{ scaleOut: ['any-cap'] }] })]);
  });
});
