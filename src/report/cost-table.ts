import type { CostReport } from '../cost/report-schema.js';
import { formatFixed, formatInt } from '../format.js';
import { renderCostDetails } from './cost-details.js';
import { countShort } from './cost-chart.js';
import { Footnotes, hang, section, table } from './layout.js';
import { paint } from './paint.js';

/** Human rendering of the cost document. Pure. */

export function usd(x: number | null): string {
  if (x === null) return 'not published';
  const sign = x < 0 ? '-' : '';
  return `${sign}$${formatFixed(Math.abs(x), 2)}`;
}

export interface CostView {
  width: number;
  color: boolean;
  /** Every line with its assumption and source, totals by volume, the chart and the assumptions. */
  details?: boolean;
}

type Gateway = CostReport['gateways'][number];
type Component = 'tokens' | 'fees' | 'infrastructure' | 'licence' | 'ops' | 'cacheSavings';

/** What the total adds up; the cache saving, already taken off the tokens, is shown after the total. */
const COMPONENTS: readonly { key: Component; header: string }[] = [
  { key: 'tokens', header: 'Tokens' },
  { key: 'fees', header: 'Fees' },
  { key: 'infrastructure', header: 'Infra' },
  { key: 'licence', header: 'Licence' },
  { key: 'ops', header: 'Ops' },
];

/**
 * By default: the workload, the cheapest option, totals (cheapest first, the components that are not zero
 * everywhere) and the break-even volumes. With `details`, each gateway line by line, totals by volume, a
 * chart and the assumptions, sources as numbered footnotes.
 */
export function renderCostReport(doc: CostReport, view: CostView = { width: 100, color: false }): string {
  const { width } = view;
  const c = paint(view.color);
  const name = nameOf(doc);
  const a = doc.inputs.answers;
  const mix = doc.inputs.cost.models.map((m) => `${m.id} ${Math.round(m.share * 1000) / 10}%`).join(', ');
  const out: string[] = [
    ...hang('', c.bold(`Monthly cost at ${formatInt(a.monthlyRequests)} requests/month`), width),
    ...hang('  ', `${formatInt(a.avgInputTokens)} input and ${formatInt(a.avgOutputTokens)} output tokens a request · models: ${mix}`, width, c.dim),
    '',
    ...hang(
      c.bold('Cheapest: '),
      doc.cheapest
        ? `${name(doc.cheapest.gateway)} at ${usd(doc.cheapest.totalUsd)}/month${doc.cheapest.excludesUnpublished ? ', excluding prices that are not published' : ''}.`
        : 'none: no gateway is eligible for these answers.',
      width,
    ),
    '',
    ...totalsTable(doc, width, view.color),
  ];
  const ineligible = doc.gateways.filter((g) => !g.eligible);
  if (ineligible.length > 0) out.push(...hang(c.dim('† not eligible: '), ineligible.map((g) => g.notes[0] ?? `${g.name} is excluded by your answers.`).join(' '), width, c.dim));
  if (doc.gateways.some((g) => g.licenceUnpublished)) out.push(...hang(c.dim('n/p: '), 'a licence price that is not published, left out of the total.', width, c.dim));
  out.push(...section(c.bold('Break-even (all else fixed, 1k–1B requests/month)'), breakEvenLines(doc, width)));

  if (view.details) {
    const notes = new Footnotes();
    out.push(...renderCostDetails(doc, width, view.color, notes));
    out.push(...section(c.bold('Sources'), notes.lines(width, c.dim)));
  } else {
    out.push('', ...hang('', 'More: --details for every line with its assumption and source, totals by volume, a chart and the assumptions.', width, c.dim));
  }
  return out.join('\n') + '\n';
}

export const nameOf = (doc: CostReport) => {
  const names = new Map(doc.gateways.map((g) => [g.gateway, g.name]));
  return (id: string | null) => (id === null ? 'neither' : (names.get(id) ?? id));
};

/** Cheapest first; gateways that are not eligible last. Components that are zero for everyone are left out. */
function totalsTable(doc: CostReport, width: number, color: boolean): string[] {
  const c = paint(color);
  const shown = COMPONENTS.filter(({ key }) => doc.gateways.some((g) => g.monthlyUsd[key] !== 0 || (key === 'licence' && g.licenceUnpublished)));
  const sorted = [...doc.gateways].sort((x, y) => Number(y.eligible) - Number(x.eligible) || x.monthlyUsd.total - y.monthlyUsd.total);
  const cell = (g: Gateway, key: Component) => (key === 'licence' && g.licenceUnpublished ? `${usd(g.monthlyUsd.licence)} + n/p` : usd(g.monthlyUsd[key]));
  const saved = doc.gateways.some((g) => g.monthlyUsd.cacheSavings !== 0);
  const rows = sorted.map((g) => {
    const style = g.eligible ? undefined : c.dim;
    return [
      { text: g.eligible ? g.name : `${g.name} †`, style },
      ...shown.map(({ key }) => ({ text: cell(g, key), style })),
      { text: usd(g.monthlyUsd.total), style: style ?? c.bold },
      ...(saved ? [{ text: usd(g.monthlyUsd.cacheSavings), style: c.dim }] : []),
    ];
  });
  const figure = (header: string) => ({ header, align: 'right' as const, fixed: true });
  return table(
    [{ header: 'USD/month' }, ...shown.map(({ header }) => figure(header)), figure('Total'), ...(saved ? [figure('Cache saved')] : [])],
    rows,
    width,
    { head: c.bold, rule: c.dim },
  );
}

function breakEvenLines(doc: CostReport, width: number): string[] {
  const name = nameOf(doc);
  return doc.breakEven.flatMap((b) => {
    const pair = `${name(b.a)} vs ${name(b.b)}: `;
    if (b.monthlyRequests === null) {
      return hang('  ', `${pair}never; ${b.cheaperBelow === null ? 'equal throughout' : `${name(b.cheaperBelow)} is cheaper throughout`}.`, width, undefined, 4);
    }
    const more = b.crossings.length > 1 ? ` (crosses again at ${b.crossings.slice(1).map((x) => countShort(x)).join(', ')})` : '';
    const text = `${pair}${formatInt(b.monthlyRequests)} requests/month (~${countShort(b.monthlyRequests)}); ${name(b.cheaperBelow)} is cheaper below, ${name(b.cheaperAbove)} from there${more}.`;
    return hang('  ', text, width, undefined, 4);
  });
}
