import { formatNumber } from '../../format.js';
import type { BenchView } from '../bench-input.js';
import { verdictLines } from '../verdict.js';
import { esc } from './escape.js';
import { table } from './table.js';

/** The verdict, first on the page, and the gateway-vs-gateway table (pure). */

export function verdictSection(b: BenchView): string {
  const items = verdictLines(b).map((l) => `<li data-verdict="${l.kind}">${l.label ? `<strong>${esc(l.label)}:</strong> ` : ''}${esc(l.text)}</li>`);
  return `<section aria-labelledby="h-verdict" class="verdict"><h2 id="h-verdict">Verdict</h2><ul>${items.join('')}</ul></section>`;
}

const ms = (v: number | null) => (v === null ? '—' : formatNumber(v, Math.abs(v) < 10 ? 1 : 0));

export function pairwiseSection(b: BenchView): string {
  const rows = b.pairwise ?? [];
  if (rows.length === 0) return '';
  return [
    `<section aria-labelledby="h-pairwise"><h2 id="h-pairwise">Gateway vs gateway</h2>`,
    table(
      'p50 of a − p50 of b in milliseconds, over the rounds in which both succeeded (negative: a is faster); the interval is a 95% bootstrap interval, resampling whole rounds.',
      [
        { head: 'a', cell: (p) => esc(p.a) },
        { head: 'b', cell: (p) => esc(p.b) },
        { head: 'metric', cell: (p) => (p.metric === 'ttft' ? 'TTFT' : 'e2e') },
        { head: 'p50 Δ', num: true, cell: (p) => ms(p.p50DeltaMs) },
        { head: '95% interval', num: true, cell: (p) => (p.ci95 ? `${formatNumber(p.ci95[0], 1)} to ${formatNumber(p.ci95[1], 1)}` : '—') },
        { head: 'rounds', num: true, cell: (p) => String(p.n) },
        { head: 'verdict', cell: (p) => esc(p.verdict) },
      ],
      rows,
    ),
    `</section>`,
  ].join('\n');
}
