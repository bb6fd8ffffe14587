import { formatInt, formatNumber } from '../format.js';
import type { BenchView } from './bench-input.js';
import { kneeSentence, ranSteps, rps, sweepHasSlo, sweepTargets } from './sweep-text.js';

/** The markdown sweep view (pure): a table per target of the steps that ran, then its knee. */

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const ms = (v: number | null) => (v === null ? '—' : `${formatNumber(v, v < 10 ? 1 : 0)}`);
const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, 1)}%`);

export function sweepMarkdown(b: Pick<BenchView, 'sweep'>): string[] {
  const s = b.sweep;
  if (!s) return [];
  const slo = sweepHasSlo(s);
  const step = s.stepDurationS !== null ? `${formatNumber(s.stepDurationS, 1)} s a step` : s.stepRequests !== null ? `${s.stepRequests} requests a step` : '';
  const out = [`**Rate sweep** (${s.rates.map((r) => formatNumber(r, 1)).join(', ')} req/s per target${step ? `, ${step}` : ''}; latency in ms from the scheduled send)`, ''];
  if (s.clientBound) out.push(`⚠️ The client, not the gateway, stopped the sweep at ${rps(s.clientBound.atRps)}: ${cell(s.clientBound.reason)}`, '');
  const head = ['offered', 'achieved', 'ok / sent', 'errors', 'TTFT p50', 'TTFT p99', 'e2e p50', 'e2e p99', ...(slo ? ['SLO'] : []), 'state'];
  for (const target of sweepTargets(s)) {
    const rows = ranSteps(s, target).map((x) => [
      formatNumber(x.offeredRps, 1),
      x.achievedRps === null ? '—' : formatNumber(x.achievedRps, 1),
      `${formatInt(x.ok)} / ${formatInt(x.sent)}`,
      pct(x.errorRate),
      ms(x.latencyMs.ttft.p50),
      ms(x.latencyMs.ttft.p99),
      ms(x.latencyMs.e2e.p50),
      ms(x.latencyMs.e2e.p99),
      ...(slo ? [pct(x.sloAttainment)] : []),
      x.saturated ? `⚠️ saturated${x.saturatedBy.length ? ` (${x.saturatedBy.join(', ')})` : ''}` : x.clientBound ? '⚠️ client-bound (not the target)' : 'ok',
    ]);
    out.push(`*${cell(target)}*`, '', `| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === head.length - 1 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`));
    const knee = s.knees.find((k) => k.target === target);
    out.push('', knee ? `**Knee** — ${cell(kneeSentence(s, knee, slo))}` : `**Knee** — ${cell(target)}: not determined`, '');
  }
  return out;
}
