import { describe, expect, it } from 'vitest';
import { breakEvenPoints, sensitivityCurve } from '../../src/cost/break-even.js';

describe('break-even points', () => {
  it('names who is cheaper on each side even when the totals are equal exactly at the crossing', () => {
    // flat: $1,000; fee: 5% of (requests/100 − 25,000), never below 0, like a fee above an allowance.
    const total = (id: string, r: number) => (id === 'flat' ? 1_000 : Math.max(0, 0.05 * (r / 100 - 25_000)));
    const [b] = breakEvenPoints(['flat', 'fee'], total, 1_000_000);
    expect(b!.monthlyRequests).toBe(4_500_000); // 0.05 × (45,000 − 25,000) = 1,000: equal here
    expect(b).toMatchObject({ cheaperBelow: 'fee', cheaperAbove: 'flat' });
  });

  it('an option that cannot carry a volume is dearer there than any that can; two that cannot are level', () => {
    // "capped" costs $10 but cannot carry more than 5M; "open" costs $20 everywhere.
    const total = (id: string, r: number) => (id === 'open' ? 20 : r <= 5_000_000 ? 10 : Infinity);
    const [b] = breakEvenPoints(['capped', 'open'], total, 1_000_000);
    expect(b).toMatchObject({ monthlyRequests: 5_000_001, cheaperBelow: 'capped', cheaperAbove: 'open' });
    const [both] = breakEvenPoints(['x', 'y'], () => Infinity, 1_000_000);
    expect(both).toMatchObject({ monthlyRequests: null, crossings: [], cheaperBelow: null });
  });

  it('pairs every two options once, in the order given', () => {
    expect(breakEvenPoints(['a', 'b', 'c'], () => 1, 1).map((b) => `${b.a}-${b.b}`)).toEqual(['a-b', 'a-c', 'b-c']);
  });
});

describe('sensitivity curve', () => {
  it('has 16 volumes, 1-2-5 from 10k to 1B, and null where the option cannot carry the volume', () => {
    const c = sensitivityCurve(['x'], (_id, r) => (r > 1e8 ? Infinity : r / 1000));
    expect(c.monthlyRequests).toEqual([1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9]);
    expect(c.series[0]!.totalUsd.slice(11)).toEqual([50_000, 100_000, null, null, null]);
  });
});

describe('break-even probes', () => {
  it('finds a crossing between the last two scanned points, up to 1B', () => {
    // The last grid points are 891,250,938 and 1,000,000,000.
    expect(breakEvenPoints(['a', 'b'], (id, r) => (id === 'a' ? (r >= 950_000_000 ? 1 : 3) : 2), 1)[0]!.crossings).toEqual([950_000_000]);
  });

  it('says who is cheaper below the first crossing even when asked about a volume above it', () => {
    const [b] = breakEvenPoints(['a', 'b'], (id, r) => (id === 'a' ? r / 1_000 : 5_000), 50_000_000);
    // Equal at 5,000,000 (r ÷ 1,000 = 5,000): the crossing is there.
    expect(b).toMatchObject({ monthlyRequests: 5_000_000, cheaperBelow: 'a', cheaperAbove: 'b' });
  });

  it('reads "cheaper above" just past the first crossing, not at the end of the range', () => {
    // a is cheaper only between 10.8M and 11.8M; 5% past 10.8M is 11.34M.
    const [b] = breakEvenPoints(['a', 'b'], (id, r) => (id === 'b' ? 2 : r >= 10_800_000 && r < 11_800_000 ? 1 : 3), 1);
    expect(b).toMatchObject({ monthlyRequests: 10_800_000, crossings: [10_800_000, 11_800_000], cheaperBelow: 'b', cheaperAbove: 'a' });
  });

  it('without a crossing, reads the volume asked about, kept within 1k–1B', () => {
    // Outside the range the totals differ from inside it; the range decides.
    const total = (id: string, r: number) => (id === 'a' ? 1 : r > 1e9 || r < 1_000 ? 0 : 2);
    expect(breakEvenPoints(['a', 'b'], total, 5e9)[0]).toMatchObject({ monthlyRequests: null, cheaperBelow: 'a', cheaperAbove: 'a' });
    expect(breakEvenPoints(['a', 'b'], total, 10)[0]).toMatchObject({ monthlyRequests: null, cheaperBelow: 'a', cheaperAbove: 'a' });
  });
});
