import type { BenchView } from './bench-input.js';
import { hang } from './layout.js';
import type { paint } from './paint.js';
import { fastestRow, orientedPair, verdictLines } from './verdict.js';

/** The verdict and the gateway-vs-gateway lines for the terminal report, fitted to `width` (pure). */

type Paint = ReturnType<typeof paint>;

export function verdictTerminal(b: BenchView, width: number, c: Paint): string[] {
  const lines = verdictLines(b);
  return ['', ...hang('', 'Verdict', width, c.bold, 2), ...lines.flatMap((l) => hang('  • ', l.label ? `${l.label}: ${l.text}` : l.text, width))];
}

/** Pairs the terminal lists in full; beyond it, the fastest against each other gateway (all pairs: markdown, HTML, JSON). */
const ALL_PAIRS_UP_TO = 6;

/** One line per pair on the verdict's metric (TTFT when streamed). */
export function pairwiseTerminal(b: BenchView, width: number, c: Paint): string[] {
  const all = b.pairwise ?? [];
  if (all.length === 0) return [];
  const { row: best, metric } = fastestRow(b.targets.filter((t) => !t.baseline && t.requests.ok > 0));
  const onMetric = all.filter((p) => p.metric === metric);
  if (onMetric.length === 0) return [];
  const few = onMetric.length <= ALL_PAIRS_UP_TO || best === undefined;
  const rows = few ? onMetric : onMetric.filter((p) => p.a === best.name || p.b === best.name).map((p) => orientedPair(b, best.name, p.a === best.name ? p.b : p.a, metric)!);
  const what = few ? '' : `, ${best!.name} against each; ${onMetric.length - rows.length} more pairs in the JSON, markdown and HTML reports`;
  const lines = ['', ...hang('', `Gateway vs gateway (${metric === 'ttft' ? 'TTFT' : 'e2e'} p50 difference, paired by round, 95% bootstrap interval${what})`, width, c.bold, 2)];
  for (const p of rows) {
    const mark = p.ci95 === null ? c.dim('?') : p.ci95[0] > 0 || p.ci95[1] < 0 ? c.yellow('≠') : c.dim('=');
    lines.push(...hang(`  ${mark} `, p.verdict, width));
  }
  return lines;
}
