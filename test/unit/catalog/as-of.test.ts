import { describe, expect, it } from 'vitest';
import { boundaryDays, catalogAsOf, inForce, nextDay, overlaps } from '../../../src/catalog/as-of.js';
import { catalogRules } from '../../../src/catalog/rules.js';
import { asOfFlag } from '../../../src/io/flag-dates.js';
import { catalogSchema } from '../../../src/catalog/schema.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

const now = new Date('2026-12-06T12:00:00Z');

describe('a fact in force on a day', () => {
  it('includes both ends of its window and nothing outside', () => {
    const w = { validFrom: '2026-12-01', validUntil: '2026-12-31' };
    expect([inForce(w, '2026-11-30'), inForce(w, '2026-12-01'), inForce(w, '2026-12-31'), inForce(w, '2027-01-01')]).toEqual([false, true, true, false]);
    expect(inForce({}, '1999-01-01')).toBe(true);
    expect([inForce({ validUntil: '2026-11-30' }, '2026-11-30'), inForce({ validUntil: '2026-11-30' }, '2026-12-01')]).toEqual([true, false]);
    expect([inForce({ validFrom: '2026-12-01' }, '2026-11-30'), inForce({ validFrom: '2026-12-01' }, '2026-12-01')]).toEqual([false, true]);
  });

  it('windows overlap when they share a day', () => {
    expect(overlaps({ validUntil: '2026-11-30' }, { validFrom: '2026-12-01' })).toBe(false);
    expect(overlaps({ validUntil: '2026-12-01' }, { validFrom: '2026-12-01' })).toBe(true);
    expect(overlaps({}, { validFrom: '2026-12-01' })).toBe(true);
    expect(overlaps({ validFrom: '2027-01-01' }, { validUntil: '2026-12-31' })).toBe(false);
    expect(overlaps({ validFrom: '2026-12-01' }, { validUntil: '2026-12-01' })).toBe(true);
    expect(overlaps({ validFrom: '2026-12-01' }, {})).toBe(true);
    expect(overlaps({ validUntil: '2026-12-01' }, { validFrom: '2026-12-02', validUntil: '2026-12-03' })).toBe(false);
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});

/** A gateway whose log fee per event ends on 2026-11-30 and whose per-GB fee starts the next day, with a limit and a plan that change too. */
function dated() {
  const g = makeGateway('edge');
  g.pricing.plans = [
    { id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact, validUntil: '2026-11-30' },
    { id: 'paid', name: 'Paid', monthlyUsd: 6, ...fact, validFrom: '2026-12-01' },
  ];
  g.pricing.fees = [
    { id: 'logs', label: 'Logs per event', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 0.6, plan: 'paid', status: 'verified', ...fact, validUntil: '2026-11-30' },
    { id: 'logs-gb', label: 'Logs per GB', basis: 'log-gb', appliesWhen: 'stored-logs', usdPerGb: 0.25, plan: 'paid', status: 'verified', ...fact, validFrom: '2026-12-01' },
  ];
  g.pricing.limits = [
    { id: 'events-free', label: 'Events a day', value: 200_000, unit: 'events', status: 'verified', ...fact, validUntil: '2026-11-30' },
    { id: 'gb-free', label: 'GB a day', value: 0.5, unit: 'GB', status: 'verified', ...fact, validFrom: '2026-12-01' },
  ];
  g.decision = { components: {}, limits: [] };
  g.decision.limits = [
    { limit: 'events-free', counts: 'log-events', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs', pastBy: [{ plan: 'paid' }] },
    { limit: 'gb-free', counts: 'log-gb', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs', pastBy: [{ plan: 'paid' }] },
  ];
  g.pitfalls = [{ id: 'old', title: 'Old', detail: 'd', severity: 'info', when: [], status: 'verified', ...fact, validUntil: '2026-11-30' }];
  g.features.budgets = { level: 'yes', status: 'verified', ...fact, validFrom: '2027-01-01' };
  return makeCatalog([g]);
}

describe('the catalog as of a day', () => {
  it('keeps only what is in force, with the rules that read it', () => {
    const before = catalogAsOf(dated(), '2026-11-30').gateways[0]!;
    const after = catalogAsOf(dated(), '2026-12-01').gateways[0]!;
    expect(before.pricing.fees.map((f) => f.id)).toEqual(['logs']);
    expect(after.pricing.fees.map((f) => f.id)).toEqual(['logs-gb']);
    expect(before.pricing.plans.map((p) => p.monthlyUsd)).toEqual([5]);
    expect(after.pricing.plans.map((p) => p.monthlyUsd)).toEqual([6]);
    expect(before.decision.limits.map((r) => r.limit)).toEqual(['events-free']);
    expect(after.decision.limits.map((r) => r.limit)).toEqual(['gb-free']);
    expect(before.pitfalls.map((p) => p.id)).toEqual(['old']);
    expect(after.pitfalls).toEqual([]);
    expect(after.features.budgets).toBeUndefined();
    expect(catalogAsOf(dated(), '2027-01-01').gateways[0]!.features.budgets?.level).toBe('yes');
  });

  it('drops a way past a limit whose plan or allowances have ended', () => {
    const c = dated();
    const g = c.gateways[0]!;
    g.pricing.plans.push({ id: 'scale', name: 'Scale', monthlyUsd: 50, status: 'verified', ...fact, validUntil: '2026-06-30' });
    g.pricing.limits.push({ id: 'seats-old', label: 'Seats', value: 10, unit: 'seats', status: 'verified', ...fact, validUntil: '2026-06-30' });
    g.pricing.limits.push({ id: 'seats', label: 'Seats', value: 20, unit: 'seats', status: 'verified', ...fact });
    g.decision.limits = [{ limit: 'gb-free', counts: 'log-gb', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs', pastBy: [{ plan: 'scale' }, { scaleOut: ['seats-old', 'seats'] }, { scaleOut: ['seats-old'] }] }];
    expect(catalogAsOf(c, '2026-12-06').gateways[0]!.decision.limits[0]!.pastBy).toEqual([{ scaleOut: ['seats'] }]);
  });

  it('changes view only on the days a window opens or closes', () => {
    expect(boundaryDays(dated())).toEqual(['2026-12-01', '2027-01-01']);
    // a window that only ends changes the view the day after; days come sorted, whatever the order of the facts
    const c = dated();
    c.gateways[0]!.pitfalls[0]!.validUntil = '2027-03-31';
    c.gateways[0]!.latency = [{ metric: 'overhead', stat: 'p50', valueMs: 1, conditions: 'x', measuredBy: 'vendor', status: 'verified', ...fact, validUntil: '2026-06-30' }];
    expect(boundaryDays(c)).toEqual(['2026-07-01', '2026-12-01', '2027-01-01', '2027-04-01']);
  });

  it('drops a capacity figure outside its window', () => {
    const c = dated();
    c.gateways[0]!.decision.capacity = { requestsPerSecond: 100, instance: '4 vCPU', status: 'verified', ...fact, validUntil: '2026-11-30' };
    expect(catalogAsOf(c, '2026-11-30').gateways[0]!.decision.capacity?.requestsPerSecond).toBe(100);
    expect(catalogAsOf(c, '2026-12-01').gateways[0]!.decision.capacity).toBeUndefined();
    expect(catalogAsOf(dated(), '2026-12-01').gateways[0]!.decision.capacity).toBeUndefined();
  });
});

describe('data validate on windows', () => {
  it('accepts one fact in windows that follow each other', () => {
    expect(catalogRules(dated(), now).issues).toEqual([]);
  });

  it('refuses a window that ends before it starts, and takes a one-day window', () => {
    const c = dated();
    c.gateways[0]!.pitfalls[0]!.validFrom = '2026-12-01';
    expect(catalogRules(c, now).issues).toEqual([{ path: 'gateways[0].pitfalls[0].validUntil', message: 'the window ends (2026-11-30) before it starts (2026-12-01)' }]);
    const d = dated();
    d.gateways[0]!.pitfalls[0]!.validFrom = '2026-11-30';
    expect(catalogRules(d, now).issues).toEqual([]);
  });

  it('refuses two windows of one fact that share a day, naming both', () => {
    const c = dated();
    c.gateways[0]!.pricing.fees[1]!.id = 'logs';
    c.gateways[0]!.pricing.fees[1]!.validFrom = '2026-11-30';
    expect(catalogRules(c, now).issues).toContainEqual({
      path: 'gateways[0].pricing.fees[1].id',
      message: '"logs" is in force 2026-11-30 to open end, which overlaps gateways[0].pricing.fees[0] (open start to 2026-11-30): one fact can hold only one value on a day; end one window before the other starts',
    });
    // the same id with no windows at all is a plain duplicate
    const d = dated();
    d.gateways[0]!.pitfalls.push({ ...d.gateways[0]!.pitfalls[0]!, validUntil: undefined });
    d.gateways[0]!.pitfalls[0]!.validUntil = undefined;
    expect(catalogRules(d, now).issues).toContainEqual({ path: 'gateways[0].pitfalls[1].id', message: 'duplicate id "old" (first used at gateways[0].pitfalls[0])' });
  });

  it('refuses a fee that names a plan which has ended on a day the fee is in force', () => {
    const c = dated();
    c.gateways[0]!.pricing.plans[1]!.id = 'gold';
    expect(catalogRules(c, now).issues.filter((i) => i.message.startsWith('as of'))).toEqual([
      { path: 'gateways[0].pricing.fees[1].plan', message: 'as of 2026-12-01: unknown plan "paid" (plans: gold)' },
      { path: 'gateways[0].pricing.fees[1].plan', message: 'as of 2027-01-01: unknown plan "paid" (plans: gold)' },
    ]);
  });

  it('refuses a window on a deployment, which must hold on every day', () => {
    const message = 'deployment must hold on every date: give it no validFrom/validUntil (put a dated change in a note or a pitfall)';
    const c = dated();
    c.gateways[0]!.deployment.managed.validUntil = '2027-01-01';
    expect(catalogRules(c, now).issues).toContainEqual({ path: 'gateways[0].deployment.managed', message });
    const d = dated();
    d.gateways[0]!.deployment.selfHosted.validFrom = '2026-01-01';
    expect(catalogRules(d, now).issues).toContainEqual({ path: 'gateways[0].deployment.selfHosted', message });
    // a feature may be dated
    expect(catalogRules(dated(), now).issues).toEqual([]);
  });

  it('refuses a licence plan that has ended while the catalog still has dated facts', () => {
    const c = dated();
    c.gateways[0]!.decision.licencePlan = 'paid';
    expect(catalogRules(c, now).issues).toEqual([]);
    c.gateways[0]!.pricing.plans[1]!.id = 'gold';
    c.gateways[0]!.pricing.fees = [];
    expect(catalogRules(c, now).issues).toEqual([
      { path: 'gateways[0].decision.licencePlan', message: 'as of 2026-12-01: unknown plan "paid" (plans: gold)' },
      { path: 'gateways[0].decision.licencePlan', message: 'as of 2027-01-01: unknown plan "paid" (plans: gold)' },
    ]);
  });
});

describe('--as-of', () => {
  it('is today in UTC without the flag, and a real calendar day with it', () => {
    expect(asOfFlag(undefined, new Date('2026-12-06T23:59:59Z'))).toBe('2026-12-06');
    expect(asOfFlag('2026-11-15', now)).toBe('2026-11-15');
    expect(asOfFlag(' 2028-02-29 ', now)).toBe('2028-02-29');
  });
  it.each(['2026-13-01', '2026-02-30', '2027-02-29', '15/11/2026', '2026-1-5', 'today', ''])('refuses %j with exit 2, naming the form', (raw) => {
    expect(() => asOfFlag(raw, now)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^--as-of expects a calendar date YYYY-MM-DD \(UTC\)/) }));
  });
});

describe('fees priced per GB, in the schema', () => {
  const withFee = (fee: Record<string, unknown>) => {
    const c = makeCatalog([makeGateway('edge')]) as unknown as { gateways: { pricing: { fees: unknown[] } }[] };
    c.gateways[0]!.pricing.fees = [{ id: 'logs', label: 'Logs', appliesWhen: 'stored-logs', status: 'verified', ...fact, ...fee }];
    return catalogSchema.safeParse(c);
  };
  it('takes a price per GB as the number of a fee', () => {
    expect(withFee({ basis: 'log-gb', usdPerGb: 0.25 }).success).toBe(true);
  });
  it('needs a number of some kind', () => {
    const r = withFee({ basis: 'log-gb' });
    expect(r.error?.issues.map((i) => i.message)).toEqual(['a fee needs a number (percent, usdPerMillion, usdPerGb, usdFlat, usdPerModel or tiers) or "unpublished": true']);
  });
  it('needs the retention of stored logs, named at its path', () => {
    const r = withFee({ basis: 'log-gb-month', usdPerGb: 0.1 });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['gateways.0.pricing.fees.0.retentionDays', 'a log-gb-month fee needs retentionDays (how long logs stay stored)']]);
    expect(withFee({ basis: 'log-gb-month', usdPerGb: 0.1, retentionDays: 7 }).success).toBe(true);
    // retention matters only to stored logs
    expect(withFee({ basis: 'log-gb', usdPerGb: 0.1 }).success).toBe(true);
  });
});
