import type { CostReport } from '../cost/report-schema.js';
import { countShort, renderCostChart } from './cost-chart.js';
import { usd, nameOf, optionsOf } from './cost-table.js';
import { hang, section, table, type Footnotes } from './layout.js';
import { paint } from './paint.js';

/**
 * The `cost --details` part: every gateway and stack line by line (assumption in the table, sources as footnotes),
 * totals by volume, the chart and the assumptions. Pure.
 */
export function renderCostDetails(doc: CostReport, width: number, color: boolean, notes: Footnotes): string[] {
  const c = paint(color);
  const name = nameOf(doc);
  const out: string[] = [];
  for (const g of optionsOf(doc)) {
    const runs = (m: { hosting: string; billing: string }) => `${m.hosting}, ${m.billing === 'byok' ? 'your provider keys' : 'gateway credits'}`;
    const how = `${g.kind === 'stack' ? g.members.map((m) => `${name(m.gateway)} ${runs(m)}`).join(' → ') : runs(g)}${g.eligible ? '' : ', not eligible'}`;
    const total = `${usd(g.monthlyUsd.total)}/month${g.excludesUnpublished ? ' + prices not published' : ''}`;
    out.push('', ...hang('', `${c.bold(g.name)} (${how}): ${total}`, width, undefined, 2));
    const rows = g.lines.map((l) => [l.label, usd(l.usd), `${l.assumption}${refs(l.source, notes)}`]);
    rows.push([{ text: 'Total', style: c.bold } as never, { text: usd(g.monthlyUsd.total), style: c.bold } as never, g.excludesUnpublished ? 'excludes prices that are not published' : '']);
    out.push(
      ...table([{ header: 'Line' }, { header: 'USD/month', align: 'right', fixed: true }, { header: 'How it is worked out [source]' }], rows, width, { head: c.bold, rule: c.dim }),
    );
    for (const n of g.excludedBecause) out.push(...hang('  not eligible: ', n, width));
    for (const n of g.notes) out.push(...hang('  note: ', n, width));
  }

  const decades = doc.curve.monthlyRequests.map((v, i) => [v, i] as const).filter(([v]) => /^1/.test(String(v)));
  const curve = table(
    [{ header: 'Requests/month', align: 'right', fixed: true }, ...doc.curve.series.map((x) => ({ header: name(x.gateway), align: 'right' as const }))],
    decades.map(([v, i]) => [countShort(v), ...doc.curve.series.map((x) => (x.totalUsd[i] === null ? 'over a limit' : usd(x.totalUsd[i] ?? null)))]),
    width,
    { head: c.bold, rule: c.dim },
  );
  out.push(...section(c.bold('Total USD/month by volume (all else fixed)'), curve));
  const chart = renderCostChart(doc.curve.monthlyRequests, doc.curve.series.map((x) => ({ name: name(x.gateway), values: x.totalUsd })), 12, width);
  out.push(...section(c.bold('Total cost by volume'), chart.trimEnd().split('\n')));
  const assumptions = doc.assumptions.flatMap((x) => hang('  - ', x.text, width));
  assumptions.push(...hang('', 'Override them with flags (gateway-scout cost --help) or the cost: section of an answers file; see docs/cost-model.md.', width, c.dim));
  out.push(...section(c.bold('Assumptions'), assumptions));
  return out;
}

/** "https://a; assumption (…)" → " [3] [4]": URLs and stated assumptions become footnotes. */
function refs(source: string, notes: Footnotes): string {
  const parts = source.split('; ').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return '';
  return ' ' + parts.map((p) => (/^https?:\/\//.test(p) ? notes.ref(p, '', p) : notes.ref(p, p))).join(' ');
}
