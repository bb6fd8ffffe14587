import { cutShortText } from './cut-short.js';
import { formatNumber } from '../format.js';
import { formatValue, type GateResult } from '../gates/evaluate.js';
import { BUFFERED_NOTE, cacheHitRate, describeFailure, errorRate, isBuffered, rowName, selfReportedText, type BenchTarget, type BenchView, type Stats } from './bench-input.js';
import type { ReportModel } from './report-model.js';
import { runShape } from './run-shape.js';
import { marked, smallSampleLegend, type Shown } from './small-sample.js';
import { pairwiseMarkdown, verdictMarkdown } from './verdict-markdown.js';
import type { PercentileName } from '../bench/stats.js';
import { attainmentText, baselineName, goodputText, sloHeading, sloOf, vsBaselineText } from './slo-text.js';
import { sweepMarkdown } from './sweep-markdown.js';
import { inertFor } from './inert-model.js';
import { slicesMarkdown } from './slices.js';

/** GitHub rejects a step summary over 1 MiB; stay well inside it. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;
const BUDGET = STEP_SUMMARY_LIMIT - 16 * 1024;

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: readonly string[], rows: readonly string[][], align: readonly ('l' | 'r')[]): string[] => [
  row(head),
  `|${align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`,
  ...rows.map(row),
];

const ms = (v: number | null): string => (v === null ? '—' : `${formatNumber(v, v < 10 ? 1 : 0)} ms`);
/** A percentile in ms, `~`-marked when its n cannot support it (the legend under the table says so). */
const mms = (s: Stats, key: PercentileName): string => marked(s, key, (v) => `${formatNumber(v, v < 10 ? 1 : 0)} ms`);
const SHOWN: Shown<BenchTarget>[] = (['ttft', 'e2e'] as const).flatMap((m) => (['p50', 'p95'] as const).map((key) => ({ stats: (t: BenchTarget) => t.latencyMs[m], key })));
const pct = (v: number | null): string => (v === null ? '—' : `${formatNumber(v * 100, 1)}%`);
const usd = (v: number | null): string => (v === null ? '—' : `$${formatNumber(v, 4)}`);
const buffered = (t: BenchTarget, cell: string): string => (isBuffered(t) && cell !== '—' ? `${cell} *buffered*` : cell);

function errorsCell(t: BenchTarget): string {
  const parts = Object.entries(t.errors)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([k, n]) => `${k} ${n}`);
  return parts.length === 0 ? '0' : `${pct(errorRate(t))} (${parts.join(', ')})`;
}

/** Targets the run could not measure, named before anything else: their rows are not results. */
function failedLines(b: BenchView): string[] {
  const failed = b.status.failedTargets;
  if (failed.length === 0) return [];
  return [`**❌ Failed: ${failed.length} of ${b.targets.length} ${b.targets.length === 1 ? 'target' : 'targets'} had no successful request (not measured)**`, '', ...failed.map((f) => `- ${cell(describeFailure(f))}`), ''];
}

function gatesLine(gates: readonly GateResult[]): string {
  const failed = gates.filter((g) => g.status === 'fail').length;
  const checked = gates.filter((g) => g.status !== 'not-applicable').length;
  return failed === 0 ? `**Gates: ✅ all ${checked} checks passed**` : `**Gates: ❌ ${failed} of ${checked} checks failed**`;
}

function gateRows(gates: readonly GateResult[]): string[][] {
  return gates
    .filter((g) => g.status !== 'not-applicable')
    .sort((a, b) => Number(b.status === 'fail') - Number(a.status === 'fail'))
    .map((g) => [g.status === 'fail' ? '❌ fail' : '✅ pass', `\`${g.gate}\``, rowName({ name: g.target, origin: g.origin }), g.measured === null ? 'not measured' : formatValue(g.measured, g.unit), `${g.op} ${formatValue(g.limit, g.unit)}`]);
}

/** Each target's SLO attainment against the target, goodput and difference from the baseline. */
function sloMarkdown(b: BenchView): string[] {
  const s = sloOf(b);
  if (s === undefined) return [];
  const base = baselineName(b);
  const rows = b.targets.filter((t) => t.slo).map((t) => [rowName(t), `${t.slo!.met === null ? '—' : t.slo!.met ? '✅' : '❌'} ${attainmentText(t.slo!)}`, goodputText(t.slo!).replace(/^goodput /, ''), vsBaselineText(t.slo!, base) ?? '(baseline)']);
  return [`**${sloHeading(b, s)}**`, '', ...table(['target', 'attainment', 'goodput', `vs ${base}`], rows, ['l', 'l', 'r', 'l']), ''];
}

/**
 * The compact summary for a pull request or a GitHub step summary: gates first, then the targets table,
 * overhead verdicts, and (when given) the recommendation and cost. Long lists are cut to fit GitHub's
 * 1 MiB step-summary limit, saying how many rows were left out.
 */
export function renderMarkdown(input: ReportModel): string {
  // The result's text as plain text: no HTML, links, images or emphasis from a gateway or a summary.json.
  const m = inertFor(input, 'markdown');
  const b = m.bench;
  const out: string[] = [];
  const when = b.startedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  out.push(`### gateway-scout benchmark`, '', cell(`${when} · ${runShape(b)}`), '');
  const cut = cutShortText(b);
  if (cut !== undefined) out.push(`**⚠ Run ${cut}**`, '');
  out.push(...failedLines(b));
  out.push(...verdictMarkdown(b, cell));
  if (m.gates) out.push(gatesLine(m.gates), '');

  out.push(
    ...table(
      ['target', 'ok / sent', 'errors', 'TTFT p50', 'TTFT p95', 'e2e p50', 'e2e p95', 'tokens/s p50', 'cost / 1k req', 'cache hits'],
      b.targets.map((t) => [
        `${rowName(t)}${t.requests.ok === 0 ? ' ❌ not measured' : ''}`,
        `${t.requests.ok} / ${t.requests.sent}`,
        errorsCell(t),
        buffered(t, mms(t.latencyMs.ttft, 'p50')),
        buffered(t, mms(t.latencyMs.ttft, 'p95')),
        mms(t.latencyMs.e2e, 'p50'),
        mms(t.latencyMs.e2e, 'p95'),
        buffered(t, t.outputTokensPerSecond.p50 === null ? '—' : formatNumber(t.outputTokensPerSecond.p50, 0)),
        `${usd(t.cost.per1kRequestsUsd)}${t.cost.source === 'unknown' ? '' : ` (${t.cost.source})`}`,
        pct(cacheHitRate(t)),
      ]),
      ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  const small = smallSampleLegend(b.targets, SHOWN);
  if (small) out.push(`<sub>${cell(small)}</sub>`, '');
  const held = b.targets.filter(isBuffered);
  if (held.length > 0) out.push(`**⚠️ Buffered: ${held.map((t) => rowName(t)).join(', ')}** — ${BUFFERED_NOTE} (marked *buffered* above).`, '');

  if (b.overhead.length > 0) {
    const base = b.overhead[0]?.baseline ?? 'the baseline';
    out.push(`**Overhead against ${base}** (p50 difference, 95% interval)`, '');
    // The gateway's own figure gets a column only when some gateway reported one.
    const said = b.overhead.map((o) => selfReportedText(b, o));
    const withSaid = said.some((x) => x !== undefined);
    out.push(
      ...table(
        ['target', 'metric', 'p50 Δ', '95% interval', ...(withSaid ? ['gateway says'] : []), 'verdict'],
        b.overhead.map((o, i) => [
          rowName({ name: o.target, origin: o.origin }),
          o.metric === 'ttft' ? 'TTFT' : 'e2e',
          ms(o.p50DeltaMs),
          o.ci95 ? `${formatNumber(o.ci95[0], 1)} to ${formatNumber(o.ci95[1], 1)} ms` : '—',
          ...(withSaid ? [said[i] ?? '—'] : []),
          o.verdict,
        ]),
        ['l', 'l', 'r', 'r', ...(withSaid ? (['l'] as const) : []), 'l'],
      ),
      '',
    );
  }

  out.push(...pairwiseMarkdown(b, table));
  out.push(...sloMarkdown(b), ...sweepMarkdown(b));
  out.push(...slicesMarkdown(b.slices));

  if (m.choose) {
    const r = m.choose.recommendation;
    out.push(r.gateway === null ? '**Recommendation:** none of the catalog meets the hard constraints.' : `**Recommendation:** ${r.name} (score ${r.score}/100, confidence ${r.confidence}${r.runnerUp ? `, runner-up ${r.runnerUp}` : ''})`);
    for (const reason of r.reasons.filter((x) => x.effect === 'for').slice(0, 3)) out.push(`- ${reason.text}`);
    for (const w of r.watchOuts.slice(0, 3)) out.push(`- ⚠️ ${w.title}`);
    out.push('');
  }
  if (m.cost) {
    const rows = [...m.cost.gateways, ...m.cost.stacks].filter((g) => g.eligible).map((g) => [g.name, `$${formatNumber(g.monthlyUsd.total, 2)}${g.excludesUnpublished ? ' +' : ''}`]);
    if (rows.length > 0) out.push('**Monthly cost for your workload**', '', ...table(['gateway', 'USD / month'], rows, ['l', 'r']), '');
  }

  const warnings = b.warnings;
  const tail: string[] = [];
  if (warnings.length > 0) tail.push('<details><summary>Warnings</summary>', '', ...warnings.map((w) => `- ${cell(w)}`), '', '</details>', '');
  const gates = m.gates ? gateRows(m.gates) : [];
  const head = out.join('\n');
  const footer = `\n<sub>gateway-scout ${m.version} · ${m.sources.map((s) => cell(s)).join(', ')}</sub>\n`;
  return fit(head, gates, tail.join('\n'), footer);
}

/** Add the gate table and warnings, cutting gate rows (failures are first) to stay inside the limit. */
function fit(head: string, gates: string[][], tail: string, footer: string): string {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  if (gates.length === 0) return clip(head + '\n' + tail + footer, bytes);
  const intro = ['<details><summary>Every gate check</summary>', ''];
  const tableHead = table(['result', 'gate', 'target', 'measured', 'fails if'], [], ['l', 'l', 'l', 'r', 'r']);
  let used = bytes(head) + bytes(tail) + bytes(footer) + bytes([...intro, ...tableHead].join('\n')) + 200;
  const kept: string[] = [];
  for (const g of gates) {
    const line = row(g);
    if (used + bytes(line) + 1 > BUDGET) break;
    kept.push(line);
    used += bytes(line) + 1;
  }
  const cut = gates.length - kept.length;
  const section = [...intro, ...tableHead, ...kept, ...(cut > 0 ? ['', `… ${cut} more checks left out to stay within GitHub's 1 MiB summary limit; see the JSON document.`] : []), '', '</details>', '', ''];
  return clip(head + '\n' + section.join('\n') + tail + footer, bytes);
}

/** Last resort for enormous inputs (thousands of targets): cut at a line under the budget. */
function clip(s: string, bytes: (s: string) => number): string {
  if (bytes(s) <= BUDGET) return s;
  let out = s.slice(0, BUDGET);
  while (bytes(out) > BUDGET - 200) out = out.slice(0, Math.floor(out.length * 0.95));
  return out.slice(0, out.lastIndexOf('\n') + 1) + '\n… cut to stay within GitHub\'s 1 MiB summary limit.\n';
}
