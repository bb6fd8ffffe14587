import { describe, expect, it } from 'vitest';
import { arrivalTimes, buildPlan, rampArrivalTimes } from '../../../src/bench/plan.js';

describe('arrival times under a ramp', () => {
  it('constant: the k-th request goes when the ramp has sent k (hand-worked)', () => {
    // overall ramp 0 → 2/s over 2 s: count(t) = t²/2 up to t = 2 (2 requests), then 2 a second.
    // k = 0 → 0 s; k = 1 → t²/2 = 1, t = √2 = 1.41421 s; k = 2 → 2 s; k = 3 → 2 + 1/2 = 2.5 s
    const t = rampArrivalTimes(4, { from: 0, to: 2, overS: 2 }, 'constant', 1);
    expect(t[0]).toBe(0);
    expect(t[1]).toBeCloseTo(1414.2136, 3);
    expect(t[2]).toBeCloseTo(2000, 9);
    expect(t[3]).toBeCloseTo(2500, 9);
  });

  it('constant, rising from a non-zero rate: 2 → 4/s over 1 s', () => {
    // count(t) = 2t + t² (for t ≤ 1; count(1) = 3), then 4 a second.
    // k = 1: t² + 2t − 1 = 0 → t = √2 − 1 = 0.414214 s; k = 2: t = √3 − 1 = 0.732051 s; k = 3: 1 s; k = 4: 1.25 s
    const t = rampArrivalTimes(5, { from: 2, to: 4, overS: 1 }, 'constant', 1);
    expect(t.map((x) => Math.round(x * 1000) / 1000)).toEqual([0, 414.214, 732.051, 1000, 1250]);
  });

  it('the plan spreads a per-target ramp over all targets: 2 targets at 0 → 1/s each is 0 → 2/s overall', () => {
    const jobs = buildPlan({ targets: 2, requests: 2, warmup: 0, seed: 3, open: { rate: 1, arrival: 'constant', ramp: { from: 0, to: 1, overS: 2 } } });
    expect(jobs.map((j) => Math.round(j.atMs! * 10) / 10)).toEqual([0, 1414.2, 2000, 2500]);
  });

  it('poisson: a flat ramp gives the Poisson schedule of its rate (same seeded stream)', () => {
    const flat = rampArrivalTimes(50, { from: 5, to: 5, overS: 3 }, 'poisson', 9);
    const plain = arrivalTimes(50, 5, 'poisson', 9);
    flat.forEach((t, i) => expect(t).toBeCloseTo(plain[i]!, 6));
  });

  it('poisson: a rising ramp sends fewer requests early than late', () => {
    // 0 → 100/s over 10 s sends 500 requests: 125 expected in the first 5 s (¼ of the area), 375 in the last 5.
    const t = rampArrivalTimes(500, { from: 0, to: 100, overS: 10 }, 'poisson', 4);
    const early = t.filter((x) => x < 5000).length;
    // Poisson count with mean 125: sd ≈ 11; ±50 is more than four sd
    expect(early).toBeGreaterThan(75);
    expect(early).toBeLessThan(175);
    expect(t.every((x, i) => i === 0 || x >= t[i - 1]!)).toBe(true);
  });
});
