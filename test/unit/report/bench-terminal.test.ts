import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../../src/gates/evaluate.js';
import { parseGates } from '../../../src/gates/parse.js';
import { mergeRuns } from '../../../src/merge/merge-runs.js';
import { renderBenchTerminal } from '../../../src/report/bench-terminal.js';
import { encodeValues } from '../../../src/histogram/hdr.js';
import { describe as stats } from '../../../src/bench/stats.js';
import { makeOverhead, makeSummary, makeTarget } from '../../helpers/bench-builders.js';
import { benchFixture, requestsFixture } from '../../helpers/report-fixtures.js';

const URL_ONLY = /^\s*https?:\/\/\S+$/;
const tooWide = (text: string, width: number) => text.split('\n').filter((l) => [...l].length > width && !URL_ONLY.test(l));

/** Two targets, ten requests each: direct's TTFT 101..110 ms, the gateway's exactly 7 ms more. */
function small() {
  const ttft = (add: number) => Array.from({ length: 10 }, (_, i) => 101 + i + add);
  const row = (name: string, add: number, baseline: boolean) =>
    makeTarget(name, {
      baseline,
      requests: { sent: 10, ok: 10, failed: 0 },
      latencyMs: { headers: stats([1]), ttft: stats(ttft(add)), e2e: stats(ttft(add + 90)), itl: stats(Array(10).fill(10)) },
      outputTokensPerSecond: stats(Array(10).fill(100)),
      cost: { totalUsd: 0.0003, costedRequests: 10, per1kRequestsUsd: 0.03, source: baseline ? 'computed' : 'gateway', reportedPer1kUsd: baseline ? null : 0.03, computedPer1kUsd: 0.03, reportedVsComputedPct: baseline ? null : 0, priceFrom: 'openai/gpt-4o-mini' },
      histograms: { headers: encodeValues([1]), ttft: encodeValues(ttft(add)), e2e: encodeValues(ttft(add + 90)), itl: encodeValues([10]), outputTokensPerSecond: encodeValues([100]) },
    });
  return makeSummary([row('direct', 0, true), row('gw', 7, false)], [makeOverhead('gw', 'ttft', 7, [7, 7], { verdict: 'gw adds 7.00 ms (7.00–7.00 ms) to TTFT' })], {
    config: { requests: 10, stream: true, maxTokens: 10 },
    run: { mode: 'closed', concurrency: 2, ratePerTarget: null, arrival: null, plannedRequests: 20, sentRequests: 20, durationS: 2.007, spentUsd: 0.0006, eventLoopDelayMs: null },
    startedAt: '2026-11-26T10:00:00.000Z',
  });
}

describe('the benchmark in the terminal (bench and report alike)', () => {
  it('reads as a report: what ran, the targets, the overhead, the TTFT distribution', () => {
    expect(renderBenchTerminal({ bench: small() }, { width: 100, color: false })).toMatchInlineSnapshot(`
      "Benchmark 2026-11-26 10:00 UTC: 2 targets × 10 requests, closed loop, concurrency 2, streamed,
        max_tokens 10; 20 requests in 2.0 s

      Verdict
        • Only gateway: gw, TTFT p50 113 ms; against direct: gw adds 7.00 ms (7.00–7.00 ms) to TTFT
        • Cheapest: gw is the only gateway with a known cost: $0.03 per 1k requests

        target   ok/sent  errors  TTFT p50  TTFT p95  e2e p50  e2e p95  ITL p50  tok/s  $/1k req  cache
        ───────  ───────  ──────  ────────  ────────  ───────  ───────  ───────  ─────  ────────  ─────
        direct*    10/10      0%       106      ~110      196     ~200     10.0    100     $0.03      —
        gw         10/10      0%       113      ~117      203     ~207     10.0    100   $0.03 g      —
        ms; * baseline; ~ too few requests for that percentile (p95 needs 20): an interpolation between
        the top requests, not a tail estimate; marked figures here rest on 10 requests; $/1k req: g =
        reported by the gateway, else computed from the price table

      Overhead vs direct (difference in p50, 95% bootstrap interval)
        + gw adds 7.00 ms (7.00–7.00 ms) to TTFT

      TTFT distribution
        direct │█  █   █   █  █   █   █   █   █  █                          │ p50 106 ms
        gw     │                          █   █  █   █   █  █   █   █   █  █│ p50 113 ms
                101 ms                                                117 ms
      "
    `);
  });

  it("shows what the gateway says it added beside the measured overhead, once per target", () => {
    const b = small();
    b.targets[1]!.selfReported = { field: 'x-litellm-overhead-duration-ms', p50Ms: 4.2, n: 10 };
    b.overhead.push(makeOverhead('gw', 'e2e', 7, [7, 7], { verdict: 'gw adds 7.00 ms (7.00–7.00 ms) to e2e' }));
    const text = renderBenchTerminal({ bench: b }, { width: 200, color: false });
    // one decimal between 1 and 10 ms: 4.2 → "+4.2 ms"
    expect(text).toContain('  + gw adds 7.00 ms (7.00–7.00 ms) to TTFT; the gateway says +4.2 ms (p50 of x-litellm-overhead-duration-ms, n=10)\n  + gw adds 7.00 ms (7.00–7.00 ms) to e2e\n');
    // a gateway that reported nothing, or nothing usable, adds nothing to its line
    b.targets[1]!.selfReported = { field: 'x-litellm-overhead-duration-ms', p50Ms: null, n: 0 };
    expect(renderBenchTerminal({ bench: b }, { width: 200, color: false })).not.toContain('the gateway says');
  });

  it("runs merged by label: each origin's row says its own figure, once; a row of no target says nothing", () => {
    const said = (v: number) => ({ field: 'X-Kong-Proxy-Latency', p50Ms: v, n: 5 });
    const b = makeSummary(
      [makeTarget('direct', { origin: 'us' }), makeTarget('gw', { origin: 'us', selfReported: said(2) }), makeTarget('direct', { origin: 'eu' }), makeTarget('gw', { origin: 'eu', selfReported: said(6) })],
      [
        makeOverhead('gw', 'ttft', 7, [5, 9], { origin: 'us', verdict: 'gw adds 7 ms to TTFT' }),
        makeOverhead('gw', 'e2e', 7, [5, 9], { origin: 'us', verdict: 'gw adds 7 ms to e2e' }),
        makeOverhead('gw', 'ttft', 9, [8, 10], { origin: 'eu', verdict: 'gw adds 9 ms to TTFT' }),
        makeOverhead('gw', 'e2e', 9, [8, 10], { origin: 'eu', verdict: 'gw adds 9 ms to e2e' }),
        makeOverhead('gone', 'e2e', 1, [0.5, 2], { verdict: 'gone adds 1 ms to e2e' }),
      ],
    );
    const text = renderBenchTerminal({ bench: b }, { width: 200, color: false });
    expect(text).toContain(
      [
        '  + us: gw adds 7 ms to TTFT; the gateway says +2.0 ms (p50 of X-Kong-Proxy-Latency, n=5)',
        '  + us: gw adds 7 ms to e2e',
        '  + eu: gw adds 9 ms to TTFT; the gateway says +6.0 ms (p50 of X-Kong-Proxy-Latency, n=5)',
        '  + eu: gw adds 9 ms to e2e',
        '  + gone adds 1 ms to e2e',
      ].join('\n'),
    );
  });

  it.each([40, 60, 80, 120])('fits %i columns: figures give way, least important first', (width) => {
    const text = renderBenchTerminal({ bench: small() }, { width, color: false });
    expect(tooWide(text, width)).toEqual([]);
    // target, ok/sent, TTFT p50, e2e p50 and cost always stay; usage is the first to go (at 120 it fits).
    // Below what those need, each target becomes a block of its figures.
    if (width >= 60) expect(text).toMatch(/target +ok\/sent .*TTFT p50 .*e2e p50 .*\$\/1k req/);
    else expect(text).toContain('  gw\n    ok/sent: 10/10\n    TTFT p50: 113\n    e2e p50: 203\n    $/1k req: $0.03 g\n');
    expect(text.includes('usage')).toBe(width >= 120);
  });

  it('fits 80 and 120 columns with merged origins, sentences and gates wrapped', () => {
    const bench = mergeRuns([{ file: 'us-east', summary: benchFixture('us-east/summary.json') }, { file: 'eu-west.json', summary: benchFixture('eu-west.json') }], 'label');
    const gates = evaluateGates(parseGates('ttft.p95 > 160ms, errors.rate > 1%'), bench);
    for (const width of [80, 120]) {
      const text = renderBenchTerminal({ bench, gates }, { width, color: false });
      expect(tooWide(text, width)).toEqual([]);
      expect(text).toMatch(/2\s+runs\s+merged\s+by\s+label\s+\(us-east,\s+eu-west\)/);
      expect(text).toMatch(/openrouter @ us-east +│[ ▁▂▃▄▅▆▇█]+│ p50 \d+ ms/);
      expect(text).toMatch(/Gates: \d+ of 16 checks failed/); // 2 gates × 8 rows
    }
  });

  it('draws TTFT from the requests of an --out folder, with the p50 of the table', () => {
    const bench = benchFixture('us-east/summary.json');
    const text = renderBenchTerminal({ bench, requests: requestsFixture() }, { width: 100, color: false });
    const p50 = Math.round(bench.targets[0]!.latencyMs.ttft.p50!);
    expect(text).toMatch(new RegExp(`\\n {2}direct +│[ ▁▂▃▄▅▆▇█]+│ p50 ${p50} ms\\n`));
    expect(text).toMatch(new RegExp(`direct\\* +60/60 +0% +${p50} `));
  });

  it('lists failed gates by name, target, value and limit, and notes under them', () => {
    const bench = small();
    const gates = evaluateGates(parseGates('ttft.p50 > 110ms'), bench);
    const text = renderBenchTerminal({ bench: { ...bench, warnings: ['gw: 1 × rate_limited.'] }, gates }, { width: 100, color: false });
    // gw's TTFT is 108..117 ms: p50 112.5 (type 7 over ten values)
    expect(text).toContain('Gates: 1 of 2 checks failed\n  ✗ gate "ttft.p50 > 110ms" failed for gw: ttft.p50 is 112.5 ms, limit > 110 ms\n');
    expect(text).toContain('Notes\n  ! gw: 1 × rate_limited.\n');
  });
});
