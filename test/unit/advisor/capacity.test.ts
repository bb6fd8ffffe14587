import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { checkLimits } from '../../../src/advisor/capacity.js';
import { gatewaySetup } from '../../../src/advisor/eligibility.js';
import { workloadFor, type Workload } from '../../../src/advisor/workload.js';
import type { CatalogInput } from '../../../src/catalog/schema.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

type GatewayInput = CatalogInput['gateways'][number];

/**
 * An edge gateway shaped like the shipped Cloudflare entry, with round figures: credits limited to 100 requests
 * per 60 s per gateway (10 gateways on the free plan, 20 on the $5 paid plan); kept logs capped at 1,000 a day on
 * the free plan, billed on the paid one.
 */
const edge: GatewayInput = makeGateway('edge', {
  levels: { 'managed-billing': 'yes', observability: 'yes' },
  pricing: {
    tokenMarkupPercent: { value: 0, ...fact },
    fees: [{ id: 'logs', label: 'Logs', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 1, plan: 'paid', ...fact }],
    plans: [
      { id: 'free', name: 'Free', monthlyUsd: 0, ...fact },
      { id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact },
    ],
    limits: [
      { id: 'credit-rate', label: 'Credit request rate', value: 100, unit: 'requests', per: '60 s per gateway', ...fact },
      { id: 'gateways-free', label: 'Gateways (free)', value: 10, unit: 'gateways', per: 'account', plan: 'free', ...fact },
      { id: 'gateways-paid', label: 'Gateways (paid)', value: 20, unit: 'gateways', per: 'account', plan: 'paid', ...fact },
      { id: 'logs-free', label: 'Logs a day (free)', value: 1_000, unit: 'log events', per: 'day', plan: 'free', ...fact },
    ],
  },
  decision: {
    limits: [
      { limit: 'credit-rate', counts: 'requests', windowSeconds: 60, scope: 'gateway', appliesWhen: 'managed-billing', pastBy: [{ scaleOut: ['gateways-free', 'gateways-paid'] }] },
      { limit: 'logs-free', counts: 'log-events', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs', pastBy: [{ plan: 'paid' }] },
    ],
  },
});
const g = makeCatalog([edge]).gateways[0]!;

// 100 requests per 60 s at peak factor 3: R ÷ 2,592,000 × 3 × 60 = 100 → R = 1,440,000 a month.
const ONE_GATEWAY = 1_440_000;
const usage = (a: PartialAnswers, w: Partial<Workload> = {}) => {
  const answers = mergeAnswers({ needs: [], ...a });
  return { billing: 'managed' as const, answers, workload: workloadFor(answers, w) };
};
const check = (a: PartialAnswers, w: Partial<Workload> = {}, plans: string[] = []) => checkLimits(g, usage(a, w), new Set(plans));

describe('a per-minute limit is met at the peak rate', () => {
  it('binds only above its threshold: 1,440,000 requests a month fit one gateway, one more needs two', () => {
    expect(check({ monthlyRequests: ONE_GATEWAY })[0]).toMatchObject({ outcome: 'fits' });
    expect(check({ monthlyRequests: ONE_GATEWAY + 1 })[0]).toMatchObject({ outcome: 'past', way: { scopes: 2, plan: undefined } });
  });

  it('uses the peak factor the cost model sizes with: at factor 1.5 twice the volume fits', () => {
    expect(check({ monthlyRequests: 2 * ONE_GATEWAY }, { peakFactor: 1.5 })[0]!.outcome).toBe('fits');
    expect(check({ monthlyRequests: 2 * ONE_GATEWAY }, { peakFactor: 3 })[0]!.outcome).toBe('past');
  });

  it('spreads the load over up to 10 free gateways, then needs the paid plan for up to 20, then cannot', () => {
    expect(check({ monthlyRequests: 10 * ONE_GATEWAY })[0]).toMatchObject({ outcome: 'past', way: { scopes: 10, plan: undefined } });
    expect(check({ monthlyRequests: 10 * ONE_GATEWAY + 1 })[0]).toMatchObject({ outcome: 'past', way: { scopes: 11, plan: 'paid' } });
    expect(check({ monthlyRequests: 20 * ONE_GATEWAY })[0]).toMatchObject({ outcome: 'past', way: { scopes: 20, plan: 'paid' } });
    const over = check({ monthlyRequests: 20 * ONE_GATEWAY + 1 })[0]!;
    expect(over.outcome).toBe('exceeds');
    expect(over.text).toMatch(/that needs 21 gateways, more than the 20 allowed per account on Paid$/);
  });

  it('already on the paid plan, its allowance is yours and the way needs no plan of its own', () => {
    expect(check({ monthlyRequests: 11 * ONE_GATEWAY }, {}, ['paid'])[0]).toMatchObject({ outcome: 'past', way: { scopes: 11, plan: undefined } });
  });

  it('states the limit and the figures', () => {
    // 20,000,000 ÷ 2,592,000 × 60 = 463.0 on average, × 3 = 1,388.9 at peak → ceil(1,388.9 ÷ 100) = 14 gateways
    expect(check({ monthlyRequests: 20_000_000 })[0]!.text).toBe(
      'Credit request rate is 100 requests per 60 s per gateway; at 20,000,000 requests/month this workload sends about 1,389 requests per 60 s at peak (peak factor 3; 463 on average), so it needs 14 gateways (up to 20 per account on Paid) with the traffic split across them',
    );
  });

  it('applies only to its billing mode', () => {
    const answers = mergeAnswers({ monthlyRequests: 100 * ONE_GATEWAY, needs: [] });
    expect(checkLimits(g, { billing: 'byok', answers, workload: workloadFor(answers) }, new Set())).toEqual([]);
  });
});

describe('a per-day limit is met on average', () => {
  // 1,000 log events a day on average = 30,000 requests a month; the peak factor does not change it.
  it('fits at 30,000 requests a month whatever the peak factor, and needs the paid plan above', () => {
    const logs = (r: number, peakFactor: number) => check({ monthlyRequests: r, needs: ['observability'] }, { peakFactor }).find((c) => c.limit.id === 'logs-free')!;
    expect(logs(30_000, 10).outcome).toBe('fits');
    expect(logs(30_001, 1)).toMatchObject({ outcome: 'past', way: { plan: 'paid' } });
  });

  it('binds only when the logs are kept, i.e. observability is needed', () => {
    expect(check({ monthlyRequests: 1_000_000, needs: [] }).map((c) => c.limit.id)).toEqual(['credit-rate']);
  });

  it('binds only while you are on its plan', () => {
    expect(check({ monthlyRequests: 1_000_000, needs: ['observability'] }, {}, ['paid']).map((c) => c.limit.id)).toEqual(['credit-rate']);
  });
});

describe('through the eligibility decision', () => {
  const setup = (a: PartialAnswers, w: Partial<Workload> = {}) => {
    const answers = mergeAnswers({ ownProviderKeys: false, needs: [], ...a });
    return gatewaySetup(g, answers, workloadFor(answers, w));
  };

  it('a way past a limit is taken, and its plan is needed', () => {
    const s = setup({ monthlyRequests: 15 * ONE_GATEWAY });
    expect(s.eligible).toBe(true);
    expect(s.members[0]).toMatchObject({ billing: 'managed', plans: ['paid'] });
  });

  it('kept logs past the free cap move you to the paid plan, where its fee applies', () => {
    expect(setup({ monthlyRequests: 1_000_000, needs: ['observability'] }).members[0]!.plans).toEqual(['paid']);
    expect(setup({ monthlyRequests: 30_000, needs: ['observability'] }).members[0]!.plans).toEqual([]);
  });

  it('when credits cannot carry the load, the tokens are billed with your keys, and that is recorded', () => {
    const s = setup({ monthlyRequests: 20 * ONE_GATEWAY + 1 });
    expect(s.eligible).toBe(true);
    expect(s.members[0]!.billing).toBe('byok');
    expect(s.members[0]!.billingShortfall?.map((c) => c.limit.id)).toEqual(['credit-rate']);
    expect(s.members[0]!.notes.join(' ')).toMatch(/managed billing cannot carry this workload/);
  });

  it('with credits forced, the gateway is excluded, naming the limit, the figures and the source', () => {
    const s = setup({ monthlyRequests: 20 * ONE_GATEWAY + 1 }, { useManagedBilling: true });
    expect(s.eligible).toBe(false);
    expect(s.exclusions).toEqual([
      expect.objectContaining({ answer: 'monthlyRequests=28800001', source: 'src', text: expect.stringMatching(/^EDGE cannot carry this load: Credit request rate is 100 requests per 60 s per gateway; .*that needs 21 gateways/) }),
    ]);
  });
});

describe('free models', () => {
  const free = makeCatalog([
    makeGateway('market', {
      levels: { 'managed-billing': 'yes' },
      pricing: {
        tokenMarkupPercent: { value: 0, ...fact },
        fees: [],
        plans: [],
        limits: [{ id: 'free-rpd', label: 'Free model requests a day', value: 1_000, unit: 'requests', per: 'day', ...fact }],
      },
      decision: { limits: [{ limit: 'free-rpd', counts: 'requests', windowSeconds: 86_400, scope: 'account', appliesWhen: 'free-models' }] },
    }),
  ]).gateways[0]!;
  const run = (r: number, freeModelShare: number) => {
    const answers = mergeAnswers({ monthlyRequests: r });
    return gatewaySetup(free, answers, workloadFor(answers, { freeModelShare }));
  };

  it('count only the share of requests sent to free models: 30% of 100,000 a month = 1,000 a day fits', () => {
    expect(run(100_000, 0.3).eligible).toBe(true);
    expect(run(100_010, 0.3).eligible).toBe(false); // 1,000.1 a day, and no way past it
    expect(run(10_000_000, 0).eligible).toBe(true);
  });
});

describe('which allowance a scale-out quotes', () => {
  type LimitInput = GatewayInput['pricing']['limits'][number];
  /**
   * The edge gateway's 100 requests per 60 s per gateway, scaled out over the given allowances (tried in the
   * order given). Free is the base plan ($0), Paid costs $5.
   */
  const scaling = (allowances: Omit<LimitInput, 'source' | 'checked' | 'unit' | 'label'>[], windowSeconds = 60) =>
    makeCatalog([
      makeGateway('edge', {
        levels: { 'managed-billing': 'yes' },
        pricing: {
          tokenMarkupPercent: { value: 0, ...fact },
          fees: [],
          plans: [
            { id: 'free', name: 'Free', monthlyUsd: 0, ...fact },
            { id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact },
          ],
          limits: [
            { id: 'credit-rate', label: 'Credit request rate', value: 100, unit: 'requests', ...fact },
            ...allowances.map((a) => ({ label: a.id, unit: 'gateways', ...a, ...fact })),
          ],
        },
        decision: {
          limits: [
            { limit: 'credit-rate', counts: 'requests', windowSeconds, scope: 'gateway', appliesWhen: 'managed-billing', pastBy: allowances.length > 0 ? [{ scaleOut: allowances.map((a) => a.id) }] : [] },
          ],
        },
      }),
    ]).gateways[0]!;
  const checkOn = (gw: typeof g, monthlyRequests: number, plans: string[] = []) => checkLimits(gw, usage({ monthlyRequests }), new Set(plans))[0]!;
  // 10 × 1,440,000 + 1 requests a month: just over 1,000 per 60 s at peak → 11 gateways.
  const ELEVEN = 10 * ONE_GATEWAY + 1;

  it('the base plan\'s allowance is quoted before a bigger one listed first on a plan you are not on', () => {
    const c = checkOn(scaling([{ id: 'gw-paid', value: 20, per: 'account', plan: 'paid' }, { id: 'gw-free', value: 15, per: 'account', plan: 'free' }]), ELEVEN);
    expect(c).toMatchObject({ outcome: 'past', way: { scopes: 11, plan: undefined, scopesLimit: { id: 'gw-free' } } });
    expect(c.text).toMatch(/so it needs 11 gateways \(up to 15 per account on Free\) with the traffic split across them$/);
  });

  it('an allowance that belongs to no plan is yours on any plan, and is quoted without one', () => {
    const c = checkOn(scaling([{ id: 'gw-paid', value: 20, per: 'account', plan: 'paid' }, { id: 'gw-any', value: 12 }]), ELEVEN);
    expect(c).toMatchObject({ outcome: 'past', way: { scopes: 11, plan: undefined, scopesLimit: { id: 'gw-any' } } });
    // no `per` → "per account"; no plan → nothing after it
    expect(c.text).toMatch(/\(up to 12 per account\) with the traffic split across them$/);
  });

  it('quotes the allowance\'s own `per`', () => {
    expect(checkOn(scaling([{ id: 'gw-zone', value: 12, per: 'zone' }]), ELEVEN).text).toMatch(/\(up to 12 per zone\)/);
  });

  it('on a plan already chosen, an allowance of exactly the gateways needed needs no other plan', () => {
    // 20 × 1,440,000 a month = 2,000 per 60 s at peak = exactly 20 gateways, Paid's allowance
    const gw = scaling([{ id: 'gw-free', value: 10, per: 'account', plan: 'free' }, { id: 'gw-paid', value: 20, per: 'account', plan: 'paid' }]);
    expect(checkOn(gw, 20 * ONE_GATEWAY, ['paid'])).toMatchObject({ outcome: 'past', way: { scopes: 20, plan: undefined, scopesLimit: { id: 'gw-paid' } } });
  });

  it('when no allowance is enough, the largest is quoted (the first of equals)', () => {
    // 20 × 1,440,000 + 1 a month → 21 gateways
    const over = 20 * ONE_GATEWAY + 1;
    expect(checkOn(scaling([{ id: 'gw-paid', value: 20, per: 'account', plan: 'paid' }, { id: 'gw-free', value: 10, per: 'account', plan: 'free' }]), over).text).toMatch(
      /: that needs 21 gateways, more than the 20 allowed per account on Paid$/,
    );
    expect(checkOn(scaling([{ id: 'gw-any', value: 20 }, { id: 'gw-paid', value: 20, per: 'account', plan: 'paid' }]), over).text).toMatch(
      /: that needs 21 gateways, more than the 20 allowed per account$/,
    );
  });

  it('names the window: an hour, a day, or its seconds', () => {
    const allow = [{ id: 'gw-any', value: 1_000 }];
    // 100 per window; 2,592,000 a month on average is 1 a second: 3,600 an hour, 86,400 a day, 900 per 900 s at peak (×3 → 2,700)
    expect(checkOn(scaling(allow, 3_600), 2_592_000).text).toMatch(/^Credit request rate is 100 requests per hour per gateway; .* about 10,800 requests per hour at peak/);
    expect(checkOn(scaling(allow, 86_400), 2_592_000).text).toMatch(/^Credit request rate is 100 requests per day per gateway; .* about 86,400 requests per day on average/);
    expect(checkOn(scaling(allow, 900), 2_592_000).text).toMatch(/^Credit request rate is 100 requests per 900 s per gateway; .* about 2,700 requests per 900 s at peak/);
  });

  it('a limit the workload stays under says so', () => {
    // 1,000,000 ÷ 2,592,000 × 60 × 3 = 69.4 per 60 s at peak, under 100
    expect(checkOn(scaling([]), 1_000_000).text).toBe(
      'Credit request rate is 100 requests per 60 s per gateway; at 1,000,000 requests/month this workload sends about 70 requests per 60 s at peak (peak factor 3; 24 on average): within the limit',
    );
  });

  // The catalog rules reject a way past that names an unknown limit or plan (src/catalog/rules.ts); a catalog that
  // skipped them must still not crash the advisor.
  it('a scale-out naming no known limit is no way past; a plan the catalog lacks is named by its id', () => {
    const ghost = scaling([]);
    const rule = { ...ghost.decision.limits[0]!, pastBy: [{ scaleOut: ['ghost'] }] };
    const c = checkLimits({ ...ghost, decision: { ...ghost.decision, limits: [rule] } }, usage({ monthlyRequests: ELEVEN }), new Set())[0]!;
    expect(c.outcome).toBe('exceeds');
    expect(c.text).toMatch(/: more than the limit, with no documented way past it$/);
    const toPlan = { ...rule, pastBy: [{ plan: 'ghost' }] };
    expect(checkLimits({ ...ghost, decision: { ...ghost.decision, limits: [toPlan] } }, usage({ monthlyRequests: ELEVEN }), new Set())[0]!.text).toMatch(/, so it needs the ghost plan, where this limit does not apply$/);
  });
});

describe('a limit on GB of logs a day', () => {
  // 0.5 GB a day on the free plan; billed per GB on the paid one
  const gb: GatewayInput = makeGateway('gb', {
    levels: { observability: 'yes' },
    pricing: {
      tokenMarkupPercent: { value: 0, ...fact },
      fees: [{ id: 'ingest', label: 'Ingest', basis: 'log-gb', appliesWhen: 'stored-logs', usdPerGb: 0.25, plan: 'paid', ...fact }],
      plans: [
        { id: 'free', name: 'Free', monthlyUsd: 0, ...fact },
        { id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact },
      ],
      limits: [{ id: 'gb-free', label: 'Log ingestion (free)', value: 0.5, unit: 'GB', per: 'day', plan: 'free', ...fact }],
    },
    decision: { limits: [{ limit: 'gb-free', counts: 'log-gb', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs', pastBy: [{ plan: 'paid' }] }] },
  });
  const gw = makeCatalog([gb]).gateways[0]!;
  const run = (a: PartialAnswers, w: Partial<Workload> = {}) => {
    const answers = mergeAnswers({ needs: ['observability'], ...a });
    return checkLimits(gw, { billing: 'byok', answers, workload: workloadFor(answers, w) }, new Set())[0]!;
  };

  it('counts requests × the log size: 3,000,000 requests of 5,000 bytes = 15 GB a month = 0.5 GB a day, at the cap', () => {
    // (1,000 input + 1,000 output tokens) × 4 + 1,000 = 9,000 bytes assumed; 5,000 given here
    expect(run({ monthlyRequests: 3_000_000 }, { logBytesPerRequest: 5_000, logBytesGiven: true })).toMatchObject({ outcome: 'fits', demand: { compared: 'average' } });
    expect(run({ monthlyRequests: 3_000_000 }, { logBytesPerRequest: 5_000, logBytesGiven: true }).demand.average).toBeCloseTo(0.5, 12);
    expect(run({ monthlyRequests: 3_000_001 }, { logBytesPerRequest: 5_000, logBytesGiven: true })).toMatchObject({ outcome: 'past', way: { plan: 'paid' } });
  });

  it('derives the log size from the token sizes when none is given, and says which', () => {
    // (1,000 + 1,000) × 4 + 1,000 = 9,000 bytes; 3,000,000 × 9,000 B = 27 GB a month = 0.9 GB a day
    const c = run({ monthlyRequests: 3_000_000, avgInputTokens: 1_000, avgOutputTokens: 1_000 });
    expect(c.outcome).toBe('past');
    expect(c.text).toBe(
      "Log ingestion (free) is 0.5 GB of logs per day per account; at 3,000,000 requests/month this workload writes about 0.9 GB of logs per day on average (9,000 bytes per request's log, assumed from the token sizes), so it needs the Paid plan, where this limit does not apply",
    );
    expect(run({ monthlyRequests: 3_000_000 }, { logBytesPerRequest: 1_000, logBytesGiven: true }).text).toMatch(/about 0\.1 GB of logs per day on average \(1,000 bytes per request's log, your figure\): within the limit$/);
  });
});
