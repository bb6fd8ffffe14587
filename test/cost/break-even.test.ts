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
