import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { gatewaySetup, stackSetup } from '../../../src/advisor/eligibility.js';
import { workloadFor } from '../../../src/advisor/workload.js';
import type { SupportLevel } from '../../../src/catalog/schema.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

const deployment = (selfHosted: SupportLevel, managed: SupportLevel) => ({
  deployment: { selfHosted: { level: selfHosted, ...fact }, managed: { level: managed, ...fact } },
});
const setupOf = (g: Parameters<typeof makeGateway>[1], a: PartialAnswers, w: Parameters<typeof workloadFor>[1] = {}) => {
  const c = makeCatalog([makeGateway('g', g)]);
  const answers = mergeAnswers(a);
  return gatewaySetup(c.gateways[0]!, answers, workloadFor(answers, w));
};

describe('where a gateway runs', () => {
  it.each<[string, SupportLevel, SupportLevel, PartialAnswers, 'self-hosted' | 'managed' | 'excluded', string[]]>([
    ['self-hosting required, offered', 'yes', 'no', { hosting: 'self-hosted' }, 'self-hosted', []],
    ['self-hosting required, partial counts', 'partial', 'yes', { hosting: 'self-hosted' }, 'self-hosted', []],
    ['self-hosting required, enterprise-only: with the licence', 'enterprise-only', 'yes', { hosting: 'self-hosted' }, 'self-hosted', ['self-hosted deployment']],
    ['self-hosting required, only planned', 'planned', 'yes', { hosting: 'self-hosted' }, 'excluded', []],
    ['managed required, enterprise-only: with the licence', 'yes', 'enterprise-only', { hosting: 'managed' }, 'managed', ['managed deployment']],
    ['managed required, not offered', 'yes', 'no', { hosting: 'managed' }, 'excluded', []],
    ['managed required, only planned', 'yes', 'planned', { hosting: 'managed' }, 'excluded', []],
    ['either: an offered managed service first', 'yes', 'yes', { hosting: 'either' }, 'managed', []],
    ['either: then self-hosting', 'yes', 'enterprise-only', { hosting: 'either' }, 'self-hosted', []],
    ['either: then a licensed managed service', 'enterprise-only', 'enterprise-only', { hosting: 'either' }, 'managed', ['managed deployment']],
    ['either: then licensed self-hosting', 'enterprise-only', 'no', { hosting: 'either' }, 'self-hosted', ['self-hosted deployment']],
    ['either: nothing available', 'planned', 'no', { hosting: 'either' }, 'excluded', []],
    ['own infrastructure needs self-hosting', 'yes', 'yes', { dataControl: 'own-infrastructure' }, 'self-hosted', []],
    ['own infrastructure, not self-hostable', 'no', 'yes', { dataControl: 'own-infrastructure' }, 'excluded', []],
    ['own infrastructure with a managed service asked for: the managed one, licensed', 'yes', 'enterprise-only', { hosting: 'managed', dataControl: 'own-infrastructure' }, 'managed', ['managed deployment']],
  ])('%s', (_name, selfHosted, managed, answers, expected, licensed) => {
    const s = setupOf(deployment(selfHosted, managed), answers);
    expect(s.eligible).toBe(expected !== 'excluded');
    if (expected !== 'excluded') {
      expect(s.members[0]!.hosting).toBe(expected);
      expect(s.members[0]!.licensed).toEqual(licensed);
    } else expect(s.exclusions.length).toBeGreaterThan(0);
  });

  it('names the answer and the fact in an exclusion', () => {
    const s = setupOf(deployment('no', 'yes'), { hosting: 'self-hosted', dataControl: 'own-infrastructure' });
    expect(s.exclusions.map((e) => e.answer)).toEqual(['hosting=self-hosted', 'dataControl=own-infrastructure']);
    expect(s.exclusions[0]).toMatchObject({ gateway: 'g', source: 'src', status: 'verified', text: 'You require self-hosting; G cannot be self-hosted (no)' });
  });

  it('licenses the enterprise-only features it serves', () => {
    const s = setupOf({ levels: { sso: 'enterprise-only', budgets: 'enterprise-only', fallbacks: 'yes' } }, { needs: ['sso', 'fallbacks'] });
    expect(s.members[0]!.licensed).toEqual(['sso']);
  });
});

describe('who bills the tokens', () => {
  it.each<[string, Partial<Record<'byok' | 'managed-billing', SupportLevel>>, PartialAnswers, boolean | null, 'byok' | 'managed' | 'excluded', RegExp | null]>([
    ['own keys: your keys', { byok: 'yes', 'managed-billing': 'yes' }, { ownProviderKeys: true }, null, 'byok', null],
    ['no keys: the gateway\'s credits', { byok: 'yes', 'managed-billing': 'yes' }, { ownProviderKeys: false }, null, 'managed', null],
    ['no keys, partial managed billing still counts', { byok: 'yes', 'managed-billing': 'partial' }, { ownProviderKeys: false }, null, 'managed', null],
    ['no keys, no managed billing: keys you would open, said in a note', { byok: 'yes', 'managed-billing': 'no' }, { ownProviderKeys: false }, null, 'byok', /keys you would open/],
    ['own keys, credits forced', { byok: 'yes', 'managed-billing': 'yes' }, { ownProviderKeys: true }, true, 'managed', null],
    ['credits forced, none offered: your keys, said in a note', { byok: 'yes', 'managed-billing': 'no' }, { ownProviderKeys: true }, true, 'byok', /costed with your own provider keys/],
    ['no keys, credits refused', { byok: 'yes', 'managed-billing': 'yes' }, { ownProviderKeys: false }, false, 'byok', null],
    ['takes no keys: its credits, said in a note', { byok: 'no', 'managed-billing': 'yes' }, { ownProviderKeys: true }, null, 'managed', /does not take your own keys/],
    ['neither keys nor credits', { byok: 'no', 'managed-billing': 'no' }, { ownProviderKeys: true }, null, 'excluded', null],
  ])('%s', (_name, levels, answers, useManagedBilling, expected, note) => {
    const s = setupOf({ levels }, answers, { useManagedBilling });
    expect(s.eligible).toBe(expected !== 'excluded');
    if (expected !== 'excluded') expect(s.members[0]!.billing).toBe(expected);
    if (note) expect(s.members[0]!.notes.join(' ')).toMatch(note);
    else expect(s.members[0]!.notes).toEqual([]);
  });
});

describe('stacks', () => {
  const router = makeGateway('router', { ...deployment('yes', 'no'), levels: { fallbacks: 'yes', 'rate-limiting': 'yes' } });
  const market = makeGateway('market', { levels: { 'managed-billing': 'yes', 'exact-cache': 'yes' } });
  const stack = { id: 'router-market', name: 'Router with Market', members: ['router', 'market'], topology: 't', contributes: [{ gateway: 'market', features: ['managed-billing' as const, 'exact-cache' as const] }], why: 'w', ...fact };
  const c = makeCatalog([router, market], { stacks: [stack] });
  const run = (a: PartialAnswers, w: Parameters<typeof workloadFor>[1] = {}) => {
    const answers = mergeAnswers(a);
    return stackSetup(c.stacks[0]!, c.gateways, answers, workloadFor(answers, w));
  };

  it('the member that serves managed billing bills the tokens; the others pass your keys through', () => {
    const s = run({ ownProviderKeys: false, caching: 'exact', needs: ['fallbacks'] });
    expect(s.members.map((m) => [m.gateway.id, m.billing])).toEqual([['router', 'byok'], ['market', 'managed']]);
    // each member is set up for the part it serves
    expect(s.members.map((m) => [m.answers.caching, m.answers.needs])).toEqual([['none', ['fallbacks']], ['exact', []]]);
  });

  it('is eligible only when every member is, and carries the members\' exclusions', () => {
    const s = run({ hosting: 'self-hosted' });
    expect(s.eligible).toBe(false);
    expect(s.exclusions.map((e) => e.gateway)).toEqual(['market']);
    expect(run({ hosting: 'either' }).eligible).toBe(true);
  });
});

describe('plans the fees need', () => {
  it('a fee on a plan with no alternative puts you on that plan (e.g. log export)', () => {
    const g = {
      pricing: {
        tokenMarkupPercent: { value: 0, ...fact },
        fees: [{ id: 'export', label: 'Export', basis: 'requests' as const, appliesWhen: 'logpush' as const, usdPerMillion: 1, plan: 'paid', ...fact }],
        plans: [
          { id: 'free', name: 'Free', monthlyUsd: 0, ...fact },
          { id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact },
        ],
        limits: [],
      },
    };
    expect(setupOf(g, {}, { logpush: true }).members[0]!.plans).toEqual(['paid']);
    expect(setupOf(g, {}, { logpush: false }).members[0]!.plans).toEqual([]);
  });
});

describe('exclusions and fallbacks, word for word', () => {
  it.each<[string, SupportLevel, SupportLevel, PartialAnswers, string]>([
    ['own infrastructure', 'no', 'yes', { dataControl: 'own-infrastructure' }, "Traffic must stay on your infrastructure; G runs on its vendor's infrastructure"],
    ['managed', 'yes', 'planned', { hosting: 'managed' }, 'You want a managed service; G is not offered as one (planned)'],
    ['either', 'planned', 'no', { hosting: 'either' }, 'G has neither a self-hosted nor a managed deployment available (planned / no)'],
  ])('%s', (_name, selfHosted, managed, answers, text) => {
    expect(setupOf(deployment(selfHosted, managed), answers).exclusions.map((e) => e.text)).toEqual([text]);
  });

  it.each<[SupportLevel, SupportLevel, PartialAnswers, string]>([
    ['yes', 'planned', { hosting: 'managed' }, 'hosting=managed'],
    ['planned', 'no', { hosting: 'either' }, 'hosting=either'],
  ])('the exclusion names the answer it follows from (%s / %s, %o)', (selfHosted, managed, answers, answer) => {
    expect(setupOf(deployment(selfHosted, managed), answers).exclusions.map((e) => e.answer)).toEqual([answer]);
  });

  it('an excluded gateway is still set up as it would run: managed if it is offered, else self-hosted', () => {
    expect(setupOf(deployment('no', 'yes'), { hosting: 'self-hosted' }).members[0]!.hosting).toBe('managed');
    expect(setupOf(deployment('yes', 'no'), { hosting: 'managed' }).members[0]!.hosting).toBe('self-hosted');
  });

  it('a gateway that takes neither keys nor credits is excluded, citing its keys fact', () => {
    const s = setupOf({ levels: { byok: 'no', 'managed-billing': 'no' } }, { ownProviderKeys: true });
    expect(s.exclusions).toEqual([{ answer: 'ownProviderKeys=true', text: 'G supports neither your own provider keys nor managed billing', gateway: 'g', source: 'src', status: 'verified', checked: '2026-11-01' }]);
    // set up as it would run: with your keys
    expect(s.members[0]!.billing).toBe('byok');
  });

  it('that exclusion cites the keys fact, not the deployment', () => {
    const g = makeGateway('g', { levels: { byok: 'no', 'managed-billing': 'no' } });
    g.features.byok = { level: 'no', source: 'keys-doc', checked: '2026-11-01', status: 'unverified' } as (typeof g.features)['byok'];
    const c = makeCatalog([g]);
    const answers = mergeAnswers({ ownProviderKeys: true });
    expect(gatewaySetup(c.gateways[0]!, answers, workloadFor(answers)).exclusions).toMatchObject([{ source: 'keys-doc', status: 'unverified' }]);
  });

  it('features the catalog does not list: keys are taken, credits are not sold', () => {
    const g = makeGateway('g');
    delete (g.features as Record<string, unknown>).byok;
    delete (g.features as Record<string, unknown>)['managed-billing'];
    const c = makeCatalog([g]);
    const run = (a: PartialAnswers) => {
      const answers = mergeAnswers(a);
      return gatewaySetup(c.gateways[0]!, answers, workloadFor(answers));
    };
    expect(run({ ownProviderKeys: true })).toMatchObject({ eligible: true, members: [{ billing: 'byok', notes: [] }] });
    expect(run({ ownProviderKeys: false }).members[0]!.notes).toEqual(['G has no managed billing; costed with provider accounts and keys you would open.']);
  });

  it('a stack member the catalog does not have is left out', () => {
    const c = makeCatalog([makeGateway('a')], { stacks: [{ id: 's', name: 'S', members: ['a', 'ghost'], topology: 't', contributes: [], why: 'w', ...fact }] });
    const answers = mergeAnswers({});
    expect(stackSetup(c.stacks[0]!, c.gateways, answers, workloadFor(answers)).members.map((m) => m.gateway.id)).toEqual(['a']);
  });
});

describe('managed billing under a limit', () => {
  // Credits carry 100 requests per 60 s, with no way past; "everything" caps all traffic at 1,000 a day.
  const limited = (everything: boolean) =>
    makeGateway('g', {
      levels: { 'managed-billing': 'yes' },
      pricing: {
        tokenMarkupPercent: { value: 0, ...fact },
        fees: [],
        plans: [],
        limits: [{ id: 'rate', label: 'Rate', value: 100, unit: 'requests', ...fact }, { id: 'day', label: 'Day', value: 1_000, unit: 'requests', ...fact }],
      },
      decision: {
        limits: [
          { limit: 'rate', counts: 'requests', windowSeconds: 60, scope: 'gateway', appliesWhen: 'managed-billing' },
          ...(everything ? [{ limit: 'day', counts: 'requests' as const, windowSeconds: 86_400, scope: 'account' as const, appliesWhen: 'always' as const }] : []),
        ],
      },
    });

  it('falls back to your keys, says so in a note, and records why', () => {
    const s = setupOf(limited(false), { ownProviderKeys: false, monthlyRequests: 2_000_000 });
    expect(s.eligible).toBe(true);
    expect(s.members[0]!.billing).toBe('byok');
    // 2,000,000 ÷ 2,592,000 × 3 × 60 = 138.9 per 60 s > 100
    expect(s.members[0]!.notes).toEqual([
      "G's managed billing cannot carry this workload (Rate is 100 requests per 60 s per gateway; at 2,000,000 requests/month this workload sends about 139 requests per 60 s at peak (peak factor 3; 47 on average): more than the limit, with no documented way past it); costed with your own provider keys, which that limit does not apply to.",
    ]);
  });

  it('when your keys cannot carry it either, it is excluded, with no note about keys', () => {
    const s = setupOf(limited(true), { ownProviderKeys: false, monthlyRequests: 2_000_000 });
    expect(s.eligible).toBe(false);
    expect(s.exclusions.map((e) => e.text)).toEqual([expect.stringMatching(/^G cannot carry this load: Day is 1,000 requests per day/)]);
    expect(s.members[0]!.notes).toEqual([]);
  });

  it('with your keys from the start, nothing is recorded against managed billing', () => {
    const s = setupOf(limited(true), { ownProviderKeys: true, monthlyRequests: 2_000_000 });
    expect(s.eligible).toBe(false);
    expect(s.members[0]).toMatchObject({ billing: 'byok', billingShortfall: undefined });
  });

  it('names every limit managed billing breaks, one after the other', () => {
    const g = limited(false);
    g.pricing.limits.push({ id: 'burst', label: 'Burst', value: 10, unit: 'requests', ...fact });
    g.decision!.limits!.push({ limit: 'burst', counts: 'requests', windowSeconds: 1, scope: 'account', appliesWhen: 'managed-billing', pastBy: [] });
    const s = setupOf(g, { ownProviderKeys: false, monthlyRequests: 2_000_000 });
    // 2,000,000 ÷ 2,592,000 × 3 = 2.3 a second at peak: only the 60 s rate breaks, not the burst of 10 a second
    const big = setupOf(g, { ownProviderKeys: false, monthlyRequests: 20_000_000 });
    expect(s.members[0]!.billingShortfall!.map((c) => c.limit.id)).toEqual(['rate']);
    // 20,000,000 ÷ 2,592,000 × 3 = 23.1 per second > 10, and 1,388.9 per 60 s > 100
    expect(big.members[0]!.billingShortfall!.map((c) => c.limit.id)).toEqual(['rate', 'burst']);
    expect(big.members[0]!.notes[0]).toMatch(/more than the limit, with no documented way past it; Burst is 10 requests per 1 s per account;/);
  });
});

describe('limits passed by moving to a plan', () => {
  // A cap of 1,000 requests a day, passed by the paid plan; "onFree" makes it the free plan's own limit.
  const capped = (onFree: boolean) =>
    makeGateway('g', {
      pricing: {
        tokenMarkupPercent: { value: 0, ...fact },
        fees: [],
        plans: [
          { id: 'free', name: 'Free', monthlyUsd: 0, ...fact },
          { id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact },
        ],
        limits: [{ id: 'day', label: 'Day', value: 1_000, unit: 'requests', ...(onFree ? { plan: 'free' } : {}), ...fact }],
      },
      decision: { limits: [{ limit: 'day', counts: 'requests', windowSeconds: 86_400, scope: 'account', appliesWhen: 'always', pastBy: [{ plan: 'paid' }] }] },
    });
  // 1,000 a day = 30,000 a month; 60,000 a month is 2,000 a day
  it('the free plan\'s limit no longer applies on the paid plan, and stays recorded as the reason for it', () => {
    const m = setupOf(capped(true), { monthlyRequests: 60_000 }).members[0]!;
    expect(m.plans).toEqual(['paid']);
    expect(m.limits.map((c) => [c.limit.id, c.outcome, c.way?.plan])).toEqual([['day', 'past', 'paid']]);
  });

  it('a limit of no plan is checked again on the paid plan and recorded once', () => {
    const m = setupOf(capped(false), { monthlyRequests: 60_000 }).members[0]!;
    expect(m.plans).toEqual(['paid']);
    expect(m.limits.map((c) => [c.limit.id, c.outcome, c.way?.plan])).toEqual([['day', 'past', 'paid']]);
  });
});
