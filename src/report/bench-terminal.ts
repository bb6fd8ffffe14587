import { cutShortText } from './cut-short.js';
import { fmtMs } from '../bench/stats.js';
import { formatNumber, formatUsd } from '../format.js';
import type { GateResult } from '../gates/result.js';
import { BUFFERED_NOTE, cacheHitRate, describeFailure, errorRate, isBuffered, rowName, selfReportedText, type BenchTarget, type BenchView, type RequestRecord, type Stats } from './bench-input.js';
import { latencyDistribution } from './distribution.js';
import { hang, section, table, type Column } from './layout.js';
import { paint } from './paint.js';
import { baselineName, sloHeading, sloOf, sloSentence } from './slo-text.js';
import { driftLines } from './slices.js';
import { renderSparklines } from './sparkline.js';
import { renderSweep } from './sweep-terminal.js';
import { inertFor } from './inert-model.js';
import { describeRun } from './run-shape.js';
import { marked, smallSampleLegend, type Shown } from './small-sample.js';
import { pairwiseTerminal, verdictTerminal } from './verdict-terminal.js';

export { describeRun };

/**
 * The human result of a benchmark, for `bench` and `report` alike (pure): what was run, the targets table,
 * the overhead verdicts, a TTFT sparkline per target, the gates and the notes — every line fitted to `width`
 * (src/report/layout.ts), columns of lesser figures left out on a narrow terminal, sentences wrapped.
 */

export interface BenchTerminalInput {
  bench: BenchView;
  /** Per-request records (an --out folder's requests.jsonl): the sparklines then draw every value. */
  requests?: readonly RequestRecord[];
  gates?: readonly GateResult[];
}

export interface TerminalOptions {
  width: number;
  color: boolean;
  /** Block characters for the sparklines (default), or ASCII. */
  unicode?: boolean;
}

const PERCENTILE = ['p50', 'p90', 'p95', 'p99'] as const;

/** A percentile in ms, marked `~` when n is too small for it (README "Statistics"). */
function stat(s: Stats, key: (typeof PERCENTILE)[number], decimals?: number): string {
  return marked(s, key, (v) => fmtMs(v, decimals));
}

/** The percentiles the table shows, for the small-sample legend. */
const SHOWN: Shown<BenchTarget>[] = [
  { stats: (t) => t.latencyMs.ttft, key: 'p50' },
  { stats: (t) => t.latencyMs.ttft, key: 'p95' },
  { stats: (t) => t.latencyMs.e2e, key: 'p50' },
  { stats: (t) => t.latencyMs.e2e, key: 'p95' },
  { stats: (t) => t.latencyMs.itl, key: 'p50' },
];

const percent = (x: number | null) => (x === null ? '—' : `${formatNumber(x * 100, 1)}%`);
const COST_MARK = { gateway: ' g', mixed: ' m', computed: '', unknown: '' } as const;
/** Marks a stream figure of a buffered target (see the legend). */
const bmark = (t: BenchTarget, cell: string): string => (isBuffered(t) && cell !== '—' ? `${cell} b` : cell);

interface BenchColumn extends Column {
  cell(t: BenchTarget): string;
}

// `drop`: which figures give way first on a narrow terminal (lowest first); target, ok/sent, TTFT p50,
// e2e p50 and cost are the point of the table and always stay.
const COLUMNS: BenchColumn[] = [
  { header: 'target', cell: (t) => rowName(t) + (t.baseline ? '*' : '') },
  { header: 'ok/sent', align: 'right', fixed: true, cell: (t) => `${t.requests.ok}/${t.requests.sent}` },
  { header: 'errors', align: 'right', fixed: true, drop: 70, cell: (t) => percent(errorRate(t)) },
  { header: 'TTFT p50', align: 'right', fixed: true, cell: (t) => bmark(t, stat(t.latencyMs.ttft, 'p50')) },
  { header: 'TTFT p95', align: 'right', fixed: true, drop: 60, cell: (t) => bmark(t, stat(t.latencyMs.ttft, 'p95')) },
  { header: 'e2e p50', align: 'right', fixed: true, cell: (t) => stat(t.latencyMs.e2e, 'p50') },
  { header: 'e2e p95', align: 'right', fixed: true, drop: 50, cell: (t) => stat(t.latencyMs.e2e, 'p95') },
  { header: 'ITL p50', align: 'right', fixed: true, drop: 40, cell: (t) => bmark(t, stat(t.latencyMs.itl, 'p50', 1)) },
  { header: 'tok/s', align: 'right', fixed: true, drop: 30, cell: (t) => bmark(t, t.outputTokensPerSecond.p50 === null ? '—' : fmtMs(t.outputTokensPerSecond.p50, 0)) },
  { header: '$/1k req', align: 'right', fixed: true, cell: (t) => formatUsd(t.cost.per1kRequestsUsd) + COST_MARK[t.cost.source] },
  { header: 'cache', align: 'right', fixed: true, drop: 20, cell: (t) => percent(cacheHitRate(t)) },
  { header: 'usage', align: 'right', fixed: true, drop: 10, cell: (t) => percent(t.tokens.usageReportedRate) },
];

function heading(b: BenchView): string {
  const when = `${b.startedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const origin = b.merge ? `; ${b.merge.runs.length} runs merged by ${b.merge.by} (${b.merge.runs.map((r) => r.label).join(', ')})` : b.environment?.label ? `; from ${b.environment.label}` : '';
  const done = b.run ? `; ${b.run.sentRequests} requests in ${b.run.durationS.toFixed(1)} s` : '';
  const ended = b.status.ended;
  const cut = cutShortText(b);
  const status = cut !== undefined ? ` — ${cut.replace(/^cut short/, 'CUT SHORT')}` : ended === 'completed' ? '' : ended === 'interrupted' ? ' — INTERRUPTED (partial)' : ' — STOPPED at --max-spend (partial)';
  return `Benchmark ${when}: ${describeRun(b)}${done}${origin}${status}`;
}

function legend(b: BenchView): string {
  const parts = ['ms'];
  if (b.targets.some((t) => t.baseline)) parts.push('* baseline');
  const small = smallSampleLegend(b.targets, SHOWN);
  if (small) parts.push(small);
  const sources = new Set(b.targets.map((t) => t.cost.source));
  const marks = [sources.has('gateway') && 'g = reported by the gateway', sources.has('mixed') && 'm = partly reported'].filter(Boolean);
  parts.push(`$/1k req: ${marks.length ? `${marks.join(', ')}, else ` : ''}computed from the price table`);
  if (b.targets.some(isBuffered)) parts.push(`b = ${BUFFERED_NOTE}`);
  return parts.join('; ');
}

function overheadLines(b: BenchView, width: number, c: ReturnType<typeof paint>): string[] {
  if (b.overhead.length === 0) return [];
  const lines = ['', ...hang('', `Overhead vs ${b.overhead[0]!.baseline} (difference in p50, 95% bootstrap interval)`, width, c.bold, 2)];
  const told = new Set<string>();
  for (const o of b.overhead) {
    const mark = o.ci95 === null ? c.dim('?') : o.ci95[0] > 0 ? c.yellow('+') : o.ci95[1] < 0 ? c.green('−') : c.dim('=');
    // The gateway's own figure once per target, on its first row: it is the same for TTFT and e2e.
    const key = `${o.target}\u0000${String(o.origin)}`;
    const said = told.has(key) ? undefined : selfReportedText(b, o);
    told.add(key);
    lines.push(...hang(`  ${mark} `, `${o.origin ? `${o.origin}: ` : ''}${o.verdict}${said ? `; the gateway says ${said}` : ''}`, width));
  }
  return lines;
}

/** Each target's SLO attainment (met or missed), goodput and difference from the baseline. */
function sloLines(b: BenchView, width: number, c: ReturnType<typeof paint>): string[] {
  const s = sloOf(b);
  if (s === undefined) return [];
  const base = baselineName(b);
  const lines = ['', ...hang('', sloHeading(b, s), width, c.bold, 2)];
  for (const t of b.targets) {
    const text = sloSentence(t, base);
    if (text === undefined) continue;
    const mark = t.slo!.met === null ? c.dim('?') : t.slo!.met ? c.green('✓') : c.red('✗');
    lines.push(...hang(`  ${mark} `, text, width));
  }
  return lines;
}

/** Targets the run could not measure, first after the table: their rows hold no figures worth reading. */
function failedLines(b: BenchView, width: number, c: ReturnType<typeof paint>): string[] {
  const failed = b.status.failedTargets;
  if (failed.length === 0) return [];
  const title = `FAILED: ${failed.length} of ${b.targets.length} ${b.targets.length === 1 ? 'target' : 'targets'} had no successful request (not measured)`;
  return ['', ...hang('', title, width, c.red.bold, 2), ...failed.flatMap((f) => hang(`  ${c.red('✗')} `, describeFailure(f), width))];
}

function gateLines(gates: readonly GateResult[], width: number, c: ReturnType<typeof paint>): string[] {
  const checked = gates.filter((g) => g.status !== 'not-applicable');
  const failed = checked.filter((g) => g.status === 'fail');
  const title = failed.length > 0 ? c.red.bold(`Gates: ${failed.length} of ${checked.length} checks failed`) : c.bold(`Gates: all ${checked.length} checks passed`);
  return ['', title, ...failed.flatMap((g) => hang(`  ${c.red('✗')} `, g.message, width))];
}

export function renderBenchTerminal(input: BenchTerminalInput, opts: TerminalOptions): string {
  // Control characters in the result (gateway text, or a hostile summary.json) shown escaped, before colouring.
  const m = inertFor(input, 'terminal');
  const c = paint(opts.color);
  const width = Math.max(20, opts.width);
  const b = m.bench;
  const lines = hang('', heading(b), width, undefined, 2);
  lines[0] = lines[0]!.replace(/^Benchmark/, c.bold('Benchmark'));
  const rows = table(COLUMNS, b.targets.map((t) => COLUMNS.map((col) => col.cell(t))), width, { head: c.bold, rule: c.dim });
  // Too narrow for a table, the rows come as blocks: the legend then needs a line of air above it.
  const blocks = !rows[1]?.includes('─');
  // The answer first, before any table.
  lines.push(...verdictTerminal(b, width, c));
  // A sweep: its steps first; the usual table then pools every measured step, and says so.
  if (b.sweep) lines.push(...renderSweep(b.sweep, width, c, b.sweep.steps.some((s) => s.sloAttainment !== null)), '', ...hang('', 'All measured steps pooled (latency from the send)', width, c.bold, 2));
  lines.push('', ...rows, ...(blocks ? [''] : []), ...hang('  ', legend(b), width, c.dim));
  lines.push(...failedLines(b, width, c));
  lines.push(...overheadLines(b, width, c));
  lines.push(...pairwiseTerminal(b, width, c));
  lines.push(...sloLines(b, width, c));

  // Under the tables: how each target's TTFT spreads (e2e when nothing streamed), on one shared axis.
  const metric = b.targets.some((t) => t.latencyMs.ttft.n > 0) ? 'ttft' : 'e2e';
  const spark = renderSparklines(
    c.bold(metric === 'ttft' ? 'TTFT distribution' : 'e2e distribution'),
    b.targets.map((t) => ({ name: rowName(t), distribution: latencyDistribution(t, metric, m.requests), p50: t.latencyMs[metric].p50 })),
    width,
    opts.unicode ?? true,
  );
  if (spark) lines.push('', ...spark.trimEnd().split('\n'));
  lines.push(...driftLines(b.slices, width, { bold: c.bold, dim: c.dim, unicode: opts.unicode ?? true }));
  if (m.gates && m.gates.length > 0) lines.push(...gateLines(m.gates, width, c));
  lines.push(...section(c.bold('Notes'), b.warnings.flatMap((w) => hang(`  ${c.yellow('!')} `, w, width))));
  return lines.join('\n') + '\n';
}
