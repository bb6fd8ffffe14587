/**
 * Shards (pure): `bench --shard i/n` runs the i-th of n disjoint parts of one seeded plan, so n machines run one
 * benchmark together. Every machine draws the same whole plan from the seed; shard i keeps the measured rounds r
 * with (r − 1) mod n = i − 1. A round keeps all its targets, so pairing by round (the overhead) holds inside a
 * shard, and in the open loop each kept request keeps its send time in the whole schedule (rate ÷ n per machine).
 */

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

/** Most machines one plan may be split over. */
export const MAX_SHARDS = 1_000;

/** "2/4" → {index: 2, count: 4}; an error message when it is not i/n with 1 ≤ i ≤ n ≤ 1,000. */
export function parseShard(text: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return `--shard expects i/n (the i-th of n parts, 1-based), e.g. 1/4, got "${text}".`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) return `--shard: n must be from 1 to ${MAX_SHARDS}, got ${count}.`;
  if (index < 1 || index > count) return `--shard: i must be from 1 to ${count} (1-based), got ${index}.`;
  return { index, count };
}

export function inShard(round: number, s: Shard): boolean {
  return (round - 1) % s.count === s.index - 1;
}

/** Measured rounds of `rounds` that fall to a shard: ⌈(rounds − i + 1) / n⌉, 0 when it has fewer rounds than i. */
export function shardRounds(rounds: number, s: Shard): number {
  return rounds < s.index ? 0 : Math.ceil((rounds - s.index + 1) / s.count);
}

/**
 * What is wrong with a set of shards' indices for one plan of `count` parts: duplicated indices (counted twice
 * if pooled), missing ones (the pooled counts then cover part of the plan).
 */
export function shardCoverage(indices: readonly number[], count: number): { duplicated: number[]; missing: number[] } {
  const seen = new Map<number, number>();
  for (const i of indices) seen.set(i, (seen.get(i) ?? 0) + 1);
  const duplicated = [...seen].filter(([, k]) => k > 1).map(([i]) => i).sort((a, b) => a - b);
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !seen.has(i));
  return { duplicated, missing };
}
