import { describe, expect, it } from 'vitest';
import { advise } from '../../../src/advisor/score.js';
import { benchDocumentSchema, upgradeBenchDocument, type BenchDocument, type BenchTarget, type Overhead } from '../../../src/bench/document.js';
import { measurementsFrom, overheadBySubject, type MeasuredOverhead, type Measurements } from '../../../src/bench/measured.js';
import { describe as stats } from '../../../src/bench/stats.js';
import { encodeValues } from '../../../src/histogram/hdr.js';
import { computeCosts, gatewayCostAt } from '../../../src/cost/model.js';
import { measuredAnswers, withMeasuredCosts } from '../../../src/cost/measured.js';
import { answers, catalog, models, options } from '../../cost/fixtures.js';

/** A summary document with just what close-the-loop reads; everything else is filler that passes the schema. */
function target(name: string, gateway: string, over: { pct?: number | null; tokens?: [number | null, number | null] | null; baseline?: boolean } = {}): BenchTarget {
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
  // Written as a version 1 summary: choose --bench reads those too, upgraded.
  return benchDocumentSchema.parse(upgradeBenchDocument({
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
  }));
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

  it('a gateway whose target had no successful request was not measured', () => {
    const dead = { ...target('cf', 'cloudflare', { tokens: null }), requests: { sent: 3, ok: 0, failed: 3 } };
    const m = measurementsFrom(doc([target('direct', 'openai-compatible', { baseline: true }), target('or', 'openrouter'), dead], []), 'summary.json');
    expect([...m.gateways]).toEqual(['openrouter']);
  });

  it('says in the reason who measured what, when, with its interval', () => {
    const by = overheadBySubject(measurementsFrom(RUN, 'summary.json'), catalog);
    expect(by.get('openrouter')).toEqual({ valueMs: 12.2, text: 'measured by you on 2026-11-20: +12 ms (9–15) to TTFT (p50 vs direct, 95% interval, n=30; summary.json)' });
  });
});

describe('which measurements count', () => {
  it('an overhead counts for a gateway target of the run, the first of a gateway only, and only with both its figures', () => {
    const run = doc(
      [
        target('direct', 'openai-compatible', { baseline: true }),
        target('direct2', 'openai-compatible', { pct: 3 }),
        target('or1', 'openrouter', { pct: 5.5 }),
        target('or2', 'openrouter', { pct: 9 }),
        target('ll', 'litellm'),
        target('cf', 'cloudflare'),
      ],
      [
        overhead('ghost', 'ttft', 5, [4, 6]), // not a target of this run
        overhead('direct2', 'ttft', 1, [0.5, 1.5]), // a second direct target: not a gateway
        overhead('or1', 'ttft', 12.2, [9.1, 15.3]),
        overhead('or2', 'ttft', 20, [18, 22]), // a second OpenRouter target: the first one counts
        { ...overhead('ll', 'ttft', 3, [2, 4]), ci95: null }, // no interval
        { ...overhead('ll', 'e2e', 3, [2, 4]), p50DeltaMs: null }, // no difference
        overhead('cf', 'e2e', 4.4, [3, 6]),
      ],
    );
    const m = measurementsFrom(run, 'summary.json');
    expect([...m.overhead.values()].map((o) => [o.gateway, o.target, o.metric, o.p50DeltaMs])).toEqual([
      ['openrouter', 'or1', 'ttft', 12.2],
      ['cloudflare', 'cf', 'e2e', 4.4],
    ]);
    // Cost differences: a gateway's first target with one; a direct target has no gateway to blame.
    expect([...m.reportedVsComputedPct]).toEqual([['openrouter', 5.5]]);
  });

  it('tokens per request: without a baseline that has them, the mean over the targets that have both figures', () => {
    const run = doc(
      [
        target('direct', 'openai-compatible', { baseline: true, tokens: null }),
        target('or', 'openrouter', { tokens: [100, 50] }),
        target('ll', 'litellm', { tokens: [131, 61] }),
        target('cf', 'cloudflare', { tokens: [500, null] }),
        target('cf2', 'cloudflare', { tokens: [null, 70] }),
      ],
      [],
    );
    // (100 + 131) / 2 = 115.5 → 116 input; (50 + 61) / 2 = 55.5 → 56 output; cf and cf2 lack a figure and do not count
    expect(measurementsFrom(run, 'summary.json').tokensPerRequest).toEqual({ input: 116, output: 56 });
    const none = doc([target('direct', 'openai-compatible', { baseline: true, tokens: null }), target('or', 'openrouter', { tokens: null })], []);
    expect(measurementsFrom(none, 'summary.json').tokensPerRequest).toBeUndefined();
  });
});

describe('a stack measured member by member', () => {
  const measured = (parts: [string, number, [number, number]][]): Measurements => ({
    file: 'run.json',
    date: '2026-11-20',
    measuredAt: '2026-11-20T10:05:00.000Z',
    promptsFromFile: false,
    emulatedTargets: [],
    overhead: new Map(parts.map(([gateway, p50, ci]): [string, MeasuredOverhead] => [gateway, { gateway, target: gateway, metric: 'e2e', p50DeltaMs: p50, ci95: ci, n: 20 }])),
    reportedVsComputedPct: new Map(),
    gateways: new Set(parts.map(([g]) => g)),
  });

  it('adds its members\' overheads and says whose each is; a stack with a member not measured gets none', () => {
    const by = overheadBySubject(measurementsFrom(RUN, 'summary.json'), catalog);
    // litellm-with-openrouter = litellm 3.4 (e2e) + openrouter 12.2 (TTFT) = 15.6, at the decimals of the first
    // member's interval (2.1–4.6: 2.5 wide → one decimal)
    expect(by.get('litellm-with-openrouter')!.text).toBe(
      'measured by you on 2026-11-20: litellm +3.4 ms (2.1–4.6) to e2e + openrouter +12 ms (9–15) to TTFT = +15.6 ms (summary.json)',
    );
    expect(by.get('litellm-with-openrouter')!.valueMs).toBeCloseTo(15.6, 9);
    // Cloudflare was not measured
    expect(by.has('litellm-behind-cloudflare')).toBe(false);
  });

  it('a total of zero or below has no plus sign, and the latency criterion reads it as no overhead', () => {
    // −2 + 2 = 0; intervals 2 ms wide → one decimal
    const zero = overheadBySubject(measured([['litellm', -2, [-3, -1]], ['openrouter', 2, [1, 3]]]), catalog).get('litellm-with-openrouter')!;
    expect(zero.text.endsWith(' = 0.0 ms (run.json)')).toBe(true);
    expect(zero.valueMs).toBe(0);
    // −3 + 1 = −2 (printed with a minus sign, U+2212); the criterion takes max(0, −2) = 0
    const below = overheadBySubject(measured([['litellm', -3, [-4, -2]], ['openrouter', 1, [0, 2]]]), catalog).get('litellm-with-openrouter')!;
    expect(below.text.endsWith(' = \u22122.0 ms (run.json)')).toBe(true);
    expect(below.valueMs).toBe(0);
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
  it('keeps the answers\' token sizes (the run\'s prompt is a probe) and adds a gateway-billed difference to its token spend', () => {
    const m = measurementsFrom(RUN, 'summary.json');
    // RUN's config names no prompt file: even asked for (--bench-tokens), its 120/60 are not the workload's.
    expect(m.promptsFromFile).toBe(false);
    const a = measuredAnswers(answers({ ownProviderKeys: false, avgInputTokens: 500, avgOutputTokens: 300 }), { ...m, tokenChoice: { benchTokens: true, flagged: { input: false, output: false } } });
    expect([a.avgInputTokens, a.avgOutputTokens]).toEqual([500, 300]);
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
    expect(adjusted.assumptions.at(-1)!.text).toBe("Tokens per request from your answers: 500 input and 300 output, not the benchmark's 120 and 60 (the run's prompt was a built-in probe, not your workload).");
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
