import type { SampleTable } from './samples.js';
import type { RoundPair } from './stats.js';

/**
 * The rounds of two targets' successful requests, side by side, for a paired comparison (pure): overhead (a
 * target against the baseline) and pairwise (gateway against gateway) both resample these whole rounds.
 */
export function roundPairs(samples: SampleTable, target: string, baseline: string, metric: 'ttft' | 'e2e'): RoundPair[] {
  const rounds = new Map<number, RoundPair>();
  const field = metric === 'ttft' ? 'ttftMs' : 'e2eMs';
  for (const [name, side] of [
    [target, 'target'],
    [baseline, 'baseline'],
  ] as const) {
    const rows = samples.rows(name, true);
    for (const i of rows.index) {
      const v = rows.number(field, i);
      if (Number.isNaN(v)) continue;
      const round = rows.number('round', i);
      const r = rounds.get(round) ?? { target: [], baseline: [] };
      r[side].push(v);
      rounds.set(round, r);
    }
  }
  return [...rounds.values()];
}

/** Rounds in which both sides have a value. */
export const pairedRounds = (pairs: readonly RoundPair[]): number => pairs.filter((r) => r.target.length > 0 && r.baseline.length > 0).length;

/** FNV-1a: each comparison gets its own bootstrap stream, so adding a target does not change another's interval. */
export function streamHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
