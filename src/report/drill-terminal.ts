import type { DrillDocument, DrillScenarioRow } from '../drill/document.js';
import type { Grade } from '../drill/types.js';
import type { GateResult } from '../gates/result.js';
import { mapStrings, terminalSafe } from '../text/inert.js';
import { drillHeading, modeText, OUTCOME_WORDS, rowsOf, sawText, timeText, verdictLine } from './drill-text.js';
import { hang, table, type Cell, type Column } from './layout.js';
import { paint } from './paint.js';

/**
 * The drill's terminal view (pure): a one-line verdict per target first, then per target a table of scenario ×
 * mode (outcome, grade, attempts at the primary/secondary, client status, time, extra tokens), what the client
 * saw where a row did not pass, the warnings and the gates. Every line fits `width`; colour only when asked.
 */

type Paint = ReturnType<typeof paint>;
export interface DrillTerminalOptions {
  width: number;
  color: boolean;
}

const COLUMNS: Column[] = [
  { header: 'scenario' },
  { header: 'mode' },
  { header: 'outcome' },
  { header: 'grade' },
  // On a narrow terminal the extra tokens go first, then the time, then the status.
  { header: 'P/S', align: 'right', fixed: true, drop: 40 },
  { header: 'status', align: 'right', fixed: true, drop: 30 },
  { header: 'time', align: 'right', fixed: true, drop: 20 },
  { header: 'extra tok', align: 'right', fixed: true, drop: 10 },
];

const gradeStyle = (g: Grade, c: Paint) => (g === 'pass' ? c.green : g === 'safe' ? c.yellow : c.red);
const MARK: Record<Grade, string> = { pass: '✓', safe: '!', fail: '✗' };

function row(r: DrillScenarioRow, c: Paint): (string | Cell)[] {
  const style = gradeStyle(r.grade, c);
  const mixed = r.outcomes[r.outcome] < r.requests ? ` (${r.outcomes[r.outcome]}/${r.requests})` : '';
  return [
    r.id,
    modeText(r.stream),
    { text: `${OUTCOME_WORDS[r.outcome]}${mixed}`, style },
    { text: r.grade, style },
    `${r.primaryAttempts}/${r.secondaryAttempts}`,
    r.clientStatus === null ? '—' : String(r.clientStatus),
    timeText(r.ms),
    String(r.extraTokens),
  ];
}

function targetSection(doc: DrillDocument, t: DrillDocument['targets'][number], width: number, c: Paint): string[] {
  const rows = rowsOf(doc, t.name);
  const title = `${t.name}${t.gateway && t.gateway !== t.name ? ` (${t.gateway})` : ''}: ${t.model} at ${t.baseUrl}`;
  const lines = ['', ...hang('', title, width, c.bold, 2)];
  if (rows.length === 0) return [...lines, '  nothing measured'];
  lines.push(...table(COLUMNS, rows.map((r) => row(r, c)), width, { head: c.bold, rule: c.dim }));
  const notPass = rows.filter((r) => r.grade !== 'pass');
  if (notPass.length > 0) {
    lines.push('', ...hang('  ', 'What the client saw where a row did not pass:', width, c.dim));
    for (const r of notPass) lines.push(...hang(`  ${gradeStyle(r.grade, c)(MARK[r.grade])} `, `${r.id} (${modeText(r.stream)}): ${sawText(r)}`, width));
  }
  return lines;
}

function gateLines(gates: readonly GateResult[], width: number, c: Paint): string[] {
  if (gates.length === 0) return [];
  const failed = gates.filter((g) => g.status === 'fail');
  const title = failed.length > 0 ? c.red.bold(`Gates: ${failed.length} of ${gates.length} checks failed`) : c.bold(`Gates: all ${gates.length} checks passed`);
  return ['', title, ...failed.flatMap((g) => hang(`  ${c.red('✗')} `, g.message, width))];
}

export function renderDrillTerminal(input: DrillDocument, opts: DrillTerminalOptions): string {
  // Every string of the document (gateway error text, or a hostile drill.json) with its control characters shown escaped, before colouring.
  const doc = mapStrings(input, terminalSafe);
  const c = paint(opts.color);
  const width = Math.max(20, opts.width);
  const lines = [c.bold('Failover drill'), ...hang('', drillHeading(doc), width, undefined, 2), '', c.bold('Verdict')];
  for (const t of doc.totals) {
    const mark = t.fail > 0 ? c.red(MARK.fail) : t.safe > 0 ? c.yellow(MARK.safe) : c.green(MARK.pass);
    lines.push(...hang(`  ${mark} `, verdictLine(doc, t), width));
  }
  for (const t of doc.targets) lines.push(...targetSection(doc, t, width, c));
  lines.push('', ...hang('', 'Grades: pass = the gateway hid the fault or surfaced the error it should; safe = the client got an error and can act; fail = silent truncation, a hang, a 400 retried, or a fault in the control. P/S = most attempts at the primary/secondary for one request.', width, c.dim));
  if (doc.warnings.length > 0) lines.push('', c.bold('Warnings'), ...doc.warnings.flatMap((w) => hang(`  ${c.yellow('!')} `, w, width)));
  lines.push(...gateLines(doc.gates, width, c));
  return lines.join('\n') + '\n';
}
