import { formatNumber } from '../format.js';
import type { BenchView } from './bench-input.js';
import { verdictLines } from './verdict.js';

/** The verdict as a list and the gateway-vs-gateway table, for the markdown report (pure). */

export type MdTable = (head: readonly string[], rows: readonly string[][], align: readonly ('l' | 'r')[]) => string[];

export function verdictMarkdown(b: BenchView, cell: (s: string) => string): string[] {
  return ['**Verdict**', '', ...verdictLines(b).map((l) => `- ${l.label ? `**${l.label}:** ` : ''}${cell(l.text)}`), ''];
}

const ms = (v: number | null): string => (v === null ? '—' : `${formatNumber(v, Math.abs(v) < 10 ? 1 : 0)} ms`);

export function pairwiseMarkdown(b: BenchView, table: MdTable): string[] {
  const rows = b.pairwise ?? [];
  if (rows.length === 0) return [];
  return [
    '**Gateway vs gateway** (p50 of a − p50 of b over rounds where both succeeded, 95% bootstrap interval)',
    '',
    ...table(
      ['a', 'b', 'metric', 'p50 Δ', '95% interval', 'verdict'],
      rows.map((p) => [p.a, p.b, p.metric === 'ttft' ? 'TTFT' : 'e2e', ms(p.p50DeltaMs), p.ci95 ? `${formatNumber(p.ci95[0], 1)} to ${formatNumber(p.ci95[1], 1)} ms` : '—', p.verdict]),
      ['l', 'l', 'l', 'r', 'r', 'l'],
    ),
    '',
  ];
}
