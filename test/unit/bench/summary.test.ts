import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../src/bench/metrics.js';
import { SampleTable } from '../../../src/bench/samples.js';
import { summarize, type SummaryInput } from '../../../src/bench/summary.js';
import type { Target } from '../../../src/bench/targets.js';
import { histogramStats } from '../../../src/histogram/hdr.js';

const target = (name: string): Target => ({
  name,
  gateway: name === 'direct' ? 'openai-compatible' : name,
  gatewayName: name,
  model: 'm',
  url: `http://x/${name}`,
  headers: {},
  secrets: [],
  extraBody: {},
  cost: {},
  cacheStatus: {},
  price: { inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null, from: 'openai/gpt-4o-mini' },
});

function sample(name: string, round: number, ttft: number, over: Partial<Sample> = {}): Sample {
  return {
    target: name,
    round,
    ok: true,
    errorClass: null,
    headersMs: 1,
    ttftMs: ttft,
    e2eMs: ttft + 90,
    itlMs: 10,
    tokensPerSecond: 100,
    lagMs: 0,
    ttftFromScheduledMs: ttft,
    e2eFromScheduledMs: ttft + 90,
    inputTokens: 10,
    outputTokens: 10,
    usageReported: true,
    costUsd: 0.00003,
    costSource: 'computed',
    gatewayCostUsd: null,
    computedCostUsd: 0.00003,
    cacheStatus: null,
    selfReportedMs: null,
    startedAt: 1_000_000 + round * 200,
    endedAtEpoch: 1_000_000 + round * 200 + ttft + 90,
    ...over,
  };
}

function input(samples: Sample[], over: Partial<SummaryInput> = {}): SummaryInput {
  const table = new SampleTable();
  for (const s of samples) table.push(s);
  return {
    startedAt: new Date('2026-11-26T10:00:00Z'),
    finishedAt: new Date('2026-11-26T10:01:00Z'),
    ended: 'completed',
    config: { requests: 10, stream: true, maxTokens: 10 },
    environment: { label: null, node: 'v20', os: 'Linux', arch: 'x64', cpus: 2, undici: '7' },
    run: { mode: 'closed', concurrency: 2, ratePerTarget: null, arrival: null, plannedRequests: 20, spentUsd: 0.0006, eventLoopDelayMs: { p50: 0.1, p99: 0.5, max: 2 } },
    targets: [target('direct'), target('gw')],
    baseline: 0,
    samples: table,
    seed: 1,
    errorExamples: new Map(),
    warnings: [],
    ...over,
  };
}

// Ten rounds; direct's TTFT is 100 + round, the gateway's exactly 7 ms more in every round.
const ROUNDS = Array.from({ length: 10 }, (_, i) => i + 1);
const base = ROUNDS.flatMap((r) => [sample('direct', r, 100 + r), sample('gw', r, 107 + r)]);

describe('the summary', () => {
  it('counts, percentiles and an overhead worked out by hand', () => {
    const doc = summarize(input(base));
    const [d, g] = doc.targets;
    // TTFT 101..110: p50 = 105.5 (h = 4.5), p90 = 109.1 (h = 8.1), mean 105.5
    expect(d!.latencyMs.ttft).toMatchObject({ n: 10, p50: 105.5, p90: 109.1, mean: 105.5, min: 101, max: 110, unsupported: ['p95', 'p99'] });
    expect(g!.latencyMs.e2e.p50).toBe(202.5);
    // 10 × 10 tokens, 10 × $0.00003; per 1,000 requests: $0.03
    expect(d!.tokens).toMatchObject({ input: 100, output: 100, inputPerRequest: 10, outputPerRequest: 10, usageReportedRate: 1 });
    expect(d!.cost).toEqual({ totalUsd: 0.0003, costedRequests: 10, per1kRequestsUsd: 0.03, source: 'computed', reportedPer1kUsd: null, computedPer1kUsd: 0.03, reportedVsComputedPct: null, priceFrom: 'openai/gpt-4o-mini' });
    // a constant 7 ms shift: Δ50 = Δ90 = 7 with a zero-width interval
    const ttft = doc.overhead.find((o) => o.metric === 'ttft')!;
    expect(ttft).toMatchObject({ target: 'gw', baseline: 'direct', n: 10, p50DeltaMs: 7, p90DeltaMs: 7, ci95: [7, 7] });
    expect(ttft.verdict).toBe('gw adds 7.00 ms (7.00–7.00 ms) to TTFT');
    // measured phase: first start 1,000,200, last end 1,002,000 + 107 + 10 + 90 = 1,002,207 → 2.007 s
    expect(doc.run.durationS).toBe(2.007);
    // 10 successful requests and 10 × 10 output tokens over 2.007 s: 4.983 requests/s, 49.826 tokens/s (3 decimals)
    expect(d!.throughput).toEqual({ requestsPerSecond: 4.983, outputTokensPerSecond: 49.826 });
    expect(doc.targets.map((t) => t.baseline)).toEqual([true, false]);
    expect(doc.gates).toEqual([]);
  });

  it('turns findings into notes: errors with their first message, missing usage, cost differences, a slow client', () => {
    const samples = [
      ...base.map((s) => (s.target === 'gw' ? { ...s, gatewayCostUsd: 0.0000318, costUsd: 0.0000318, costSource: 'gateway' as const } : s)),
      sample('direct', 11, 0, { ok: false, errorClass: 'rate_limited', ttftMs: null, costUsd: null, costSource: 'unknown', computedCostUsd: null }),
      sample('direct', 12, 100, { usageReported: false }),
    ];
    const doc = summarize(
      input(samples, {
        errorExamples: new Map([['direct\u0000rate_limited', 'HTTP 429: slow down']]),
        run: { ...input([]).run, eventLoopDelayMs: { p50: 3, p99: 25, max: 40 } },
      }),
    );
    expect(doc.targets[0]!.errors.rate_limited).toBe(1);
    expect(doc.warnings).toContain('direct: 1 × rate_limited (first: HTTP 429: slow down).');
    // 11 successful direct requests, 1 without usage: 9%
    expect(doc.warnings).toContain('direct: the server reported no usage on 9% of successful requests; their tokens are estimated (4 characters a token).');
    // gateway-reported 0.0000318 vs computed 0.00003: +6%
    expect(doc.targets[1]!.cost.reportedVsComputedPct).toBe(6);
    // both figures per 1,000 requests: 0.0000318 × 1,000 reported, 0.00003 × 1,000 computed
    expect(doc.targets[1]!.cost).toMatchObject({ source: 'gateway', reportedPer1kUsd: 0.0318, computedPer1kUsd: 0.03 });
    expect(doc.warnings.some((w) => w.startsWith('gw: the gateway reported more cost than the price table gives (+6.00%)'))).toBe(true);
    expect(doc.warnings.some((w) => w.startsWith("The client's event loop was delayed by up to 25 ms (p99; max 40 ms)"))).toBe(true);
  });

  it('open loop: latency from the scheduled send, and a note when the client fell behind', () => {
    // the gateway's sends lagged 0..9 ms (round − 1); direct's never
    const samples = base.map((s) => (s.target === 'gw' ? { ...s, lagMs: s.round - 1 } : s));
    const doc = summarize(input(samples, { run: { ...input([]).run, mode: 'open', concurrency: null, ratePerTarget: 5, arrival: 'constant' } }));
    const gw = doc.targets[1]!.schedule!;
    // lags 0..9: p99 = 8.91 (h = 8.91); TTFT from the schedule = TTFT + lag = 108 + 2(r − 1) … p50 at r = 5.5 → 117
    expect(gw.lagMs).toMatchObject({ n: 10, p50: 4.5, p99: 8.91, max: 9 });
    expect(gw.ttftFromScheduledMs.p50).toBe(117);
    expect(doc.targets[0]!.schedule!.lagMs.max).toBe(0);
    expect(doc.warnings).toContain(
      'The client fell behind its schedule (send lag p99: gw 8.9 ms): latencies measured from the scheduled send (schedule.*FromScheduledMs) include that wait, so coordinated omission does not flatter the tail.',
    );
  });

  it('without a baseline there is no overhead, and the report says how to get one', () => {
    const doc = summarize(input(base, { baseline: undefined }));
    expect(doc.overhead).toEqual([]);
    expect(doc.warnings[0]).toContain('No baseline');
  });
});

describe('the histograms every summary carries', () => {
  it('hold the same successful requests as the statistics, so a merge can recompute them', () => {
    const doc = summarize(input(base));
    for (const t of doc.targets) {
      for (const m of ['headers', 'ttft', 'e2e', 'itl'] as const) {
        const h = histogramStats(t.histograms[m]);
        expect(h.n, `${t.name} ${m}`).toBe(t.latencyMs[m].n);
        // direct's TTFT is 101..110 ms: p50 105.5 both ways, to the histogram's 0.1%
        for (const p of ['p50', 'p90'] as const) expect(Math.abs(h[p]! - t.latencyMs[m][p]!)).toBeLessThanOrEqual(t.latencyMs[m][p]! * 0.001);
      }
      expect(histogramStats(t.histograms.outputTokensPerSecond).n).toBe(10);
      expect(t.histograms.lag).toBeUndefined();
    }
  });

  it('in the open loop, also of the send lag and the latencies from the scheduled send', () => {
    const samples = base.map((s) => ({ ...s, lagMs: s.round - 1 }));
    const doc = summarize(input(samples, { run: { ...input([]).run, mode: 'open', concurrency: null, ratePerTarget: 5, arrival: 'constant' } }));
    const t = doc.targets[0]!;
    expect(histogramStats(t.histograms.lag!).n).toBe(10);
    expect(histogramStats(t.histograms.ttftFromScheduled!).p50).toBeCloseTo(t.schedule!.ttftFromScheduledMs.p50!, 1);
  });

  it('no cost known: no total, rather than a total of $0', () => {
    const samples = base.map((s) => ({ ...s, costUsd: null, costSource: 'unknown' as const, computedCostUsd: null }));
    expect(summarize(input(samples)).targets[0]!.cost).toMatchObject({ totalUsd: null, costedRequests: 0, per1kRequestsUsd: null, source: 'unknown' });
  });
});

const failed = (name: string, round: number, errorClass: Sample['errorClass']): Sample =>
  sample(name, round, 0, { ok: false, errorClass, ttftMs: null, costUsd: null, costSource: 'unknown', computedCostUsd: null });
const OPEN_RUN = { mode: 'open', concurrency: null, ratePerTarget: 5, arrival: 'constant' } as const;
const NO_ERRORS = { rate_limited: 0, auth: 0, insufficient_credits: 0, client_error: 0, server_error: 0, timeout: 0, connection: 0, stream_interrupted: 0, bad_response: 0, upstream_error: 0 };

describe('the summary, decision by decision', () => {
  it('counts failures by class and notes each class once, with its first message and no doubled full stop', () => {
    const samples = [...base, failed('direct', 11, 'rate_limited'), failed('gw', 11, 'timeout'), failed('gw', 12, 'timeout')];
    const doc = summarize(input(samples, { errorExamples: new Map([['direct\u0000rate_limited', 'HTTP 429: slow down. ']]) }));
    const [d, g] = doc.targets;
    // gw: 10 successful + 2 timeouts
    expect(g!.requests).toEqual({ sent: 12, ok: 10, failed: 2 });
    expect(g!.errors).toEqual({ ...NO_ERRORS, timeout: 2 });
    expect(d!.errors).toEqual({ ...NO_ERRORS, rate_limited: 1 });
    // The failed request had no cost: the source is still the one of the requests that had one.
    expect(d!.cost.source).toBe('computed');
    // Every successful request reported usage and no cost differs: only the errors are noted.
    expect(doc.warnings).toEqual(['direct: 1 × rate_limited (first: HTTP 429: slow down).', 'gw: 2 × timeout.']);
  });

  it('a target whose every request failed makes the status not ok, naming it with its first message; the others measured are kept', () => {
    const direct = ROUNDS.slice(0, 3).map((r) => sample('direct', r, 100));
    const gw = [failed('gw', 1, 'server_error'), failed('gw', 2, 'server_error'), failed('gw', 3, 'auth')];
    const doc = summarize(input([...direct, ...gw], { errorExamples: new Map([['gw\u0000server_error', 'HTTP 500: boom.']]) }));
    expect(doc.status).toEqual({
      ended: 'completed',
      ok: false,
      failedTargets: [
        // 2 × server_error is the most frequent class; classes listed in ERROR_CLASSES order (auth before server_error)
        { target: 'gw', sent: 3, topError: { class: 'server_error', count: 2, example: 'HTTP 500: boom.' }, reason: 'all 3 measured requests failed: 1 × auth, 2 × server_error (first: HTTP 500: boom)' },
      ],
    });
    expect(doc.targets[0]!.requests).toEqual({ sent: 3, ok: 3, failed: 0 });
    expect(summarize(input(base)).status).toEqual({ ended: 'completed', ok: true, failedTargets: [] });
  });

  it('cost from the gateway on some requests and computed on others is "mixed"; cache statuses are counted; no price, no source', () => {
    const samples = base.map((s) => {
      if (s.target === 'gw') return s.round <= 5 ? { ...s, gatewayCostUsd: 0.00003, costUsd: 0.00003, costSource: 'gateway' as const } : s;
      return { ...s, cacheStatus: s.round <= 3 ? ('hit' as const) : s.round <= 5 ? ('miss' as const) : null };
    });
    const doc = summarize(input(samples, { targets: [target('direct'), { ...target('gw'), price: null }] }));
    const [d, g] = doc.targets;
    expect(g!.cost.source).toBe('mixed');
    expect(g!.cost.priceFrom).toBeNull();
    // direct: rounds 1–3 hits, 4–5 misses, 6–10 without a cache header
    expect(d!.cache).toEqual({ hits: 3, misses: 2, unknown: 5 });
    expect(g!.cache).toEqual({ hits: 0, misses: 0, unknown: 10 });
  });

  it('a free model (reported and computed cost both $0) has no percentage difference, rather than a division by zero', () => {
    const samples = base.map((s) => (s.target === 'gw' ? { ...s, gatewayCostUsd: 0, computedCostUsd: 0, costUsd: 0, costSource: 'gateway' as const } : s));
    const doc = summarize(input(samples));
    expect(doc.targets[1]!.cost).toMatchObject({ totalUsd: 0, reportedPer1kUsd: 0, computedPer1kUsd: 0, reportedVsComputedPct: null });
    expect(doc.warnings).toEqual([]);
  });

  it('an empty run: zero throughput, no per-request figures, overheads that say why they cannot be given, no notes', () => {
    const doc = summarize(input([]));
    expect(doc.run).toMatchObject({ sentRequests: 0, durationS: 0 });
    const g = doc.targets[1]!;
    expect(g.requests).toEqual({ sent: 0, ok: 0, failed: 0 });
    expect(g.throughput).toEqual({ requestsPerSecond: 0, outputTokensPerSecond: 0 });
    expect(g.tokens).toEqual({ input: 0, output: 0, inputPerRequest: null, outputPerRequest: null, usageReportedRate: null });
    expect(doc.overhead.map((o) => [o.metric, o.n, o.p50DeltaMs, o.p90DeltaMs, o.ci95, o.verdict])).toEqual([
      ['ttft', 0, null, null, null, 'gw cannot be compared on TTFT: 0 paired rounds (at least 2 are needed)'],
      ['e2e', 0, null, null, null, 'gw cannot be compared on e2e: 0 paired rounds (at least 2 are needed)'],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('TTFT and e2e overheads each from their own field; a round where one side has no value is left out', () => {
    // gw's e2e is its TTFT + 95 where direct's is + 90: 7 ms more TTFT, 12 ms more e2e. gw's TTFT is missing in
    // round 3, direct's in round 5: 8 rounds to compare TTFT on, all 10 for e2e.
    const samples = base.map((s) =>
      s.target === 'gw' ? { ...s, e2eMs: s.ttftMs! + 95, ttftMs: s.round === 3 ? null : s.ttftMs } : { ...s, ttftMs: s.round === 5 ? null : s.ttftMs },
    );
    const [ttft, e2e] = summarize(input(samples)).overhead;
    expect(ttft).toMatchObject({ metric: 'ttft', n: 8, p50DeltaMs: 7, p90DeltaMs: 7, ci95: [7, 7] });
    // a zero-width interval prints with two decimals
    expect(e2e).toMatchObject({ metric: 'e2e', n: 10, p50DeltaMs: 12, p90DeltaMs: 12, ci95: [12, 12], verdict: 'gw adds 12.00 ms (12.00–12.00 ms) to e2e' });
  });

  it('without streaming there is no TTFT: only the e2e overhead, and no TTFT from the schedule', () => {
    const samples = base.map((s) => ({ ...s, ttftMs: null, itlMs: null, lagMs: 1 }));
    const doc = summarize(input(samples, { config: { requests: 10, stream: false, maxTokens: 10 }, run: { ...input([]).run, ...OPEN_RUN } }));
    expect(doc.overhead.map((o) => o.metric)).toEqual(['e2e']);
    const d = doc.targets[0]!;
    expect(d.latencyMs.ttft.n).toBe(0);
    expect(histogramStats(d.histograms.ttft).n).toBe(0);
    expect(d.schedule!.ttftFromScheduledMs.n).toBe(0);
    expect(histogramStats(d.histograms.ttftFromScheduled!).n).toBe(0);
    // direct's e2e is 190 + round = 191..200, plus 1 ms of lag: 192..201, p50 196.5
    expect(d.schedule!.e2eFromScheduledMs).toMatchObject({ n: 10, p50: 196.5 });
  });

  it('the baseline is the target given; a single target with none is no reason for a note', () => {
    const swapped = summarize(input(base, { baseline: 1 }));
    expect(swapped.targets.map((t) => t.baseline)).toEqual([false, true]);
    expect(swapped.overhead[0]).toMatchObject({ target: 'direct', baseline: 'gw', p50DeltaMs: -7 });
    const alone = summarize(input(base.filter((s) => s.target === 'direct'), { targets: [target('direct')], baseline: undefined }));
    expect(alone.overhead).toEqual([]);
    expect(alone.warnings).toEqual([]);
  });

  it('notes a finding only beyond its threshold: cost difference > 0.5%, send lag p99 > 5 ms, event-loop delay p99 > 10 ms', () => {
    // gw reports $0.00003015 a request against $0.00003 computed: +0.5% exactly; direct's sends all lag 5 ms: p99 = 5
    const samples = base.map((s) => (s.target === 'gw' ? { ...s, gatewayCostUsd: 0.00003015, costUsd: 0.00003015, costSource: 'gateway' as const } : { ...s, lagMs: 5 }));
    const at = summarize(input(samples, { run: { ...input([]).run, ...OPEN_RUN, eventLoopDelayMs: { p50: 1, p99: 10, max: 30 } } }));
    expect(at.targets[1]!.cost.reportedVsComputedPct).toBe(0.5);
    expect(at.targets[0]!.schedule!.lagMs.p99).toBe(5);
    expect(at.warnings).toEqual([]);
  });

  it('a gateway that reports less than the price table is noted as such, with its sign', () => {
    // $0.0000282 reported against $0.00003 computed: −6%
    const samples = base.map((s) => (s.target === 'gw' ? { ...s, gatewayCostUsd: 0.0000282, costUsd: 0.0000282, costSource: 'gateway' as const } : s));
    expect(summarize(input(samples)).warnings).toEqual(['gw: the gateway reported less cost than the price table gives (-6.00%): check its fees, markup or cached-token pricing.']);
  });

  it('names every target that fell behind its schedule', () => {
    // direct lags 6 ms on every send (p99 6); gw 0..9 ms (p99 8.91)
    const samples = base.map((s) => ({ ...s, lagMs: s.target === 'gw' ? s.round - 1 : 6 }));
    const doc = summarize(input(samples, { run: { ...input([]).run, ...OPEN_RUN } }));
    expect(doc.warnings).toEqual([
      'The client fell behind its schedule (send lag p99: direct 6.0 ms, gw 8.9 ms): latencies measured from the scheduled send (schedule.*FromScheduledMs) include that wait, so coordinated omission does not flatter the tail.',
    ]);
  });

  it('an interrupted run says how many requests the summary covers', () => {
    // 10 rounds × 2 targets completed
    const doc = summarize(input(base, { ended: 'interrupted' }));
    expect(doc.status).toEqual({ ended: 'interrupted', ok: true, failedTargets: [] });
    expect(doc.warnings).toEqual(['Interrupted: the summary covers the 20 requests that completed.']);
  });
});
