import { formatInt, formatNumber } from '../../format.js';
import { rowName, type BenchTarget, type BenchView } from '../bench-input.js';
import { baselineName, goodputText, sloHeading, sloOf, vsBaselineText } from '../slo-text.js';
import { kneeSentence, ranSteps, sweepHasSlo, sweepTargets } from '../sweep-text.js';
import type { Chart } from './charts.js';
import { esc } from './escape.js';
import { table } from './table.js';

/** The HTML report's SLO and rate-sweep sections (pure): tables and sentences; the sweep charts come in `charts`. */

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, 1)}%`);
const ms = (v: number | null) => (v === null ? '—' : formatNumber(v, v < 10 ? 1 : 0));

export function sloSection(b: BenchView): string[] {
  const s = sloOf(b);
  if (s === undefined) return [];
  const base = baselineName(b);
  const rows = b.targets.filter((t) => t.slo);
  const verdict = (t: BenchTarget) => (t.slo!.met === null ? '—' : t.slo!.met ? '<span class="pass">✓ met</span>' : '<span class="fail">✗ missed</span>');
  return [
    `<section aria-labelledby="h-slo"><h2 id="h-slo">SLO attainment and goodput</h2>`,
    `<p>${esc(sloHeading(b, s))}.</p>`,
    table(
      `Share of measured requests meeting every bound against the target of ${pct(s.target)}; goodput is good requests per second of the run; the difference from ${base} is paired by round, with a 95% bootstrap interval.`,
      [
        { head: 'target', cell: (t: BenchTarget) => esc(rowName(t)) },
        { head: 'attainment', num: true, cell: (t) => `${pct(t.slo!.attainment)} <span class="sub">${t.slo!.good} / ${t.slo!.total}</span>` },
        { head: `vs ${pct(s.target)}`, cell: verdict },
        { head: 'goodput', num: true, cell: (t) => esc(goodputText(t.slo!).replace(/^goodput /, '')) },
        { head: `vs ${base}`, cell: (t) => esc(vsBaselineText(t.slo!, base) ?? '(baseline)') },
      ],
      rows,
    ),
    `</section>`,
  ];
}

export function sweepSection(b: BenchView, charts: ReadonlyMap<string, Chart>, figure: (c: Chart) => string): string[] {
  const s = b.sweep;
  if (!s) return [];
  const slo = sweepHasSlo(s);
  const figures = [...charts.values()].filter((c) => c.id.startsWith('sweep-')).map(figure);
  const steps = sweepTargets(s).flatMap((t) => ranSteps(s, t));
  return [
    `<section aria-labelledby="h-sweep"><h2 id="h-sweep">Rate sweep</h2>`,
    `<p>Open-loop steps at ${esc(s.rates.map((r) => formatNumber(r, 1)).join(', '))} requests per second per target; latency from the scheduled send.</p>`,
    s.clientBound ? `<p class="warn"><strong>The client, not the gateway, stopped the sweep at ${esc(formatNumber(s.clientBound.atRps, 1))} req/s:</strong> ${esc(s.clientBound.reason)}</p>` : '',
    `<ul>${s.knees.map((k) => `<li>${esc(kneeSentence(s, k, slo))}</li>`).join('')}</ul>`,
    ...figures,
    table(
      'Every step that ran (skipped steps, above a saturated one, are left out); latency in milliseconds from the scheduled send.',
      [
        { head: 'target', cell: (x: (typeof steps)[number]) => esc(x.target) },
        { head: 'offered', num: true, cell: (x) => formatNumber(x.offeredRps, 1) },
        { head: 'achieved', num: true, cell: (x) => (x.achievedRps === null ? '—' : formatNumber(x.achievedRps, 1)) },
        { head: 'ok / sent', num: true, cell: (x) => `${formatInt(x.ok)} / ${formatInt(x.sent)}` },
        { head: 'errors', num: true, cell: (x) => pct(x.errorRate) },
        { head: 'TTFT p50', num: true, cell: (x) => ms(x.latencyMs.ttft.p50) },
        { head: 'TTFT p99', num: true, cell: (x) => ms(x.latencyMs.ttft.p99) },
        { head: 'e2e p50', num: true, cell: (x) => ms(x.latencyMs.e2e.p50) },
        { head: 'e2e p99', num: true, cell: (x) => ms(x.latencyMs.e2e.p99) },
        ...(slo ? [{ head: 'SLO', num: true, cell: (x: (typeof steps)[number]) => pct(x.sloAttainment) }] : []),
        { head: 'state', cell: (x) => (x.saturated ? `<span class="fail">saturated${x.saturatedBy.length ? ` (${esc(x.saturatedBy.join(', '))})` : ''}</span>` : x.clientBound ? '<span class="warn">client-bound (not the target)</span>' : 'ok') },
      ],
      steps,
    ),
    `</section>`,
  ];
}
