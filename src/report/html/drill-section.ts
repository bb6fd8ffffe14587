import type { DrillDocument, DrillScenarioRow } from '../../drill/document.js';
import { SCENARIOS, scenarioDef } from '../../drill/scenarios.js';
import type { Grade, Outcome } from '../../drill/types.js';
import { OUTCOMES } from '../../drill/types.js';
import { formatInt, formatNumber } from '../../format.js';
import { modeText } from '../drill-text.js';
import { drillHeadlines, GRADE_MEANING, OUTCOME_MEANING, worstText, type DrillHeadline } from '../drill-words.js';
import type { DrillInput } from '../report-model.js';
import { esc } from './escape.js';
import { table } from './table.js';

/**
 * The HTML report's "Failover drill" section (pure): per drill document and target, a headline and a verdict
 * table (scenario × mode), then one legend of outcomes, grades and scenarios. Every string from the document is
 * escaped here; the model was made inert first (control characters shown), so a gateway's error text is text.
 */

/** The grade's colour class: safe uses the warning colour. The grade is always written out too. */
const GRADE_CLASS: Record<Grade, string> = { pass: 'pass', safe: 'warn', fail: 'fail' };
const GRADE_MARK: Record<Grade, string> = { pass: '✓', safe: '!', fail: '✗' };

const gradeBadge = (g: Grade, label: string): string => `<span class="badge ${GRADE_CLASS[g]}" data-grade="${g}"><span aria-hidden="true">${GRADE_MARK[g]}</span> ${esc(label)}</span>`;

/** Requests per outcome when a row's requests differ ("1 ok, 1 silent-truncation"); empty when all agree. */
function mixed(r: DrillScenarioRow): string {
  const seen = OUTCOMES.filter((o) => r.outcomes[o] > 0);
  return seen.length < 2 ? '' : seen.map((o) => `${r.outcomes[o]} ${o}`).join(', ');
}

/** The error text of the request the row's outcome comes from: untrusted, already inert, escaped here. */
function errorOf(r: DrillScenarioRow): string | null {
  const d = r.details.find((x) => x.outcome === r.outcome) ?? r.details[0];
  return d?.errorText ?? d?.transportError ?? null;
}

const ms = (v: number) => formatNumber(v, v < 10 ? 1 : 0);

function clientCell(r: DrillScenarioRow): string {
  const status = r.clientStatus === null ? 'no response' : String(r.clientStatus);
  const err = errorOf(r);
  return `${esc(status)}${err ? `<br><code class="drill-error">${esc(err.length > 160 ? `${err.slice(0, 159)}…` : err)}</code>` : ''}`;
}

const COLS = [
  // Ids and outcomes are hyphenated words: kept on one line, so "failed-over" never reads as "failed-".
  { head: 'scenario', cell: (r: DrillScenarioRow) => `<span class="nowrap" title="${esc(scenarioDef(r.id).title)}">${esc(r.id)}</span>` },
  { head: 'mode', cell: (r: DrillScenarioRow) => `<span class="nowrap">${modeText(r.stream)}</span>` },
  {
    head: 'outcome',
    cell: (r: DrillScenarioRow) =>
      `<span class="nowrap">${gradeBadge(r.grade, r.grade)} <span data-outcome="${esc(r.outcome)}" title="${esc(OUTCOME_MEANING[r.outcome])}">${esc(r.outcome)}</span></span>${mixed(r) ? `<br><span class="sub">${esc(mixed(r))}</span>` : ''}`,
  },
  { head: 'P / S attempts', num: true, cell: (r: DrillScenarioRow) => `${r.primaryAttempts} / ${r.secondaryAttempts}` },
  { head: 'client saw', cell: clientCell },
  { head: 'time ms', num: true, cell: (r: DrillScenarioRow) => `${ms(r.ms)}${r.requests > 1 ? `<br><span class="sub">median ${ms(r.msMedian)}</span>` : ''}` },
  { head: 'extra tokens', num: true, cell: (r: DrillScenarioRow) => formatInt(r.extraTokens) },
];

function headline(h: DrillHeadline): string {
  const counts = (['pass', 'safe', 'fail'] as const).map((g) => gradeBadge(g, `${h[g]} ${g}`)).join(' ');
  const worst = h.worst === undefined ? esc(worstText(h)) : `worst: <strong>${esc(worstText(h))}</strong>`;
  return `<p class="drill-headline">${counts} — ${worst}</p>`;
}

function targetBlock(doc: DrillDocument, h: DrillHeadline, n: number): string {
  const t = doc.targets.find((x) => x.name === h.target);
  const sub = [h.gateway ?? 'not in the catalog', t?.model].filter(Boolean).join(' · ');
  const caption = `${h.target}: one row per scenario and mode (${doc.config.requests} request${doc.config.requests === 1 ? '' : 's'} each); the worst request's outcome; attempts the upstreams logged (most for one request); time to the final answer, the longest.`;
  return [
    `<article class="drill-target" data-target="${esc(h.target)}" aria-labelledby="h-drill-${n}">`,
    `<h3 id="h-drill-${n}">${esc(h.target)} <span class="sub">${esc(sub)}</span></h3>`,
    headline(h),
    table(caption, COLS, h.rows),
    `</article>`,
  ].join('\n');
}

function docMeta(d: DrillInput): string {
  const c = d.doc.config;
  const badges = [
    d.doc.demo ? '<span class="badge warn">demo: emulated gateways, not a measurement</span>' : '',
    d.doc.status === 'interrupted' ? '<span class="badge fail">interrupted: the rows hold what was measured</span>' : '',
  ].filter(Boolean);
  const meta = `From ${esc(d.file)}, drilled ${esc(d.doc.generatedAt)} by gateway-scout ${esc(d.doc.version)}; request timeout ${formatInt(c.timeoutsMs.request)} ms; the primary misbehaves while the secondary answers, and each outcome comes from the upstreams' own logs, not from what the gateway says.`;
  return `<p class="meta">${meta}</p>${badges.length > 0 ? `<p>${badges.join(' ')}</p>` : ''}`;
}

function legend(): string {
  const outcomes = OUTCOMES.map((o: Outcome) => `<dt>${esc(o)}</dt><dd>${esc(OUTCOME_MEANING[o])}</dd>`).join('');
  const grades = (['pass', 'safe', 'fail'] as const).map((g) => `<dt>${gradeBadge(g, g)}</dt><dd>${esc(GRADE_MEANING[g])}</dd>`).join('');
  const scenarios = SCENARIOS.map((s) => `<dt>${esc(s.id)}</dt><dd>${esc(s.title)}${s.modes.length === 1 ? ` (${s.modes[0]} only)` : ''}</dd>`).join('');
  return [
    `<details class="drill-legend" open><summary>Legend: grades, outcomes and scenarios</summary>`,
    `<h4>Grades</h4><dl>${grades}</dl>`,
    `<h4>Outcomes</h4><dl>${outcomes}</dl>`,
    `<h4>Scenarios</h4><dl>${scenarios}</dl>`,
    `</details>`,
  ].join('\n');
}

/** The section, or '' without drills. */
export function drillSection(drills: readonly DrillInput[] | undefined): string {
  if (drills === undefined || drills.length === 0) return '';
  let n = 0;
  const blocks = drills.flatMap((d) => [
    docMeta(d),
    ...drillHeadlines(d.doc).map((h) => targetBlock(d.doc, h, n++)),
    d.doc.warnings.length > 0 ? `<h3>Warnings</h3><ul>${d.doc.warnings.map((w) => `<li class="warn">${esc(w)}</li>`).join('')}</ul>` : '',
  ]);
  return [`<section aria-labelledby="h-drill"><h2 id="h-drill">Failover drill</h2>`, ...blocks.filter((b) => b !== ''), legend(), `</section>`].join('\n');
}
