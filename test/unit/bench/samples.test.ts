import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../src/bench/metrics.js';
import { SampleTable } from '../../../src/bench/samples.js';

const sample = (target: string, i: number, over: Partial<Sample> = {}): Sample => ({
  target,
  round: i,
  ok: true,
  errorClass: null,
  headersMs: 1,
  ttftMs: 10 + i,
  e2eMs: 100 + i,
  itlMs: null,
  tokensPerSecond: 50,
  lagMs: 0.5,
  ttftFromScheduledMs: 10.5 + i,
  e2eFromScheduledMs: 100.5 + i,
  inputTokens: 20,
  outputTokens: 8,
  usageReported: true,
  costUsd: 0.001,
  costSource: 'gateway',
  gatewayCostUsd: 0.001,
  computedCostUsd: 0.0009,
  cacheStatus: null,
  selfReportedMs: null,
  startedAt: 1000 + i,
  endedAtEpoch: 1100 + 2 * i,
  ...over,
});

describe('the sample table', () => {
  it('gives back what went in, by target, with nulls kept null, past its first growth', () => {
    const t = new SampleTable();
    for (let i = 1; i <= 600; i++) t.push(sample(i % 3 === 0 ? 'b' : 'a', i, i % 10 === 0 ? { ok: false, errorClass: 'timeout', ttftMs: null, costUsd: null, costSource: 'unknown', cacheStatus: 'miss', usageReported: false } : {}));
    expect(t.length).toBe(600);
    const b = t.rows('b');
    // multiples of 3 up to 600: 200 rows; of those, multiples of 30 failed: 20
    expect(b.size).toBe(200);
    expect(t.rows('b', true).size).toBe(180);
    expect(b.values('ttftMs').filter((v) => v === null)).toHaveLength(20);
    expect(b.values('round').slice(0, 3)).toEqual([3, 6, 9]);
    expect(b.count((i) => b.error(i) === 'timeout')).toBe(20);
    expect(b.count((i) => b.cache(i) === 'miss')).toBe(20);
    expect(b.count(b.usageReported)).toBe(180);
    // 180 known costs of $0.001
    expect(b.sum('costUsd')).toBeCloseTo(0.18, 12);
    expect(t.rows('nobody').size).toBe(0);
    // first start 1001 (i = 1); last end: i = 600 → 1600 + 700 = 2300
    expect(t.span()).toEqual({ first: 1001, last: 2300 });
  });

  it('an ok request has no error class (null, not undefined); a failed one its own', () => {
    const t = new SampleTable();
    t.push(sample('a', 1));
    t.push(sample('a', 2, { ok: false, errorClass: 'rate_limited' }));
    const a = t.rows('a');
    expect([a.error(a.index[0]!), a.error(a.index[1]!)]).toEqual([null, 'rate_limited']);
    expect(a.error(a.index[0]!)).toBeNull();
  });

  it('values has one entry per row; sum skips unknown values and honours its filter', () => {
    const t = new SampleTable();
    t.push(sample('a', 1, { costUsd: 0.25 }));
    t.push(sample('a', 2, { costUsd: null }));
    t.push(sample('a', 3, { costUsd: 0.5 }));
    const a = t.rows('a');
    expect(a.values('costUsd')).toEqual([0.25, null, 0.5]);
    // 0.25 + 0.5; the null row adds nothing (not NaN)
    expect(a.sum('costUsd')).toBe(0.75);
    // only rows whose round is above 1: 0.5
    expect(a.sum('costUsd', (i) => a.number('round', i) > 1)).toBe(0.5);
  });

  it('an empty table has no span', () => {
    expect(new SampleTable().span()).toBeUndefined();
  });
});
