import { fmtMs } from '../bench/stats.js';
import type { Distribution } from './distribution.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII = ['.', ':', '-', '=', '+', '*', '#', '@'];

/**
 * Counts of a distribution in `bins` equal-width bins over [lo, hi] (shared by every target drawn together,
 * so the sparklines line up). A value outside the range goes to the nearest end bin.
 */
export function binCounts(d: Distribution, lo: number, hi: number, bins: number): number[] {
  const counts = Array.from({ length: bins }, () => 0);
  const span = hi - lo;
  for (const [v, c] of d.points) {
    const i = span <= 0 ? 0 : Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / span) * bins)));
    counts[i] = (counts[i] as number) + c;
  }
  return counts;
}

/** One character per bin, height by count relative to the largest bin; empty bins are spaces. */
export function sparkline(counts: readonly number[], unicode = true): string {
  const max = Math.max(0, ...counts);
  const chars = unicode ? BLOCKS : ASCII;
  return counts.map((c) => (c === 0 || max === 0 ? ' ' : (chars[Math.min(chars.length - 1, Math.ceil((c / max) * chars.length) - 1)] as string))).join('');
}

export interface SparkRow {
  name: string;
  distribution: Distribution | undefined;
  /** The median shown beside the bars: the row's own p50, so it reads the same as in the table above. */
  p50: number | null;
}

const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${fmtMs(v)} ms`);

/**
 * TTFT per target as sparkline histograms on one shared axis, fitted to `width` columns:
 *   name  │▁▃█▆▃▂▁   ▁│ p50 312 ms
 * followed by the axis range. Rows without a distribution say so.
 */
export function renderSparklines(title: string, rows: readonly SparkRow[], width: number, unicode = true): string {
  const drawn = rows.filter((r) => r.distribution && r.distribution.n > 0);
  if (drawn.length === 0) return '';
  const values = drawn.flatMap((r) => r.distribution!.points.map(([v]) => v));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const tailW = ' p50 99999 ms'.length;
  // Names give way first on a narrow terminal, down to 6 columns; the bars keep at least 8.
  const nameW = Math.min(24, Math.max(...rows.map((r) => r.name.length)), Math.max(6, width - tailW - 6 - 8));
  const bar = unicode ? '│' : '|';
  const bins = Math.max(8, Math.min(60, width - nameW - tailW - 6));
  const lines = [title];
  for (const r of rows) {
    const name = (r.name.length > nameW ? `${r.name.slice(0, nameW - 1)}…` : r.name).padEnd(nameW);
    const d = r.distribution;
    if (!d || d.n === 0) {
      lines.push(`  ${name} (no successful requests)`);
      continue;
    }
    lines.push(`  ${name} ${bar}${sparkline(binCounts(d, lo, hi, bins), unicode)}${bar}${r.p50 === null ? '' : ` p50 ${ms(r.p50)}`}`);
  }
  const left = ms(lo);
  const right = ms(hi);
  lines.push(`  ${' '.repeat(nameW)}  ${left}${right.padStart(Math.max(1, bins - left.length))}`);
  return lines.join('\n') + '\n';
}
