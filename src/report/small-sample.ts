import { minSamplesFor, PERCENTILES, type PercentileName } from '../bench/stats.js';
import type { Stats } from './bench-input.js';

/**
 * One mark for a percentile its n cannot support (stats carry `unsupported`: n < 1/(1 − q), README
 * "Statistics"), the same in the terminal, markdown and HTML, with one legend that says what it means and how
 * many requests the marked figures rest on (pure).
 */
export const SMALL_MARK = '~';

/** A shown percentile: where its statistics are, and which one. */
export interface Shown<T> {
  stats(row: T): Stats;
  key: PercentileName;
}

/** The figure, `~`-prefixed when n does not support it; '—' when there is none. */
export function marked(s: Stats, key: PercentileName, format: (v: number) => string): string {
  const v = s[key];
  if (v === null) return '—';
  return `${s.unsupported.includes(key) ? SMALL_MARK : ''}${format(v)}`;
}

const Q = new Map<string, number>(PERCENTILES);

/**
 * "~ too few requests for that percentile (p95 needs 20): the figure is an interpolation between the top
 * requests, not a tail estimate; marked figures here rest on 8–12 requests". Undefined when nothing shown is marked.
 */
export function smallSampleLegend<T>(rows: readonly T[], shown: readonly Shown<T>[]): string | undefined {
  const ns: number[] = [];
  const keys = new Set<PercentileName>();
  for (const r of rows) {
    for (const c of shown) {
      const s = c.stats(r);
      if (s[c.key] === null || !s.unsupported.includes(c.key)) continue;
      ns.push(s.n);
      keys.add(c.key);
    }
  }
  if (ns.length === 0) return undefined;
  const needs = PERCENTILES.filter(([k]) => keys.has(k)).map(([k]) => `${k} needs ${minSamplesFor(Q.get(k)!)}`);
  const lo = Math.min(...ns);
  const hi = Math.max(...ns);
  const from = lo === hi ? `${lo} request${lo === 1 ? '' : 's'}` : `${lo}–${hi} requests`;
  return `${SMALL_MARK} too few requests for that percentile (${needs.join(', ')}): an interpolation between the top requests, not a tail estimate; marked figures here rest on ${from}`;
}
