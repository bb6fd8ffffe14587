import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { checkAnswersFile, checkPartialAnswers } from '../../../src/advisor/answers-check.js';
import { describeCondition, holds } from '../../../src/advisor/conditions.js';
import { answerConflicts } from '../../../src/advisor/conflicts.js';
import type { SubjectCost } from '../../../src/advisor/criteria.js';
import { recommendationDocument } from '../../../src/advisor/document.js';
import { advise } from '../../../src/advisor/score.js';
import { applies, basePlan, feesThatApply, onPlan, plansNeededByFees } from '../../../src/advisor/usage.js';
import { servedAnswers, stackAssignment, wantedFeatures } from '../../../src/advisor/wanted.js';
import { workloadFor } from '../../../src/advisor/workload.js';
import type { CatalogInput, Condition } from '../../../src/catalog/schema.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

/** What each criterion says, word for word: the reasons are the product's explanation of a pick. */
type GatewayInput = CatalogInput['gateways'][number];
const reasons = (g: GatewayInput, a: PartialAnswers, monthlyUsd?: Map<string, SubjectCost>) =>
  advise(makeCatalog([g]), mergeAnswers({ latency: 'relaxed', needs: [], ...a }), monthlyUsd ? { monthlyUsd } : {}).ranking[0]!.reasons;
const text = (g: GatewayInput, a: PartialAnswers, criterion: string) => reasons(g, a).filter((r) => r.criterion === criterion).map((r) => r.text);

describe('reasons, word for word', () => {
  const noted = makeGateway('g', {
    deployment: { selfHosted: { level: 'no', ...fact }, managed: { level: 'partial', ...fact, note: 'in two regions' } },
    features: { ...makeGateway('x').features, budgets: { level: 'partial', ...fact, note: 'per key' }, 'exact-cache': { level: 'yes', ...fact } },
  });

  it.each<[string, GatewayInput, PartialAnswers, string, string[]]>([
    ['hosting', noted, { hosting: 'managed' }, 'hosting', ['You want managed: managed is partial (in two regions)']],
    ['keys', noted, {}, 'provider-keys', ['You hold provider keys: byok is yes']],
    ['no keys', noted, { ownProviderKeys: false }, 'provider-keys', ['You hold no provider keys, so the gateway must sell you model access: managed-billing is no']],
    ['providers', noted, {}, 'providers', ['You call 2 provider(s): about 10 providers reachable']],
    ['providers unknown', makeGateway('g', { reach: { providers: null, models: null, ...fact } }), { providers: 4 }, 'providers', ['You call 4 provider(s): provider count not published']],
    ['a need, with its note', noted, { needs: ['budgets'] }, 'needs', ['You need budgets: budgets is partial (per key)']],
    ['exact caching', noted, { caching: 'exact' }, 'caching', ['You want exact-match caching: exact-cache is yes']],
    ['semantic, falling back on exact', noted, { caching: 'semantic' }, 'caching', ['You want semantic caching: semantic-cache is no; only exact-match caching (yes)']],
    ['nothing to run', noted, {}, 'operations', ['Your ops capacity is some: G leaves you nothing to run']],
    [
      'something to run, with its components and note',
      makeGateway('g', { operations: { burden: 'moderate', components: ['proxy'], note: 'Pin versions.', ...fact } }),
      {},
      'operations',
      ['Your ops capacity is some: running G as you need it (proxy) is a moderate burden (Pin versions.)'],
    ],
    ['a dashboard to keep', makeGateway('g', { operations: { burden: 'low', components: [], ...fact } }), { opsCapacity: 'none' }, 'operations', ['Your ops capacity is none: running G as you need it is a low burden']],
    ['zero retention', noted, { dataControl: 'zero-retention' }, 'data-control', ['You need zero retention: zero-data-retention is no']],
    [
      'own infrastructure',
      makeGateway('g', { deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } }, levels: { 'data-residency': 'yes' } }),
      { dataControl: 'own-infrastructure' },
      'data-control',
      ['Traffic must stay on your infrastructure: data-residency is yes'],
    ],
    [
      'no latency figure',
      noted,
      { latency: 'critical' },
      'latency',
      ["Latency is critical: G's added latency is unknown (no verified figure), so it counts as neutral; measure it with `gateway-scout bench` and give the results to `choose --bench`"],
    ],
    [
      'a latency figure nobody verified: unknown, as if there were none',
      makeGateway('g', { latency: [{ metric: 'overhead', stat: 'p50', valueMs: 12.34, conditions: '1k RPS', measuredBy: 'vendor', ...fact, status: 'unverified' }] }),
      { latency: 'sensitive' },
      'latency',
      ["Latency is sensitive: G's added latency is unknown (no verified figure), so it counts as neutral; measure it with `gateway-scout bench` and give the results to `choose --bench`"],
    ],
    [
      'a large latency figure, rounded to the millisecond',
      makeGateway('g', { latency: [{ metric: 'overhead', stat: 'p50', valueMs: 123.4, conditions: 'far away', measuredBy: 'vendor', ...fact }] }),
      { latency: 'sensitive' },
      'latency',
      ['Latency is sensitive: typical added latency about 123 ms (far away)'],
    ],
  ])('%s', (_name, g, a, criterion, expected) => {
    expect(text(g, a, criterion)).toEqual(expected);
  });

  it('ties each reason to the answer it follows from', () => {
    const g = makeGateway('g', { latency: [{ metric: 'overhead', stat: 'p50', valueMs: 10, conditions: 'c', measuredBy: 'vendor', ...fact }] });
    const cost = new Map<string, SubjectCost>([['g', { name: 'G', total: 1, licenceUnpublished: false, eligible: true }]]);
    const answersOf = (a: PartialAnswers, extras = {}) =>
      Object.fromEntries(advise(makeCatalog([g]), mergeAnswers({ needs: [], ...a }), { monthlyUsd: cost, ...extras }).ranking[0]!.reasons.map((r) => [r.criterion, r.answer]));
    expect(
      answersOf({ hosting: 'managed', ownProviderKeys: false, providers: 3, caching: 'semantic', needs: ['budgets'], opsCapacity: 'none', dataControl: 'zero-retention', latency: 'critical' }),
    ).toEqual({
      hosting: 'hosting=managed',
      'provider-keys': 'ownProviderKeys=false',
      providers: 'providers=3',
      caching: 'caching=semantic',
      needs: 'needs includes budgets',
      operations: 'opsCapacity=none',
      'data-control': 'dataControl=zero-retention',
      latency: 'latency=critical',
      cost: 'monthlyRequests=1000000',
    });
    expect(answersOf({ hosting: 'self-hosted', ownProviderKeys: true, caching: 'exact', dataControl: 'own-infrastructure', latency: 'sensitive' })).toMatchObject({
      hosting: 'hosting=self-hosted',
      'provider-keys': 'ownProviderKeys=true',
      caching: 'caching=exact',
      'data-control': 'dataControl=own-infrastructure',
      latency: 'latency=sensitive',
    });
    // measured by you, and unknown
    expect(answersOf({ latency: 'sensitive' }, { measuredOverheadMs: new Map([['g', { valueMs: 3, text: 'measured' }]]) }).latency).toBe('latency=sensitive');
    const bare = Object.fromEntries(reasons(makeGateway('g'), { latency: 'critical' }).map((r) => [r.criterion, r.answer]));
    expect(bare.latency).toBe('latency=critical');
  });

  it('semantic caching wanted, neither kind offered: no fallback to mention', () => {
    // exact-match "no" is worth 0.3 × 0 = 0, no more than semantic "no"
    expect(text(makeGateway('g'), { caching: 'semantic' }, 'caching')).toEqual(['You want semantic caching: semantic-cache is no']);
  });

  it('a feature the catalog does not list counts as missing, and says so', () => {
    const g = makeGateway('g');
    delete (g.features as Record<string, unknown>).sso;
    const r = reasons(g, { needs: ['sso'] }).find((x) => x.criterion === 'needs')!;
    expect(r).toMatchObject({ effect: 'against', text: 'You need sso: the catalog does not say whether G has sso' });
    expect(r.source).toBeUndefined();
  });

  it('cites the fact behind each reason', () => {
    expect(reasons(noted, { needs: ['budgets'] }).find((x) => x.criterion === 'needs')).toMatchObject({ answer: 'needs includes budgets', gateway: 'g', source: 'src', status: 'verified', weight: 2 });
  });

  it('sorts reasons by weight × effect, then by criterion', () => {
    // operations (2 × for), needs budgets partial (2 × neutral 0.2), keys (1 × for), providers (1 × neutral)
    expect(reasons(noted, { needs: ['budgets'] }).map((r) => r.criterion)).toEqual(['operations', 'provider-keys', 'needs', 'providers']);
  });

  it('counts "for" at exactly 0.75 and "against" at exactly 0.35', () => {
    const cost = (total: number) =>
      new Map<string, SubjectCost>([
        ['g', { name: 'G', total, licenceUnpublished: false, eligible: true }],
        ['h', { name: 'H', total: 100, licenceUnpublished: false, eligible: true }],
      ]);
    const effect = (total: number) =>
      advise(makeCatalog([makeGateway('g'), makeGateway('h')]), mergeAnswers({ latency: 'relaxed', needs: [] }), { monthlyUsd: cost(total) }).ranking.find((r) => r.gateway === 'g')!.reasons.find((r) => r.criterion === 'cost')!.effect;
    // value = 100 ÷ total
    expect([effect(100 / 0.75), effect(100 / 0.74), effect(100 / 0.36), effect(100 / 0.35)]).toEqual(['for', 'neutral', 'neutral', 'against']);
  });

  it('cost: as cheap as the next within 50 cents; a licence without a price is mentioned', () => {
    const both = (a: number, b: number, licenceUnpublished = false) =>
      advise(makeCatalog([makeGateway('a'), makeGateway('b')]), mergeAnswers({ latency: 'relaxed', needs: [] }), {
        monthlyUsd: new Map<string, SubjectCost>([
          ['a', { name: 'A', total: a, licenceUnpublished, eligible: true }],
          ['b', { name: 'B', total: b, licenceUnpublished: false, eligible: true }],
        ]),
      }).ranking.find((r) => r.gateway === 'a')!.reasons.find((r) => r.criterion === 'cost')!.text;
    expect(both(100, 100.4)).toBe('At 1,000,000 requests/month A is the cheapest: about $100/month, as cheap as B');
    expect(both(100, 100.5)).toBe('At 1,000,000 requests/month A is the cheapest: about $100/month, $0.5/month less than B');
    expect(both(12.34, 1_234.56, true)).toBe('At 1,000,000 requests/month A is the cheapest: about $12.3/month, $1,222/month less than B (plus an enterprise licence whose price is not published)');
    // equal totals: the cheapest, not "more than"
    expect(both(50, 50)).toBe('At 1,000,000 requests/month A is the cheapest: about $50/month, as cheap as B');
  });

  it('no cost map, or none for this option: no cost reason', () => {
    expect(reasons(noted, {}).some((r) => r.criterion === 'cost')).toBe(false);
    expect(reasons(noted, {}, new Map([['other', { name: 'O', total: 1, licenceUnpublished: false, eligible: true }]])).some((r) => r.criterion === 'cost')).toBe(false);
  });
});

describe('the recommendation', () => {
  const withPitfalls = (id: string, severity: 'info' | 'warn' | 'high') =>
    makeGateway(id, { pitfalls: [{ id: `${id}-${severity}`, title: 'T', detail: 'D', severity, when: [], ...fact }] });

  it('lists only its members\' watch-outs, the most severe first', () => {
    const c = makeCatalog([withPitfalls('a', 'info'), withPitfalls('b', 'high')]);
    const a = advise(c, mergeAnswers({})).ranking.find((r) => r.gateway === 'a')!;
    expect(a.watchOuts.map((w) => w.id)).toEqual(['a-info']);
    const both = makeCatalog([makeGateway('a', { pitfalls: [{ id: 'i', title: 'T', detail: 'D', severity: 'info', when: [], ...fact }, { id: 'h', title: 'T', detail: 'D', severity: 'high', when: [], ...fact }, { id: 'w', title: 'T', detail: 'D', severity: 'warn', when: [], ...fact }] })]);
    expect(advise(both, mergeAnswers({})).ranking[0]!.watchOuts.map((w) => w.id)).toEqual(['h', 'w', 'i']);
  });

  it('ties in score and cost are broken by id, whatever the catalog order', () => {
    expect(advise(makeCatalog([makeGateway('b'), makeGateway('a')]), mergeAnswers({})).ranking.map((r) => r.gateway)).toEqual(['a', 'b']);
  });

  it('says "1 point" in the singular', () => {
    const r = advise(makeCatalog([makeGateway('a'), makeGateway('b', { reach: { providers: 9, models: null, ...fact } })]), mergeAnswers({ latency: 'relaxed', needs: [], providers: 3 })).recommendation;
    // a: (1 + 2 × 0.5 + 2) ÷ 5 = 80; b: (1 + 2 × log10(9) ÷ 2 + 2) ÷ 5 = 79.08 → 79
    expect(r.confidenceText).toBe('low: 1 point ahead of B');
  });

  it('when nothing is eligible: no gateway, no stack, no watch-outs', () => {
    const r = advise(makeCatalog([makeGateway('a')]), mergeAnswers({ hosting: 'self-hosted' })).recommendation;
    expect(r).toEqual({
      gateway: null,
      stack: [],
      name: 'none',
      topology: null,
      score: 0,
      confidence: 'none',
      confidenceText: 'none: nothing in the catalog meets your hard constraints',
      runnerUp: null,
      reasons: [expect.objectContaining({ criterion: 'constraint', answer: 'hosting=self-hosted' })],
      watchOuts: [],
      conflicts: [],
    });
  });

  it('cites every source the ranking uses, sorted, and the document lists those sources', () => {
    const c = makeCatalog([makeGateway('a', { reach: { providers: 10, models: null, source: 'zeta', checked: '2026-11-01' } })], {
      sources: [
        { id: 'src', title: 'S', url: 'https://example.com/s', publisher: 'vendor' },
        { id: 'zeta', title: 'Z', url: 'https://example.com/z', publisher: 'vendor' },
        { id: 'unused', title: 'U', url: 'https://example.com/u', publisher: 'vendor' },
      ],
    });
    const answers = mergeAnswers({});
    const advice = advise(c, answers);
    expect(advice.sources).toEqual(['src', 'zeta']);
    const doc = recommendationDocument(c, { file: 'f', lastVerified: '2026-11-01', warnings: [] }, answers, advice, new Date('2026-11-26T00:00:00Z'));
    expect(doc.sources.map((s) => s.id)).toEqual(['src', 'zeta']);
    expect('cost' in doc).toBe(false);
    expect(recommendationDocument(c, { file: 'f', lastVerified: '2026-11-01', warnings: [] }, answers, advice, new Date(), { total: 1 }).cost).toEqual({ total: 1 });
  });

  it('sorts the sources by id, not by where they are first cited', () => {
    // the providers reason (weight 1 × 0.2 neutral) comes last, so "aardvark" is cited after "src"
    const c = makeCatalog([makeGateway('a', { reach: { providers: 10, models: null, source: 'aardvark', checked: '2026-11-01' } })]);
    expect(advise(c, mergeAnswers({})).sources).toEqual(['aardvark', 'src']);
  });

  it('a stack carries why it exists, with its source', () => {
    const c = makeCatalog([makeGateway('a'), makeGateway('b')], { stacks: [{ id: 'ab', name: 'AB', members: ['a', 'b'], topology: 'a → b', contributes: [], why: 'because', ...fact, status: 'unverified' }] });
    expect(advise(c, mergeAnswers({})).stacks[0]!.reasons.at(-1)).toEqual({ criterion: 'stack', answer: '-', effect: 'neutral', weight: 0, text: 'because', source: 'src', status: 'unverified', checked: '2026-11-01' });
  });
});

describe('watch-outs from limits', () => {
  const edge = makeGateway('edge', {
    levels: { 'managed-billing': 'yes' },
    pricing: {
      tokenMarkupPercent: { value: 0, ...fact },
      fees: [],
      plans: [{ id: 'free', name: 'Free', monthlyUsd: 0, ...fact }, { id: 'paid', name: 'Paid', monthlyUsd: 5, ...fact }],
      limits: [
        { id: 'rate', label: 'Rate', value: 100, unit: 'requests', ...fact },
        { id: 'daily', label: 'Daily', value: 1_000, unit: 'requests', plan: 'free', ...fact, status: 'unverified' },
        { id: 'gw', label: 'Gateways', value: 2, unit: 'gateways', per: 'account', ...fact },
      ],
    },
    decision: {
      limits: [
        { limit: 'rate', counts: 'requests', windowSeconds: 60, scope: 'gateway', appliesWhen: 'managed-billing', pastBy: [{ scaleOut: ['gw'] }] },
        { limit: 'daily', counts: 'requests', windowSeconds: 86_400, scope: 'account', appliesWhen: 'always', pastBy: [{ plan: 'paid' }] },
      ],
    },
  });
  const watch = (monthlyRequests: number) => advise(makeCatalog([edge]), mergeAnswers({ ownProviderKeys: false, monthlyRequests })).ranking[0]!.watchOuts;

  it('a limit the load stays under is no watch-out', () => {
    // 20,000 ÷ 2,592,000 × 3 × 60 = 1.4 per 60 s (< 100); 20,000 ÷ 30 = 667 a day (< 1,000)
    expect(watch(20_000)).toEqual([]);
  });

  it('a way past a limit: more scopes, or a plan', () => {
    // 2,000,000 ÷ 2,592,000 × 3 × 60 = 138.9 per 60 s → 2 gateways; 66,667 a day > 1,000 → the paid plan
    expect(watch(2_000_000)).toEqual([
      {
        gateway: 'edge',
        id: 'limit-daily',
        title: 'Daily: needs a paid plan at this volume',
        detail: 'Daily is 1,000 requests per day per account; at 2,000,000 requests/month this workload writes about 66,667 requests per day on average, so it needs the Paid plan, where this limit does not apply. The cost assumes it.',
        severity: 'warn',
        because: ['monthlyRequests=2000000'],
        source: 'src',
        status: 'unverified',
      },
      expect.objectContaining({ id: 'limit-rate', title: 'Rate: needs 2 gateways at this volume', because: ['monthlyRequests=2000000'], status: 'verified' }),
    ]);
  });

  it('credits that cannot carry the load: a high watch-out, first', () => {
    // 5,000,000 ÷ 2,592,000 × 3 × 60 = 347.2 per 60 s → 4 gateways > 2
    expect(watch(5_000_000)[0]).toMatchObject({
      id: 'managed-billing-over-rate',
      title: "EDGE's managed billing cannot carry this volume",
      detail: expect.stringMatching(/that needs 4 gateways, more than the 2 allowed per account\. It is costed and scored with your own provider keys instead, which this limit does not apply to\.$/),
      severity: 'high',
      because: ['monthlyRequests=5000000', 'ownProviderKeys=false'],
    });
  });
});

describe('capacity words', () => {
  const g = (windowSeconds: number, counts: 'requests' | 'log-events', per?: string) =>
    makeGateway('g', {
      levels: { observability: 'yes' },
      pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [], plans: [], limits: [{ id: 'l', label: 'L', value: 1, unit: 'x', ...fact }, { id: 'n', label: 'N', value: 1, unit: 'gateways', ...(per ? { per } : {}), ...fact }] },
      decision: { limits: [{ limit: 'l', counts, windowSeconds, scope: 'key', appliesWhen: 'always', pastBy: [{ scaleOut: ['n'] }] }] },
    });
  const exclusion = (gw: GatewayInput) => advise(makeCatalog([gw]), mergeAnswers({ monthlyRequests: 100_000_000 })).ranking[0]!.excludedBecause[0]!.text;

  it.each<[number, 'requests' | 'log-events', string | undefined, RegExp]>([
    [3_600, 'requests', undefined, /^G cannot carry this load: L is 1 requests per hour per key; .* requests per hour at peak .*: that needs [\d,]+ keys, more than the 1 allowed per account$/],
    [600, 'log-events', 'org', /L is 1 log events per 600 s per key; .* log events per 600 s at peak .*allowed per org$/],
    [172_800, 'requests', undefined, /L is 1 requests per 172,800 s per key; at 100,000,000 requests\/month this workload writes about 6,666,667 requests per 172,800 s on average/],
  ])('window %d s, counting %s', (windowSeconds, counts, per, expected) => {
    expect(exclusion(g(windowSeconds, counts, per))).toMatch(expected);
  });

  it('a limit with no way past it says so', () => {
    const noWay = makeCatalog([
      makeGateway('g', {
        pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [], plans: [], limits: [{ id: 'l', label: 'L', value: 1, unit: 'x', ...fact }] },
        decision: { limits: [{ limit: 'l', counts: 'requests', windowSeconds: 60, scope: 'account', appliesWhen: 'always' }] },
      }),
    ]);
    expect(advise(noWay, mergeAnswers({})).ranking[0]!.excludedBecause[0]!.text).toMatch(/: more than the limit, with no documented way past it$/);
  });

  it('a rule whose limit is not in the catalog is skipped', () => {
    const dangling = makeCatalog([makeGateway('g', { decision: { limits: [{ limit: 'ghost', counts: 'requests', windowSeconds: 60, scope: 'account', appliesWhen: 'always' }] } })]);
    expect(advise(dangling, mergeAnswers({})).ranking[0]!.eligible).toBe(true);
  });
});

describe('conditions on answers', () => {
  const a = () => mergeAnswers({ monthlyRequests: 5_000_000, needs: ['budgets'], caching: 'exact' });
  it.each<[Condition, boolean]>([
    [{ answer: 'caching', in: ['exact', 'semantic'] }, true],
    [{ answer: 'caching', in: ['semantic'] }, false],
    [{ answer: 'monthlyRequests', atLeast: 5_000_000 }, true],
    [{ answer: 'monthlyRequests', atLeast: 5_000_001 }, false],
    [{ answer: 'caching', atLeast: 0 }, false],
    // only a number is at least a number: true ≥ 0 would be true in JavaScript
    [{ answer: 'ownProviderKeys', atLeast: 0 }, false],
    [{ answer: 'needs', includes: 'budgets' }, true],
    [{ answer: 'needs', includes: 'sso' }, false],
    [{ answer: 'caching', includes: 'exact' }, false],
    [{ answer: 'caching' } as Condition, false],
    [{ answer: 'needs' } as Condition, false],
  ])('%j → %s', (c, expected) => {
    expect(holds(c, a())).toBe(expected);
  });
  it('read as words', () => {
    expect([
      describeCondition({ answer: 'caching', in: ['exact', 'semantic'] }),
      describeCondition({ answer: 'ownProviderKeys', in: [false] }),
      describeCondition({ answer: 'monthlyRequests', atLeast: 5_000_000 }),
      describeCondition({ answer: 'needs', includes: 'budgets' }),
    ]).toEqual(['caching is exact or semantic', 'ownProviderKeys is false', 'monthlyRequests ≥ 5,000,000', 'needs includes budgets']);
  });
});

describe('conflicts need both answers', () => {
  it.each<PartialAnswers>([
    { hosting: 'managed', dataControl: 'standard' },
    { hosting: 'either', dataControl: 'own-infrastructure' },
    { hosting: 'self-hosted', opsCapacity: 'some' },
    { hosting: 'either', opsCapacity: 'none' },
    { dataControl: 'standard', caching: 'exact' },
  ])('%j', (answers) => {
    expect(answerConflicts(mergeAnswers(answers))).toEqual([]);
  });
  it('say what conflicts', () => {
    expect(answerConflicts(mergeAnswers({ hosting: 'self-hosted', opsCapacity: 'none', dataControl: 'zero-retention', caching: 'exact' })).map((c) => c.text)).toEqual([
      'You require self-hosting, but have no capacity to run services: someone will have to run, patch and upgrade the gateway.',
      'You need zero retention, but also a response cache: a cache keeps prompts and completions at the gateway for its lifetime, and some gateways turn caching off under zero retention.',
    ]);
  });
});

describe('usage of a gateway: which fees and limits apply', () => {
  const g = makeCatalog([
    makeGateway('g', {
      pricing: {
        tokenMarkupPercent: { value: 0, ...fact },
        fees: [
          { id: 'base-fee', label: 'B', basis: 'monthly-flat', appliesWhen: 'always', usdFlat: 1, plan: 'cheap', ...fact },
          { id: 'export', label: 'E', basis: 'monthly-flat', appliesWhen: 'logpush', usdFlat: 1, plan: 'pro', ...fact },
          { id: 'logs', label: 'L', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 1, plan: 'pro', ...fact },
          { id: 'same', label: 'S', basis: 'log-events', appliesWhen: 'byok', usdPerMillion: 1, plan: 'pro', ...fact },
        ],
        plans: [
          { id: 'secret', name: 'Secret', monthlyUsd: null, ...fact },
          { id: 'pro', name: 'Pro', monthlyUsd: 9, ...fact },
          { id: 'cheap', name: 'Cheap', monthlyUsd: 0, ...fact },
          { id: 'also-cheap', name: 'Also cheap', monthlyUsd: 0, ...fact },
        ],
        limits: [
          { id: 'daily', label: 'Daily', value: 1, unit: 'x', plan: 'cheap', ...fact },
          { id: 'pro-cap', label: 'Pro cap', value: 1, unit: 'x', plan: 'pro', ...fact },
        ],
      },
      decision: {
        limits: [
          { limit: 'daily', counts: 'log-events', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs' },
          { limit: 'pro-cap', counts: 'requests', windowSeconds: 86_400, scope: 'account', appliesWhen: 'byok' },
        ],
      },
    }),
  ]).gateways[0]!;
  const u = (billing: 'byok' | 'managed', a: PartialAnswers = {}, w: Parameters<typeof workloadFor>[1] = {}) => {
    const answers = mergeAnswers(a);
    return { billing, answers, workload: workloadFor(answers, w) };
  };

  it('conditions by billing, payment, log export, kept logs and free models', () => {
    expect(applies('card-credits', u('managed'))).toBe(true);
    expect(applies('card-credits', u('byok'))).toBe(false);
    expect(applies('crypto-credits', u('managed'))).toBe(false);
    expect(applies('crypto-credits', u('managed', {}, { paymentMethod: 'crypto' }))).toBe(true);
    expect(applies('crypto-credits', u('byok', {}, { paymentMethod: 'crypto' }))).toBe(false);
    expect(applies('stored-logs', u('byok', { needs: ['observability'] }))).toBe(true);
    expect(applies('stored-logs', u('byok', { needs: ['fallbacks'] }))).toBe(false);
    expect(applies('free-models', u('byok', {}, { freeModelShare: 0 }))).toBe(false);
    expect(applies('free-models', u('byok', {}, { freeModelShare: 0.01 }))).toBe(true);
    expect(applies('logpush', u('byok', {}, { logpush: true }))).toBe(true);
  });

  it('the base plan is the cheapest published one, the first on a tie', () => {
    expect(basePlan(g)?.id).toBe('cheap');
    expect(basePlan(makeCatalog([makeGateway('none')]).gateways[0]!)).toBeUndefined();
    const plans = (...ps: [string, number | null][]) =>
      makeCatalog([makeGateway('p', { pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [], plans: ps.map(([id, monthlyUsd]) => ({ id, name: id, monthlyUsd, ...fact })), limits: [] } })]).gateways[0]!;
    expect(basePlan(plans(['five', 5], ['ten', 10]))?.id).toBe('five');
    expect(basePlan(plans(['ten', 10], ['five', 5], ['null', null]))?.id).toBe('five');
  });

  it('a fee with no plan, or one whose use is capped by a limit of no plan, has no alternative plan', () => {
    const h = makeCatalog([
      makeGateway('h', {
        pricing: {
          tokenMarkupPercent: { value: 0, ...fact },
          fees: [
            { id: 'plain', label: 'P', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 1, ...fact },
            { id: 'logs', label: 'L', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 1, plan: 'pro', ...fact },
          ],
          plans: [
            { id: 'free', name: 'Free', monthlyUsd: 0, ...fact },
            { id: 'pro', name: 'Pro', monthlyUsd: 9, ...fact },
          ],
          limits: [{ id: 'cap', label: 'Cap', value: 1, unit: 'x', ...fact }],
        },
        decision: {
          limits: [
            { limit: 'cap', counts: 'log-events', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs' },
            // a rule whose limit the catalog lacks (the catalog rules reject it) covers nothing
            { limit: 'ghost', counts: 'log-events', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs' },
          ],
        },
      }),
    ]).gateways[0]!;
    const logs = u('byok', { needs: ['observability'] });
    expect(feesThatApply(h, logs, new Set()).map((f) => f.id)).toEqual(['plain', 'logs']);
    expect(plansNeededByFees(h, logs)).toEqual(['pro']);
    // a fee of no plan applies even where a plan's limit caps the same use
    const capped = makeCatalog([
      makeGateway('k', {
        pricing: {
          tokenMarkupPercent: { value: 0, ...fact },
          fees: [{ id: 'plain', label: 'P', basis: 'log-events', appliesWhen: 'stored-logs', usdPerMillion: 1, ...fact }],
          plans: [{ id: 'free', name: 'Free', monthlyUsd: 0, ...fact }],
          limits: [{ id: 'daily', label: 'Daily', value: 1, unit: 'x', plan: 'free', ...fact }],
        },
        decision: { limits: [{ limit: 'daily', counts: 'log-events', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs' }] },
      }),
    ]).gateways[0]!;
    expect(feesThatApply(capped, logs, new Set()).map((f) => f.id)).toEqual(['plain']);
  });

  it('with no published plan price there is no base plan, so a plan\'s limit binds only once that plan is chosen', () => {
    const ent = makeCatalog([makeGateway('e', { pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [], plans: [{ id: 'ent', name: 'Enterprise', monthlyUsd: null, ...fact }], limits: [] } })]).gateways[0]!;
    expect([onPlan(ent, 'ent', new Set()), onPlan(ent, 'ent', new Set(['ent']))]).toEqual([false, true]);
  });

  it('a fee needs its plan unless another plan covers the same use under a limit, or it is the base plan', () => {
    expect(plansNeededByFees(g, u('managed', { needs: ['observability'] }, { logpush: true }))).toEqual(['pro']);
    expect(plansNeededByFees(g, u('managed', { needs: ['observability'] }))).toEqual([]);
    expect(plansNeededByFees(g, u('byok', { needs: [] }))).toEqual(['pro']); // 'same', below
    // 'same' applies with your keys and its own plan's limit covers byok: that is no alternative.
    expect(feesThatApply(g, u('byok', { needs: ['observability'] }), new Set()).map((f) => f.id)).toEqual(['base-fee', 'same']);
    expect(feesThatApply(g, u('byok', { needs: ['observability'] }), new Set(['pro'])).map((f) => f.id)).toEqual(['base-fee', 'logs', 'same']);
  });

  it('a limit binds only on its plan: the base plan until another is chosen', () => {
    expect([onPlan(g, undefined, new Set()), onPlan(g, 'cheap', new Set()), onPlan(g, 'pro', new Set())]).toEqual([true, true, false]);
    expect([onPlan(g, 'cheap', new Set(['pro'])), onPlan(g, 'pro', new Set(['pro']))]).toEqual([false, true]);
  });
});

describe('what each member of a stack serves', () => {
  it('wants the cache kind asked for', () => {
    expect(wantedFeatures(mergeAnswers({ caching: 'semantic', needs: ['sso'] }))).toEqual(['sso', 'semantic-cache']);
    expect(wantedFeatures(mergeAnswers({ caching: 'none', needs: [] }))).toEqual([]);
  });

  it('a feature nobody lists is "no" on both sides, so the contributor keeps it', () => {
    const lead = makeGateway('lead');
    delete (lead.features as Record<string, unknown>).guardrails;
    const edge = makeGateway('edge');
    delete (edge.features as Record<string, unknown>).guardrails;
    const c = makeCatalog([lead, edge], { stacks: [{ id: 's', name: 'S', members: ['lead', 'edge'], topology: 't', contributes: [{ gateway: 'edge', features: ['guardrails', 'semantic-cache'] }], why: 'w', ...fact }] });
    const assignment = stackAssignment(c.stacks[0]!, c.gateways);
    expect([...assignment]).toEqual([['guardrails', 'edge'], ['semantic-cache', 'edge']]);
    const served = (m: string) => servedAnswers(c.stacks[0]!, assignment, m, mergeAnswers({ caching: 'semantic', needs: ['guardrails', 'sso'] }));
    expect([served('lead').caching, served('lead').needs, served('edge').caching, served('edge').needs]).toEqual(['none', ['sso'], 'semantic', ['guardrails']]);
  });
});

describe('a stack naming a gateway the catalog lacks (the catalog rules reject it)', () => {
  const stackOf = (members: string[], contributor: string) =>
    makeCatalog([makeGateway('real', { levels: { 'exact-cache': 'yes' } })], {
      stacks: [{ id: 's', name: 'S', members, topology: 't', contributes: [{ gateway: contributor, features: ['exact-cache'] }], why: 'w', ...fact }],
    });
  it('a missing contributor counts as "no": a lead that has the feature keeps it', () => {
    const c = stackOf(['real', 'ghost'], 'ghost');
    expect([...stackAssignment(c.stacks[0]!, c.gateways)]).toEqual([['exact-cache', 'real']]);
  });
  it('a missing lead counts as "no": the contributor serves the feature', () => {
    const c = stackOf(['ghost', 'real'], 'real');
    expect([...stackAssignment(c.stacks[0]!, c.gateways)]).toEqual([['exact-cache', 'real']]);
  });
});

describe('answers checked without zod', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'hosting: managed'],
    ['an unknown choice', { hosting: 'cloud' }],
    ['a number as a choice', { hosting: 1 }],
    ['a fraction', { providers: 1.5 }],
    ['a number below the minimum', { providers: 0 }],
    ['a number above the maximum', { providers: 1_001 }],
    ['a volume above the maximum', { monthlyRequests: 1_000_000_000_001 }],
    ['a negative volume', { monthlyRequests: -1 }],
    ['a number as a string', { monthlyRequests: '5' }],
    ['an unsafe integer', { monthlyRequests: 2 ** 53 }],
    ['a yes/no as a string', { ownProviderKeys: 'yes' }],
    ['needs not a list', { needs: 'budgets' }],
    ['an unknown need', { needs: ['budgets', 'teleport'] }],
    ['a need that is not a string', { needs: [1] }],
  ])('rejects %s', (_name, input) => {
    expect(checkPartialAnswers(input)).toBeUndefined();
  });

  it('keeps what is given, and puts needs in their order without repeats', () => {
    expect(checkPartialAnswers({ hosting: 'managed', providers: 1, monthlyRequests: 0, ownProviderKeys: false, needs: ['sso', 'fallbacks', 'sso'] })).toEqual({
      hosting: 'managed',
      providers: 1,
      monthlyRequests: 0,
      ownProviderKeys: false,
      needs: ['fallbacks', 'sso'],
    });
    expect(checkPartialAnswers({})).toEqual({});
  });

  it('accepts numbers at exactly their bounds', () => {
    expect(checkPartialAnswers({ providers: 1_000, monthlyRequests: 1_000_000_000_000, avgInputTokens: 10_000_000, avgOutputTokens: 0 })).toEqual({
      providers: 1_000,
      monthlyRequests: 1_000_000_000_000,
      avgInputTokens: 10_000_000,
      avgOutputTokens: 0,
    });
  });

  it.each<[string, unknown]>([
    ['not an object', 'x'],
    ['a number', 5],
    ['a boolean', true],
    ['null', null],
    ['an array', [{}]],
    ['a $schema that is not a string', { $schema: 1 }],
    ['a schemaVersion that is not a number', { schemaVersion: '1' }],
    ['a cost section that is a list', { cost: [] }],
    ['a cost section that is null', { cost: null }],
    ['a cost section that is a string', { cost: 'cheap' }],
    ['an unknown key', { hosting: 'managed', colour: 'red' }],
    ['a bad answer', { hosting: 'cloud' }],
  ])('an answers file: rejects %s', (_name, input) => {
    expect(checkAnswersFile(input)).toBeUndefined();
  });

  it('an answers file: answers, plus $schema, schemaVersion and a cost section set apart', () => {
    expect(checkAnswersFile({ $schema: 's', schemaVersion: 1, hosting: 'managed', cost: { cacheHitRate: 0.2 } })).toEqual({ answers: { hosting: 'managed' }, cost: { cacheHitRate: 0.2 } });
    expect(checkAnswersFile({ providers: 3 })).toEqual({ answers: { providers: 3 }, cost: undefined });
  });

  it('merging refuses a layer that was not checked', () => {
    expect(mergeAnswers({ providers: 2 }, { hosting: undefined }).providers).toBe(2);
    // a field a layer leaves undefined keeps the value below it
    expect(mergeAnswers({ hosting: 'managed' }, { hosting: undefined }).hosting).toBe('managed');
    expect(mergeAnswers({ hosting: undefined }).hosting).toBe('either');
    expect(() => mergeAnswers({ providers: 0 })).toThrow('mergeAnswers: a layer was not checked');
  });

  it('the workload\'s defaults', () => {
    expect(workloadFor(mergeAnswers({ monthlyRequests: 9 }))).toEqual({ monthlyRequests: 9, peakFactor: 3, useManagedBilling: null, paymentMethod: 'card', logpush: false, freeModelShare: 0, logBytesPerRequest: 6_200, logBytesGiven: false });
    // (1,000 input + 300 output tokens) × 4 bytes + 1,000 bytes of metadata = 6,200
    expect(workloadFor(mergeAnswers({ avgInputTokens: 100, avgOutputTokens: 50 })).logBytesPerRequest).toBe(1_600);
  });
});

describe('more reasons', () => {
  it('self-hosting wanted: the self-hosted level', () => {
    const g = makeGateway('g', { deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } } });
    expect(text(g, { hosting: 'self-hosted' }, 'hosting')).toEqual(['You want self-hosted: self-hosted is yes']);
  });

  it('semantic caching not listed, exact-match offered: the exact-match fact is cited', () => {
    const g = makeGateway('g', { levels: { 'exact-cache': 'partial' } });
    delete (g.features as Record<string, unknown>)['semantic-cache'];
    expect(reasons(g, { caching: 'semantic' }).find((r) => r.criterion === 'caching')).toMatchObject({
      text: 'You want semantic caching: the catalog does not say whether G has semantic-cache; only exact-match caching (partial)',
      source: 'src',
      status: 'verified',
    });
  });

  it('no cost reason at 10k requests a month, where cost weighs nothing; its answer names the volume', () => {
    const map = new Map([['g', { name: 'G', total: 1, licenceUnpublished: false, eligible: true }]]);
    expect(reasons(makeGateway('g'), { monthlyRequests: 10_000 }, map).some((r) => r.criterion === 'cost')).toBe(false);
    expect(reasons(makeGateway('g'), { monthlyRequests: 20_000 }, map).find((r) => r.criterion === 'cost')!.answer).toBe('monthlyRequests=20000');
  });

  it('an "against" reason counts as much as a "for" one of the same weight when they are ordered', () => {
    // needs sso (no): 2 × 1, operations: 2 × 1 → by criterion name; then keys 1 × 1; providers 1 × 0.2
    expect(reasons(makeGateway('g'), { needs: ['sso'] }).map((r) => [r.criterion, r.effect])).toEqual([
      ['needs', 'against'],
      ['operations', 'for'],
      ['provider-keys', 'for'],
      ['providers', 'neutral'],
    ]);
  });

  it('an excluded option\'s reasons are constraints, against', () => {
    const r = advise(makeCatalog([makeGateway('a')]), mergeAnswers({ hosting: 'self-hosted' })).ranking[0]!;
    expect(r.excludedBecause).toEqual([{ criterion: 'constraint', answer: 'hosting=self-hosted', effect: 'against', weight: 0, text: 'You require self-hosting; A cannot be self-hosted (no)', gateway: 'a', source: 'src', status: 'verified', checked: '2026-11-01' }]);
  });
});

describe('stacks as the eligibility decision sets them up', () => {
  // lead sells credits, but they carry only 100 requests per 60 s (no way past); edge sells credits freely but
  // keeps logs under a cap of 1,000 a day (no way past). Alone, with credits forced and logs needed, each fails.
  const lead = makeGateway('lead', {
    levels: { 'managed-billing': 'yes', observability: 'yes' },
    pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [], plans: [], limits: [{ id: 'rate', label: 'Rate', value: 100, unit: 'requests', ...fact }] },
    decision: { limits: [{ limit: 'rate', counts: 'requests', windowSeconds: 60, scope: 'gateway', appliesWhen: 'managed-billing' }] },
  });
  const edge = makeGateway('edge', {
    levels: { 'managed-billing': 'yes', observability: 'yes' },
    pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [], plans: [], limits: [{ id: 'logs', label: 'Logs', value: 1_000, unit: 'log events', ...fact }] },
    decision: { limits: [{ limit: 'logs', counts: 'log-events', windowSeconds: 86_400, scope: 'account', appliesWhen: 'stored-logs' }] },
  });
  const catalog = makeCatalog([lead, edge], {
    stacks: [{ id: 'lead-edge', name: 'Lead with Edge', members: ['lead', 'edge'], topology: 'app → lead → edge', contributes: [{ gateway: 'edge', features: ['managed-billing'] }], why: 'w', ...fact }],
  });
  const run = (a: PartialAnswers, useManagedBilling: boolean | null = null) => {
    const answers = mergeAnswers({ latency: 'relaxed', ...a });
    return advise(catalog, answers, { workload: workloadFor(answers, { useManagedBilling }) });
  };

  it('can be eligible where neither member alone is: each serves only its part', () => {
    const r = run({ ownProviderKeys: false, monthlyRequests: 2_000_000, needs: ['observability'] }, true);
    expect(r.ranking.map((x) => x.eligible)).toEqual([false, false]);
    expect(r.stacks.map((x) => x.gateway)).toEqual(['lead-edge']);
    expect(r.recommendation).toMatchObject({ stack: ['lead', 'edge'], topology: 'app → lead → edge', confidence: 'only-option' });
  });

  it('is judged on the billing of the member that bills: edge\'s credits, with no limit', () => {
    const s = run({ ownProviderKeys: false, monthlyRequests: 2_000_000, needs: ['observability'] }).stacks[0]!;
    expect(s.reasons.find((x) => x.criterion === 'provider-keys')).toMatchObject({ effect: 'for', gateway: 'edge' });
    const alone = run({ ownProviderKeys: false, monthlyRequests: 2_000_000, needs: [] }).ranking.find((x) => x.gateway === 'lead')!;
    expect(alone.reasons.find((x) => x.criterion === 'provider-keys')!.text).toMatch(
      /^You hold no provider keys, so the gateway must sell you model access: managed-billing is yes, but not for this load: Rate is 100 requests per 60 s per gateway; .*; you would need your own provider keys$/,
    );
  });

  it('a single pick has no topology, even when a stack is eligible', () => {
    const r = run({ needs: [] });
    expect(r.recommendation.stack).toHaveLength(1);
    expect(r.recommendation.topology).toBeNull();
    expect(r.recommendation.runnerUp).not.toBe(r.recommendation.gateway);
  });
});
