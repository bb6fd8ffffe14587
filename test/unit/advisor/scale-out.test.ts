import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { gatewaySetup } from '../../../src/advisor/eligibility.js';
import { burdenSteps, scaleOutOf, scaleOutSteps, scaleOutWhy, SCALE_OUT_STEP_PER_EXTRA_SCOPE } from '../../../src/advisor/scale-out.js';
import { advise } from '../../../src/advisor/score.js';
import { gatewaySubject, stackSubject } from '../../../src/advisor/subject.js';
import { workloadFor } from '../../../src/advisor/workload.js';
import type { CatalogInput } from '../../../src/catalog/schema.js';
import { burdenFactorAt } from '../../../src/cost/lines/ops.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

type GatewayInput = CatalogInput['gateways'][number];

/**
 * An edge gateway with round figures: credits carry 100 requests per 60 s per gateway, up to 20 gateways; a second
 * limit, 50 requests per 60 s per key, passed by up to 40 keys. 100 per 60 s at peak factor 3 is
 * R ÷ 2,592,000 × 60 × 3 = 100 → R = 1,440,000 requests a month per gateway (720,000 per key).
 */
const edge = (over: Partial<GatewayInput> = {}): GatewayInput =>
  makeGateway('edge', {
    levels: { 'managed-billing': 'yes', 'exact-cache': 'yes' },
    operations: { burden: 'low', components: [], ...fact },
    pricing: {
      tokenMarkupPercent: { value: 0, ...fact },
      fees: [],
      plans: [{ id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact }],
      limits: [
        { id: 'rate', label: 'Credit rate', value: 100, unit: 'requests', per: '60 s per gateway', ...fact },
        { id: 'key-rate', label: 'Key rate', value: 50, unit: 'requests', per: '60 s per key', ...fact },
        { id: 'gateways', label: 'Gateways', value: 20, unit: 'gateways', per: 'account', ...fact },
        { id: 'keys', label: 'Keys', value: 40, unit: 'keys', per: 'account', ...fact },
        { id: 'daily', label: 'Daily', value: 1_000, unit: 'requests', ...fact },
      ],
    },
    decision: {
      limits: [
        { limit: 'rate', counts: 'requests', windowSeconds: 60, scope: 'gateway', appliesWhen: 'managed-billing', pastBy: [{ scaleOut: ['gateways'] }] },
        { limit: 'daily', counts: 'requests', windowSeconds: 86_400, scope: 'account', appliesWhen: 'managed-billing', pastBy: [{ plan: 'paid' }] },
      ],
    },
    ...over,
  });
const ONE_GATEWAY = 1_440_000;
const setupOf = (g: GatewayInput, a: PartialAnswers) => {
  const gw = makeCatalog([g]).gateways[0]!;
  const answers = mergeAnswers({ ownProviderKeys: false, needs: [], ...a });
  return { gw, answers, member: gatewaySetup(gw, answers, workloadFor(answers)).members[0]! };
};

describe('which scale-out a member needs', () => {
  it('none while the load fits one scope, and none for a limit passed by a plan', () => {
    // 1,440,000 fits one gateway; 1,000 a day is passed by the Paid plan, not by more scopes
    expect(setupOf(edge(), { monthlyRequests: ONE_GATEWAY }).member.limits.map((c) => [c.outcome, c.way])).toEqual([['fits', undefined], ['past', { plan: 'paid' }]]);
    expect(scaleOutOf(setupOf(edge(), { monthlyRequests: ONE_GATEWAY }).member.limits)).toBeUndefined();
  });

  it('the scopes of the one limit past by scale-out: 3 × 1,440,000 requests need 3 gateways', () => {
    const s = scaleOutOf(setupOf(edge(), { monthlyRequests: 3 * ONE_GATEWAY }).member.limits)!;
    expect(s).toMatchObject({ scopes: 3, scope: 'gateway', check: { limit: { id: 'rate' } } });
  });

  it('the widest of two: 3 gateways or 6 keys (3 × 1,440,000 ÷ 720,000) → the 6 keys, whichever is listed first', () => {
    type Rule = NonNullable<NonNullable<GatewayInput['decision']>['limits']>[number];
    const keyRule: Rule = { limit: 'key-rate', counts: 'requests', windowSeconds: 60, scope: 'key', appliesWhen: 'managed-billing', pastBy: [{ scaleOut: ['keys'] }] };
    const rules = edge().decision!.limits!;
    for (const order of [[...rules, keyRule], [keyRule, ...rules]]) {
      const s = scaleOutOf(setupOf(edge({ decision: { limits: order } }), { monthlyRequests: 3 * ONE_GATEWAY }).member.limits)!;
      expect(s).toMatchObject({ scopes: 6, scope: 'key' });
    }
  });
});

describe('which scale-out a member needs: ties and log events', () => {
  type Rule = NonNullable<NonNullable<GatewayInput['decision']>['limits']>[number];
  it('on a tie the limit listed first is the one cited: 3 gateways either way', () => {
    // A second per-gateway limit of the same 100 per 60 s: both need 3 gateways at 3 × 1,440,000
    const twin: Rule = { limit: 'key-rate', counts: 'log-events', windowSeconds: 60, scope: 'gateway', appliesWhen: 'managed-billing', pastBy: [{ scaleOut: ['gateways'] }] };
    const limits = edge().pricing.limits.map((l) => (l.id === 'key-rate' ? { ...l, label: 'Log rate', value: 100 } : l));
    const rules = edge().decision!.limits!;
    const first = (order: Rule[]) => scaleOutOf(setupOf(edge({ pricing: { ...edge().pricing, limits }, decision: { limits: order } }), { monthlyRequests: 3 * ONE_GATEWAY }).member.limits)!;
    expect(first([...rules, twin]).check.limit.id).toBe('rate');
    expect(first([twin, ...rules]).check.limit.id).toBe('key-rate');
    // counted in log events, and said so
    expect(scaleOutWhy(first([twin, ...rules]))).toBe('3 gateways (Log rate is 100 log events per 60 s per gateway)');
    expect(scaleOutWhy(first([...rules, twin]))).toBe('3 gateways (Credit rate is 100 requests per 60 s per gateway)');
  });
});

describe('burden in steps', () => {
  it('is none 0, low 1, moderate 2, high 3, plus 0.2 per extra scope', () => {
    expect(SCALE_OUT_STEP_PER_EXTRA_SCOPE).toBe(0.2);
    expect([burdenSteps('none', undefined), burdenSteps('low', undefined), burdenSteps('moderate', undefined), burdenSteps('high', undefined)]).toEqual([0, 1, 2, 3]);
    const s = scaleOutOf(setupOf(edge(), { monthlyRequests: 6 * ONE_GATEWAY }).member.limits)!;
    // 6 gateways: 5 extra × 0.2 = 1 step
    expect(burdenSteps('low', s)).toBeCloseTo(2, 12);
    expect(scaleOutSteps(s)).toBe('+1 burden steps, 0.2 for each of 5 extra gateways');
  });

  it('the ops hours factor: the burden factors at whole steps, straight lines between, high\'s slope beyond', () => {
    expect([0, 1, 2, 3].map(burdenFactorAt)).toEqual([0, 0.125, 1, 1.5]);
    // half-way: 0.0625, 0.5625, 1.25; beyond high at 0.5 a step: 3.4 → 1.7, 5 → 2.5
    expect(burdenFactorAt(0.5)).toBeCloseTo(0.0625, 12);
    expect(burdenFactorAt(1.5)).toBeCloseTo(0.5625, 12);
    expect(burdenFactorAt(2.5)).toBeCloseTo(1.25, 12);
    expect(burdenFactorAt(3.4)).toBeCloseTo(1.7, 12);
    expect(burdenFactorAt(5)).toBeCloseTo(2.5, 12);
  });
});

describe('in the score', () => {
  const ops = (a: PartialAnswers) =>
    advise(makeCatalog([edge()]), mergeAnswers({ ownProviderKeys: false, needs: [], ...a })).ranking[0]!.reasons.find((r) => r.criterion === 'operations')!;

  it('a no-ops team: 11 gateways (2 extra steps) put a low burden at 3 steps, 2 past capacity: 1 − 0.9 = 0.1, against', () => {
    // 11 × 1,440,000 = 15,840,000 requests → 11 gateways; 1 + 10 × 0.2 = 3 steps; capacity none = 1
    const r = ops({ monthlyRequests: 11 * ONE_GATEWAY, opsCapacity: 'none' });
    expect(r.effect).toBe('against');
    expect(r.text).toBe(
      'Your ops capacity is none: running EDGE as you need it is a low burden; at this volume it takes 11 gateways (Credit rate is 100 requests per 60 s per gateway): routing in your clients to split the traffic (and retry a 429 on another gateway), and 11 separate caches, sets of logs, rate limits and spend limits to keep in step (+2 burden steps, 0.2 for each of 10 extra gateways)',
    );
  });

  it('a burden of none still gains the scale-out steps: 6 gateways are 1 step, within a no-ops team\'s capacity', () => {
    const none = makeCatalog([edge({ operations: { burden: 'none', components: [], ...fact } })]);
    const r = advise(none, mergeAnswers({ ownProviderKeys: false, needs: [], monthlyRequests: 6 * ONE_GATEWAY, opsCapacity: 'none' })).ranking[0]!;
    const o = r.reasons.find((x) => x.criterion === 'operations')!;
    expect(o.effect).toBe('for');
    expect(o.text).toMatch(/^Your ops capacity is none: EDGE leaves you nothing to run; at this volume it takes 6 gateways/);
  });
});

describe('in a stack: the heaviest member counts, with its scale-out', () => {
  const c = makeCatalog([
    edge(),
    makeGateway('proxy', { operations: { burden: 'moderate', components: ['proxy'], ...fact } }),
  ]);
  const seen = (monthlyRequests: number) => {
    const answers = mergeAnswers({ ownProviderKeys: false, needs: [], monthlyRequests });
    return c.gateways.map((g) => gatewaySubject(gatewaySetup(g, answers, workloadFor(answers)).members[0]!));
  };
  const stack = (monthlyRequests: number) => {
    const [e, p] = seen(monthlyRequests);
    return stackSubject({ id: 's', name: 'S', members: ['proxy', 'edge'], topology: 't', contributes: [], why: 'w', ...fact, status: 'verified' }, [p!, e!], new Map()).operations(mergeAnswers({}));
  };

  it('6 edge gateways (1 + 5 × 0.2 = 2 steps) tie the moderate proxy: the earlier member, the proxy, is cited', () => {
    expect(stack(6 * ONE_GATEWAY)).toMatchObject({ burden: { value: 'moderate', gateway: 'proxy' }, scaleOut: undefined });
  });

  it('7 edge gateways (2.2 steps) outweigh it: the edge member and its scale-out count', () => {
    const o = stack(7 * ONE_GATEWAY);
    expect(o.burden).toMatchObject({ value: 'low', gateway: 'edge' });
    expect(o.scaleOut).toMatchObject({ scopes: 7, scope: 'gateway' });
  });
});
