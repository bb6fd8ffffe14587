import { describe, expect, it } from 'vitest';
import { evaluateGates, failedGates } from '../../../src/gates/evaluate.js';
import { parseGates } from '../../../src/gates/parse.js';
import { errors, flat, makeOverhead, makeSummary, makeTarget } from '../../helpers/bench-builders.js';

const latency = (ttft: number | null, n = 100) => ({ headers: flat(20, n), ttft: flat(ttft, n), e2e: flat(ttft === null ? null : 1500, n), itl: flat(ttft === null ? null : 11, n) });

const statuses = (expr: string, summary = makeSummary([makeTarget('direct'), makeTarget('openrouter', { latencyMs: latency(800) })])) =>
  evaluateGates(parseGates(expr), summary).map((r) => `${r.target}:${r.status}`);

describe('gate evaluation', () => {
  it.each([
    // openrouter's ttft.p95 is exactly 800 ms; direct's is 300 ms. A gate fails when its comparison holds.
    ['ttft.p95 > 800ms', ['direct:pass', 'openrouter:pass']],
    ['ttft.p95 >= 800ms', ['direct:pass', 'openrouter:fail']],
    ['ttft.p95 > 799.9ms', ['direct:pass', 'openrouter:fail']],
    ['ttft.p95 < 300ms', ['direct:pass', 'openrouter:pass']],
    ['ttft.p95 <= 300ms', ['direct:fail', 'openrouter:pass']],
    ['ttft.p95 == 0.8s', ['direct:pass', 'openrouter:fail']],
    ['ttft.p95 != 0.8s', ['direct:fail', 'openrouter:pass']],
    ['openrouter:ttft.p95 >= 0.8s', ['openrouter:fail']],
  ])('%s → %j', (expr, want) => {
    expect(statuses(expr)).toEqual(want);
  });

  it('compares rates at their boundary exactly (7 of 100 failed is 7%)', () => {
    const s = makeSummary([makeTarget('direct', { requests: { sent: 100, ok: 93, failed: 7 }, errors: errors({ server_error: 7 }) })]);
    expect(statuses('errors.rate > 7%', s)).toEqual(['direct:pass']);
    expect(statuses('errors.rate >= 7%', s)).toEqual(['direct:fail']);
    expect(statuses('errors.server_error.rate >= 7%', s)).toEqual(['direct:fail']);
    expect(statuses('errors.server_error > 6', s)).toEqual(['direct:fail']);
    expect(statuses('errors.timeout > 0', s)).toEqual(['direct:pass']);
    const [r] = evaluateGates(parseGates('errors.rate >= 7%'), s);
    expect(r).toMatchObject({ measured: 7, limit: 7, unit: '%' });
  });

  it('reads cache hit rate over requests whose status is known, and cost per 1k in USD', () => {
    // 30 hits, 90 misses, 80 unknown: 30 / 120 = 25%.
    const s = makeSummary([makeTarget('cf', { cache: { hits: 30, misses: 90, unknown: 80 }, cost: { totalUsd: 0.1, costedRequests: 200, per1kRequestsUsd: 0.5, source: 'computed', reportedPer1kUsd: null, computedPer1kUsd: 0.5, reportedVsComputedPct: null, priceFrom: null } })]);
    expect(statuses('cache.hitRate < 25%', s)).toEqual(['cf:pass']);
    expect(statuses('cache.hitRate <= 25%', s)).toEqual(['cf:fail']);
    expect(statuses('cost.per1k > 0.50', s)).toEqual(['cf:pass']);
    expect(statuses('cost.per1k >= $0.5', s)).toEqual(['cf:fail']);
  });

  it('uses the overhead entry of each target; overhead does not apply to the baseline', () => {
    const s = makeSummary([makeTarget('direct'), makeTarget('openrouter'), makeTarget('litellm')], [makeOverhead('openrouter', 'ttft', 38, [26, 50]), makeOverhead('litellm', 'ttft', 6, [-4, 15])]);
    const results = evaluateGates(parseGates('overhead.ttft.p50 > 25ms, overhead.ttft.ci95.low > 0ms'), s);
    expect(results.map((r) => [r.gate, r.target, r.status, r.measured])).toEqual([
      ['overhead.ttft.p50 > 25ms', 'direct', 'not-applicable', null],
      ['overhead.ttft.p50 > 25ms', 'openrouter', 'fail', 38],
      ['overhead.ttft.p50 > 25ms', 'litellm', 'pass', 6],
      ['overhead.ttft.ci95.low > 0ms', 'direct', 'not-applicable', null],
      ['overhead.ttft.ci95.low > 0ms', 'openrouter', 'fail', 26],
      ['overhead.ttft.ci95.low > 0ms', 'litellm', 'pass', -4],
    ]);
  });

  it('fails a gate whose value was not measured, saying so', () => {
    const s = makeSummary([makeTarget('dead', { requests: { sent: 10, ok: 0, failed: 10 }, errors: errors({ auth: 10 }), latencyMs: latency(null, 0) })]);
    const [r] = evaluateGates(parseGates('ttft.p95 > 800ms'), s);
    expect(r).toMatchObject({ status: 'fail', measured: null });
    expect(r!.message).toBe('gate "ttft.p95 > 800ms" failed for dead: ttft.p95 was not measured (no successful requests), so the limit > 800 ms cannot be checked');
  });

  it('fails a cost gate when no price was known, without blaming the requests', () => {
    const s = makeSummary([makeTarget('custom', { cost: { totalUsd: null, costedRequests: 0, per1kRequestsUsd: null, source: 'unknown', reportedPer1kUsd: null, computedPer1kUsd: null, reportedVsComputedPct: null, priceFrom: null } })]);
    const [r] = evaluateGates(parseGates('cost.per1k > 0.5'), s);
    expect(r!.message).toBe('gate "cost.per1k > 0.5" failed for custom: cost.per1k was not measured, so the limit > $0.5 cannot be checked');
  });

  it('names the gate, target, measured value and limit of a failure', () => {
    const s = makeSummary([makeTarget('direct'), makeTarget('openrouter', { latencyMs: latency(912.4) })]);
    const failed = failedGates(evaluateGates(parseGates('ttft.p95 > 800ms'), s));
    expect(failed.map((f) => f.message)).toEqual(['gate "ttft.p95 > 800ms" failed for openrouter: ttft.p95 is 912.4 ms, limit > 800 ms']);
  });

  it('evaluates each origin of a label merge on its own, with the origin in the result', () => {
    const s = makeSummary([makeTarget('openrouter', { origin: 'us-east' }), makeTarget('openrouter', { origin: 'eu-west', latencyMs: latency(950) })]);
    const failed = failedGates(evaluateGates(parseGates('openrouter:ttft.p95 > 900ms'), s));
    expect(failed.map((f) => [f.origin, f.message])).toEqual([['eu-west', 'gate "openrouter:ttft.p95 > 900ms" failed for openrouter @ eu-west: ttft.p95 is 950 ms, limit > 900 ms']]);
  });
});
