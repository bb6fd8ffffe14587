import { shardCoverage } from '../bench/shard.js';
import { InputError } from '../errors.js';
import type { BenchView } from '../report/bench-input.js';

/** A run as report merge reads it (merge-runs.ts's RunInput). */
type RunInput = { file: string; summary: BenchView };

/**
 * Shards pooled by `report merge` (pure): they must be parts of ONE plan — the same number of parts and the same
 * seed (the seed draws the plan) — and none may come twice (its requests would count twice). A missing part is
 * allowed with a warning: the pooled counts then cover only the parts given.
 */
export function checkShards(runs: readonly RunInput[]): string[] {
  const shards = runs.map((r) => r.summary.run?.shard ?? null);
  if (shards.every((s) => s === null)) return [];
  const whole = runs.find((_, i) => shards[i] === null);
  if (whole) {
    throw new InputError(`Cannot pool ${whole.file} with shards: it ran the whole plan, the others one part each (bench --shard).`, whole.file, [], 'Merge the n shards of one plan together, or whole runs together.');
  }
  const first = runs[0]!;
  const n = shards[0]!.count;
  const seed = first.summary.config.seed;
  runs.forEach((r, i) => {
    if (shards[i]!.count !== n) {
      throw new InputError(`Cannot pool ${r.file}: it is shard ${shards[i]!.index}/${shards[i]!.count}, ${first.file} is one of ${n}.`, r.file, [], 'Merge the shards of one plan: every machine ran --shard i/n with the same n.');
    }
    if (r.summary.config.seed !== seed) {
      throw new InputError(`Cannot pool ${r.file}: its seed (${String(r.summary.config.seed)}) is not ${first.file}'s (${String(seed)}), so its shard is part of another plan.`, r.file, [], 'Run every shard with the same --seed.');
    }
  });
  const { duplicated, missing } = shardCoverage(shards.map((s) => s!.index), n);
  if (duplicated.length > 0) {
    const files = runs.filter((_, i) => shards[i]!.index === duplicated[0]).map((r) => r.file);
    throw new InputError(`Shard ${duplicated[0]}/${n} is given twice (${files.join(', ')}): its requests would be counted twice.`, files[1], [], 'Pass each shard once.');
  }
  if (missing.length === 0) return [];
  return [`Shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${n}`).join(', ')} missing: the pooled counts cover ${n - missing.length} of the plan's ${n} parts.`];
}
