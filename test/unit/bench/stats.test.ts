import fc from 'fast-check';
import { describe as group, expect, it } from 'vitest';
import { describe, fmtDelta, fmtMs, intervalDecimals, minSamplesFor, percentileDelta, quantile, quantileBy, quantileSorted, statsFrom, verdict } from '../../../src/bench/stats.js';
import { mulberry32, subSeed } from '../../../src/bench/random.js';

group('percentiles (type 7: linear interpolation between closest ranks)', () => {
  it('matches values worked out by hand', () => {
    const xs = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]; // sorted: 1..10, n = 10
    // h = (n − 1)·q: q=0.5 → h=4.5 → x[4] + 0.5·(x[5] − x[4]) = 5 + 0.5 = 5.5
    expect(quantile(xs, 0.5)).toBe(5.5);
    // q=0.9 → h=8.1 → 9 + 0.1·(10 − 9) = 9.1
    expect(quantile(xs, 0.9)).toBeCloseTo(9.1, 12);
    // q=0.99 → h=8.91 → 9 + 0.91 = 9.91
    expect(quantile(xs, 0.99)).toBeCloseTo(9.91, 12);
    // q=0 and q=1 are the minimum and maximum
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(10);
    // NumPy's default: numpy.percentile([0, 100], 25) == 25.0
    expect(quantile([100, 0], 0.25)).toBe(25);
    expect(quantile([42], 0.99)).toBe(42);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('is monotone in q and stays between min and max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(quantile(xs, lo)).toBeLessThanOrEqual(quantile(xs, hi) + 1e-9);
        expect(quantile(xs, lo)).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-9);
        expect(quantile(xs, hi)).toBeLessThanOrEqual(Math.max(...xs) + 1e-9);
      }),
    );
  });

  it('flags each percentile that n cannot support: n < 1/(1 − q)', () => {
    // p50 needs 2, p90 10, p95 20, p99 100
    expect([0.5, 0.9, 0.95, 0.99].map(minSamplesFor)).toEqual([2, 10, 20, 100]);
    const values = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(describe(values(1)).unsupported).toEqual(['p50', 'p90', 'p95', 'p99']);
    expect(describe(values(19)).unsupported).toEqual(['p95', 'p99']);
    expect(describe(values(20)).unsupported).toEqual(['p99']);
    expect(describe(values(99)).unsupported).toEqual(['p99']);
    expect(describe(values(100)).unsupported).toEqual([]);
  });

  it('describes 1..20: mean 10.5, p90 = 18.1 (h = 17.1), nulls ignored', () => {
    const s = describe([...Array.from({ length: 20 }, (_, i) => i + 1), null]);
    expect(s).toEqual({ n: 20, p50: 10.5, p90: 18.1, p95: 19.05, p99: 19.81, mean: 10.5, min: 1, max: 20, unsupported: ['p99'] });
  });

  it('sorts its input and leaves out nulls, NaN and infinities', () => {
    // kept: 30, 10, 20 → sorted 10, 20, 30; n = 3, p50 = x[1] = 20, p90: h = 1.8 → 20 + 0.8·10 = 28, mean 20
    const s = describe([30, null, 10, Number.NaN, 20, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(s).toMatchObject({ n: 3, p50: 20, p90: 28, mean: 20, min: 10, max: 30 });
  });

  it('reads no rank when there are none, and one value is every percentile', () => {
    expect(quantileBy(0, 0.5, () => { throw new Error('no rank to read'); })).toBeNaN();
    // n = 1: h = 0 → x[0] whatever q is
    expect(quantileSorted([7], 0)).toBe(7);
    expect(quantileSorted([7], 0.99)).toBe(7);
    expect(quantileSorted(Float64Array.from([1, 2, 3, 4]), 0.5)).toBe(2.5); // h = 1.5 → 2 + 0.5·1
  });

  it('statsFrom: n = 0 has no numbers even if moments are passed', () => {
    expect(statsFrom(0, () => 5, { mean: 5, min: 5, max: 5 })).toMatchObject({ n: 0, p50: null, mean: null, min: null, max: null });
    // 3 values 1, 2, 4 read by rank, moments given: p50 = x[1] = 2; mean rounded to 3 decimals: 7/3 → 2.333
    expect(statsFrom(3, (k) => [1, 2, 4][k]!, { mean: 7 / 3, min: 1, max: 4 })).toMatchObject({ n: 3, p50: 2, mean: 2.333, min: 1, max: 4 });
  });

  it('an empty sample has no numbers and supports nothing', () => {
    expect(describe([])).toMatchObject({ n: 0, p50: null, mean: null, unsupported: ['p50', 'p90', 'p95', 'p99'] });
  });
});

group('overhead: difference of percentiles with a round bootstrap', () => {
  it('two rounds, worked by hand: resamples give 10, 15 or 20 (p = ¼, ½, ¼), so the 95% interval is [10, 20]', () => {
    // Round 1: target 10, baseline 0. Round 2: target 20, baseline 0.
    // Drawing 2 rounds with replacement: (1,1) → p50 10 − 0; (2,2) → 20 − 0; mixed → p50 of {10,20} = 15 − 0.
    // With 2,000 draws each outcome occurs (P(none of one kind) is ~0), so the 2.5th and 97.5th percentiles of
    // the 2,000 differences are 10 and 20. The point estimate uses both rounds: 15.
    const d = percentileDelta(
      [
        { target: [10], baseline: [0] },
        { target: [20], baseline: [0] },
      ],
      1,
    )!;
    expect(d.n).toBe(2);
    expect(d.p50).toBe(15);
    expect(d.ci50).toEqual([10, 20]);
  });

  it('a constant shift gives exactly that shift with a zero-width interval', () => {
    const rounds = Array.from({ length: 30 }, (_, i) => ({ target: [100 + i * 3 + 7], baseline: [100 + i * 3] }));
    const d = percentileDelta(rounds, 42)!;
    expect(d.p50).toBe(7);
    expect(d.p90).toBe(7);
    expect(d.ci50).toEqual([7, 7]);
  });

  it('is reproducible with a seed, and rounds missing either side are left out', () => {
    const rounds = Array.from({ length: 40 }, (_, i) => ({ target: [((i * 37) % 11) + 5], baseline: [(i * 13) % 7] }));
    const withGaps = [...rounds, { target: [], baseline: [3] }, { target: [99], baseline: [] }];
    expect(percentileDelta(rounds, 9)).toEqual(percentileDelta(rounds, 9));
    expect(percentileDelta(withGaps, 9)).toEqual(percentileDelta(rounds, 9));
    expect(percentileDelta([{ target: [1], baseline: [0] }], 9)).toBeUndefined();
  });

  it('the interval is ordered and lies within the widest difference the data allow', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), { minLength: 2, maxLength: 30 }), fc.integer({ min: -20, max: 20 }), (pairs, shift) => {
        const t = pairs.map(([a]) => a + shift);
        const b = pairs.map(([, x]) => x);
        const d = percentileDelta(
          pairs.map((_, i) => ({ target: [t[i]!], baseline: [b[i]!] })),
          3,
          400,
        )!;
        const lo = Math.min(...t) - Math.max(...b);
        const hi = Math.max(...t) - Math.min(...b);
        expect(d.ci50[0]).toBeLessThanOrEqual(d.ci50[1]);
        expect(d.ci50[0]).toBeGreaterThanOrEqual(lo);
        expect(d.ci50[1]).toBeLessThanOrEqual(hi);
      }),
      { numRuns: 50 },
    );
  });

  it('reads p90 right when it shares its gap with p50 (three values or fewer a side; the property test found it)', () => {
    // Round 0: target 16, baseline 23; round 1: target 0, 0 and baseline 0 (ms).
    // Whole run: target sorted 0, 0, 16 → p50 = 0, p90 at rank 1.8 = 0 + 0.8 × 16 = 12.8;
    //            baseline 0, 23 → p50 at 0.5 = 11.5, p90 at 0.9 = 20.7. So Δp50 = −11.5 and Δp90 = 12.8 − 20.7 = −7.9.
    // Resamples draw (round 0 twice) Δ = 16 − 23 = −7 for both; (one each) −11.5 and −7.9; (round 1 twice) 0 and 0,
    // with chances ¼, ½, ¼: the 2.5% and 97.5% points are the lowest and highest of those.
    const d = percentileDelta([{ target: [16], baseline: [23] }, { target: [0, 0], baseline: [0] }], 0, 200)!;
    expect(d).toEqual({ n: 2, p50: -11.5, p90: -7.9, ci50: [-11.5, 0], ci90: [-7.9, 0] });
  });

  it('equals the textbook bootstrap: draw rounds, pool their values, sort, take percentiles, subtract', () => {
    // A reference written the plain way (what the fast walk must reproduce exactly): the same seeded draws,
    // then a sort of the drawn rounds' values for every resample.
    const type7 = (xs: number[], q: number) => {
      const s = [...xs].sort((a, b) => a - b);
      const h = (s.length - 1) * q;
      const lo = Math.floor(h);
      return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
    };
    const reference = (rounds: { target: number[]; baseline: number[] }[], seed: number, B: number) => {
      const rng = mulberry32(subSeed(seed, 'bootstrap'));
      const d50: number[] = [];
      const d90: number[] = [];
      for (let b = 0; b < B; b++) {
        const drawn = rounds.map(() => rounds[Math.floor(rng() * rounds.length)]!);
        const t = drawn.flatMap((r) => r.target);
        const x = drawn.flatMap((r) => r.baseline);
        d50.push(type7(t, 0.5) - type7(x, 0.5));
        d90.push(type7(t, 0.9) - type7(x, 0.9));
      }
      const r3 = (v: number) => Math.round(v * 1000) / 1000;
      return { ci50: [r3(type7(d50, 0.025)), r3(type7(d50, 0.975))], ci90: [r3(type7(d90, 0.025)), r3(type7(d90, 0.975))] };
    };
    const value = fc.double({ min: 0, max: 500, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.record({ target: fc.array(value, { minLength: 1, maxLength: 3 }), baseline: fc.array(value, { minLength: 1, maxLength: 3 }) }), { minLength: 2, maxLength: 25 }),
        fc.integer({ min: 0, max: 1000 }),
        (rounds, seed) => {
          const d = percentileDelta(rounds, seed, 200)!;
          const ref = reference(rounds, seed, 200);
          // Both round to 0.001 ms; the fast walk interpolates in another order, so an unrounded bound one ulp
          // either side of a half (0.0005 → 0.001 or 0) may round one step apart: never more.
          const step = (a: readonly number[], b: readonly number[]) => a.map((v, i) => Math.abs(v - b[i]!) <= 0.001 + 1e-9);
          expect(step(d.ci50, ref.ci50)).toEqual([true, true]);
          expect(step(d.ci90, ref.ci90)).toEqual([true, true]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('says what the interval says, in words', () => {
    const d = (p50: number, lo: number, hi: number) => ({ n: 30, p50, p90: p50, ci50: [lo, hi] as [number, number], ci90: [lo, hi] as [number, number] });
    expect(verdict('litellm', 'TTFT', d(12.2, 9.1, 15.3), 30)).toBe('litellm adds 12 ms (9–15 ms) to TTFT');
    expect(verdict('x', 'e2e', d(-3.14, -5.02, -1.2), 30)).toBe('x is 3.1 ms faster in e2e (1.2–5.0 ms)');
    expect(verdict('x', 'TTFT', d(0.4, -2, 3), 30)).toBe('x makes no detectable difference to TTFT at this sample size (−2 to +3 ms, n=30)');
    expect(verdict('x', 'TTFT', undefined, 1)).toBe('x cannot be compared on TTFT: 1 paired round (at least 2 are needed)');
    expect(fmtDelta(12.2, [9.1, 15.3])).toBe('+12 ms (9–15)');
    expect(fmtDelta(0.35, [0.21, 0.49])).toBe('+0.35 ms (0.21–0.49)');
  });
});

group('interval formatting', () => {
  it('prints a duration with 0 decimals from 10 ms, 1 from 1 ms, 2 below; a minus only when it shows', () => {
    // thresholds are inclusive: 10 → "10", 1 → "1.0"
    expect([fmtMs(10), fmtMs(9.96), fmtMs(12.4), fmtMs(1), fmtMs(0.999), fmtMs(0.35)]).toEqual(['10', '10.0', '12', '1.0', '1.00', '0.35']);
    expect([fmtMs(-12.4), fmtMs(-0.35), fmtMs(0)]).toEqual(['−12', '−0.35', '0.00']);
    // −0.001 rounds to 0.00: no "−0.00"
    expect(fmtMs(-0.001)).toBe('0.00');
    expect(fmtMs(3.14159, 3)).toBe('3.142');
  });

  it('decimals from the interval width: 0 from 5 ms, 1 from 0.5 ms, 2 below; an exact 0 bound needs no more', () => {
    expect([intervalDecimals(10, 15), intervalDecimals(10, 14.99), intervalDecimals(1, 1.5), intervalDecimals(1, 1.49)]).toEqual([0, 1, 1, 2]);
    // width 8 → 0 decimals; a bound of exactly 0 prints as "0" truthfully
    expect(intervalDecimals(0, 8)).toBe(0);
    expect(intervalDecimals(-8, 0)).toBe(0);
  });

  it('signs a difference only when it is not zero', () => {
    // width 4 → one decimal; p50 exactly 0 has no sign
    expect(fmtDelta(0, [-2, 2])).toBe('0.0 ms (−2.0–2.0)');
    expect(fmtDelta(-1.2, [-3, 1])).toBe('−1.2 ms (−3.0–1.0)');
  });

  it('an interval that touches 0 is not a detectable difference', () => {
    const d = (lo: number, hi: number) => ({ n: 30, p50: (lo + hi) / 2, p90: 0, ci50: [lo, hi] as [number, number], ci90: [lo, hi] as [number, number] });
    expect(verdict('x', 'TTFT', d(0, 5), 30)).toBe('x makes no detectable difference to TTFT at this sample size (0 to +5 ms, n=30)');
    expect(verdict('x', 'TTFT', d(-5, 0), 30)).toBe('x makes no detectable difference to TTFT at this sample size (−5 to 0 ms, n=30)');
    expect(verdict('x', 'TTFT', undefined, 0)).toBe('x cannot be compared on TTFT: 0 paired rounds (at least 2 are needed)');
  });

  it('never prints a non-zero bound as 0', async () => {
    const { fmtDelta, verdict: v } = await import('../../../src/bench/stats.js');
    // width 7.7 → whole ms, but the lower bound 0.3 would print as 0: one decimal instead
    expect(fmtDelta(4.2, [0.3, 8])).toBe('+4.2 ms (0.3–8.0)');
    expect(v('x', 'e2e', { n: 9, p50: 4.2, p90: 4, ci50: [0.3, 8], ci90: [0, 9] }, 9)).toBe('x adds 4.2 ms (0.3–8.0 ms) to e2e');
    // 0.004 would still print as 0.00: two decimals is the finest
    expect(fmtDelta(3, [0.004, 6])).toBe('+3.00 ms (0.00–6.00)');
  });
});
