import { describe, expect, it } from 'vitest';
import { advise } from '../../../src/advisor/score.js';
import { benchDocumentSchema, type BenchDocument, type BenchTarget, type Overhead } from '../../../src/bench/document.js';
import { measurementsFrom, overheadBySubject } from '../../../src/bench/measured.js';
import { describe as stats } from '../../../src/bench/stats.js';
import { encodeValues } from '../../../src/histogram/hdr.js';
import { computeCosts, gatewayCostAt } from '../../../src/cost/model.js';
import { measuredAnswers, withMeasuredCosts } from '../../../src/cost/measured.js';
import { answers, catalog, models, options } from '../../cost/fixtures.js';

/** A summary document with just what close-the-loop reads; everything else is filler that passes the schema. */
function target(name: string, gateway: string, over: { pct?: number | null; tokens?: [number, number] | null; baseline?: boolean } = {}): BenchTarget {
  const s = stats([1, 2, 3]);
  const h = encodeValues([1, 2, 3]);
  const [inp, out] = over.tokens === null ? [null, null] : (over.tokens ?? [100, 50]);
  return {
    name,
    gateway,
    model: 'm',
    url: 'http://x',
    baseline: over.baseline ?? false,
    requests: { sent: 3, ok: 3, failed: 0 },
    errors: { rate_limited: 0, auth: 0, insufficient_credits: 0, client_error: 0, server_error: 0, timeout: 0, connection: 0, stream_interrupted: 0, bad_response: 0, upstream_error: 0 },
    latencyMs: { headers: s, ttft: s, e2e: s, itl: s },
    outputTokensPerSecond: s,
    throughput: { requestsPerSecond: 1, outputTokensPerSecond: 1 },
    schedule: null,
    tokens: { input: 0, output: 0, inputPerRequest: inp, outputPerRequest: out, usageReportedRate: 1 },
    cost: { totalUsd: null, costedRequests: 0, per1kRequestsUsd: null, source: 'unknown', reportedPer1kUsd: null, computedPer1kUsd: null, reportedVsComputedPct: over.pct ?? null, priceFrom: null },
    cache: { hits: 0, misses: 0, unknown: 3 },
    histograms: { headers: h, ttft: h, e2e: h, itl: h, outputTokensPerSecond: h },
  };
}
const overhead = (t: string, metric: 'ttft' | 'e2e', p50: number | null, ci: [number, number] | null): Overhead => ({ target: t, baseline: 'direct', metric, n: 30, p50DeltaMs: p50, p90DeltaMs: p50, ci95: ci, p90Ci95: ci, verdict: '' });

function doc(targets: BenchTarget[], overheads: Overhead[]): BenchDocument {
  return benchDocumentSchema.parse({
    schemaVersion: 1,
    startedAt: '2026-11-20T10:00:00.000Z',
    finishedAt: '2026-11-20T10:05:00.000Z',
    status: 'completed',
    config: {},
    environment: { label: null, node: 'v20', os: 'Linux', arch: 'x64', cpus: 2, undici: '7' },
    run: { mode: 'closed', concurrency: 4, ratePerTarget: null, arrival: null, plannedRequests: 9, sentRequests: 9, durationS: 1, spentUsd: 0, eventLoopDelayMs: null },
    targets,
    overhead: overheads,
    gates: [],
    warnings: [],
  });
}

const RUN = doc(
  [target('direct', 'openai-compatible', { baseline: true, tokens: [120, 60] }), target('or', 'openrouter', { pct: 5.5, tokens: [130, 61] }), target('ll', 'litellm', { pct: -2 })],
  [overhead('or', 'ttft', 12.2, [9.1, 15.3]), overhead('or', 'e2e', 14, [10, 18]), overhead('ll', 'ttft', null, null), overhead('ll', 'e2e', 3.4, [2.1, 4.6])],
);

describe('measurements from a summary', () => {
  it('takes TTFT overhead where there is one, e2e otherwise; tokens from the baseline; cost differences by gateway', () => {
    const m = measurementsFrom(RUN, 'summary.json');
    expect(m.date).toBe('2026-11-20');
    expect([...m.overhead.values()].map((o) => [o.gateway, o.metric, o.p50DeltaMs])).toEqual([
      ['openrouter', 'ttft', 12.2],
      ['litellm', 'e2e', 3.4],
    ]);
    expect(m.tokensPerRequest).toEqual({ input: 120, output: 60 });
    expect([...m.reportedVsComputedPct]).toEqual([
      ['openrouter', 5.5],
      ['litellm', -2],
    ]);
    expect([...m.gateways]).toEqual(['openrouter', 'litellm']);
  });

  it('says in the reason who measured what, when, with its interval; a stack adds its members', () => {
    const by = overheadBySubject(measurementsFrom(RUN, 'summary.json'), catalog);
    expect(by.get('openrouter')).toEqual({ valueMs: 12.2, text: 'measured by you on 2026-11-20: +12 ms (9–15) to TTFT (p50 vs direct, 95% interval, n=30; summary.json)' });
    const stack = catalog.stacks.find((s) => s.members.every((g) => g === 'litellm' || g === 'openrouter'));
    if (stack) expect(by.get(stack.id)!.valueMs).toBeCloseTo(15.6, 9);
  });
});

describe('choose with measurements', () => {
  it('the latency criterion uses the measured overhead: 1/(1 + ms/25); unmeasured gateways keep the catalog figure, labelled', () => {
    const m = measurementsFrom(RUN, 'summary.json');
    const advice = advise(catalog, answers({ latency: 'critical' }), { measuredOverheadMs: overheadBySubject(m, catalog) });
    const latencyOf = (id: string) => advice.ranking.find((r) => r.gateway === id)!.reasons.find((r) => r.criterion === 'latency')!;
    expect(latencyOf('openrouter').text).toBe('Latency is critical: measured by you on 2026-11-20: +12 ms (9–15) to TTFT (p50 vs direct, 95% interval, n=30; summary.json)');
    // 1 / (1 + 12.2/25) = 0.672: between 0.35 and 0.75, neutral; LiteLLM's 3.4 ms (e2e) gives 0.880, for it
    expect(latencyOf('openrouter').effect).toBe('neutral');
    expect(latencyOf('litellm')).toMatchObject({ effect: 'for', text: 'Latency is critical: measured by you on 2026-11-20: +3.4 ms (2.1–4.6) to e2e (p50 vs direct, 95% interval, n=30; summary.json)' });
    // a measured reason cites no catalog source: the text says where it came from
    expect(latencyOf('litellm').source).toBeUndefined();
    const unmeasured = advice.ranking.filter((r) => r.gateway !== 'openrouter' && r.gateway !== 'litellm');
    for (const r of unmeasured) expect(r.reasons.find((x) => x.criterion === 'latency')!.text).toContain('not measured by you: catalog figure');
  });
});

describe('cost with measurements', () => {
  it('uses measured tokens per request and adds a gateway-billed difference to its token spend', () => {
    const m = measurementsFrom(RUN, 'summary.json');
    const a = measuredAnswers(answers({ ownProviderKeys: false, avgInputTokens: 500, avgOutputTokens: 300 }), m);
    expect([a.avgInputTokens, a.avgOutputTokens]).toEqual([120, 60]);
    const o = options();
    const plain = computeCosts(a, o, catalog, models);
    const adjusted = withMeasuredCosts(a, o, catalog, models, m);
    const before = plain.gateways.find((g) => g.gateway === 'openrouter')!;
    const after = adjusted.gateways.find((g) => g.gateway === 'openrouter')!;
    // Without keys OpenRouter bills the tokens, so its +5.5% applies to its token spend.
    expect(before.billing).toBe('managed');
    expect(after.monthlyUsd.total - before.monthlyUsd.total).toBeCloseTo(before.monthlyUsd.tokens * 0.055, 9);
    expect(after.lines.at(-1)).toMatchObject({ kind: 'tokens', label: 'Measured: gateway-reported vs price-table cost', source: 'summary.json' });
    // The curve at today's volume agrees with the adjusted total.
    const i = adjusted.curve.monthlyRequests.indexOf(a.monthlyRequests);
    if (i >= 0) expect(adjusted.curve.series.find((s) => s.gateway === 'openrouter')!.totalUsd[i]).toBeCloseTo(after.monthlyUsd.total, 6);
    expect(adjusted.assumptions.at(-1)!.text).toBe("Tokens per request as measured: 120 input and 60 output (instead of the answers' averages).");
  });

  it('the measured difference reaches the curve and the break-evens, not only today\'s total', () => {
    const m = measurementsFrom(RUN, 'summary.json');
    const a = measuredAnswers(answers({ ownProviderKeys: false }), m);
    const o = options();
    const plain = computeCosts(a, o, catalog, models);
    const adjusted = withMeasuredCosts(a, o, catalog, models, m);
    const curve = (r: typeof plain, id: string) => r.curve.series.find((s) => s.gateway === id)!.totalUsd;
    // +5.5% on OpenRouter's token spend at every volume of the scan: dearer everywhere there is spend.
    const before = curve(plain, 'openrouter');
    const after = curve(adjusted, 'openrouter');
    after.forEach((v, i) => expect(v!).toBeGreaterThan(before[i]!));
    // So OpenRouter stops being the cheaper one sooner against a self-hosted LiteLLM.
    const pair = (r: typeof plain) => r.breakEven.find((b) => [b.a, b.b].includes('openrouter') && [b.a, b.b].includes('litellm'))!.monthlyRequests!;
    expect(pair(adjusted)).toBeLessThan(pair(plain));
  });

  it('a stack whose member bills the tokens takes that member\'s difference, and says whose it is', () => {
    const m = measurementsFrom(RUN, 'summary.json');
    const a = measuredAnswers(answers({ ownProviderKeys: false }), m);
    const o = options();
    const plain = computeCosts(a, o, catalog, models).stacks.find((s) => s.gateway === 'litellm-with-openrouter')!;
    const after = withMeasuredCosts(a, o, catalog, models, m).stacks.find((s) => s.gateway === 'litellm-with-openrouter')!;
    // OpenRouter bills the tokens in this stack (no keys): its +5.5% applies, once, to the stack's token spend.
    expect(after.monthlyUsd.total - plain.monthlyUsd.total).toBeCloseTo(plain.monthlyUsd.tokens * 0.055, 9);
    expect(after.lines.at(-1)!.assumption).toMatch(/^openrouter, which bills the tokens, reported \+5\.50% against the price table/);
    // Notes about being measured or not are the gateways' own; a stack adds none.
    expect(after.notes).toEqual(plain.notes);
  });

  it('where you pay the provider yourself, a gateway\'s reported cost is its estimate: noted, not applied', () => {
    const m = measurementsFrom(RUN, 'summary.json');
    const a = measuredAnswers(answers({ ownProviderKeys: true }), m);
    const o = options({ useManagedBilling: false });
    const plain = computeCosts(a, o, catalog, models);
    const adjusted = withMeasuredCosts(a, o, catalog, models, m);
    const ll = adjusted.gateways.find((g) => g.gateway === 'litellm')!;
    expect(gatewayCostAt(catalog.gateways.find((g) => g.id === 'litellm')!, a, o, catalog, models).billing).toBe('byok');
    expect(ll.monthlyUsd.total).toBe(plain.gateways.find((g) => g.gateway === 'litellm')!.monthlyUsd.total);
    expect(ll.notes.at(-1)).toContain('reported -2.00% against the price table, but you pay the provider directly');
    const unmeasured = adjusted.gateways.filter((g) => !m.gateways.has(g.gateway));
    for (const g of unmeasured) expect(g.notes.at(-1)).toBe('Not measured by you: price table and catalog figures.');
  });
});
