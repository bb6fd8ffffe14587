import { describe, expect, it } from 'vitest';
import { attainment, meetsSlo, sloSchema } from '../../../src/bench/slo.js';

const ok = (ttftMs: number | null, itlMs: number | null, e2eMs: number) => ({ ok: true, ttftMs, itlMs, e2eMs });

describe('SLO', () => {
  it('a request is good only when it succeeded and met every bound that is set', () => {
    const slo = { ttftMs: 500, itlMs: 50, e2eMs: 3000 };
    expect(meetsSlo(ok(500, 50, 3000), slo)).toBe(true); // bounds are inclusive
    expect(meetsSlo(ok(500.001, 50, 3000), slo)).toBe(false);
    expect(meetsSlo(ok(100, 50.5, 3000), slo)).toBe(false);
    expect(meetsSlo(ok(100, 10, 3001), slo)).toBe(false);
    expect(meetsSlo({ ok: false, ttftMs: 1, itlMs: 1, e2eMs: 1 }, slo)).toBe(false);
  });

  it('a latency the request does not have cannot miss its bound; unset bounds never bind', () => {
    expect(meetsSlo(ok(null, null, 900), { ttftMs: 10, itlMs: 1, e2eMs: 1000 })).toBe(true);
    expect(meetsSlo(ok(99_999, 99_999, 99_999), { e2eMs: 100_000 })).toBe(true);
  });

  it('attainment counts failures in the denominator and compares with the target', () => {
    const slo = sloSchema.parse({ e2eMs: 100 });
    expect(slo.attainment).toBe(0.95);
    // 19 good, 1 failed: 19/20 = 0.95, exactly the default target.
    const rows = [...Array.from({ length: 19 }, () => ok(null, null, 50)), { ok: false, ttftMs: null, itlMs: null, e2eMs: 10 }];
    expect(attainment(rows, slo)).toEqual({ good: 19, total: 20, attainment: 0.95, met: true });
    // 18 good of 20 = 0.9 < 0.95.
    expect(attainment([...rows.slice(1), ok(null, null, 101)], slo)).toEqual({ good: 18, total: 20, attainment: 0.9, met: false });
    expect(attainment([], slo)).toEqual({ good: 0, total: 0, attainment: null, met: null });
  });

  it('refuses an SLO with no bound, and an attainment outside (0, 1]', () => {
    expect(sloSchema.safeParse({ attainment: 0.9 }).success).toBe(false);
    expect(sloSchema.safeParse({ e2eMs: 100, attainment: 0 }).success).toBe(false);
    expect(sloSchema.safeParse({ e2eMs: 100, attainment: 1.01 }).success).toBe(false);
    expect(sloSchema.safeParse({ e2eMs: 100, attainment: 1 }).success).toBe(true);
  });
});
