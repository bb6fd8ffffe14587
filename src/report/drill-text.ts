import type { DrillDocument, DrillRequestRow, DrillScenarioRow } from '../drill/document.js';
import type { Outcome } from '../drill/types.js';
import { formatNumber } from '../format.js';

/**
 * Words the drill's terminal and markdown views share (pure): the verdict line per target, what the client saw
 * in a row, times. Text from the document is used as given: each renderer makes it inert for its medium first.
 */

export const OUTCOME_WORDS: Record<Outcome, string> = {
  ok: 'ok',
  'retried-ok': 'retried, then ok',
  'failed-over': 'failed over',
  'error-surfaced': 'error surfaced',
  'silent-truncation': 'silent truncation',
  hang: 'hang',
  'retried-unrecoverable': 'retried a 400',
};

export const modeText = (stream: boolean): string => (stream ? 'stream' : 'non-stream');

/** 850 ms, 1.2 s, 31 s. */
export function timeText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${formatNumber(ms / 1000, ms < 10_000 ? 1 : 0)} s`;
}

export const rowsOf = (doc: DrillDocument, target: string): DrillScenarioRow[] => doc.drill.scenarios.filter((r) => r.target === target);

/** "stream-cut", or "stream-cut (stream)" when only one of the scenario's modes is listed. */
function scenarioList(rows: readonly DrillScenarioRow[]): string {
  const ids = [...new Set(rows.map((r) => r.id))];
  return ids
    .map((id) => {
      const modes = rows.filter((r) => r.id === id);
      return modes.length === 1 ? `${id} (${modeText(modes[0]!.stream)})` : id;
    })
    .join(', ');
}

/** "litellm: 11 pass, 3 safe, 1 fail — silent truncation on stream-cut (stream)". */
export function verdictLine(doc: DrillDocument, t: DrillDocument['totals'][number]): string {
  const rows = rowsOf(doc, t.target);
  if (rows.length === 0) return `${t.target}: not drilled (the run stopped before its first scenario)`;
  const counts = [`${t.pass} pass`, ...(t.safe > 0 ? [`${t.safe} safe`] : []), ...(t.fail > 0 ? [`${t.fail} fail`] : [])].join(', ');
  const failed = rows.filter((r) => r.grade === 'fail');
  const byOutcome = [...new Set(failed.map((r) => r.outcome))].map((o) => `${OUTCOME_WORDS[o]} on ${scenarioList(failed.filter((r) => r.outcome === o))}`);
  return `${t.target}: ${counts}${byOutcome.length > 0 ? ` — ${byOutcome.join('; ')}` : ''}`;
}

/** The request a row's outcome comes from (its first with that outcome). */
export const shownRequest = (r: DrillScenarioRow): DrillRequestRow => r.details.find((d) => d.outcome === r.outcome) ?? r.details[0]!;

/**
 * What the client saw in the request a row's outcome comes from, with the attempts the upstreams logged:
 * "HTTP 200, partial answer, no error; primary 1, secondary 0; error text: …".
 */
export function sawText(r: DrillScenarioRow, clip = 160): string {
  const d = shownRequest(r);
  const parts = [d.clientStatus === null ? 'no response headers' : `HTTP ${d.clientStatus}`];
  if (d.timedOut) parts.push(`gave up after ${timeText(d.ms)}`);
  else parts.push(d.complete ? 'whole answer' : 'partial or no answer');
  if (d.errorEvent) parts.push('an error in the body');
  if (d.transportError !== null) parts.push(`connection error "${d.transportError}"`);
  if (!d.errorEvent && d.transportError === null && !d.timedOut && !d.complete && d.clientStatus !== null && d.clientStatus < 300) parts.push('no error');
  const text = d.errorText === null ? '' : `; error text: ${d.errorText.length > clip ? `${d.errorText.slice(0, clip - 1)}…` : d.errorText}`;
  return `request ${d.request}: ${parts.join(', ')}; attempts: primary ${d.primaryAttempts}, secondary ${d.secondaryAttempts}${text}`;
}

/** One line under the title: what was drilled and how. */
export function drillHeading(doc: DrillDocument): string {
  const c = doc.config;
  const modes = c.stream === 'both' ? 'streamed and not' : c.stream ? 'streamed' : 'not streamed';
  const when = doc.generatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const status = doc.status === 'interrupted' ? '; INTERRUPTED: the rows hold what was measured' : '';
  const demo = doc.demo ? '; demo: emulated gateways, not measurements of the real ones' : '';
  return `${when} · ${c.scenarios.length} scenarios, ${modes}, ${c.requests} request${c.requests === 1 ? '' : 's'} each; the client gives up after ${timeText(c.timeoutsMs.request)}${status}${demo}`;
}
