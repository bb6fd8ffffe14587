import type { TargetSlo } from '../bench/slo-document.js';

/**
 * `report merge --by pooled` of the shards' `slo` blocks (pure). Counts add up when every shard judged the target
 * against the same bounds and target (the config check makes that so for runs of one config; a summary written
 * before SLOs were recorded has none): good and total summed, goodput summed like throughput (shards run at the
 * same time). The paired interval cannot be rebuilt without the rounds, so the pooled difference comes from the
 * summed counts with no interval. Anything else is dropped, with a warning saying why.
 */

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const sameRule = (a: TargetSlo, b: TargetSlo) => a.target === b.target && a.bounds.ttftMs === b.bounds.ttftMs && a.bounds.itlMs === b.bounds.itlMs && a.bounds.e2eMs === b.bounds.e2eMs;

export type PooledSlo = { slo: TargetSlo } | { slo: undefined; warning?: string };

/** One target's shards (in run order) pooled; `base` is the baseline's pooled block (undefined for the baseline or without one). */
export function poolSlo(
  name: string,
  shards: readonly (TargetSlo | null | undefined)[],
  base: TargetSlo | undefined,
  // How rates combine: summed for shards that ran together (src/merge/together.ts says otherwise for runs made apart).
  rate: (xs: readonly number[]) => number = (xs) => xs.reduce((a, x) => a + x, 0),
): PooledSlo {
  const known = shards.filter((s): s is TargetSlo => s !== null && s !== undefined);
  if (known.length === 0) return { slo: undefined };
  const first = known[0]!;
  if (known.length < shards.length) return { slo: undefined, warning: `${name}: SLO attainment dropped from the pooled row: ${shards.length - known.length} of ${shards.length} shards recorded none.` };
  if (!known.every((s) => sameRule(s, first))) return { slo: undefined, warning: `${name}: SLO attainment dropped from the pooled row: the shards judged it against different bounds or targets.` };
  const good = known.reduce((a, s) => a + s.good, 0);
  const total = known.reduce((a, s) => a + s.total, 0);
  const share = total === 0 ? null : good / total;
  const rounds = known.reduce((a, s) => a + (s.vsBaseline?.rounds ?? 0), 0);
  const vs = base === undefined || share === null || base.attainment === null ? null : { difference: round(share - base.good / base.total, 6), ci95: null, rounds };
  return {
    slo: {
      bounds: first.bounds,
      target: first.target,
      good,
      total,
      attainment: share === null ? null : round(share, 6),
      met: share === null ? null : share >= first.target,
      goodputRps: round(rate(known.map((s) => s.goodputRps)), 3),
      vsBaseline: vs,
    },
  };
}
