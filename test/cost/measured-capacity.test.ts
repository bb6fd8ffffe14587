import { describe, expect, it } from 'vitest';
import { workloadFor } from '../../src/advisor/workload.js';
import { kneesByGateway, type MeasuredKnee } from '../../src/bench/measured-knee.js';
import type { SweepDoc } from '../../src/bench/document.js';
import { capacityFindings, withMeasuredCapacity } from '../../src/cost/measured-capacity.js';
import { computeCosts } from '../../src/cost/model.js';
import { answers, catalog, models, options } from './fixtures.js';

/**
 * A rate sweep's knee in the cost model. 100,000,000 requests a month, self-hosted: average 100e6 ÷ 2,592,000 s
 * = 38.58 req/s, peak × 3 = 115.74 req/s. The catalog gives LiteLLM 500 RPS per instance: ceil(115.74 ÷ 500) = 1
 * instance. A knee of 40 req/s: ceil(115.74 ÷ 40) = ceil(2.89) = 3 instances × $130.31 = $390.93 a month.
 */
const selfHosted = answers({ hosting: 'self-hosted', monthlyRequests: 100_000_000, ownProviderKeys: true });
const knee = (rps: number, basis: MeasuredKnee['basis'] = 'maxSustainedRps'): Map<string, MeasuredKnee> => new Map([['litellm', { gateway: 'litellm', target: 'litellm', rps, basis }]]);
const instanceLine = (c: typeof catalog) => computeCosts(selfHosted, options(), c, models).gateways.find((g) => g.gateway === 'litellm')!.lines.find((l) => l.label.startsWith('Gateway instances'))!;

describe('a measured knee replaces only the catalog capacity of the gateway it measured', () => {
  it('sizes LiteLLM\'s instances from the knee, citing the summary', () => {
    expect(instanceLine(catalog)).toMatchObject({ label: 'Gateway instances × 1', usd: 130.31 });
    const measured = withMeasuredCapacity(catalog, knee(40, 'maxRpsMeetingSlo'), 'results/summary.json', '2026-12-01');
    const line = instanceLine(measured);
    expect(line).toMatchObject({ label: 'Gateway instances × 3', usd: 390.93 });
    expect(line.assumption).toContain('40 RPS per benchmarked instance (measured by you on 2026-12-01: the highest rate meeting your SLO in a rate sweep of litellm)');
    expect(line.source).toContain('results/summary.json');
    // Every other gateway is the catalog's, untouched.
    expect(measured.gateways.filter((g) => g.id !== 'litellm')).toEqual(catalog.gateways.filter((g) => g.id !== 'litellm'));
  });

  it('no knee: the catalog itself', () => {
    expect(withMeasuredCapacity(catalog, new Map(), 'x.json', '2026-12-01')).toBe(catalog);
  });

  it('finds the instances at the peak and their cost, only for gateways the setup self-hosts', () => {
    const w = workloadFor(selfHosted);
    const knees = new Map([...knee(40), ['openrouter', { gateway: 'openrouter', target: 'openrouter', rps: 10, basis: 'maxSustainedRps' as const }]]);
    const found = capacityFindings(catalog, selfHosted, w, options().selfHosting, knees, 'results/summary.json');
    // OpenRouter cannot be self-hosted: its setup is managed, so its knee sizes nothing.
    expect(found.map((f) => f.gateway)).toEqual(['litellm']);
    expect(found[0]).toMatchObject({ kneeRps: 40, peakRps: 115.741, instances: 3, instanceUsdMonthly: 130.31, monthlyUsd: 390.93, belowPeak: true, basis: 'maxSustainedRps' });
    expect(found[0]!.text).toBe(
      'LiteLLM Proxy (AI Gateway): your rate sweep (results/summary.json) measured 40 req/s per instance, the highest rate it sustained before saturating; your peak is 115.7 req/s (100,000,000 requests/month × peak factor 3), so 3 instances (ceil(115.7 ÷ 40)): $390.93/month at $130.31 each',
    );
    // A knee above the peak: one instance carries it (ceil(115.74 ÷ 200) = 1), no watch-out.
    const one = capacityFindings(catalog, selfHosted, w, options().selfHosting, knee(200), 'r.json')[0]!;
    expect(one).toMatchObject({ instances: 1, monthlyUsd: 130.31, belowPeak: false });
    expect(one.text).toContain('so one instance carries it');
    // A knee exactly at the peak carries it too: 115.741 ÷ 115.741 = 1 instance, not a watch-out.
    const peak = (100_000_000 / 2_592_000) * 3;
    expect(capacityFindings(catalog, selfHosted, w, options().selfHosting, knee(peak), 'r.json')[0]).toMatchObject({ instances: 1, belowPeak: false });
    // The SLO knee says so.
    expect(capacityFindings(catalog, selfHosted, w, options().selfHosting, knee(40, 'maxRpsMeetingSlo'), 'r.json')[0]!.text).toContain('measured 40 req/s per instance, the highest rate meeting your SLO;');
    // A knee only for a managed gateway: LiteLLM, self-hosted here, has none and is left alone.
    expect(capacityFindings(catalog, selfHosted, w, options().selfHosting, new Map([['openrouter', { gateway: 'openrouter', target: 'or', rps: 10, basis: 'maxSustainedRps' as const }]]), 'r.json')).toEqual([]);
  });

  it('the user\'s own --rps-per-instance still sizes the cost, and the finding says so', () => {
    const sh = options({ selfHosting: { rpsPerInstance: 100 } } as never).selfHosting;
    const found = capacityFindings(catalog, selfHosted, workloadFor(selfHosted), sh, knee(40), 'r.json');
    expect(found[0]!.text).toMatch(/\$390\.93\/month at \$130\.31 each \(the cost keeps your --rps-per-instance setting\)$/);
    const fixed = options({ selfHosting: { instances: 2 } } as never).selfHosting;
    expect(capacityFindings(catalog, selfHosted, workloadFor(selfHosted), fixed, knee(40), 'r.json')[0]!.text).toMatch(/each \(the cost keeps your --instances setting\)$/);
    // Without either, the sentence ends at the price.
    expect(capacityFindings(catalog, selfHosted, workloadFor(selfHosted), options().selfHosting, knee(40), 'r.json')[0]!.text).toMatch(/each$/);
  });
});

const CRITERIA = { maxErrorRate: 0.05, minAchievedRatio: 0.9, minRateRequests: 20, latencyClimb: { minT: 3, minRiseRatio: 0.5, minRiseMs: 50 }, clientBound: { floorMs: 50, gaps: 10 } };

describe('kneesByGateway', () => {
  const sweep = (knees: SweepDoc['knees']): SweepDoc => ({ rates: [20, 40, 80], stepDurationS: 10, stepRequests: null, warmupPerStep: 0, criteria: CRITERIA, clientBound: null, steps: [], knees });
  const targets = [
    { name: 'direct', gateway: 'openai-compatible' },
    { name: 'lite', gateway: 'litellm' },
    { name: 'lite-2', gateway: 'litellm' },
    { name: 'bif', gateway: 'bifrost' },
    { name: 'tz', gateway: 'tensorzero' },
  ];
  const k = (target: string, maxSustainedRps: number | null, maxRpsMeetingSlo: number | null, saturated: boolean) => ({ target, maxSustainedRps, maxRpsMeetingSlo, saturated, saturatedAtRps: saturated ? 160 : null });

  it('takes the SLO knee when an slo was set, else the sustained one; skips direct, unsaturated and first-step saturation', () => {
    const s = sweep([k('direct', 80, 80, true), k('lite', 80, 40, true), k('lite-2', 20, 20, true), k('bif', 80, 80, false), k('tz', null, null, true)]);
    expect([...kneesByGateway(targets, s, true).values()]).toEqual([{ gateway: 'litellm', target: 'lite', rps: 40, basis: 'maxRpsMeetingSlo' }]);
    expect([...kneesByGateway(targets, s, false).values()]).toEqual([{ gateway: 'litellm', target: 'lite', rps: 80, basis: 'maxSustainedRps' }]);
    // With an slo that no step met, the sustained rate is what was measured.
    expect(kneesByGateway(targets, sweep([k('lite', 80, null, true)]), true).get('litellm')).toMatchObject({ rps: 80, basis: 'maxSustainedRps' });
    expect(kneesByGateway(targets, null, true).size).toBe(0);
    // A knee of a target the run does not have, or of 0 req/s, measures nothing.
    expect(kneesByGateway(targets, sweep([k('ghost', 80, 80, true), k('lite', 0, 0, true)]), false).size).toBe(0);
  });
});
