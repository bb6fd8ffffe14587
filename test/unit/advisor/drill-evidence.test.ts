import { describe, expect, it } from 'vitest';
import { mergeAnswers } from '../../../src/advisor/answers.js';
import { clientSaw, drillEvidence, drillWatchOut, findingSeverity, verdictText, type DrillFinding } from '../../../src/advisor/drill-evidence.js';
import { drillRecord } from '../../../src/advisor/drill-record.js';
import { advise } from '../../../src/advisor/score.js';
import { drillDoc, row } from '../../helpers/drill-doc.js';
import { makeCatalog, makeGateway } from '../../helpers/builders.js';

/**
 * Target a (gateway a): none passes in both modes; http-500 passes streamed and is safe non-streamed; stream-cut
 * fails streamed. So a drilled 3 scenarios, of which 1 (none) passed in every row. Target a2 is gateway a too
 * (a second configuration): its hang counts against a. Target x has no catalog gateway; target y names one that
 * is not in the catalog.
 */
const doc = drillDoc([
  row({ target: 'a', gateway: 'a', id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
  row({ target: 'a', gateway: 'a', id: 'none', stream: false, outcome: 'ok', grade: 'pass' }),
  row({ target: 'a', gateway: 'a', id: 'http-500', stream: true, outcome: 'failed-over', grade: 'pass', s: 1 }),
  row({ target: 'a', gateway: 'a', id: 'http-500', stream: false, outcome: 'error-surfaced', grade: 'safe', status: 500 }),
  row({ target: 'a', gateway: 'a', id: 'stream-cut', stream: true, outcome: 'silent-truncation', grade: 'fail', status: 200 }),
  row({ target: 'a2', gateway: 'a', id: 'no-response', stream: false, outcome: 'hang', grade: 'fail', status: null, ms: 10_000 }),
  row({ target: 'b', gateway: 'b', id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
  row({ target: 'x', gateway: null, id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
  row({ target: 'y', gateway: 'nope', id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
]);
const f = (over: Partial<DrillFinding>): DrillFinding => ({ target: 't', id: 'context-length', stream: false, outcome: 'retried-unrecoverable', clientStatus: 400, ms: 5, ...over });

describe('drill evidence (choose --drill)', () => {
  const e = drillEvidence(doc, 'drill.json', ['a', 'b', 'c']);

  it('per catalog gateway, over all its targets: scenarios, fully passed scenarios, fails and safes', () => {
    expect([...e.byGateway.keys()]).toEqual(['a', 'b']);
    const a = e.byGateway.get('a')!;
    // none, http-500, stream-cut, no-response: 4 scenarios; only none passed in every row.
    expect([a.targets, a.scenarios, a.passedScenarios]).toEqual([['a', 'a2'], 4, 1]);
    expect(a.fails.map((x) => `${x.target}:${x.id}:${x.outcome}`)).toEqual(['a:stream-cut:silent-truncation', 'a2:no-response:hang']);
    expect(a.safes.map((x) => `${x.id}:${x.stream}`)).toEqual(['http-500:false']);
    expect(e.byGateway.get('b')).toMatchObject({ scenarios: 1, passedScenarios: 1, fails: [], safes: [] });
  });

  it('targets without a catalog gateway are ignored, each with why', () => {
    expect(e.ignored).toEqual(['x: no catalog gateway (gateway: null), so its drill is not used', 'y: "nope" is not a catalog gateway, so its drill is not used']);
  });

  it('says what the client saw, per outcome', () => {
    expect(clientSaw(f({ outcome: 'silent-truncation', clientStatus: 200 }))).toBe('HTTP 200 with a partial answer and no error: the cut looked like a complete answer');
    expect(clientSaw(f({ outcome: 'hang', clientStatus: null, ms: 10_000.4 }))).toBe('no end to the response after 10000 ms (the request timeout)');
    expect(clientSaw(f({}))).toBe('HTTP 400, after the gateway sent a 400 that no retry can fix again or to the secondary');
    expect(clientSaw(f({ outcome: 'error-surfaced', clientStatus: null }))).toBe('no response (error-surfaced)');
  });

  it('one line per verdict: the first failure and how many more, or the passes and the safe rows', () => {
    expect(verdictText(e.byGateway.get('a')!)).toBe('fallbacks drilled: stream-cut (streamed): HTTP 200 with a partial answer and no error: the cut looked like a complete answer and 1 more failed run; its fallbacks do not count as working');
    expect(verdictText(e.byGateway.get('b')!)).toBe('fallbacks drilled: 1 of 1 scenarios pass');
    const one = { ...e.byGateway.get('a')!, fails: [f({})] };
    expect(verdictText(one)).toBe('fallbacks drilled: context-length (not streamed): HTTP 400, after the gateway sent a 400 that no retry can fix again or to the secondary; its fallbacks do not count as working');
    const twoSafe = { ...e.byGateway.get('a')!, fails: [], safes: [f({ id: 'reset' }), f({ id: 'http-503', stream: true })] };
    expect(verdictText(twoSafe)).toMatch(/: reset \(not streamed\), http-503 \(streamed\)$/);
    const three = { ...e.byGateway.get('a')!, fails: [f({}), f({}), f({})] };
    expect(verdictText(three)).toMatch(/ and 2 more failed runs; /);
    const safeOnly = { ...e.byGateway.get('a')!, fails: [] };
    expect(verdictText(safeOnly)).toBe('fallbacks drilled: 1 of 4 scenarios pass; safe but not hidden by a fallback (the client got a clear error): http-500 (not streamed)');
  });

  it('severity: high for a truncation or a hang, warn when only a 400 was resent', () => {
    const a = e.byGateway.get('a')!;
    expect(findingSeverity(a)).toBe('high');
    expect(findingSeverity({ ...a, fails: [f({ outcome: 'hang' })] })).toBe('high');
    expect(findingSeverity({ ...a, fails: [f({})] })).toBe('warn');
    expect(findingSeverity({ ...a, fails: [f({}), f({ outcome: 'silent-truncation' })] })).toBe('high');
    const w = drillWatchOut({ ...a, fails: [f({})] }, 'A', false);
    expect(w).toMatchObject({ gateway: 'a', id: 'drill-fallbacks', severity: 'warn', because: ['drill drill.json'], source: 'drill:drill.json', status: 'verified' });
    expect(w.title).toBe('A failed your failover drill: retried-unrecoverable on context-length (not streamed)');
    expect(drillWatchOut(a, 'A', true).because).toEqual(['drill drill.json', 'needs includes fallbacks']);
    expect(drillWatchOut(a, 'A', true).detail).toBe(
      'In drill.json: a, stream-cut (streamed): HTTP 200 with a partial answer and no error: the cut looked like a complete answer; ' +
        'a2, no-response (not streamed): no end to the response after 10000 ms (the request timeout). ' +
        'Its fallbacks, as configured, cannot be relied on: change the configuration (or the gateway) and drill again.',
    );
  });

  it('in the advice: a failed gateway with fallbacks "yes" scores as if it had none; the other stays as it was', () => {
    // Two gateways alike but for their ids, both with fallbacks yes; the user needs only fallbacks.
    const catalog = makeCatalog([makeGateway('a', { levels: { fallbacks: 'yes' } }), makeGateway('b', { levels: { fallbacks: 'yes' } }), makeGateway('n', { levels: { fallbacks: 'no' } })]);
    const answers = mergeAnswers({ needs: ['fallbacks'] });
    const plain = advise(catalog, answers);
    const drilled = advise(catalog, answers, { drill: e.byGateway });
    const score = (adv: typeof plain, id: string) => adv.ranking.find((r) => r.gateway === id)!.score;
    // a drilled with failures now scores exactly as n, whose fallbacks are "no"; b keeps its score.
    expect(score(plain, 'a')).toBe(score(plain, 'b'));
    expect(score(plain, 'a')).toBeGreaterThan(score(plain, 'n'));
    expect(score(drilled, 'a')).toBe(score(plain, 'n'));
    expect(score(drilled, 'b')).toBe(score(plain, 'b'));
    expect(drilled.ranking.find((r) => r.gateway === 'a')!.watchOuts.map((w) => w.id)).toContain('drill-fallbacks');
    const need = drilled.ranking.find((r) => r.gateway === 'a')!.reasons.find((r) => r.answer === 'needs includes fallbacks')!;
    expect(need).toMatchObject({ effect: 'against', weight: 2, text: `You need fallbacks: ${verdictText(e.byGateway.get('a')!)}` });
    // No catalog fact behind it: the drill is the evidence.
    expect(need.source).toBeUndefined();
    expect(drilled.ranking.find((r) => r.gateway === 'b')!.watchOuts.map((w) => w.id)).not.toContain('drill-fallbacks');
  });

  it('a drill with no failure: the fallbacks reason keeps the catalog value and adds the drill; no watch-out', () => {
    const catalog = makeCatalog([makeGateway('a', { levels: { fallbacks: 'yes' } }), makeGateway('b', { levels: { fallbacks: 'partial' } })]);
    const answers = mergeAnswers({ needs: ['fallbacks'] });
    const reasons = advise(catalog, answers, { drill: e.byGateway }).ranking.find((r) => r.gateway === 'b')!;
    const plain = advise(catalog, answers).ranking.find((r) => r.gateway === 'b')!;
    expect(reasons.score).toBe(plain.score);
    const need = reasons.reasons.find((r) => r.answer === 'needs includes fallbacks')!;
    // partial is 0.6: neutral (between 0.35 and 0.75), as without the drill.
    expect(need).toMatchObject({ effect: 'neutral', weight: 2, source: 'src', text: 'You need fallbacks: fallbacks is partial; fallbacks drilled: 1 of 1 scenarios pass' });
    expect(reasons.reasons.some((r) => r.criterion === 'drill')).toBe(false);
    expect(reasons.watchOuts).toEqual([]);
  });

  it('without a need for fallbacks: one reason of weight 0 per drilled gateway (for or against), none for the others', () => {
    const catalog = makeCatalog([makeGateway('a', { levels: { fallbacks: 'yes' } }), makeGateway('b', { levels: { fallbacks: 'yes' } }), makeGateway('c', { levels: { fallbacks: 'yes' } })]);
    const answers = mergeAnswers({ needs: [] });
    const adv = advise(catalog, answers, { drill: e.byGateway });
    const drillReasons = (id: string) => adv.ranking.find((r) => r.gateway === id)!.reasons.filter((r) => r.criterion === 'drill');
    expect(drillReasons('a')).toEqual([expect.objectContaining({ weight: 0, effect: 'against', answer: 'drill', text: verdictText(e.byGateway.get('a')!) })]);
    expect(drillReasons('b')).toEqual([expect.objectContaining({ weight: 0, effect: 'for', text: 'fallbacks drilled: 1 of 1 scenarios pass' })]);
    expect(drillReasons('c')).toEqual([]);
    expect(adv.ranking.find((r) => r.gateway === 'a')!.score).toBe(advise(catalog, answers).ranking.find((r) => r.gateway === 'a')!.score);
    expect(adv.ranking.find((r) => r.gateway === 'a')!.watchOuts[0]!.because).toEqual(['drill drill.json']);
  });

  it('the record: per gateway its counts, whether fallbacks still count, fails and safes in brief; ignored; the change', () => {
    const change = { from: { id: 'a', name: 'A' }, to: { id: 'b', name: 'B' }, why: 'w' };
    const r = drillRecord(e, change);
    expect(r.file).toBe('drill.json');
    expect(r.drilledAt).toBe('2026-12-06T12:00:00.000Z');
    expect(r.changedPick).toBe(change);
    expect(r.ignored).toHaveLength(2);
    expect(r.gateways).toEqual([
      {
        gateway: 'a',
        targets: ['a', 'a2'],
        scenarios: 4,
        passedScenarios: 1,
        fallbacksCount: false,
        fails: [
          { target: 'a', id: 'stream-cut', stream: true, outcome: 'silent-truncation', clientStatus: 200 },
          { target: 'a2', id: 'no-response', stream: false, outcome: 'hang', clientStatus: null },
        ],
        safes: [{ target: 'a', id: 'http-500', stream: false, outcome: 'error-surfaced', clientStatus: 500 }],
      },
      { gateway: 'b', targets: ['b'], scenarios: 1, passedScenarios: 1, fallbacksCount: true, fails: [], safes: [] },
    ]);
  });

  it('a stack is judged by the drill of the member that serves its fallbacks; a failed member brings its watch-out', () => {
    // lead has no fallbacks of its own; fb contributes them to the stack.
    const stack = { id: 'lead-fb', name: 'Lead with FB', members: ['lead', 'fb'], topology: 't', contributes: [{ gateway: 'fb', features: ['fallbacks' as const] }], why: 'w', source: 'src', checked: '2026-11-01' };
    const catalog = makeCatalog([makeGateway('lead', { levels: { fallbacks: 'no' } }), makeGateway('fb', { levels: { fallbacks: 'yes' } })], { stacks: [stack] });
    const answers = mergeAnswers({ needs: ['fallbacks'] });
    const failing = (g: string) => drillEvidence(drillDoc([row({ target: g, gateway: g, id: 'stream-cut', stream: true, outcome: 'silent-truncation', grade: 'fail' })]), 'd.json', ['lead', 'fb']).byGateway;
    const need = (adv: ReturnType<typeof advise>) => adv.stacks[0]!.reasons.find((r) => r.answer === 'needs includes fallbacks')!;
    const plain = advise(catalog, answers);
    expect(need(plain).effect).toBe('for');
    // fb failed: the stack's fallbacks (fb's) no longer count.
    const fbFailed = advise(catalog, answers, { drill: failing('fb') });
    expect(need(fbFailed)).toMatchObject({ effect: 'against', weight: 2 });
    expect(fbFailed.stacks[0]!.score).toBeLessThan(plain.stacks[0]!.score);
    // lead failed: the stack's fallbacks are fb's, still "yes"; the watch-out names lead all the same.
    const leadFailed = advise(catalog, answers, { drill: failing('lead') });
    expect(need(leadFailed).effect).toBe('for');
    expect(leadFailed.stacks[0]!.score).toBe(plain.stacks[0]!.score);
    expect(leadFailed.stacks[0]!.watchOuts.filter((w) => w.id === 'drill-fallbacks').map((w) => w.gateway)).toEqual(['lead']);
  });

  it('only the need for fallbacks is touched: another need of a failed gateway keeps its value', () => {
    const catalog = makeCatalog([makeGateway('a', { levels: { fallbacks: 'yes', budgets: 'yes' } })]);
    const adv = advise(catalog, mergeAnswers({ needs: ['fallbacks', 'budgets'] }), { drill: e.byGateway });
    const budgets = adv.ranking[0]!.reasons.find((r) => r.answer === 'needs includes budgets')!;
    expect(budgets).toMatchObject({ effect: 'for', text: 'You need budgets: budgets is yes' });
  });

  it('a gateway whose catalog entry says nothing of fallbacks is still judged by its own drill', () => {
    const silent = makeGateway('a', { levels: { fallbacks: 'yes' } });
    delete (silent.features as Record<string, unknown>).fallbacks;
    const adv = advise(makeCatalog([silent]), mergeAnswers({ needs: [] }), { drill: e.byGateway });
    expect(adv.ranking[0]!.reasons.find((r) => r.criterion === 'drill')).toMatchObject({ effect: 'against' });
  });
});
