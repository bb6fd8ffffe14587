import type { DrillDocument, DrillScenarioRow } from '../drill/document.js';
import type { Grade } from '../drill/types.js';
import type { GateResult } from '../gates/result.js';
import { mapStrings, markdownSafe } from '../text/inert.js';
import { drillHeading, modeText, OUTCOME_WORDS, rowsOf, sawText, timeText, verdictLine } from './drill-text.js';

/**
 * The drill in GitHub-flavoured markdown (pure): for `drill --markdown FILE`, the Actions step summary, and
 * `report`. Every string from the document is plain text (markdownSafe): a gateway's error body cannot add
 * HTML, links or emphasis.
 */

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const BADGE: Record<Grade, string> = { pass: '✅ pass', safe: '⚠️ safe', fail: '❌ fail' };
const HEAD = ['scenario', 'mode', 'outcome', 'grade', 'attempts P/S', 'status', 'time', 'extra tokens'];

function rowCells(r: DrillScenarioRow): string[] {
  const mixed = r.outcomes[r.outcome] < r.requests ? ` (${r.outcomes[r.outcome]}/${r.requests})` : '';
  return [r.id, modeText(r.stream), `${OUTCOME_WORDS[r.outcome]}${mixed}`, BADGE[r.grade], `${r.primaryAttempts} / ${r.secondaryAttempts}`, r.clientStatus === null ? '—' : String(r.clientStatus), timeText(r.ms), String(r.extraTokens)];
}

function targetSection(doc: DrillDocument, t: DrillDocument['targets'][number]): string[] {
  const rows = rowsOf(doc, t.name);
  const out = [`#### ${cell(t.name)}${t.gateway && t.gateway !== t.name ? ` (${cell(t.gateway)})` : ''}`, '', cell(`${t.model} at ${t.baseUrl}`), ''];
  if (rows.length === 0) return [...out, 'Nothing measured.', ''];
  out.push(`| ${HEAD.join(' | ')} |`, `|${HEAD.map((_, i) => (i < 4 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${rowCells(r).map(cell).join(' | ')} |`), '');
  const notPass = rows.filter((r) => r.grade !== 'pass');
  if (notPass.length > 0) out.push('What the client saw where a row did not pass:', '', ...notPass.map((r) => `- ${BADGE[r.grade]} ${cell(`${r.id} (${modeText(r.stream)}): ${sawText(r)}`)}`), '');
  return out;
}

function gateLines(gates: readonly GateResult[]): string[] {
  if (gates.length === 0) return [];
  const failed = gates.filter((g) => g.status === 'fail');
  const title = failed.length === 0 ? `**Gates: ✅ all ${gates.length} checks passed**` : `**Gates: ❌ ${failed.length} of ${gates.length} checks failed**`;
  return [title, '', ...failed.map((g) => `- ❌ ${cell(g.message)}`), ''];
}

export function renderDrillMarkdown(input: DrillDocument): string {
  const doc = mapStrings(input, markdownSafe);
  const out = ['### gateway-scout failover drill', '', cell(drillHeading(doc)), ''];
  out.push('**Verdict**', '');
  for (const t of doc.totals) out.push(`- ${t.fail > 0 ? '❌' : t.safe > 0 ? '⚠️' : '✅'} ${cell(verdictLine(doc, t))}`);
  out.push('');
  for (const t of doc.targets) out.push(...targetSection(doc, t));
  out.push('<sub>pass: the gateway hid the fault, or surfaced the error it should · safe: the client got an error and can act · fail: silent truncation, a hang, a 400 retried, or a fault in the control · P/S: most attempts at the primary / secondary for one request</sub>', '');
  if (doc.warnings.length > 0) out.push('**Warnings**', '', ...doc.warnings.map((w) => `- ⚠️ ${cell(w)}`), '');
  out.push(...gateLines(doc.gates));
  return out.join('\n');
}
