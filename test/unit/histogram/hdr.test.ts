import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/bench/random.js';
import { encodeValues, histogramBuckets, histogramStats, mergeHistograms } from '../../../src/histogram/hdr.js';

/** Type-7 quantile (linear between closest ranks) of raw values, written out independently of the code. */
const type7 = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
};

const lognormal = (seed: number, n: number, median: number, sigma: number) => {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())));
};

describe('HDR histograms', () => {
  it('keeps values below 2,048 recorded units exactly: 0.1..1.0 ms recorded in µs, percentiles as for raw values', () => {
    const s = histogramStats(encodeValues([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]));
    // Type 7 over 10 values: p50 at rank 4.5 → 0.55, p90 at 8.1 → 0.91, p95 at 8.55 → 0.955, p99 at 8.91 → 0.991.
    // p95 needs 20 values and p99 100 to be tail estimates, so both are flagged.
    expect(s).toEqual({ n: 10, p50: 0.55, p90: 0.91, p95: 0.955, p99: 0.991, mean: 0.55, min: 0.1, max: 1, unsupported: ['p95', 'p99'] });
  });

  it('reads a larger value as the middle of its bucket: 5 ms in µs buckets of 4 µs', () => {
    // 2,048 sub-buckets: units 1 µs to 2,047, 2 µs to 4,095, 4 µs to 8,191; so 5,000 µs is in 5,000–5,003, middle 5,002.
    expect(histogramStats(encodeValues([5]))).toMatchObject({ n: 1, p50: 5.002, min: 5, max: 5.003 });
  });

  it('keeps large values to within 0.1% (3 significant digits) of the raw values\' percentiles', () => {
    const values = lognormal(1, 5000, 400, 0.6);
    const s = histogramStats(encodeValues(values));
    for (const [p, q] of [['p50', 0.5], ['p90', 0.9], ['p95', 0.95], ['p99', 0.99]] as const) {
      const exact = type7(values, q);
      expect(Math.abs(s[p]! - exact) / exact, p).toBeLessThan(0.001);
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

  it('takes exact mean, min and max when the caller has them', () => {
    expect(histogramStats(encodeValues([300.0004, 300.0009]), { mean: 300.00065, min: 300.0004, max: 300.0009 })).toMatchObject({ mean: 300.001, min: 300, max: 300.001 });
  });

  it('refuses to merge histograms recorded on different scales', () => {
    expect(() => mergeHistograms([encodeValues([1]), encodeValues([1], { scale: 1 })])).toThrow(/differ in scale or precision/);
  });

  it('counts a zero as the smallest value, and reports an empty histogram as nulls', () => {
    expect(histogramStats(encodeValues([0, 0, 5])).n).toBe(3);
    expect(histogramStats(encodeValues([]))).toEqual({ n: 0, p50: null, p90: null, p95: null, p99: null, mean: null, min: null, max: null, unsupported: ['p50', 'p90', 'p95', 'p99'] });
    expect(() => encodeValues([-1])).toThrow(/finite values ≥ 0/);
  });

  it('lists buckets whose counts add up to n', () => {
    expect(histogramBuckets(encodeValues([1, 1, 2, 300], { scale: 1 }))).toEqual([
      { lo: 1, hi: 1, mid: 1, count: 2 },
      { lo: 2, hi: 2, mid: 2, count: 1 },
      { lo: 300, hi: 300, mid: 300, count: 1 },
    ]);
    // 300 ms in µs: a bucket containing it, narrower than 0.1% of it.
    const [b] = histogramBuckets(encodeValues([300]));
    expect(b!.count).toBe(1);
    expect(b!.lo).toBeLessThanOrEqual(300);
    expect(b!.hi).toBeGreaterThanOrEqual(300);
    expect(b!.hi - b!.lo).toBeLessThan(0.3);
  });
});
