import { describe, expect, it } from 'vitest';
import { mergeAnswers } from '../../../src/advisor/answers.js';
import { gatewaySetup } from '../../../src/advisor/eligibility.js';
import { gatewaySubject, stackSubject, typicalOverhead } from '../../../src/advisor/subject.js';
import { workloadFor } from '../../../src/advisor/workload.js';
import type { CatalogInput, FeatureId, Gateway } from '../../../src/catalog/schema.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

type Figure = CatalogInput['gateways'][number]['latency'][number];
/** A gateway seen as it runs for these answers (the defaults unless given). */
const subjectOf = (g: Gateway, answers = mergeAnswers({})) => gatewaySubject(gatewaySetup(g, answers, workloadFor(answers)).members[0]!);
const fig = (valueMs: number, over: Partial<Figure> = {}): Figure => ({ metric: 'overhead', stat: 'p50', valueMs, conditions: `at ${valueMs}`, measuredBy: 'vendor', ...fact, ...over });
const overhead = (latency: Figure[]) => typicalOverhead(makeCatalog([makeGateway('g', { latency })]).gateways[0]!);

describe('typical overhead', () => {
  it('is the median of the typical overhead figures (p50, mean, typical), not tails or end-to-end times', () => {
    expect(overhead([fig(100, { stat: 'p95' }), fig(500, { metric: 'end-to-end' }), fig(9, { metric: 'ttft' }), fig(10)])?.value).toBe(10);
    expect(overhead([fig(30, { stat: 'mean' }), fig(10), fig(20, { stat: 'typical' })])?.value).toBe(20);
    // an even count takes the lower middle
    expect(overhead([fig(40), fig(10), fig(30), fig(20)])?.value).toBe(20);
  });

  it('uses verified figures only: a claim nobody confirmed leaves the overhead unknown', () => {
    expect(overhead([fig(50, { status: 'unverified' }), fig(5)])?.value).toBe(5);
    expect(overhead([fig(50, { status: 'unverified' }), fig(70, { status: 'conflict' })])).toBeUndefined();
  });

  it('counts a range as its midpoint, and cites the figure with its conditions', () => {
    expect(overhead([fig(20, { valueMsHigh: 60, stat: 'typical', conditions: 'a blog post' })])).toEqual({ value: 40, gateway: 'g', source: 'src', status: 'verified', note: 'a blog post', checked: '2026-11-01' });
  });

  it('leaves out each kind of figure that is not a verified typical overhead, even a smaller one', () => {
    // with the 10 ms figure alone in the pool the median is 10; any 1 ms figure let in would make it 1 (lower middle)
    expect(overhead([fig(1, { metric: 'ttft' }), fig(10)])?.value).toBe(10);
    expect(overhead([fig(1, { stat: 'p95' }), fig(10)])?.value).toBe(10);
    expect(overhead([fig(1, { status: 'unverified' }), fig(10)])?.value).toBe(10);
  });

  it('is unknown without a typical figure', () => {
    expect(overhead([fig(10, { stat: 'p99' })])).toBeUndefined();
  });
});

describe('a gateway as the criteria see it', () => {
  const g = makeCatalog([
    makeGateway('g', {
      operations: { burden: 'high', components: ['proxy', 'postgres', 'redis'], base: { burden: 'moderate', components: ['proxy'], note: 'A stateless proxy.' }, note: 'Full deployment.', ...fact },
      features: {
        ...makeGateway('x').features,
        budgets: { level: 'yes', requires: ['postgres', 'redis'], ...fact },
        'rate-limiting': { level: 'yes', requires: ['redis'], ...fact },
      },
    }),
  ]).gateways[0]!;
  const ops = (needs: FeatureId[]) => subjectOf(g).operations(mergeAnswers({ needs: needs as never }));

  it('runs its smallest deployment when that serves the wanted features, with that deployment\'s note', () => {
    expect(ops([])).toMatchObject({ burden: { value: 'moderate', note: 'A stateless proxy.' }, components: ['proxy'] });
  });

  it('otherwise the full one, saying which feature pulls in which component', () => {
    expect(ops(['budgets', 'rate-limiting'])).toMatchObject({
      // needs in the answers' order: rate-limiting comes before budgets
      burden: { value: 'high', note: 'Full deployment. Here: redis for rate-limiting, budgets; postgres for budgets.' },
      components: ['proxy', 'postgres', 'redis'],
    });
  });

  it('carries how it bills, from the eligibility decision', () => {
    expect(subjectOf(g).billing).toEqual({ gateway: 'g', mode: 'byok', shortfall: undefined });
  });

  it('carries every limit that keeps managed billing from the load, one after the other', () => {
    const credits = makeCatalog([
      makeGateway('c', {
        levels: { 'managed-billing': 'yes' },
        pricing: {
          tokenMarkupPercent: { value: 0, ...fact },
          fees: [],
          plans: [],
          limits: [{ id: 'minute', label: 'Minute', value: 100, unit: 'requests', ...fact }, { id: 'second', label: 'Second', value: 10, unit: 'requests', ...fact }],
        },
        decision: {
          limits: [
            { limit: 'minute', counts: 'requests', windowSeconds: 60, scope: 'account', appliesWhen: 'managed-billing' },
            { limit: 'second', counts: 'requests', windowSeconds: 1, scope: 'account', appliesWhen: 'managed-billing' },
          ],
        },
      }),
    ]).gateways[0]!;
    // 20,000,000 ÷ 2,592,000 × 3 = 23.1 a second (> 10) and 1,388.9 per 60 s (> 100): both break
    const b = subjectOf(credits, mergeAnswers({ ownProviderKeys: false, monthlyRequests: 20_000_000 })).billing;
    expect(b.mode).toBe('byok');
    expect(b.shortfall).toMatch(/^Minute is 100 requests per 60 s per account; .*no documented way past it; Second is 10 requests per 1 s per account; .*no documented way past it$/);
  });
});

describe('a stack as one system', () => {
  const c = makeCatalog([
    makeGateway('lead', { operations: { burden: 'moderate', components: ['proxy'], ...fact }, reach: { providers: 100, models: null, ...fact }, latency: [fig(5)] }),
    makeGateway('edge', { operations: { burden: 'low', components: ['rules'], ...fact }, reach: { providers: 10, models: null, ...fact }, latency: [fig(20)], levels: { 'managed-billing': 'yes' } }),
    makeGateway('bare', { operations: { burden: 'high', components: ['db'], ...fact }, reach: { providers: null, models: null, ...fact } }),
  ]);
  // Seen inside each test, not here: mutation testing attributes what a test runs to that test.
  const seen = () => c.gateways.map((g) => subjectOf(g));
  const stack = (members: ReturnType<typeof seen>, billedBy?: string) =>
    stackSubject(
      { id: 's', name: 'S', members: members.map((m) => m!.id), topology: 't', contributes: [], why: 'w', ...fact, status: 'verified' },
      members,
      new Map(billedBy ? [['managed-billing' as FeatureId, billedBy]] : []),
    );

  it('adds up the members\' overheads, and has none if one member has none', () => {
    const [lead, edge, bare] = seen();
    expect(stack([lead!, edge!]).overheadMs).toMatchObject({ value: 25, gateway: 's' });
    expect(stack([lead!, bare!]).overheadMs).toBeUndefined();
  });

  it('is as hard to run as its heaviest member, and lists each member\'s components', () => {
    const [lead, edge, bare] = seen();
    expect(stack([lead!, edge!]).operations(mergeAnswers({}))).toMatchObject({ burden: { value: 'moderate', gateway: 'lead' }, components: ['lead proxy', 'edge rules'] });
    expect(stack([edge!, bare!, lead!]).operations(mergeAnswers({})).burden).toMatchObject({ value: 'high', gateway: 'bare' });
  });

  it('reaches as many providers as its widest member (an unknown reach counts as none)', () => {
    const [lead, edge, bare] = seen();
    expect(stack([edge!, lead!]).providersReach.value).toBe(100);
    expect(stack([lead!, edge!]).providersReach.value).toBe(100);
    expect(stack([bare!, edge!]).providersReach.value).toBe(10);
  });

  it('on a tie, cites the earlier member for burden and reach', () => {
    const twin = subjectOf(makeCatalog([makeGateway('twin', { operations: { burden: 'moderate', components: ['proxy'], ...fact }, reach: { providers: 100, models: null, ...fact } })]).gateways[0]!);
    const [lead] = seen();
    const s = stack([lead!, twin]);
    expect(s.operations(mergeAnswers({})).burden).toMatchObject({ value: 'moderate', gateway: 'lead' });
    expect(s.providersReach).toMatchObject({ value: 100, gateway: 'lead' });
  });

  it('bills like the member that serves managed billing, else like its lead', () => {
    const answers = mergeAnswers({ ownProviderKeys: false });
    const w = workloadFor(answers);
    const billing = (id: string) => gatewaySubject(gatewaySetup(c.gateways.find((g) => g.id === id)!, answers, w).members[0]!);
    const s = stackSubject({ id: 's', name: 'S', members: ['lead', 'edge'], topology: 't', contributes: [], why: 'w', ...fact, status: 'verified' }, [billing('lead'), billing('edge')], new Map([['managed-billing' as FeatureId, 'edge']]));
    expect(s.billing).toMatchObject({ gateway: 'edge', mode: 'managed' });
    const t = stackSubject({ id: 't', name: 'T', members: ['lead', 'edge'], topology: 't', contributes: [], why: 'w', ...fact, status: 'verified' }, [billing('lead'), billing('edge')], new Map());
    expect(t.billing).toMatchObject({ gateway: 'lead', mode: 'byok' });
  });

  it('needs members', () => {
    expect(() => stack([])).toThrow('stack s has no members');
  });
});
