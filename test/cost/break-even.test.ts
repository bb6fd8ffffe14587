import { describe, expect, it } from 'vitest';
import { breakEvenPoints } from '../../src/cost/break-even.js';
import { makeGateway } from '../helpers/builders.js';
import { catalogSchema } from '../../src/catalog/schema.js';

const [flat, fee] = catalogSchema.parse({
  version: 't',
  sources: [{ id: 'src', title: 'S', url: 'https://example.com/', publisher: 'vendor' }],
  gateways: [makeGateway('flat'), makeGateway('fee')],
}).gateways;

describe('break-even points', () => {
  it('names who is cheaper on each side even when the totals are equal exactly at the crossing', () => {
    // flat: $1,000; fee: 5% of (requests/100 − 25,000), never below 0, like a fee above an allowance.
    const total = (g: typeof flat, r: number) => (g!.id === 'flat' ? 1_000 : Math.max(0, 0.05 * (r / 100 - 25_000)));
    const [b] = breakEvenPoints([flat!, fee!], total, 1_000_000);
    expect(b!.monthlyRequests).toBe(4_500_000); // 0.05 × (45,000 − 25,000) = 1,000: equal here
    expect(b).toMatchObject({ cheaperBelow: 'fee', cheaperAbove: 'flat' });
  });
});
