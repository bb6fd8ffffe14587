import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../../src/report/distribution.js';
import { binCounts, renderSparklines, sparkline } from '../../../src/report/sparkline.js';

const dist = (values: number[]): Distribution => ({ source: 'requests', points: values.map((v) => [v, 1]), n: values.length });

describe('sparkline histograms', () => {
  it('bins values on a shared range, the maximum into the last bin', () => {
    // Range 0–100 in 4 bins of 25: 0,10 → bin 0; 30 → bin 1; 99,100 → bin 3.
    expect(binCounts(dist([0, 10, 30, 99, 100]), 0, 100, 4)).toEqual([2, 1, 0, 2]);
    expect(binCounts(dist([5, 5]), 5, 5, 3)).toEqual([2, 0, 0]);
  });

  it('draws heights relative to the tallest bin, empty bins as spaces', () => {
    // 8 levels: 8/8 → █, 4/8 → ▄, 1/8 → ▁, 0 → space.
    expect(sparkline([8, 4, 1, 0])).toBe('█▄▁ ');
    expect(sparkline([8, 4, 1, 0], false)).toBe('@=. ');
  });

  it('fits every line to the width, with one axis for all targets', () => {
    const rows = [
      { name: 'direct', distribution: dist([200, 210, 220, 230, 240, 600]), p50: 225 },
      { name: 'a-very-long-target-name-that-goes-on', distribution: dist([300, 310, 320]), p50: 310 },
      { name: 'dead', distribution: undefined, p50: null },
    ];
    for (const width of [40, 80, 120]) {
      const text = renderSparklines('TTFT', rows, width);
      for (const line of text.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
    }
    const text = renderSparklines('TTFT distribution', rows, 60);
    expect(text.split('\n')[0]).toBe('TTFT distribution');
    expect(text).toContain('(no successful requests)');
    expect(text).toContain('p50 225 ms'); // the row's own p50, as its table shows it
    expect(text).toMatch(/200 ms +600 ms/);
  });

  it('renders nothing when no target has a distribution', () => {
    expect(renderSparklines('TTFT', [{ name: 'x', distribution: undefined, p50: null }], 80)).toBe('');
  });
});
