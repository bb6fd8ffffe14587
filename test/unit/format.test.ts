import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed, formatInt, formatNumber } from '../../src/format.js';

describe('number formatting without Intl', () => {
  it('matches en-US toLocaleString', () => {
    fc.assert(
      // Whole cents, so that no value sits on a rounding tie (where toFixed and Intl legitimately differ).
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), (cents) => {
        const x = cents / 100;
        expect(formatInt(cents)).toBe(cents.toLocaleString('en-US'));
        expect(formatFixed(x, 2)).toBe(x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
      }),
    );
  });

  it.each([[0.5, '0.5'], [1200, '1,200'], [0.1236, '0.124'], [-0.0001, '0'], [25000, '25,000'], [0, '0']])('formatNumber(%s) = %s', (x, s) => {
    expect(formatNumber(x)).toBe(s);
  });
});
