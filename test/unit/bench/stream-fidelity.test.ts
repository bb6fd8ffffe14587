import { describe, expect, it } from 'vitest';
import { assessStreaming, notStreamed, streamShape, type StreamRow } from '../../../src/bench/stream-fidelity.js';

/** Hand-made chunk timings; every expected value is worked out in the comments. */

/** n chunks from `first`, `gap` ms apart. */
const paced = (first: number, gap: number, n: number): number[] => Array.from({ length: n }, (_, i) => first + i * gap);

describe('streamShape: one response', () => {
  it('a paced stream: span = (n − 1) × gap; only the last chunk is in the final burst', () => {
    // 10 chunks 16 ms apart from 350 ms: span 9 × 16 = 144 ms; final burst 1 of 10 = 0.1
    expect(streamShape(paced(350, 16, 10))).toEqual({ chunks: 10, spanMs: 144, finalBurstShare: 0.1 });
  });

  it('a buffered stream: every chunk within 5 ms gaps of the last, after a long silence', () => {
    // 2,000 ms of silence, then 8 chunks 0.2 ms apart: span 7 × 0.2 = 1.4 ms; all 8 in the burst
    const s = streamShape(paced(2000, 0.2, 8));
    expect(s.chunks).toBe(8);
    expect(s.spanMs).toBeCloseTo(1.4, 9);
    expect(s.finalBurstShare).toBe(1);
  });

  it('the burst gap is inclusive at 5 ms and stops at the first longer gap', () => {
    // gaps: 10, 5, 5.01, 5, 5 → walking back from the last: 5 (in), 5 (in), 5.01 (stop): 3 chunks of 6 = 0.5
    expect(streamShape([0, 10, 15, 20.01, 25.01, 30.01]).finalBurstShare).toBeCloseTo(0.5, 12);
    // gaps 5, 5: all three in the burst
    expect(streamShape([0, 5, 10]).finalBurstShare).toBe(1);
  });

  it('two chunks are enough for a burst share: 10 ms apart, only the last (1 of 2 = 0.5)', () => {
    expect(streamShape([0, 10])).toEqual({ chunks: 2, spanMs: 10, finalBurstShare: 0.5 });
  });

  it('no chunk: nothing; one chunk: a span of 0 and no burst share', () => {
    expect(streamShape([])).toEqual({ chunks: 0, spanMs: null, finalBurstShare: null });
    expect(streamShape([42])).toEqual({ chunks: 1, spanMs: 0, finalBurstShare: null });
  });
});

/** A request row from its chunk times. */
const row = (round: number, ttft: number, times: number[]): StreamRow => ({ round, ttftMs: ttft, ...streamShape(times) });
/** The baseline: TTFT 350 ms, 20 chunks 16 ms apart (span 304 ms), rounds 1..n. */
const direct = (n: number) => Array.from({ length: n }, (_, i) => row(i + 1, 350, paced(350, 16, 20)));

describe('assessStreaming against a baseline', () => {
  it('a buffering gateway is flagged: its span is a sliver of the baseline\'s', () => {
    // The gateway holds the stream: TTFT = 350 + 304 = 654 ms, then 20 chunks 0.1 ms apart: span 1.9 ms.
    // Ratio 1.9 / 304 = 0.00625 ≤ 0.25 → buffered.
    const gw = Array.from({ length: 10 }, (_, i) => row(i + 1, 654, paced(654, 0.1, 20)));
    const a = assessStreaming(gw, direct(10));
    expect(a).toMatchObject({ buffered: true, method: 'baseline', requests: 10, pairs: 10, baselineSpanP50Ms: 304, finalBurstShareP50: 1, baselineFinalBurstShareP50: 0.05 });
    expect(a.spanRatioP50).toBeCloseTo(1.9 / 304, 4);
    expect(a.evidence).toMatch(/^First-to-last token span p50 1\.9\d? ms vs 304 ms for the baseline \(median ratio 0\.006 over 10 rounds\); 100% of content chunks in the final burst \(baseline 5%\): the gateway holds the stream/);
  });

  it('a gateway adding a constant 40 ms and jitter is not flagged', () => {
    // Same pacing shifted by 40 ms, gaps jittered 16 ± 2 ms (alternating 14 and 18): span = 10 × 14 + 9 × 18 = 302 ms.
    // Ratio 302 / 304 ≈ 0.993 > 0.25 → paced.
    const times = [390];
    for (let i = 1; i < 20; i++) times.push(times[i - 1]! + (i % 2 ? 14 : 18));
    const gw = Array.from({ length: 10 }, (_, i) => row(i + 1, 390, times));
    const a = assessStreaming(gw, direct(10));
    expect(a).toMatchObject({ buffered: false, method: 'baseline', spanP50Ms: 302 });
    expect(a.spanRatioP50).toBeCloseTo(302 / 304, 4);
    expect(a.evidence).toMatch(/paced like the baseline's\.$/);
  });

  it('the threshold: a median ratio of exactly 0.25 is buffered, just above is not', () => {
    // Baseline span 304 ms; 0.25 × 304 = 76 ms. 4 chunks spanning 76 ms → ratio 0.25.
    expect(assessStreaming([1, 2, 3].map((r) => row(r, 600, paced(600, 76 / 3, 4))), direct(3)).buffered).toBe(true);
    expect(assessStreaming([1, 2, 3].map((r) => row(r, 600, paced(600, 77 / 3, 4))), direct(3)).buffered).toBe(false);
  });

  it('pairs by round: rounds the baseline lacks do not count', () => {
    // Gateway rounds 1..5, baseline rounds 4..6: two pairs (4, 5) < 3 → not enough data.
    const gw = [1, 2, 3, 4, 5].map((r) => row(r, 654, paced(654, 0.1, 20)));
    const base = [4, 5, 6].map((r) => row(r, 350, paced(350, 16, 20)));
    expect(assessStreaming(gw, base)).toMatchObject({ buffered: null, method: null, pairs: 2 });
  });

  it('requests with fewer than 4 content chunks are not assessed', () => {
    // 3 chunks each: nothing usable on the gateway's side.
    const gw = [1, 2, 3].map((r) => row(r, 654, paced(654, 0.1, 3)));
    expect(assessStreaming(gw, direct(3))).toMatchObject({ buffered: null, requests: 0 });
  });

  it('a baseline that itself arrives at once cannot show buffering: the absolute check decides, and says why', () => {
    // Baseline: 20 chunks 0.1 ms apart (span 1.9 ms < 20 ms). The gateway the same → absolute: silence 2 ms < 50 ms → not at once.
    const base = [1, 2, 3].map((r) => row(r, 2, paced(2, 0.1, 20)));
    const a = assessStreaming(base, base);
    expect(a).toMatchObject({ buffered: false, method: 'absolute', atOnceShare: 0 });
    expect(a.evidence).toMatch(/the baseline's own stream arrives almost at once \(span p50 1\.9\d? ms, final-burst share 100%\)/);
  });
});

describe('assessStreaming: the edges of the baseline comparison', () => {
  it('the baseline needs 3 requests with at least 4 chunks: 3-chunk requests do not count', () => {
    const gw = [1, 2, 3].map((r) => row(r, 800, paced(800, 0.1, 10)));
    const thin = [1, 2, 3].map((r) => row(r, 350, paced(350, 16, 3)));
    const a = assessStreaming(gw, thin);
    expect(a).toMatchObject({ method: 'absolute', buffered: true });
    expect(a.evidence).toMatch(/the baseline has too few streamed requests\)\.$/);
  });

  it('a baseline span just under 20 ms cannot show pacing; 20 ms can', () => {
    // 5 chunks 4.95 ms apart: span 19.8 ms, but gaps ≤ 5 ms put them all in one burst — use 4 chunks 6.6 ms apart: span 19.8.
    const gw = [1, 2, 3].map((r) => row(r, 800, paced(800, 0.1, 4)));
    const short = [1, 2, 3].map((r) => row(r, 350, paced(350, 6.6, 4)));
    expect(assessStreaming(gw, short).method).toBe('absolute');
    // 4 chunks 20/3 ms apart: span 20 ms (≥ 20), gaps 6.67 ms > 5 → last alone, share 0.25 < 0.5 → compared
    const enough = [1, 2, 3].map((r) => row(r, 350, paced(350, 20 / 3, 4)));
    expect(assessStreaming(gw, enough)).toMatchObject({ method: 'baseline', buffered: true });
  });

  it('a baseline whose median final-burst share is 0.5 counts as arriving at once', () => {
    // 4 chunks at 0, 30, 33, 60: gaps 30, 3, 27 → final burst 1 of 4 = 0.25; at 0, 30, 60, 63: 2 of 4 = 0.5.
    const gw = [1, 2, 3].map((r) => row(r, 800, paced(800, 0.1, 4)));
    const half = [1, 2, 3].map((r) => row(r, 350, [350, 380, 410, 413]));
    expect(assessStreaming(gw, half).method).toBe('absolute');
    const quarter = [1, 2, 3].map((r) => row(r, 350, [350, 380, 383, 410]));
    expect(assessStreaming(gw, quarter).method).toBe('baseline');
  });

  it('a baseline round with a span of 0 is not paired (no ratio to take)', () => {
    // Rounds 1–3 paced, round 4 a zero span (a hand-made row): 3 pairs, not 4.
    const base = [...direct(3), { round: 4, ttftMs: 350, chunks: 4, spanMs: 0, finalBurstShare: 1 }];
    const gw = [1, 2, 3, 4].map((r) => row(r, 654, paced(654, 0.1, 20)));
    expect(assessStreaming(gw, base)).toMatchObject({ pairs: 3, buffered: true });
  });

  it('rows without a span or a burst share are skipped', () => {
    const odd: StreamRow[] = [
      { round: 1, ttftMs: 800, chunks: 10, spanMs: null, finalBurstShare: 1 },
      { round: 2, ttftMs: 800, chunks: 10, spanMs: 1, finalBurstShare: null },
    ];
    expect(assessStreaming(odd, undefined)).toMatchObject({ requests: 0, buffered: null });
  });

  it('not enough data says how much there was, and leaves the figures null', () => {
    const a = assessStreaming([], direct(3));
    expect(a).toEqual({
      buffered: null,
      method: null,
      evidence: 'Not enough data: 0 rounds where both this target and the baseline streamed at least 4 content chunks (3 needed).',
      requests: 0,
      spanP50Ms: null,
      finalBurstShareP50: null,
      pairs: 0,
      baselineSpanP50Ms: 304,
      baselineFinalBurstShareP50: 0.05,
      spanRatioP50: null,
      atOnceShare: null,
    });
    expect(assessStreaming([], undefined).evidence).toBe('Not enough data: 0 successful requests with at least 4 content chunks (3 needed).');
  });
});

describe('assessStreaming without a baseline (absolute, weaker)', () => {
  it('the edges of "at once": 90% in the final burst, a silence of 50 ms, 10 × the span — each inclusive', () => {
    // 10 chunks: the first alone (next gap 5.5 ms > 5), then 9 at 0.25 ms gaps → share 9/10 = 0.9; span 5.5 + 8 × 0.25 = 7.5 ms
    // (binary fractions, so the sums are exact).
    const nine = (ttft: number) => [ttft, ...paced(ttft + 5.5, 0.25, 9)];
    const rows = (ttft: number) => [1, 2, 3].map((r) => row(r, ttft, nine(ttft)));
    expect(streamShape(nine(100))).toEqual({ chunks: 10, spanMs: 7.5, finalBurstShare: 0.9 });
    // silence 75 = 10 × 7.5 exactly (and ≥ 50): at once; 74.75: not
    expect(assessStreaming(rows(75), undefined).atOnceShare).toBe(1);
    expect(assessStreaming(rows(74.75), undefined).atOnceShare).toBe(0);
    // a span of 1 ms (9 chunks 0.125 ms apart): silence 50 exactly at once, 49.75 not
    const tight = (ttft: number) => [1, 2, 3].map((r) => row(r, ttft, paced(ttft, 0.125, 9)));
    expect(assessStreaming(tight(50), undefined).atOnceShare).toBe(1);
    expect(assessStreaming(tight(49.75), undefined).atOnceShare).toBe(0);
    // 8 of 10 in the burst (0.8 < 0.9): not at once, however long the silence
    const eight = [1, 2, 3].map((r) => row(r, 500, [500, 510, ...paced(520, 0.25, 8)]));
    expect(assessStreaming(eight, undefined)).toMatchObject({ atOnceShare: 0, buffered: false });
    expect(assessStreaming(eight, undefined).evidence).toMatch(/: the stream looks paced \(absolute check/);
  });

  it('most requests at once after a long silence → buffered, and it says the check is weaker', () => {
    // 3 of 4 requests: 10 chunks within 0.9 ms after 800 ms (≥ 50 ms and ≥ 10 × 0.9) → 0.75 ≥ 0.5.
    const rows = [1, 2, 3].map((r) => row(r, 800, paced(800, 0.1, 10)));
    rows.push(row(4, 350, paced(350, 16, 10)));
    const a = assessStreaming(rows, undefined);
    expect(a).toMatchObject({ buffered: true, method: 'absolute', atOnceShare: 0.75, pairs: null, spanRatioP50: null });
    expect(a.evidence).toMatch(/^3 of 4 requests had ≥ 90% of their content chunks arrive within 5 ms gaps after a silence of ≥ 50 ms .*: the stream looks buffered \(absolute check, weaker than a comparison with a baseline: no baseline to compare with\)\.$/);
  });

  it('a paced stream is not flagged; nor is a fast one whose silence is short', () => {
    expect(assessStreaming([1, 2, 3].map((r) => row(r, 350, paced(350, 16, 10))), undefined).buffered).toBe(false);
    // Everything at once but after only 5 ms (a local instant model): silence < 50 ms → not at once.
    expect(assessStreaming([1, 2, 3].map((r) => row(r, 5, paced(5, 0.1, 10))), undefined).buffered).toBe(false);
    // A long silence but a span longer than a tenth of it: 100 ms silence, 9 × 1.2 = 10.8 ms span > 10 ms.
    expect(assessStreaming([1, 2, 3].map((r) => row(r, 100, paced(100, 1.2, 10))), undefined).buffered).toBe(false);
  });

  it('half the requests at once is enough (≥ 0.5); fewer than 3 requests is not enough data', () => {
    const rows = [row(1, 800, paced(800, 0.1, 10)), row(2, 800, paced(800, 0.1, 10)), row(3, 350, paced(350, 16, 10)), row(4, 350, paced(350, 16, 10))];
    expect(assessStreaming(rows, undefined)).toMatchObject({ buffered: true, atOnceShare: 0.5 });
    expect(assessStreaming(rows.slice(0, 2), undefined)).toMatchObject({ buffered: null, method: null });
  });

  it('the baseline itself is checked the absolute way, saying so', () => {
    expect(assessStreaming(direct(3), undefined, true).evidence).toMatch(/this is the baseline\)\.$/);
  });

  it('a run that did not stream: buffered null', () => {
    expect(notStreamed()).toMatchObject({ buffered: null, method: null, requests: 0, evidence: 'Not streamed: nothing to assess.' });
  });
});
