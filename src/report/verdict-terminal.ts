import type { BenchView } from './bench-input.js';
import { hang } from './layout.js';
import type { paint } from './paint.js';
import { verdictLines } from './verdict.js';

/** The verdict and the gateway-vs-gateway lines for the terminal report, fitted to `width` (pure). */

type Paint = ReturnType<typeof paint>;

export function verdictTerminal(b: BenchView, width: number, c: Paint): string[] {
  const lines = verdictLines(b);
  return ['', ...hang('', 'Verdict', width, c.bold, 2), ...lines.flatMap((l) => hang('  • ', l.label ? `${l.label}: ${l.text}` : l.text, width))];
}

/** One line per pair on the verdict's metric (TTFT when streamed): the full table is in markdown, HTML and JSON. */
export function pairwiseTerminal(b: BenchView, width: number, c: Paint): string[] {
  const all = b.pairwise ?? [];
  if (all.length === 0) return [];
  const metric = all.some((p) => p.metric === 'ttft') ? 'ttft' : 'e2e';
  const rows = all.filter((p) => p.metric === metric);
  const lines = ['', ...hang('', `Gateway vs gateway (${metric === 'ttft' ? 'TTFT' : 'e2e'}: difference in p50, paired by round, 95% bootstrap interval)`, width, c.bold, 2)];
  for (const p of rows) {
    const mark = p.ci95 === null ? c.dim('?') : p.ci95[0] > 0 || p.ci95[1] < 0 ? c.yellow('≠') : c.dim('=');
    lines.push(...hang(`  ${mark} `, p.verdict, width));
  }
  return lines;
}
