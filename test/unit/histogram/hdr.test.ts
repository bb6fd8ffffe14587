import { describe, expect, it } from 'vitest';
import { encodeValues, histogramBuckets, histogramStats, mergeHistograms } from '../../../src/histogram/hdr.js';
import { seededRandom } from '../../../src/merge/bootstrap.js';

/** Nearest rank on sorted samples, written out independently of the histogram code. */
const nearestRank = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]!;
};

const lognormal = (seed: number, n: number, median: number, sigma: number) => {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())));
};

describe('HDR histograms', () => {
  it('keeps values below 2,048 recorded units exactly: 0.1..1.0 ms recorded in µs', () => {
    const s = histogramStats(encodeValues([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]));
    // Nearest rank of 10 values: p50 is the 5th, p90 the 9th, p95 and p99 the 10th; mean 0.55.
    expect(s).toEqual({ n: 10, p50: 0.5, p90: 0.9, p95: 1, p99: 1, mean: 0.55, min: 0.1, max: 1 });
  });

  it('reports a larger value as the upper bound of its bucket: 5 ms in µs buckets of 4 µs', () => {
    // 2,048 sub-buckets: units 1 µs to 2,047, 2 µs to 4,095, 4 µs to 8,191; so 5,000 µs is in 5,000–5,003.
    expect(histogramStats(encodeValues([5])).p50).toBe(5.003);
  });

  it('keeps large values to within 0.1% (3 significant digits), never below the exact value', () => {
    const values = lognormal(1, 5000, 400, 0.6);
    const s = histogramStats(encodeValues(values));
    for (const p of [50, 90, 95, 99] as const) {
      const exact = nearestRank(values, p);
      const got = s[`p${p}`]!;
      expect(got).toBeGreaterThanOrEqual(exact - 0.001);
      expect((got - exact) / exact).toBeLessThan(0.001);
    }
    expect(s.n).toBe(5000);
  });

  it('merges as if every value had been recorded into one histogram', () => {
    const a = lognormal(2, 700, 250, 0.3);
    const b = lognormal(3, 300, 600, 0.2);
    const merged = histogramStats(mergeHistograms([encodeValues(a), encodeValues(b)]));
    expect(merged).toEqual(histogramStats(encodeValues([...a, ...b])));
    expect(merged.n).toBe(1000);
  });

  it('refuses to merge histograms recorded on different scales', () => {
    expect(() => mergeHistograms([encodeValues([1]), encodeValues([1], { scale: 1 })])).toThrow(/differ in scale or precision/);
  });

  it('counts a zero as the smallest value, and reports an empty histogram as nulls', () => {
    expect(histogramStats(encodeValues([0, 0, 5])).n).toBe(3);
    expect(histogramStats(encodeValues([]))).toEqual({ n: 0, p50: null, p90: null, p95: null, p99: null, mean: null, min: null, max: null });
    expect(() => encodeValues([-1])).toThrow(/finite values ≥ 0/);
  });

  it('lists buckets whose counts add up to n', () => {
    expect(histogramBuckets(encodeValues([1, 1, 2, 300], { scale: 1 }))).toEqual([
      [1, 1, 2],
      [2, 2, 1],
      [300, 300, 1],
    ]);
    // 300 ms in µs: a bucket containing it, narrower than 0.1% of it.
    const [[lo, hi, n]] = histogramBuckets(encodeValues([300])) as [[number, number, number]];
    expect(n).toBe(1);
    expect(lo).toBeLessThanOrEqual(300);
    expect(hi).toBeGreaterThanOrEqual(300);
    expect(hi - lo).toBeLessThan(0.3);
  });
});
