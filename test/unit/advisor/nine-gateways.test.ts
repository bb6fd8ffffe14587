import { describe, expect, it } from 'vitest';
import { mergeAnswers } from '../../../src/advisor/answers.js';
import type { SubjectCost } from '../../../src/advisor/criteria.js';
import { advise } from '../../../src/advisor/score.js';
import { feesThatApply } from '../../../src/advisor/usage.js';
import { workloadFor } from '../../../src/advisor/workload.js';
import type { Fee } from '../../../src/catalog/schema.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

/** What the newer gateways brought to the advisor: unpublished fees, platforms in stacks, plan-chosen fees, ties. */
describe('the cost reason with an unpublished fee or plan', () => {
  it('says the total leaves out a price that is not published (a licence is named as such)', () => {
    const reason = (c: Partial<SubjectCost>) =>
      advise(makeCatalog([makeGateway('a'), makeGateway('b')]), mergeAnswers({ latency: 'relaxed', needs: [] }), {
        monthlyUsd: new Map<string, SubjectCost>([
          ['a', { name: 'A', total: 10, licenceUnpublished: false, eligible: true, ...c }],
          ['b', { name: 'B', total: 20, licenceUnpublished: false, eligible: true }],
        ]),
      }).ranking.find((r) => r.gateway === 'a')!.reasons.find((r) => r.criterion === 'cost')!.text;
    expect(reason({ excludesUnpublished: true })).toBe('At 1,000,000 requests/month A is the cheapest: about $10/month, $10/month less than B (plus a fee or plan whose price is not published)');
    expect(reason({ excludesUnpublished: true, licenceUnpublished: true })).toBe('At 1,000,000 requests/month A is the cheapest: about $10/month, $10/month less than B (plus an enterprise licence whose price is not published)');
    expect(reason({})).toBe('At 1,000,000 requests/month A is the cheapest: about $10/month, $10/month less than B');
  });
});

describe('platforms', () => {
  it('names the answer it follows from', () => {
    const g = makeGateway('v', { platforms: [{ platform: 'vercel', why: 'OIDC', ...fact }] });
    const r = advise(makeCatalog([g]), mergeAnswers({ platforms: ['vercel', 'kong'] })).ranking[0]!.reasons.filter((x) => x.criterion === 'platform');
    expect(r.map((x) => [x.answer, x.text])).toEqual([
      ['platforms includes vercel', 'You run vercel: OIDC'],
      ['platforms includes kong', 'You run kong: V has no documented way to plug into it'],
    ]);
  });

  it('a stack fits what any of its members fits', () => {
    const lead = makeGateway('lead', { deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } } });
    const edge = makeGateway('edge', { platforms: [{ platform: 'cloudflare', why: 'a Worker binding', ...fact }] });
    const c = makeCatalog([lead, edge], {
      stacks: [{ id: 'lead-edge', name: 'Lead behind Edge', members: ['lead', 'edge'], topology: 'app → lead → edge', contributes: [{ gateway: 'edge', features: ['exact-cache'] }], why: 'test', ...fact }],
    });
    const stack = advise(c, mergeAnswers({ platforms: ['cloudflare'] })).stacks.find((s) => s.gateway === 'lead-edge')!;
    expect(stack.reasons.find((x) => x.criterion === 'platform')!.text).toBe('You run cloudflare: a Worker binding');
  });
});

describe('fees', () => {
  const fee = (f: Partial<Fee>): Fee => ({ id: 'f', label: 'F', basis: 'monthly-flat', usdFlat: 1, appliesWhen: 'always', ...fact, status: 'verified', ...f });
  const g = (fees: Fee[]) => makeCatalog([makeGateway('g', { pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees, plans: [{ id: 'p', name: 'P', monthlyUsd: 1, ...fact }], limits: [] } })]).gateways[0]!;
  const usage = () => {
    const answers = mergeAnswers({});
    return { billing: 'byok' as const, answers, workload: workloadFor(answers) };
  };

  it('a plan-chosen fee applies only while its plan is chosen; others by their use', () => {
    const gw = g([fee({ id: 'always' }), fee({ id: 'chosen', appliesWhen: 'plan-chosen', plan: 'p' })]);
    expect(feesThatApply(gw, usage(), new Set()).map((f) => f.id)).toEqual(['always']);
    expect(feesThatApply(gw, usage(), new Set(['p'])).map((f) => f.id)).toEqual(['always', 'chosen']);
  });
});

describe('ties', () => {
  it('equal scores and no cost: ordered by id, whatever the catalog order', () => {
    const c = makeCatalog(['d', 'b', 'c', 'a'].map((id) => makeGateway(id)));
    expect(advise(c, mergeAnswers({})).ranking.map((r) => r.gateway)).toEqual(['a', 'b', 'c', 'd']);
  });
});
