import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../src/bench/metrics.js';
import { SampleTable } from '../../../src/bench/samples.js';
import { MAX_SLICES, defaultSliceS, sliceResults } from '../../../src/bench/slices.js';
import { histogramStats } from '../../../src/histogram/hdr.js';
import { driftRows, slicesMarkdown, trendLine } from '../../../src/report/slices.js';

const T0 = 1_800_000_000_000;

/** A request due at `dueS` seconds (sent `lagMs` later) with the given latencies. */
const sample = (target: string, dueS: number, o: { ttft?: number | null; e2e?: number; error?: Sample['errorClass']; lagMs?: number } = {}): Sample => ({
  target,
  round: 1,
  ok: (o.error ?? null) === null,
  errorClass: o.error ?? null,
  headersMs: 1,
  ttftMs: o.error ? null : (o.ttft === undefined ? 50 : o.ttft),
  e2eMs: o.e2e ?? 100,
  itlMs: null,
  tokensPerSecond: null,
  lagMs: o.lagMs ?? 0,
  ttftFromScheduledMs: null,
  e2eFromScheduledMs: 0,
  inputTokens: 1,
  outputTokens: 1,
  usageReported: true,
  costUsd: null,
  costSource: 'unknown',
  gatewayCostUsd: null,
  computedCostUsd: null,
  cacheStatus: null,
  selfReportedMs: null,
  startedAt: T0 + dueS * 1000 + (o.lagMs ?? 0),
  endedAtEpoch: 0,
});

describe('time slices', () => {
  it('put each request in the slice it was due in (not when the late client sent it)', () => {
    const t = new SampleTable();
    // due at 0, 0.5, 1.2 and 2.9 s; the one due at 0.9 s was sent 300 ms late (at 1.2 s) but belongs to slice 0
    for (const s of [0, 0.5, 1.2, 2.9]) t.push(sample('a', s));
    t.push(sample('a', 0.9, { lagMs: 300 }));
    const r = sliceResults(t, ['a'], 1, null)!;
    expect(r.from).toBe(new Date(T0).toISOString());
    expect(r.targets[0]!.slices.map((s) => [s.index, s.startS, s.endS, s.sent])).toEqual([
      [0, 0, 1, 3],
      [1, 1, 2, 1],
      [2, 2, 3, 1],
    ]);
  });

  it('count successes and failures by class, and take percentiles of the successes only', () => {
    const t = new SampleTable();
    // slice 0: e2e 100, 200, 300, 400 ms ok and one timeout. p50 of 4 values (type 7) = (200 + 300)/2 = 250;
    // p99 = 300 + 0.97 × 100 = 397 (h = 3 × 0.99 = 2.97)
    [100, 200, 300, 400].forEach((e2e, i) => t.push(sample('a', i * 0.1, { e2e, ttft: e2e / 2 })));
    t.push(sample('a', 0.5, { error: 'timeout', e2e: 9000 }));
    const s = sliceResults(t, ['a'], 1, null)!.targets[0]!.slices[0]!;
    expect(s).toMatchObject({ sent: 5, ok: 4, failed: 1, errors: { timeout: 1 }, okPerSecond: 4, e2e: { p50: 250, p99: 397 }, ttft: { p50: 125, p99: 198.5 } });
    // the histogram holds the same four successes
    expect(histogramStats(s.histograms.e2e).n).toBe(4);
    expect(histogramStats(s.histograms.e2e).p50).toBeCloseTo(250, -1);
    expect(histogramStats(s.histograms.ttft).n).toBe(4);
  });

  it('give every target every slice, and a timed run slices over its whole duration even where nothing was due', () => {
    const t = new SampleTable();
    t.push(sample('a', 0));
    t.push(sample('b', 1.5));
    // planned 5 s in 1 s slices: 5 slices for both, most of them empty
    const r = sliceResults(t, ['a', 'b'], 1, 5)!;
    expect(r.targets.map((x) => x.slices.map((s) => s.sent))).toEqual([
      [1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
    ]);
    expect(r.targets[0]!.slices[1]).toMatchObject({ ok: 0, e2e: { p50: null, p99: null } });
  });

  it('widen slices that would be more than the most a summary keeps', () => {
    const t = new SampleTable();
    t.push(sample('a', 0));
    t.push(sample('a', 3000)); // 3,000 s at 1 s = 3,001 slices → widened to ⌈3001/1000⌉ = 4 s
    const r = sliceResults(t, ['a'], 1, null)!;
    expect(r.sliceS).toBe(4);
    expect(r.targets[0]!.slices.length).toBeLessThanOrEqual(MAX_SLICES);
    expect(r.targets[0]!.slices.length).toBe(751); // ⌈3001 / 4⌉
    expect(r.targets[0]!.slices.at(-1)!.sent).toBe(1);
  });

  it('of 2 s: start, end and rate per second scale with the slice', () => {
    const t = new SampleTable();
    for (const s of [0, 1, 3, 5.5]) t.push(sample('a', s));
    // planned 8 s in 2 s slices → 4 slices: [0, 2) holds 2, [2, 4) 1, [4, 6) 1, [6, 8) none
    const r = sliceResults(t, ['a'], 2, 8)!;
    expect(r.targets[0]!.slices.map((s) => [s.startS, s.endS, s.sent, s.okPerSecond])).toEqual([
      [0, 2, 2, 1],
      [2, 4, 1, 0.5],
      [4, 6, 1, 0.5],
      [6, 8, 0, 0],
    ]);
  });

  it('widen 2 s slices too: 4,000 s would be 2,001 of them → ⌈2001 × 2 / 1000⌉ = 5 s, ⌈4002 / 5⌉ = 801 slices', () => {
    const t = new SampleTable();
    t.push(sample('a', 0));
    t.push(sample('a', 4000));
    const r = sliceResults(t, ['a'], 2, null)!;
    expect(r.sliceS).toBe(5);
    expect(r.targets[0]!.slices.length).toBe(801);
  });

  it('leave a non-streamed success out of the TTFT figures', () => {
    const t = new SampleTable();
    t.push(sample('a', 0, { ttft: null, e2e: 120 }));
    const s = sliceResults(t, ['a'], 1, null)!.targets[0]!.slices[0]!;
    expect(s).toMatchObject({ ok: 1, ttft: { p50: null, p99: null }, e2e: { p50: 120, p99: 120 } });
    expect(histogramStats(s.histograms.ttft).n).toBe(0);
  });

  it('have none when nothing was measured; a timed run defaults to tenths', () => {
    expect(sliceResults(new SampleTable(), ['a'], 1, 10)).toBeUndefined();
    expect(defaultSliceS(600)).toBe(60);
  });
});

describe('drift, for people', () => {
  const t = new SampleTable();
  // target a: TTFT p50 50 ms in slice 0, 80 in slice 1, nothing in slice 2, 60 in slice 3 (with a failure)
  t.push(sample('a', 0.1, { ttft: 50 }));
  t.push(sample('a', 1.1, { ttft: 80 }));
  t.push(sample('a', 3.1, { ttft: 60 }));
  t.push(sample('a', 3.2, { error: 'server_error' }));
  const s = sliceResults(t, ['a'], 1, 4)!;

  it('follows TTFT from the first measured slice to the last, and names the worst', () => {
    const [row] = driftRows(s);
    expect(row).toMatchObject({ name: 'a', metric: 'ttft', p50s: [50, 80, null, 60], first: { p50: 50 }, last: { p50: 60 }, worst: { index: 1, startS: 1, p99: 80 }, ok: 3, sent: 4, slicesWithErrors: 1 });
  });

  it('draws one character per slice between the row\'s lowest and highest, a space for an empty one', () => {
    // 50 → lowest block; 80 → highest; 60 → (60 − 50)/30 × 8 = 2.67 → block 2
    expect(trendLine([50, 80, null, 60])).toBe('▁█ ▃');
    expect(trendLine([5, 5], false)).toBe('..');
  });

  it('writes a markdown drift table and every slice under a fold', () => {
    const md = slicesMarkdown(s).join('\n');
    expect(md).toContain('**TTFT over time** (4 slices of 1 s, by scheduled send)');
    expect(md).toContain('| a | 3 / 4 | 50 → 60 ms | 50 → 60 ms | 80 ms at 1 s | 1 |');
    expect(md).toContain('| a | 3–4 s | 1 / 2 | 1 | 60 | 60 | 100 | 100 |');
    expect(slicesMarkdown(s, 2).join('\n')).toContain('2 more slice rows left out');
    expect(slicesMarkdown(null)).toEqual([]);
  });
});
