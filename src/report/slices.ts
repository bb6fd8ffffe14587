import type { SlicesDoc } from '../bench/document.js';
import { formatNumber } from '../format.js';
import { rowName } from './bench-input.js';
import { table, type Column } from './layout.js';

/**
 * Time slices for people (pure): a drift row per target — how its latency moved from the first slice to the
 * last, and its worst slice — for the terminal and the markdown summary, and the full slice table for markdown.
 * TTFT when the run streamed, else e2e.
 */

export interface DriftRow {
  name: string;
  metric: 'ttft' | 'e2e';
  /** p50 of each slice (null: nothing succeeded in it). */
  p50s: (number | null)[];
  first: { p50: number | null; p99: number | null };
  last: { p50: number | null; p99: number | null };
  /** The slice with the highest p99, 0-based, and that p99. */
  worst: { index: number; startS: number; p99: number } | null;
  ok: number;
  sent: number;
  /** Slices in which something failed. */
  slicesWithErrors: number;
}

type SliceTarget = SlicesDoc['targets'][number];

/** Which latency the drift follows: TTFT when any slice of any target has one. */
export function driftMetric(s: SlicesDoc): 'ttft' | 'e2e' {
  return s.targets.some((t) => t.slices.some((x) => x.ttft.p50 !== null)) ? 'ttft' : 'e2e';
}

export function driftRows(s: SlicesDoc): DriftRow[] {
  const metric = driftMetric(s);
  return s.targets.map((t) => driftRow(t, metric));
}

function driftRow(t: SliceTarget, metric: 'ttft' | 'e2e'): DriftRow {
  // First and last slices that measured something: an empty edge slice says nothing about drift.
  const measured = t.slices.filter((x) => x[metric].p50 !== null);
  const pair = (x: SliceTarget['slices'][number] | undefined) => ({ p50: x?.[metric].p50 ?? null, p99: x?.[metric].p99 ?? null });
  let worst: DriftRow['worst'] = null;
  for (const x of measured) if (worst === null || x[metric].p99! > worst.p99) worst = { index: x.index, startS: x.startS, p99: x[metric].p99! };
  return {
    name: rowName({ name: t.target, origin: t.origin }),
    metric,
    p50s: t.slices.map((x) => x[metric].p50),
    first: pair(measured[0]),
    last: pair(measured.at(-1)),
    worst,
    ok: t.slices.reduce((a, x) => a + x.ok, 0),
    sent: t.slices.reduce((a, x) => a + x.sent, 0),
    slicesWithErrors: t.slices.filter((x) => x.failed > 0).length,
  };
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII = ['.', ':', '-', '=', '+', '*', '#', '@'];

/** One character per slice, height by p50 between the row's lowest and highest; a space for an empty slice. */
export function trendLine(values: readonly (number | null)[], unicode = true): string {
  const known = values.filter((v): v is number => v !== null);
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const chars = unicode ? BLOCKS : ASCII;
  return values.map((v) => (v === null ? ' ' : chars[hi === lo ? 0 : Math.min(chars.length - 1, Math.floor(((v - lo) / (hi - lo)) * chars.length))]!)).join('');
}

export const fmtMs = (v: number | null): string => (v === null ? '—' : `${formatNumber(v, v < 10 ? 1 : 0)}`);

/** "812 → 845 ms" */
export function fromTo(a: number | null, b: number | null): string {
  return `${fmtMs(a)} → ${fmtMs(b)} ms`;
}

/** "12 slices of 60 s" */
export function slicesCaption(s: SlicesDoc): string {
  const n = Math.max(0, ...s.targets.map((t) => t.slices.length));
  return `${n} slice${n === 1 ? '' : 's'} of ${formatNumber(s.sliceS, 3)} s`;
}

const DRIFT_COLUMNS: Column[] = [
  { header: 'target' },
  { header: 'ok/sent', align: 'right', fixed: true },
  { header: 'p50 per slice', fixed: true, drop: 30 },
  { header: 'p50 first → last', align: 'right', fixed: true },
  { header: 'p99 first → last', align: 'right', fixed: true, drop: 20 },
  { header: 'worst p99', align: 'right', fixed: true, drop: 10 },
  { header: 'slices w/ errors', align: 'right', fixed: true, drop: 5 },
];

/** The terminal's drift section: a title and a table fitted to `width` (empty without slices). */
export function driftLines(s: SlicesDoc | null | undefined, width: number, o: { bold: (x: string) => string; dim: (x: string) => string; unicode: boolean }): string[] {
  if (!s || s.targets.length === 0) return [];
  const rows = driftRows(s);
  const metric = rows[0]!.metric === 'ttft' ? 'TTFT' : 'e2e';
  const cells = rows.map((r) => [
    r.name,
    `${r.ok}/${r.sent}`,
    trendLine(r.p50s, o.unicode),
    fromTo(r.first.p50, r.last.p50),
    fromTo(r.first.p99, r.last.p99),
    r.worst === null ? '—' : `${fmtMs(r.worst.p99)} ms at ${formatNumber(r.worst.startS, 1)} s`,
    String(r.slicesWithErrors),
  ]);
  return ['', o.bold(`${metric} over time (${slicesCaption(s)}, by scheduled send)`), ...table(DRIFT_COLUMNS, cells, width, { head: o.bold, rule: o.dim })];
}

/** Markdown: the drift rows, then every slice in a collapsed table (cut at `maxRows`). */
export function slicesMarkdown(s: SlicesDoc | null | undefined, maxRows = 300): string[] {
  if (!s || s.targets.length === 0) return [];
  const rows = driftRows(s);
  const metric = rows[0]!.metric === 'ttft' ? 'TTFT' : 'e2e';
  const cell = (x: string) => x.replace(/\|/g, '\\|');
  const line = (xs: readonly string[]) => `| ${xs.map(cell).join(' | ')} |`;
  const out = [
    `**${metric} over time** (${slicesCaption(s)}, by scheduled send)`,
    '',
    line(['target', 'ok / sent', 'p50 first → last', 'p99 first → last', 'worst p99', 'slices with errors']),
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => line([r.name, `${r.ok} / ${r.sent}`, fromTo(r.first.p50, r.last.p50), fromTo(r.first.p99, r.last.p99), r.worst === null ? '—' : `${fmtMs(r.worst.p99)} ms at ${formatNumber(r.worst.startS, 1)} s`, String(r.slicesWithErrors)])),
    '',
  ];
  const all = s.targets.flatMap((t) =>
    t.slices.map((x) => [rowName({ name: t.target, origin: t.origin }), `${formatNumber(x.startS, 3)}–${formatNumber(x.endS, 3)} s`, `${x.ok} / ${x.sent}`, String(x.failed), fmtMs(x.ttft.p50), fmtMs(x.ttft.p99), fmtMs(x.e2e.p50), fmtMs(x.e2e.p99)]),
  );
  const shown = all.slice(0, maxRows);
  out.push(
    '<details><summary>Every slice</summary>',
    '',
    line(['target', 'slice', 'ok / sent', 'failed', 'TTFT p50 ms', 'TTFT p99 ms', 'e2e p50 ms', 'e2e p99 ms']),
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...shown.map(line),
    ...(all.length > shown.length ? ['', `${all.length - shown.length} more slice rows left out; summary.json has them all.`] : []),
    '',
    '</details>',
    '',
  );
  return out;
}
