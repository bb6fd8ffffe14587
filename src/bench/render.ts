import { formatInt } from '../format.js';
import { paint } from '../report/paint.js';
import type { BenchDocument, BenchTarget, StatsDoc } from './document.js';
import type { RunEstimate } from './estimate.js';
import { fmtDelta, fmtMs } from './stats.js';

/**
 * The benchmark's human report, as strings laid out for a given width (pure). Columns that do not fit are
 * dropped, least important first; below a usable width each target becomes a short block of lines instead.
 */

export interface RenderOptions {
  width: number;
  color: boolean;
}

interface Column {
  head: string;
  /** Lower is dropped first when the table is too wide. */
  keep: number;
  right?: boolean;
  cell(t: BenchTarget): string;
}

/** USD for tables: cents for dollars, four significant digits below a dollar. */
export function fmtUsd(x: number | null): string {
  if (x === null) return '—';
  if (x === 0) return '$0';
  if (Math.abs(x) >= 1) return `$${x.toFixed(2)}`;
  return `$${Number(x.toPrecision(4))}`;
}

/** A statistic, marked `~` when n is too small for that percentile (see README "Statistics"). */
function stat(s: StatsDoc, key: 'p50' | 'p90' | 'p95' | 'p99', decimals?: number): string {
  const v = s[key];
  if (v === null) return '—';
  return `${(s.unsupported as string[]).includes(key) ? '~' : ''}${fmtMs(v, decimals)}`;
}

const COLUMNS: Column[] = [
  { head: 'TARGET', keep: 100, cell: (t) => t.name + (t.baseline ? '*' : '') },
  { head: 'OK/SENT', keep: 90, right: true, cell: (t) => `${t.requests.ok}/${t.requests.sent}` },
  { head: 'TTFT p50', keep: 80, right: true, cell: (t) => stat(t.latencyMs.ttft, 'p50') },
  { head: 'p90', keep: 40, right: true, cell: (t) => stat(t.latencyMs.ttft, 'p90') },
  { head: 'E2E p50', keep: 70, right: true, cell: (t) => stat(t.latencyMs.e2e, 'p50') },
  { head: 'p90', keep: 35, right: true, cell: (t) => stat(t.latencyMs.e2e, 'p90') },
  { head: 'p99', keep: 20, right: true, cell: (t) => stat(t.latencyMs.e2e, 'p99') },
  { head: 'ITL p50', keep: 50, right: true, cell: (t) => stat(t.latencyMs.itl, 'p50', 1) },
  { head: 'TOK/S p50', keep: 45, right: true, cell: (t) => (t.outputTokensPerSecond.p50 === null ? '—' : fmtMs(t.outputTokensPerSecond.p50)) },
  { head: '$/1K REQ', keep: 60, right: true, cell: (t) => fmtUsd(t.cost.per1kRequestsUsd) + (t.cost.source === 'gateway' ? ' g' : t.cost.source === 'mixed' ? ' m' : '') },
  { head: 'CACHE', keep: 30, right: true, cell: (t) => (t.cache.hits + t.cache.misses === 0 ? '—' : `${t.cache.hits}/${t.cache.hits + t.cache.misses}`) },
  { head: 'USAGE', keep: 25, right: true, cell: (t) => (t.tokens.usageReportedRate === null ? '—' : `${Math.round(t.tokens.usageReportedRate * 100)}%`) },
];

const GAP = 2;
const ESSENTIAL = 60;

/** Lay rows out in columns, dropping the least important columns until the table fits. */
export function fitTable(columns: readonly Column[], rows: readonly BenchTarget[], width: number): string[] | undefined {
  let cols = [...columns];
  for (;;) {
    const cells = rows.map((r) => cols.map((c) => c.cell(r)));
    const widths = cols.map((c, i) => Math.max(c.head.length, ...cells.map((r) => r[i]!.length)));
    const total = widths.reduce((a, b) => a + b, 0) + GAP * (cols.length - 1);
    if (total <= width) {
      const line = (vals: readonly string[]) =>
        vals
          .map((v, i) => (cols[i]!.right ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
          .join(' '.repeat(GAP))
          .trimEnd();
      return [line(cols.map((c) => c.head)), ...cells.map(line)];
    }
    // Target, OK/SENT, TTFT, e2e and cost are the point of the table: without room for them, a block per target.
    const droppable = cols.filter((c) => c.keep < ESSENTIAL);
    if (droppable.length === 0) return undefined;
    const drop = droppable.reduce((lo, c) => (c.keep < lo.keep ? c : lo));
    cols = cols.filter((c) => c !== drop);
  }
}

/** Word-wrap text to width, keeping its leading indent, with a hanging indent for the following lines. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^\s*/.exec(text)![0];
  const out: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(/\s+/).filter(Boolean)) {
    const start = out.length === 0 ? lead : indent;
    const next = line.length > start.length ? `${line} ${word}` : `${start}${word}`;
    if (next.length > width && line.length > start.length) {
      out.push(line);
      line = indent + word;
    } else line = next;
  }
  if (line.trim()) out.push(line);
  return out;
}

function stacked(t: BenchTarget): string[] {
  return [
    `${t.name}${t.baseline ? ' (baseline)' : ''}: ${t.requests.ok}/${t.requests.sent} ok`,
    `  TTFT p50 ${stat(t.latencyMs.ttft, 'p50')} ms, p90 ${stat(t.latencyMs.ttft, 'p90')} ms`,
    `  e2e p50 ${stat(t.latencyMs.e2e, 'p50')} ms, p90 ${stat(t.latencyMs.e2e, 'p90')} ms`,
    `  ITL p50 ${stat(t.latencyMs.itl, 'p50')} ms; cost ${fmtUsd(t.cost.per1kRequestsUsd)}/1k requests (${t.cost.source})`,
  ];
}

export function describeRun(doc: BenchDocument): string {
  const r = doc.run;
  const c = doc.config as { stream?: boolean; maxTokens?: number; requests?: number };
  const load = r.mode === 'closed' ? `closed loop, concurrency ${r.concurrency}` : `open loop, ${r.ratePerTarget}/s per target (${r.arrival})`;
  return `${doc.targets.length} targets × ${c.requests} requests, ${load}, ${c.stream === false ? 'not streamed' : 'streamed'}, max_tokens ${c.maxTokens}`;
}

export function renderReport(doc: BenchDocument, o: RenderOptions): string {
  const c = paint(o.color);
  const w = Math.max(20, o.width);
  const lines: string[] = [];
  const status = doc.status === 'completed' ? '' : doc.status === 'interrupted' ? ' — INTERRUPTED (partial)' : ' — STOPPED at --max-spend (partial)';
  lines.push(...wrap(`${c.bold('Benchmark')}: ${describeRun(doc)}; ${doc.run.sentRequests} requests in ${doc.run.durationS.toFixed(1)} s${status}`, w, '  '));
  lines.push('');
  const table = fitTable(COLUMNS, doc.targets, w);
  if (table) {
    lines.push(c.bold(table[0]!), ...table.slice(1));
    lines.push(...wrap(`ms; * baseline; ~ too few samples for that percentile; $/1K REQ: g = reported by the gateway, else computed from the price table`, w).map((l) => c.dim(l)));
  } else {
    for (const t of doc.targets) for (const l of stacked(t)) lines.push(...wrap(l, w, '    '));
  }

  if (doc.overhead.length > 0) {
    lines.push('', ...wrap(`Overhead vs ${doc.overhead[0]!.baseline} (difference in p50, 95% bootstrap interval)`, w, '  ').map((l) => c.bold(l)));
    for (const o2 of doc.overhead) {
      const mark = o2.ci95 === null ? c.dim('?') : o2.ci95[0] > 0 ? c.yellow('+') : o2.ci95[1] < 0 ? c.green('−') : c.dim('=');
      lines.push(...wrap(`${mark} ${o2.verdict}`, w, '    '));
    }
  }
  if (doc.warnings.length > 0) {
    lines.push('', c.bold('Notes'));
    for (const warning of doc.warnings) lines.push(...wrap(`! ${warning}`, w, '  '));
  }
  return lines.join('\n') + '\n';
}

/** "+12 ms (9–15)" for an overhead entry, or why there is none. */
export function overheadShort(o: BenchDocument['overhead'][number]): string {
  return o.p50DeltaMs === null || o.ci95 === null ? 'not measurable' : fmtDelta(o.p50DeltaMs, o.ci95);
}

export function renderPlan(e: RunEstimate, describe: string, maxSpend: number | undefined, o: RenderOptions): string {
  const c = paint(o.color);
  const w = Math.max(20, o.width);
  const lines = [...wrap(`${c.bold('Plan')}: ${describe}`, w, '  '), ''];
  for (const t of e.targets) {
    lines.push(`${c.bold(t.name)} (${t.gateway}) ${t.model}`);
    lines.push(...wrap(`  POST ${t.url}`, w, '    '));
    lines.push(
      ...wrap(
        `  ${t.requests} requests (warmup included), ≈${formatInt(t.inputTokens)} input + ≤${formatInt(t.outputTokens)} output tokens, ≤${fmtUsd(t.usd)}${t.priceFrom ? ` at ${t.priceFrom} prices` : ' (no price known)'}`,
        w,
        '    ',
      ),
    );
  }
  lines.push('');
  lines.push(
    ...wrap(
      `Total: ${e.requests} requests, at most ${fmtUsd(e.usd)}${e.unpriced.length ? ` plus unpriced targets (${e.unpriced.join(', ')})` : ''}${maxSpend !== undefined ? `; --max-spend stops sending at $${maxSpend}` : ''}.`,
      w,
      '  ',
    ),
  );
  return lines.join('\n') + '\n';
}
