import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { answerConflicts } from '../../../src/advisor/conflicts.js';
import type { SubjectCost } from '../../../src/advisor/criteria.js';
import { advise } from '../../../src/advisor/score.js';
import type { CatalogInput } from '../../../src/catalog/schema.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

/**
 * One targeted test per weight, threshold and rule that decides a pick. Scores are worked out by hand:
 * score = round(100 × Σ(weight × value) ÷ Σ weight), and a stack loses 5 points.
 *
 * The baseline: a managed gateway that takes your keys (byok yes), reaches 10 providers and leaves nothing to run,
 * against the default answers with relaxed latency and no needs. Three judgements:
 *   provider keys  weight 1 × byok yes (1)             = 1
 *   providers      weight 1 (2 providers) × log10(10)/2 = 0.5
 *   operations     weight 2 (some) × within capacity (1) = 2
 * → 100 × 3.5 ÷ 4 = 87.5 → 88.
 */
type GatewayInput = CatalogInput['gateways'][number];
const BASE: PartialAnswers = { latency: 'relaxed', needs: [] };
const score = (g: Partial<GatewayInput> & { levels?: Record<string, string> }, a: PartialAnswers = {}) =>
  advise(makeCatalog([makeGateway('g', g as Parameters<typeof makeGateway>[1])]), mergeAnswers({ ...BASE, ...a })).ranking[0]!.score;
const ops = (burden: 'none' | 'low' | 'moderate' | 'high') => ({ operations: { burden, components: [], ...fact } });

describe('criteria weights and values', () => {
  it.each<[string, Parameters<typeof score>[0], PartialAnswers, number]>([
    ['the baseline', {}, {}, 88],
    // operations: weight 4 / 2 / 1 by capacity none / some / dedicated; capacity counts 1 / 2 / 3 against burdens
    // none 0, low 1, moderate 2, high 3; value 1 within capacity, else max(0, 1 − 0.45 × gap).
    ['no ops capacity, nothing to run: (1 + 0.5 + 4 × 1) ÷ 6', {}, { opsCapacity: 'none' }, 92],
    ['no ops capacity, a low burden still fits: (1 + 0.5 + 4) ÷ 6', ops('low'), { opsCapacity: 'none' }, 92],
    ['no ops capacity, a moderate burden: gap 1 → 0.55: (1.5 + 4 × 0.55) ÷ 6 = 3.7 ÷ 6', ops('moderate'), { opsCapacity: 'none' }, 62],
    ['no ops capacity, a high burden: gap 2 → 0.1: (1.5 + 0.4) ÷ 6', ops('high'), { opsCapacity: 'none' }, 32],
    ['some capacity, a high burden: gap 1 → 0.55: (1.5 + 2 × 0.55) ÷ 4 = 2.6 ÷ 4', ops('high'), { opsCapacity: 'some' }, 65],
    ['dedicated capacity weighs 1: (1 + 0.5 + 1) ÷ 3', ops('high'), { opsCapacity: 'dedicated' }, 83],
    // providers: weight 0.5 / 1 / 2 for 1 / 2 / 3+ providers; value log10(reach) ÷ 2, capped at 1; unknown 0.5
    ['one provider weighs 0.5: (1 + 0.25 + 2) ÷ 3.5', {}, { providers: 1 }, 93],
    ['three providers weigh 2: (1 + 1 + 2) ÷ 5', {}, { providers: 3 }, 80],
    ['100 providers reachable is the cap: (1 + 1 + 2) ÷ 4', { reach: { providers: 1_000, models: null, ...fact } }, {}, 100],
    ['an unknown reach counts 0.5', { reach: { providers: null, models: null, ...fact } }, {}, 88],
    // provider keys: weight 4 without keys, on managed billing's level: yes 1, partial 0.6, enterprise-only 0.4, planned 0.1, no 0
    ['no keys, no managed billing: (0 + 0.5 + 2) ÷ 7', {}, { ownProviderKeys: false }, 36],
    ['no keys, managed billing partial: (2.4 + 2.5) ÷ 7', { levels: { 'managed-billing': 'partial' } }, { ownProviderKeys: false }, 70],
    ['no keys, managed billing enterprise-only: (1.6 + 2.5) ÷ 7', { levels: { 'managed-billing': 'enterprise-only' } }, { ownProviderKeys: false }, 59],
    ['no keys, managed billing planned: (0.4 + 2.5) ÷ 7', { levels: { 'managed-billing': 'planned' } }, { ownProviderKeys: false }, 41],
    // caching: weight 3; semantic falls back to 0.3 × the exact-match level
    ['exact caching, yes: (3.5 + 3) ÷ 7', { levels: { 'exact-cache': 'yes' } }, { caching: 'exact' }, 93],
    ['semantic wanted, only exact: (3.5 + 3 × 0.3) ÷ 7', { levels: { 'exact-cache': 'yes' } }, { caching: 'semantic' }, 63],
    ['semantic partial beats the fallback: (3.5 + 3 × 0.6) ÷ 7', { levels: { 'exact-cache': 'yes', 'semantic-cache': 'partial' } }, { caching: 'semantic' }, 76],
    // needs: weight 2 each
    ['a need met: (3.5 + 2) ÷ 6', { levels: { budgets: 'yes' } }, { needs: ['budgets'] }, 92],
    ['a need met in part: (3.5 + 1.2) ÷ 6', { levels: { budgets: 'partial' } }, { needs: ['budgets'] }, 78],
    // hosting: weight 3 when not "either"
    ['managed wanted and offered: (3.5 + 3) ÷ 7', {}, { hosting: 'managed' }, 93],
    // data control: zero retention weight 3, own infrastructure weight 2
    ['zero retention not offered: 3.5 ÷ 7', {}, { dataControl: 'zero-retention' }, 50],
    ['own infrastructure without data residency: 3.5 ÷ 6', { deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } } }, { dataControl: 'own-infrastructure' }, 58],
    // latency: weight 2 sensitive / 4 critical; value 1 ÷ (1 + ms ÷ 25); no figure 0.5
    ['sensitive, no published figure: (3.5 + 1) ÷ 6', {}, { latency: 'sensitive' }, 75],
    ['sensitive, 25 ms typical → 0.5: (3.5 + 1) ÷ 6', { latency: [{ metric: 'overhead', stat: 'p50', valueMs: 25, conditions: 'c', measuredBy: 'vendor', ...fact }] }, { latency: 'sensitive' }, 75],
    ['critical, 75 ms typical → 0.25: (3.5 + 1) ÷ 8', { latency: [{ metric: 'overhead', stat: 'p50', valueMs: 75, conditions: 'c', measuredBy: 'vendor', ...fact }] }, { latency: 'critical' }, 56],
  ])('%s → %d', (_name, gateway, answers, expected) => {
    expect(score(gateway, answers)).toBe(expected);
  });

  it('orders reasons by weight × effect (a neutral one counts a fifth), then by criterion name', () => {
    // hosting 3 × 1 (for) and caching 3 × 1 (for) tie at 3: caching before hosting; then operations 2, provider
    // keys 1, providers 1 × 0.2 (neutral, log10(10) ÷ 2 = 0.5)
    const reasons = advise(makeCatalog([makeGateway('g', { levels: { 'exact-cache': 'yes' } })]), mergeAnswers({ ...BASE, hosting: 'managed', caching: 'exact' })).ranking[0]!.reasons;
    expect(reasons.map((r) => r.criterion)).toEqual(['caching', 'hosting', 'operations', 'provider-keys', 'providers']);
  });

  it('reasons of one criterion that weigh the same keep the order of the answers', () => {
    const needs = advise(makeCatalog([makeGateway('g', { levels: { fallbacks: 'yes', budgets: 'yes', sso: 'yes' } })]), mergeAnswers({ ...BASE, needs: ['fallbacks', 'budgets', 'sso'] })).ranking[0]!.reasons;
    expect(needs.filter((r) => r.criterion === 'needs').map((r) => r.answer)).toEqual(['needs includes fallbacks', 'needs includes budgets', 'needs includes sso']);
  });

  it('a reason counts "for" from a value of 0.75 and "against" up to 0.35', () => {
    const effect = (providers: number) =>
      advise(makeCatalog([makeGateway('g', { reach: { providers, models: null, ...fact } })]), mergeAnswers(BASE)).ranking[0]!.reasons.find((r) => r.criterion === 'providers')!.effect;
    expect(effect(32)).toBe('for'); // log10(32) ÷ 2 = 0.7526
    expect(effect(31)).toBe('neutral'); // 0.7457
    expect(effect(6)).toBe('neutral'); // 0.389
    expect(effect(5)).toBe('against'); // 0.349
  });
});

describe('the cost criterion', () => {
  const two = makeCatalog([makeGateway('a'), makeGateway('b')]);
  const costs = (a: number, b: number, more: Partial<SubjectCost> = {}) =>
    new Map<string, SubjectCost>([
      ['a', { name: 'A', total: a, licenceUnpublished: false, eligible: true, ...more }],
      ['b', { name: 'B', total: b, licenceUnpublished: false, eligible: true }],
    ]);
  const run = (a: number, b: number, answers: PartialAnswers = {}, more: Partial<SubjectCost> = {}) =>
    advise(two, mergeAnswers({ ...BASE, ...answers }), { monthlyUsd: costs(a, b, more) });

  it('ranks the cheaper option higher: weight log10(1M ÷ 10k) = 2, value cheapest ÷ own total', () => {
    const r = run(200, 100).ranking;
    expect(r.map((x) => x.gateway)).toEqual(['b', 'a']);
    expect(r.map((x) => x.score)).toEqual([92, 75]); // (3.5 + 2) ÷ 6 and (3.5 + 2 × 0.5) ÷ 6
  });

  it('weighs 4 from 100M requests a month and nothing at 10k', () => {
    expect(run(200, 100, { monthlyRequests: 100_000_000 }).ranking.map((x) => x.score)).toEqual([94, 69]); // 7.5 ÷ 8, 5.5 ÷ 8
    expect(run(200, 100, { monthlyRequests: 10_000 }).ranking.map((x) => x.score)).toEqual([88, 88]);
  });

  it('says what each costs, the difference and the cheapest', () => {
    const [b, a] = run(200, 100).ranking;
    expect(b!.reasons.find((r) => r.criterion === 'cost')!.text).toBe('At 1,000,000 requests/month B is the cheapest: about $100/month, $100/month less than A');
    expect(a!.reasons.find((r) => r.criterion === 'cost')!.text).toBe('At 1,000,000 requests/month A costs about $200/month, $100/month more than B');
  });

  it('says "only option" when nothing else can be compared, and why an option cannot be costed', () => {
    const only = advise(makeCatalog([makeGateway('a')]), mergeAnswers(BASE), { monthlyUsd: new Map([['a', { name: 'A', total: 50, licenceUnpublished: false, eligible: true }]]) });
    expect(only.ranking[0]!.reasons.find((r) => r.criterion === 'cost')!.text).toBe('At 1,000,000 requests/month A is the only option: about $50/month, with nothing eligible to compare it with');
    const why = run(200, 100, {}, { eligible: false, why: 'it needs a licence nobody sells' }).ranking.find((x) => x.gateway === 'a')!;
    expect(why.reasons.find((r) => r.criterion === 'cost')!.text).toBe('At 1,000,000 requests/month A cannot be costed on its own for this workload: it needs a licence nobody sells');
    const noWhy = run(200, 100, {}, { eligible: false }).ranking.find((x) => x.gateway === 'a')!;
    expect(noWhy.reasons.find((r) => r.criterion === 'cost')!.text).toBe('At 1,000,000 requests/month A cannot be costed on its own for this workload');
  });

  it('ranks the cheaper first at equal scores, and by id when nothing else tells them apart', () => {
    // At 10k requests cost weighs nothing: both score 88, so the cheaper (b) comes first.
    expect(run(200, 100, { monthlyRequests: 10_000 }).ranking.map((x) => x.gateway)).toEqual(['b', 'a']);
    expect(advise(two, mergeAnswers(BASE)).ranking.map((x) => x.gateway)).toEqual(['a', 'b']);
    // catalog order does not matter: by code unit
    const three = makeCatalog([makeGateway('c'), makeGateway('a'), makeGateway('b')]);
    expect(advise(three, mergeAnswers(BASE)).ranking.map((x) => x.gateway)).toEqual(['a', 'b', 'c']);
  });
});

describe('stacks', () => {
  // "lead+edge" has the same facts as "lead" for these answers (edge contributes a feature nobody wants), so it
  // differs only by cost and by its 5-point penalty.
  const catalog = makeCatalog([makeGateway('lead'), makeGateway('edge', { levels: { guardrails: 'yes' } })], {
    stacks: [{ id: 'lead-edge', name: 'Lead with Edge', members: ['lead', 'edge'], topology: 't', contributes: [{ gateway: 'edge', features: ['guardrails'] }], why: 'w', ...fact }],
  });
  const run = (lead: number, stack: number) =>
    advise(catalog, mergeAnswers(BASE), {
      monthlyUsd: new Map<string, SubjectCost>([
        ['lead', { name: 'Lead', total: lead, licenceUnpublished: false, eligible: true }],
        ['edge', { name: 'Edge', total: 1_000, licenceUnpublished: false, eligible: true }],
        ['lead-edge', { name: 'Lead with Edge', total: stack, licenceUnpublished: false, eligible: true }],
      ]),
    });

  it('loses 5 points for being two systems: (3.5 + 2) ÷ 6 = 92, less 5', () => {
    expect(run(1_000, 86).stacks[0]!.score).toBe(87);
  });

  it('is recommended only when it outscores every single gateway, not on a tie', () => {
    // Lead at $100 against the stack's $86: (3.5 + 2 × 0.86) ÷ 6 = 0.87 → 87, the stack's score.
    const tie = run(100, 86);
    expect([tie.ranking[0]!.score, tie.stacks[0]!.score]).toEqual([87, 87]);
    expect(tie.recommendation.stack).toEqual(['lead']);
    expect(tie.recommendation.topology).toBeNull();
    // The runner-up is the better of the rest, single or stack: the stack's 87 beats Edge's
    // (3.5 + 2 × 86 ÷ 1,000) ÷ 6 = 0.612 → 61.
    expect(tie.recommendation.runnerUp).toBe('lead-edge');
    // Lead at $110: (3.5 + 2 × 0.7818) ÷ 6 = 0.844 → 84, below the stack.
    const ahead = run(110, 86);
    expect(ahead.recommendation.stack).toEqual(['lead', 'edge']);
    expect(ahead.recommendation.gateway).toBe('lead');
    expect(ahead.recommendation.topology).toBe('t');
  });

  it('the recommended stack\'s topology is its own, not that of a stack listed before it', () => {
    // "edge-lead" (listed first, no cost known): 3.5 ÷ 4 = 88, less 5 = 83; "lead-edge" at $86: 87; Lead at $110: 84
    const two = makeCatalog(catalog.gateways, {
      stacks: [{ ...catalog.stacks[0]!, id: 'edge-lead', name: 'Edge with Lead', members: ['edge', 'lead'], topology: 'u', contributes: [] }, ...catalog.stacks],
    });
    const advice = advise(two, mergeAnswers(BASE), {
      monthlyUsd: new Map<string, SubjectCost>([
        ['lead', { name: 'Lead', total: 110, licenceUnpublished: false, eligible: true }],
        ['edge', { name: 'Edge', total: 1_000, licenceUnpublished: false, eligible: true }],
        ['lead-edge', { name: 'Lead with Edge', total: 86, licenceUnpublished: false, eligible: true }],
      ]),
    });
    expect(advice.stacks.map((x) => [x.gateway, x.score])).toEqual([['lead-edge', 87], ['edge-lead', 83]]);
    expect(advice.recommendation).toMatchObject({ stack: ['lead', 'edge'], topology: 't' });
  });
});

describe('confidence', () => {
  // At 100M requests cost weighs 4. "a" costs $100 (value 1): (3.5 + 4) ÷ 8 = 93.75 → 94. "b" costs t:
  // (3.5 + 400 ÷ t) ÷ 8, so t = 131 → 82, 127 → 83, 110 → 89, 108 → 90.
  const pair = (t: number, a: Partial<Parameters<typeof makeGateway>[1]> = {}) =>
    advise(makeCatalog([makeGateway('a', a), makeGateway('b')]), mergeAnswers({ ...BASE, monthlyRequests: 100_000_000 }), {
      monthlyUsd: new Map<string, SubjectCost>([
        ['a', { name: 'A', total: 100, licenceUnpublished: false, eligible: true }],
        ['b', { name: 'B', total: t, licenceUnpublished: false, eligible: true }],
      ]),
    }).recommendation;

  it.each([
    [131, 'high', 'high: 12 points ahead of B'],
    [127, 'medium', 'medium: 11 points ahead of B'],
    [110, 'medium', 'medium: 5 points ahead of B'],
    [108, 'low', 'low: 4 points ahead of B'],
  ])('a runner-up at $%d: %s', (t, confidence, text) => {
    expect(pair(t)).toMatchObject({ confidence, confidenceText: text, runnerUp: 'b' });
  });

  it('drops a step when more than a quarter of the pick\'s weight rests on unverified facts', () => {
    // Unverified operations: 2 of 8 = 25%, not more: unchanged. Unverified keys too: 3 of 8: lowered.
    const unverified = { ...fact, status: 'unverified' as const };
    const operations = { burden: 'none' as const, components: [], ...unverified };
    expect(pair(131, { operations }).confidence).toBe('high');
    const features = { ...makeGateway('a').features, byok: { level: 'yes' as const, ...unverified } };
    expect(pair(131, { operations, features })).toMatchObject({
      confidence: 'medium',
      confidenceText: 'medium: 12 points ahead of B; lowered because much of the score rests on unverified or conflicting facts',
    });
  });

  it('says "only eligible option" with the fit when nothing else is eligible', () => {
    const c = makeCatalog([makeGateway('a'), makeGateway('b', { deployment: { selfHosted: { level: 'no', ...fact }, managed: { level: 'no', ...fact } } })]);
    const r = advise(c, mergeAnswers({ ...BASE, hosting: 'managed' })).recommendation;
    expect(r).toMatchObject({ gateway: 'a', confidence: 'only-option', confidenceText: 'only eligible option (fit 93/100)', runnerUp: null });
  });

  it('is "none" when nothing is eligible, and the reasons are the exclusions', () => {
    const r = advise(makeCatalog([makeGateway('a')]), mergeAnswers({ ...BASE, hosting: 'self-hosted' })).recommendation;
    expect(r).toMatchObject({ gateway: null, confidence: 'none' });
    expect(r.reasons.map((x) => x.answer)).toEqual(['hosting=self-hosted']);
  });
});

describe('conflicting answers', () => {
  it.each<[PartialAnswers, string[][]]>([
    [{}, []],
    [{ hosting: 'managed', dataControl: 'own-infrastructure' }, [['hosting=managed', 'dataControl=own-infrastructure']]],
    [{ hosting: 'self-hosted', opsCapacity: 'none' }, [['hosting=self-hosted', 'opsCapacity=none']]],
    [{ dataControl: 'zero-retention', caching: 'semantic' }, [['dataControl=zero-retention', 'caching=semantic']]],
    [{ dataControl: 'zero-retention', caching: 'none' }, []],
  ])('%j', (answers, expected) => {
    expect(answerConflicts(mergeAnswers(answers)).map((c) => c.answers)).toEqual(expected);
  });

  it('are carried in the recommendation', () => {
    const r = advise(makeCatalog([makeGateway('a')]), mergeAnswers({ hosting: 'managed', dataControl: 'own-infrastructure' })).recommendation;
    expect(r.conflicts[0]!.text).toMatch(/^You want a managed service, but traffic must stay on your infrastructure/);
  });
});
