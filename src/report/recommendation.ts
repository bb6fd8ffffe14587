import type { Answers } from '../advisor/answers.js';
import type { RecommendationDocument } from '../advisor/document-schema.js';
import { QUESTIONS } from '../advisor/questions.js';
import { formatInt, formatNumber } from '../format.js';
import { Footnotes, hang, section, table, wrap } from './layout.js';
import { paint } from './paint.js';
import { briefReason, changedPickLine, costOf, pickId } from './pick.js';
import { renderNext, type NextStep } from './recommendation-parts.js';

type Doc = RecommendationDocument;
type Reason = Doc['recommendation']['reasons'][number];
type WatchOut = Doc['recommendation']['watchOuts'][number];

export type { NextStep } from './recommendation-parts.js';

export interface RecommendationView {
  width: number;
  color: boolean;
  /** Every reason with its note, every watch-out with its detail, the ranking and the answers. */
  details?: boolean;
  next?: readonly NextStep[];
}

/** Reasons shown without --details: the heaviest, one line each. */
const BRIEF_REASONS = 5;
/** Watch-outs shown without --details: the most severe. */
const BRIEF_WATCH_OUTS = 3;
/** Options named on the "Also eligible" line of the brief report; the others are counted. */
const ALSO_ELIGIBLE_NAMED = 3;

export function formatAnswer(a: Answers, id: keyof Answers): string {
  const v = a[id];
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.join(', ');
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

export function renderAnswersSummary(a: Answers, color: boolean): string {
  const c = paint(color);
  const width = Math.max(...QUESTIONS.map((q) => q.id.length));
  return [c.bold('Your answers'), ...QUESTIONS.map((q) => `  ${q.id.padEnd(width)}  ${formatAnswer(a, q.id)}`)].join('\n');
}

/**
 * The human report of `choose`. By default about one screen: the pick with its score, confidence and cost,
 * the heaviest reasons one line each, exclusions and the most severe watch-outs, sources as numbered
 * footnotes. With `details`, every reason with its note, every watch-out, the ranking and the answers.
 */
export function renderRecommendation(doc: Doc, view: RecommendationView): string {
  const { width } = view;
  const details = view.details === true;
  const c = paint(view.color);
  const r = doc.recommendation;
  const notes = new Footnotes();
  const sourceOf = new Map(doc.sources.map((s) => [s.id, s]));
  const cite = (id: string | undefined): string => {
    const s = id === undefined ? undefined : sourceOf.get(id);
    return s ? ` ${notes.ref(s.id, s.published ? `${s.title} (${s.published})` : s.title, s.url)}` : '';
  };
  const out: string[] = [];
  // Said first: a pick the user's own measurements overturned is the news of this report.
  for (const changed of [doc.bench?.changedPick, doc.drill?.changedPick]) if (changed) out.push(...hang('', changedPickLine(changed, 'pick'), width, c.yellow.bold), '');

  if (r.gateway === null) {
    out.push(...hang('', 'No gateway in the catalog meets your hard constraints.', width, c.red.bold));
  } else {
    out.push(...hang(c.bold('Recommendation: '), r.name, width, c.green.bold));
    // The confidence text names the runner-up and the margin; with no runner-up it says the pick is the only option.
    const facts = [`score ${r.score}/100`, r.confidence === 'only-option' ? 'the only eligible option' : `confidence ${r.confidenceText}`];
    out.push(...hang('  ', facts.join(' · '), width, undefined, 4));
    if (r.topology) out.push(...hang('  ', r.topology, width, undefined, 4));
    const cost = costLine(doc);
    if (cost) out.push(...hang('  ', cost, width, undefined, 4));
  }

  const shown = r.reasons.filter((x) => x.weight > 0 || x.criterion === 'stack' || x.criterion === 'constraint');
  const reasons = details ? shown : shown.slice(0, BRIEF_REASONS);
  const reasonLines = reasons.flatMap((x) => reasonBlock(x, details, width, view.color, cite));
  if (!details && shown.length > reasons.length) reasonLines.push(c.dim(`  … ${shown.length - reasons.length} more with --details`));
  out.push(...section(c.bold(r.gateway === null ? 'Why nothing fits' : 'Why'), reasonLines));

  if (details) out.push(...section(c.bold('Ranking'), rankingTable(doc, width, view.color)));
  else if (r.gateway !== null) {
    const others = [...doc.ranking, ...doc.stacks].filter((x) => x.eligible && x.members.join() !== r.stack.join()).sort((x, y) => y.score - x.score);
    // The closest few by name; the rest counted (the ranking table with --details has them all).
    const named = others.slice(0, ALSO_ELIGIBLE_NAMED).map((x) => `${x.name} ${x.score}`);
    const rest = others.length - named.length;
    if (others.length > 0) out.push('', ...hang(c.bold('Also eligible: '), named.join(' · ') + (rest > 0 ? c.dim(` · ${rest} more with --details`) : ''), width));
  }

  const excluded = doc.ranking.filter((x) => !x.eligible);
  if (r.gateway !== null) {
    const mark = `  ${c.red('✗')} `;
    const lines = details
      ? excluded.flatMap((x) => x.excludedBecause.flatMap((e) => hang(mark, `${x.name}: ${briefReason(e)}${cite(e.source)}`, width)))
      : groupedExclusions(excluded).flatMap(({ answer, members: [one, ...more] }) =>
          hang(mark, more.length === 0 ? `${one!.name}: ${one!.brief}${cite(one!.source)}` : `${answer} — excludes ${[one!, ...more].map((m) => `${m.name}${cite(m.source)}`).join(', ')}`, width),
        );
    out.push(...section(c.bold('Excluded'), lines));
  }

  // Answers that pull against each other come before the watch-outs: they may change what you should ask for.
  if (r.conflicts.length > 0) out.push(...section(c.bold('Your answers conflict'), r.conflicts.flatMap((x) => hang(`  ${c.yellow('!')} `, x.text, width))));

  const watch = details ? r.watchOuts : r.watchOuts.slice(0, BRIEF_WATCH_OUTS);
  const watchLines = watch.flatMap((w) => watchOutBlock(w, details, width, view.color, cite));
  if (!details && r.watchOuts.length > watch.length) watchLines.push(c.dim(`  … ${r.watchOuts.length - watch.length} more with --details`));
  out.push(...section(c.bold('Watch out'), watchLines));
  // What a rate sweep measured of self-hosted capacity: a watch-out when one instance does not carry your peak.
  const capacity = doc.bench?.capacity ?? [];
  if (capacity.length > 0) out.push(...section(c.bold('Measured capacity'), capacity.flatMap((x) => hang(`  ${x.belowPeak ? c.yellow('!') : c.green('✓')} `, x.text, width))));

  if (details) out.push(...section(c.bold('Your answers'), answersTable(doc.answers, width)));
  // One screen by default: a source is its URL, or its title when the URL needs a line of its own anyway.
  if (notes.size > 0) out.push(...section(c.bold('Sources'), notes.lines(width, c.dim, 2, !details)));
  out.push('', ...hang('', `Catalog ${doc.catalog.version}, last verified ${doc.catalog.lastVerified}${doc.asOf ? `; prices and facts in force on ${doc.asOf}` : ''}.${details ? '' : ' More: --details.'}`, width, c.dim));
  if (view.next && view.next.length > 0) out.push(...section(c.bold('Next'), renderNext(view.next, width, view.color)));
  return out.join('\n') + '\n';
}

/**
 * The brief report's exclusions, nine gateways still on a screen: options excluded by the same answer share one
 * line ("You want a managed service — excludes Bifrost [5], TensorZero [6]"), from the first reason of each; a
 * reason not phrased "answer; gateway …", or an answer that excludes one option, keeps its own line. --details
 * lists every reason in full.
 */
function groupedExclusions(excluded: readonly Doc['ranking'][number][]): { answer: string; members: { name: string; brief: string; source: string }[] }[] {
  const groups = new Map<string, { answer: string; members: { name: string; brief: string; source: string }[] }>();
  for (const x of excluded) {
    const e = x.excludedBecause[0];
    if (e === undefined) continue;
    const brief = briefReason(e);
    const cut = brief.indexOf('; ');
    const answer = cut < 0 ? `${x.gateway}\u0000${brief}` : brief.slice(0, cut);
    const g = groups.get(answer) ?? { answer, members: [] };
    g.members.push({ name: x.name, brief, source: e.source ?? '' });
    groups.set(answer, g);
  }
  return [...groups.values()];
}

/** "cost: about $844/month at 100,000 requests/month · cheapest eligible: OpenRouter, $41/month". */
function costLine(doc: Doc): string | undefined {
  const id = pickId(doc);
  const mine = id === undefined ? undefined : costOf(doc, id);
  if (id === undefined || mine === undefined) return undefined;
  const volume = `at ${formatInt(doc.answers.monthlyRequests)} requests/month`;
  if (!mine.costable) return `cost: not costed ${volume} (gateway-scout cost shows why)`;
  const licence = mine.licenceUnpublished ? ' plus a licence whose price is not published' : '';
  const eligible = [...doc.ranking, ...doc.stacks].filter((x) => x.eligible && x.gateway !== id);
  const cheaper = eligible
    .map((x) => ({ name: x.name, cost: costOf(doc, x.gateway) }))
    .filter((x) => x.cost?.costable && x.cost.total < mine.total)
    .sort((x, y) => x.cost!.total - y.cost!.total)[0];
  // With nothing else eligible there is nothing to be cheaper than.
  const compare = cheaper ? ` · cheapest eligible: ${cheaper.name}, $${formatInt(cheaper.cost!.total)}/month` : eligible.length > 0 ? ' · the cheapest eligible option' : '';
  return `cost: about $${formatInt(mine.total)}/month${licence} ${volume}${compare}`;
}

function reasonBlock(x: Reason, details: boolean, width: number, color: boolean, cite: (id: string | undefined) => string): string[] {
  const c = paint(color);
  const mark = x.effect === 'for' ? c.green('+') : x.effect === 'against' ? c.red('−') : c.yellow('~');
  const doubt = x.status && x.status !== 'verified' ? ` (${x.status})` : '';
  const brief = briefReason(x);
  const lines = hang(`  ${mark} `, `${brief}${doubt}${cite(x.source)}`, width);
  if (details && brief !== x.text) lines.push(...wrap(x.note ?? x.text.slice(brief.length).trim(), width - 6).map((l) => `      ${c.dim(l)}`));
  return lines;
}

function watchOutBlock(w: WatchOut, details: boolean, width: number, color: boolean, cite: (id: string | undefined) => string): string[] {
  const c = paint(color);
  const sev = w.severity === 'high' ? c.red('high') : w.severity === 'warn' ? c.yellow('warn') : c.dim('info');
  const lines = hang(`  ! ${sev}  `, `${w.title}${cite(w.source)}`, width);
  if (details) {
    lines.push(...wrap(w.detail, width - 10).map((l) => `          ${l}`));
    if (w.because.length > 0) lines.push(...wrap(`because ${w.because.join(', ')}`, width - 10).map((l) => `          ${c.dim(l)}`));
  }
  return lines;
}

function rankingTable(doc: Doc, width: number, color: boolean): string[] {
  const c = paint(color);
  const all = [...doc.ranking, ...doc.stacks].sort((x, y) => Number(y.eligible) - Number(x.eligible) || y.score - x.score);
  const rows = all.map((x, i) => {
    const why = x.excludedBecause[0];
    return [String(i + 1), x.name, { text: String(x.score), style: x.eligible ? undefined : c.dim }, x.eligible ? 'yes' : { text: 'no', style: c.red }, why ? briefReason(why) : ''];
  });
  const columns = [{ header: '#', align: 'right' as const, fixed: true }, { header: 'Option' }, { header: 'Score', align: 'right' as const, fixed: true }, { header: 'Eligible', fixed: true }];
  // The last column says why an option is excluded; when none is, it would be empty.
  const excluded = all.some((x) => !x.eligible);
  return table(excluded ? [...columns, { header: 'Excluded because' }] : columns, excluded ? rows : rows.map((r) => r.slice(0, 4)), width, { head: c.bold, rule: c.dim });
}

function answersTable(a: Answers, width: number): string[] {
  return table([{ header: 'answer' }, { header: 'value' }], QUESTIONS.map((q) => [q.id, formatAnswer(a, q.id)]), width, { headless: true });
}
