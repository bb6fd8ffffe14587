import { describe, expect, it } from 'vitest';
import { onLogLogLine, labelShare, labelSide, linearDomain, log10Axis, logDomain, logTicks, longTail, NEUTRAL_PALETTE, position, rowMargin, shortNumber, TARGET_PALETTE, targetColorScale } from '../../../src/report/html/chart-scales.js';

describe('target colours', () => {
  it('gives the nth target the nth colour of the palette, cycling after ten, whatever the chart', () => {
    const rows = ['direct', 'openrouter', 'litellm'];
    expect(targetColorScale(rows)).toEqual({ type: 'ordinal', domain: rows, range: ['#4269d0', '#efb118', '#ff725c'], legend: false });
    const eleven = Array.from({ length: 11 }, (_, i) => `t${i}`);
    expect(targetColorScale(eleven, true).range[10]).toBe('#4269d0');
    expect(targetColorScale(eleven, true).legend).toBe(true);
  });

  it('a row named twice (two origins folded to one name) keeps one colour', () => {
    expect(targetColorScale(['a', 'b', 'a']).domain).toEqual(['a', 'b']);
  });

  it('the neutral tones are none of the target colours', () => {
    for (const c of NEUTRAL_PALETTE) expect(TARGET_PALETTE as readonly string[]).not.toContain(c);
  });
});

describe('domains', () => {
  it('log: a tenth of the span in log terms each side, at least ×1.08', () => {
    // 1 to 10,000: (10^4)^0.06 = 10^0.24 ≈ 1.7378 → [0.5754, 17378].
    const [lo, hi] = logDomain([1, 10_000]);
    expect(lo).toBeCloseTo(1 / 1.7378, 3);
    expect(hi).toBeCloseTo(17378, -1);
    // 100 to 110: (1.1)^0.06 ≈ 1.0057 < 1.08 → [92.59, 118.8].
    const [a, b] = logDomain([100, 110]);
    expect(a).toBeCloseTo(100 / 1.08, 6);
    expect(b).toBeCloseTo(118.8, 6);
    // One value: ×1.5 each side; none positive: a default decade.
    expect(logDomain([20])).toEqual([20 / 1.5, 30]);
    expect(logDomain([0, -1])).toEqual([1, 10]);
  });

  it('linear: from zero to the largest value plus 6% of the span', () => {
    // 0 to 250: + 15.
    expect(linearDomain([140, 250])).toEqual([0, 265]);
    // A negative difference widens the span: -10 to 40 is 50, + 3.
    expect(linearDomain([-10, 40])).toEqual([-10, 43]);
    expect(linearDomain([])).toEqual([0, 0.06]);
    // A non-finite value (a division by zero upstream) is left out: 0 to 100, + 6.
    expect(linearDomain([100, Infinity, NaN])).toEqual([0, 106]);
  });

  it('a long tail (largest over ten times the median) asks for a log axis; fast outliers below the median do not', () => {
    // Cache hits at 0.5 ms beside 150 ms: median 150, max 235 → linear.
    expect(longTail([0.5, 0.6, 150, 151, 160, 235])).toBe(false);
    // A cached answer at 200,000 tokens/s beside 106: median 106 → log.
    expect(longTail([100, 106, 107, 200_000])).toBe(true);
    // Exactly ten times is not more than ten.
    expect(longTail([10, 10, 100])).toBe(false);
    expect(longTail([])).toBe(false);
    // In any order: 235 first, 0.5 last still has median 150.
    expect(longTail([235, 160, 151, 150, 0.6, 0.5])).toBe(false);
    expect(longTail([200_000, 107, 106, 100])).toBe(true);
    // Zeros and negatives do not count: [100] alone has median 100 (with the zeros it would be 0, and ∞ > 10).
    expect(longTail([0, 0, -5, 100])).toBe(false);
  });
});

describe('ticks', () => {
  it('1, 2, 3 and 5 of each decade inside the domain while there are at most twelve', () => {
    // 0.26 to 378: 0.3 0.5 1 2 3 5 10 20 30 50 100 200 300 = 13 > 12, so 1 and 3: 0.3 1 3 10 30 100 300.
    expect(logTicks([0.26, 378])).toEqual([0.3, 1, 3, 10, 30, 100, 300]);
    // 1 to 500: 1 2 3 5 10 20 30 50 100 200 300 500 = exactly twelve, kept.
    expect(logTicks([1, 500])).toHaveLength(12);
    // 90 to 420: 100 200 300.
    expect(logTicks([90, 420])).toEqual([100, 200, 300]);
    expect(logTicks([0, 10])).toEqual([]);
    expect(logTicks([10, 10])).toEqual([]);
  });

  it('past twelve powers of ten, every nth power', () => {
    // 1 to 10^30: 31 powers, thinned to every third (ceil(31/12) = 3): 10^0, 10^3, … 10^30 = 11 ticks.
    const t = logTicks([1, 1e30]);
    expect(t).toHaveLength(11);
    expect(t[1]).toBe(1000);
  });

  it('a log axis over log10: domain and ticks in log10, labels back in values', () => {
    const axis = log10Axis([1, 1000], shortNumber);
    expect(axis.domain).toEqual([0, 3]);
    // 1, 2, 3, 5 … 500, 1000 would be 13 ticks, over twelve: 1 and 3 of each decade.
    expect(axis.ticks.map((t) => Math.round(10 ** t))).toEqual([1, 3, 10, 30, 100, 300, 1000]);
    expect(axis.tickFormat(Math.log10(300))).toBe('300');
  });

  it('short numbers: 0.5, 300, 3k, 200k, 1.5M', () => {
    expect([0.5, 300, 3000, 200_000, 1_500_000, 1234].map(shortNumber)).toEqual(['0.5', '300', '3k', '200k', '1.5M', '1.23k']);
    expect([1000, 1_000_000, 999].map(shortNumber)).toEqual(['1k', '1M', '999']);
  });
});

describe('labels inside the frame', () => {
  it('position: 0 at the start of the domain, 1 at its end, in log terms on a log axis', () => {
    expect(position(50, [0, 200], false)).toBe(0.25);
    // 150 on 100–300: (150 − 100) / (300 − 100) = 0.25.
    expect(position(150, [100, 300], false)).toBe(0.25);
    // 10 on 1–1000 (log): a third of the way.
    expect(position(10, [1, 1000], true)).toBeCloseTo(1 / 3, 10);
    // Below a log domain's start (a 0): at the start.
    expect(position(0, [1, 1000], true)).toBe(0);
    expect(position(5, [5, 5], false)).toBe(0);
  });

  it('a label goes right of its mark while it fits, else left', () => {
    expect(labelSide(0.5, 0.5)).toEqual({ textAnchor: 'start', dx: 8 });
    expect(labelSide(0.9, 0.11)).toEqual({ textAnchor: 'end', dx: -8 });
    // "median 140": 10 characters × 6.5 + 12 = 77 px of a 770 px frame = 0.1.
    expect(labelShare('median 140', 770)).toBeCloseTo(0.1, 10);
  });

  it('the left margin fits the longest row name, between 80 and 420 px', () => {
    // "litellm @ eu-west": 17 × 6.5 + 16 = 126.5 → 127.
    expect(rowMargin(['direct', 'litellm @ eu-west'])).toBe(127);
    expect(rowMargin(['a'])).toBe(80);
    expect(rowMargin(['x'.repeat(100)])).toBe(420);
    expect(rowMargin([])).toBe(80);
  });
});

describe('a mark on a line drawn on log–log axes', () => {
  it('is straight between the points in log terms', () => {
    // From (1,000, $10) to (100,000, $1,000): halfway in log x (10,000) is halfway in log y, $100.
    expect(onLogLogLine([1000, 100_000], [10, 1000], 10_000)).toBeCloseTo(100, 9);
    // At a point: its value. Litellm's curve in cost.json at 8,418,000 requests (between 5M at $2,558.67 and 10M at
    // $4,313.67): t = ln(1.6836) / ln 2 = 0.5209 / 0.6931 = 0.7516; y = 2558.67 × (4313.67 / 2558.67)^0.7516 = 2558.67 × 1.4808 ≈ 3,789.
    expect(onLogLogLine([5e6, 1e7], [2558.67, 4313.67], 1e7)).toBe(4313.67);
    expect(onLogLogLine([5e6, 1e7], [2558.67, 4313.67], 8_418_000)).toBeCloseTo(3789, -1);
  });

  it('has no value outside the points or where the line is cut (a null, a zero)', () => {
    expect(onLogLogLine([10, 100], [1, 2], 5)).toBeUndefined();
    expect(onLogLogLine([10, 100], [1, 2], 500)).toBeUndefined();
    expect(onLogLogLine([10, 100], [null, 2], 50)).toBeUndefined();
    expect(onLogLogLine([10, 100], [1, 0], 50)).toBeUndefined();
    expect(onLogLogLine([10, 100], [1, 2], 0)).toBeUndefined();
    expect(onLogLogLine([10, 100], [1, 2], 10)).toBe(1);
  });
});
