import { describe, expect, it } from 'vitest';
import type { Stats } from '../../../src/report/bench-input.js';
import { marked, smallSampleLegend } from '../../../src/report/small-sample.js';

const s = (n: number, v: number | null, unsupported: Stats['unsupported']): Stats => ({ n, p50: v, p90: v, p95: v, p99: v, mean: v, min: v, max: v, unsupported });
const fmt = (v: number) => `${v} ms`;

describe('the small-sample mark', () => {
  it('marks only what n cannot support, and shows a missing figure as —', () => {
    expect(marked(s(8, 12, ['p95', 'p99']), 'p95', fmt)).toBe('~12 ms');
    expect(marked(s(8, 12, ['p95', 'p99']), 'p50', fmt)).toBe('12 ms');
    expect(marked(s(0, null, ['p50', 'p90', 'p95', 'p99']), 'p50', fmt)).toBe('—');
  });

  it('the legend names the marked percentiles and the requests they rest on', () => {
    const rows = [s(8, 1, ['p95', 'p99']), s(12, 1, ['p95', 'p99'])];
    expect(smallSampleLegend(rows, [{ stats: (r) => r, key: 'p95' }])).toBe('~ too few requests for that percentile (p95 needs 20): an interpolation between the top requests, not a tail estimate; marked figures here rest on 8–12 requests');
    expect(smallSampleLegend([s(1, 1, ['p50', 'p90', 'p95', 'p99'])], [{ stats: (r) => r, key: 'p99' }, { stats: (r) => r, key: 'p50' }])).toMatch(/\(p50 needs 2, p99 needs 100\).* rest on 1 request$/);
    // Nothing marked (or nothing there to mark): no legend.
    expect(smallSampleLegend([s(200, 1, [])], [{ stats: (r) => r, key: 'p99' }])).toBeUndefined();
    expect(smallSampleLegend([s(0, null, ['p50'])], [{ stats: (r) => r, key: 'p50' }])).toBeUndefined();
  });
});
