import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/bench/plan.js';
import { inShard, parseShard, shardCoverage, shardRounds } from '../../../src/bench/shard.js';

describe('--shard i/n', () => {
  it('reads i/n, 1-based', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(parseShard('1000/1000')).toEqual({ index: 1000, count: 1000 });
  });

  it('refuses 0-based indices, an i past n, and what is not i/n, saying why', () => {
    expect(parseShard('0/4')).toMatch(/i must be from 1 to 4 \(1-based\), got 0/);
    expect(parseShard('5/4')).toMatch(/i must be from 1 to 4/);
    expect(parseShard('1/0')).toMatch(/n must be from 1 to 1000/);
    expect(parseShard('1/1001')).toMatch(/n must be from 1 to 1000/);
    expect(parseShard('a/b')).toMatch(/expects i\/n/);
    expect(parseShard('2')).toMatch(/expects i\/n/);
    expect(parseShard('x2/4')).toMatch(/expects i\/n/);
    expect(parseShard('2/4x')).toMatch(/expects i\/n/);
  });

  it('deals rounds out in turn: shard i of n keeps rounds i, i + n, i + 2n …', () => {
    const keep = (i: number) => [1, 2, 3, 4, 5, 6, 7].filter((r) => inShard(r, { index: i, count: 3 }));
    expect(keep(1)).toEqual([1, 4, 7]);
    expect(keep(2)).toEqual([2, 5]);
    expect(keep(3)).toEqual([3, 6]);
    expect(shardRounds(7, { index: 1, count: 3 })).toBe(3);
    expect(shardRounds(7, { index: 2, count: 3 })).toBe(2);
    expect(shardRounds(7, { index: 3, count: 3 })).toBe(2);
    expect(shardRounds(2, { index: 3, count: 3 })).toBe(0);
    expect(shardRounds(1, { index: 3, count: 3 })).toBe(0); // not −0
    expect(shardRounds(3, { index: 3, count: 3 })).toBe(1);
    expect(shardRounds(3000, { index: 4, count: 4 })).toBe(750);
  });

  it('names duplicated and missing shards', () => {
    expect(shardCoverage([1, 3, 3], 4)).toEqual({ duplicated: [3], missing: [2, 4] });
    expect(shardCoverage([2, 1], 2)).toEqual({ duplicated: [], missing: [] });
    expect(shardCoverage([3, 3, 1, 1], 4)).toEqual({ duplicated: [1, 3], missing: [2, 4] });
  });
});

describe('a sharded plan', () => {
  const whole = buildPlan({ targets: 3, requests: 10, warmup: 2, seed: 7, open: { rate: 4, arrival: 'poisson' } });
  const parts = [1, 2, 3].map((index) => buildPlan({ targets: 3, requests: 10, warmup: 2, seed: 7, open: { rate: 4, arrival: 'poisson' }, shard: { index, count: 3 } }));

  it('splits the whole plan\'s measured jobs into disjoint parts that add up to it, send times included', () => {
    const measured = (jobs: typeof whole) => jobs.filter((j) => !j.warmup);
    const key = (j: (typeof whole)[number]) => `${j.round}/${j.target}@${j.atMs}`;
    const union = parts.flatMap((p) => measured(p).map(key)).sort();
    expect(union).toEqual(measured(whole).map(key).sort());
    expect(new Set(union).size).toBe(30); // 10 rounds × 3 targets, none twice
    // rounds 1, 4, 7, 10 | 2, 5, 8 | 3, 6, 9
    expect([...new Set(measured(parts[0]!).map((j) => j.round))]).toEqual([1, 4, 7, 10]);
    expect([...new Set(measured(parts[2]!).map((j) => j.round))]).toEqual([3, 6, 9]);
  });

  it('keeps every round whole (all targets), in the whole plan\'s order, and warms up on every machine', () => {
    const orderOf = (jobs: typeof whole, r: number) => jobs.filter((j) => j.round === r && !j.warmup).map((j) => j.target);
    expect(orderOf(parts[1]!, 5)).toEqual(orderOf(whole, 5));
    expect(orderOf(parts[1]!, 5)).toHaveLength(3);
    for (const p of parts) expect(p.filter((j) => j.warmup)).toHaveLength(6); // 2 warmup rounds × 3 targets
  });
});
