import { changedPickLine } from './pick.js';
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
  { key: 'licence', header: 'Plan, licence' },
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
  const changed = doc.bench?.changedPick;
  const out: string[] = [
    // Said first: the user's own measurements changed which option is cheapest.
    ...(changed ? [...hang('', changedPickLine(changed, 'cheapest option'), width, c.yellow.bold), ''] : []),
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
  const ineligible = optionsOf(doc).filter((g) => !g.eligible);
  if (ineligible.length > 0) out.push(...hang(c.dim('† not eligible: '), ineligible.map(whyNot).join(' '), width, c.dim));
  if (optionsOf(doc).some((g) => g.excludesUnpublished)) out.push(...hang(c.dim('n/p: '), 'a price (licence, plan or fee) that is not published, left out of the total.', width, c.dim));
  out.push(...section(c.bold('Break-even (all else fixed, 1k–1B requests/month)'), breakEvenLines(doc, width, view.details === true, c.dim)));

  if (view.details) {
    const notes = new Footnotes();
    out.push(...renderCostDetails(doc, width, view.color, notes));
    out.push(...section(c.bold('Sources'), notes.lines(width, c.dim)));
  } else {
    out.push('', ...hang('', 'More: --details for every line with its assumption and source, totals by volume, a chart and the assumptions.', width, c.dim));
  }
  return out.join('\n') + '\n';
}

/** Which line kinds each column sums (as option-cost.ts does). */
const KINDS: Record<Component, readonly string[]> = { tokens: ['tokens'], cacheSavings: ['cache-savings'], fees: ['fee'], infrastructure: ['infrastructure'], licence: ['licence', 'plan'], ops: ['ops'] };

/** A line of this column has no published price, so the figure shown leaves it out. */
function unpublishedIn(g: Gateway, key: Component): boolean {
  return g.lines.some((l) => l.usd === null && KINDS[key].includes(l.kind));
}

/** Gateways, then the catalog's stacks: every option the cost model prices. */
export const optionsOf = (doc: CostReport): Gateway[] => [...doc.gateways, ...doc.stacks];

/** The first hard constraint or limit that excludes it, as the eligibility decision stated it. */
const whyNot = (g: Gateway): string => `${g.name}: ${g.excludedBecause[0] ?? g.notes[0] ?? 'excluded by your answers'}${/[.!?]$/.test(g.excludedBecause[0] ?? '') ? '' : '.'}`;

export const nameOf = (doc: CostReport) => {
  const names = new Map(optionsOf(doc).map((g) => [g.gateway, g.name]));
  return (id: string | null) => (id === null ? 'neither' : (names.get(id) ?? id));
};

/** Gateways and stacks, cheapest first; options that are not eligible last. Components that are zero for everyone are left out. */
function totalsTable(doc: CostReport, width: number, color: boolean): string[] {
  const c = paint(color);
  const all = optionsOf(doc);
  const shown = COMPONENTS.filter(({ key }) => all.some((g) => g.monthlyUsd[key] !== 0 || unpublishedIn(g, key)));
  const sorted = [...all].sort((x, y) => Number(y.eligible) - Number(x.eligible) || x.monthlyUsd.total - y.monthlyUsd.total);
  const cell = (g: Gateway, key: Component) => (unpublishedIn(g, key) ? `${usd(g.monthlyUsd[key])} + n/p` : usd(g.monthlyUsd[key]));
  const saved = all.some((g) => g.monthlyUsd.cacheSavings !== 0);
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

/**
 * Every pair of eligible options with `details`; by default only the pairs that cross (with stacks there can be
 * many pairs, and "never" says little), and how many never do.
 */
function breakEvenLines(doc: CostReport, width: number, details: boolean, dim: (s: string) => string): string[] {
  const name = nameOf(doc);
  const shown = details ? doc.breakEven : doc.breakEven.filter((b) => b.monthlyRequests !== null);
  const lines = shown.flatMap((b) => {
    const pair = `${name(b.a)} vs ${name(b.b)}: `;
    if (b.monthlyRequests === null) {
      return hang('  ', `${pair}never; ${b.cheaperBelow === null ? 'equal throughout' : `${name(b.cheaperBelow)} is cheaper throughout`}.`, width, undefined, 4);
    }
    const more = b.crossings.length > 1 ? ` (crosses again at ${b.crossings.slice(1).map((x) => countShort(x)).join(', ')})` : '';
    const text = `${pair}${formatInt(b.monthlyRequests)} requests/month (~${countShort(b.monthlyRequests)}); ${name(b.cheaperBelow)} is cheaper below, ${name(b.cheaperAbove)} from there${more}.`;
    return hang('  ', text, width, undefined, 4);
  });
  const never = doc.breakEven.length - shown.length;
  if (never > 0) lines.push(...hang('  ', `${shown.length === 0 ? 'No' : 'No other'} pair crosses: ${never} never do (--details lists them).`, width, dim, 4));
  return lines;
}
