import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../../src/gates/evaluate.js';
import { parseGates } from '../../../src/gates/parse.js';
import type { BenchTarget } from '../../../src/report/bench-input.js';
import { makeSummary, makeTarget } from '../../helpers/bench-builders.js';

const slo = (good: number, total: number, goodput: number, vs: NonNullable<BenchTarget['slo']>['vsBaseline']): NonNullable<BenchTarget['slo']> => ({
  bounds: { ttftMs: 500, itlMs: null, e2eMs: null },
  target: 0.99,
  good,
  total,
  attainment: good / total,
  met: good / total >= 0.99,
  goodputRps: goodput,
  vsBaseline: vs,
});

// direct: 100 of 100 good at 5 req/s; gw: 97 of 100 (97%), 4.85 req/s, 3 points below direct (−6 to −1).
const summary = makeSummary([
  makeTarget('direct', { baseline: true, slo: slo(100, 100, 5, null) }),
  makeTarget('gw', { slo: slo(97, 100, 4.85, { difference: -0.03, ci95: [-0.06, -0.01], rounds: 100 }) }),
]);
const run = (expr: string, s = summary) => evaluateGates(parseGates(expr), s).map((r) => `${r.target}:${r.status}${r.measured === null ? '' : `=${r.measured}`}`);

describe('SLO gate fields', () => {
  it('slo.attainment is a rate: 97% fails "< 99%", 100% passes', () => {
    expect(run('slo.attainment < 99%')).toEqual(['direct:pass=100', 'gw:fail=97']);
  });

  it('goodput is a plain number of requests per second (also spelled slo.goodput)', () => {
    expect(run('goodput < 5')).toEqual(['direct:pass=5', 'gw:fail=4.85']);
    expect(run('slo.goodput < 4.85')).toEqual(['direct:pass=5', 'gw:pass=4.85']);
    expect(() => parseGates('goodput < 5%')).toThrow(/plain number/);
  });

  it('the difference from the baseline and its interval ends do not apply to the baseline', () => {
    // −0.03 as a rate is −3%; the interval's high end −1% is below 0: the gateway surely meets it less often.
    expect(run('slo.vsBaseline < -2%')).toEqual(['direct:not-applicable', 'gw:fail=-3']);
    expect(run('slo.vsBaseline.ci95.high < 0%')).toEqual(['direct:not-applicable', 'gw:fail=-1']);
    expect(run('slo.vsBaseline.ci95.low < -6%')).toEqual(['direct:not-applicable', 'gw:pass=-6']);
  });

  it('without an slo the field was not measured: the gate fails and says how to set one', () => {
    const plain = makeSummary([makeTarget('direct', { baseline: true }), makeTarget('gw')]);
    const results = evaluateGates(parseGates('slo.attainment < 99%'), plain);
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail']);
    expect(results[1]!.message).toBe('gate "slo.attainment < 99%" failed for gw: slo.attainment was not measured (the run had no slo: set one in the config or with bench --slo), so the limit < 99% cannot be checked');
  });

  it('a pooled difference without an interval leaves its ends unmeasured', () => {
    const pooled = makeSummary([makeTarget('direct', { baseline: true, slo: slo(100, 100, 5, null) }), makeTarget('gw', { slo: slo(97, 100, 4.85, { difference: -0.03, ci95: null, rounds: 100 }) })]);
    expect(run('slo.vsBaseline.ci95.high < 0%', pooled)).toEqual(['direct:not-applicable', 'gw:fail']);
  });
});
