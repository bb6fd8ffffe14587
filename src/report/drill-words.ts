import type { DrillDocument, DrillScenarioRow } from '../drill/document.js';
import { OUTCOME_SEVERITY } from '../drill/outcome.js';
import type { Grade, Outcome } from '../drill/types.js';
import { modeText } from './drill-text.js';

/**
 * What a drill document says, in words shared by the report's formats (pure): what each outcome and grade
 * means, and a one-line headline per target (its pass/safe/fail counts and its worst finding).
 */

export const OUTCOME_MEANING: Record<Outcome, string> = {
  ok: 'a whole answer from the primary at the first attempt',
  'retried-ok': 'a whole answer from the primary after the gateway retried it',
  'failed-over': 'a whole answer from the secondary: the gateway fell back',
  'error-surfaced': 'the client got a clear error (an error status, an error event or a dropped connection) and can act on it',
  'silent-truncation': 'a 200 with a partial answer and no error: the client cannot tell that the answer is incomplete',
  hang: 'no end to the response before the request timeout',
  'retried-unrecoverable': 'a 400 that no retry can fix (context length, content filter) was sent again or to the secondary',
};

export const GRADE_MEANING: Record<Grade, string> = {
  pass: 'what the scenario should end in: a whole answer, or the error that no fallback may hide',
  safe: 'no answer (or a late one), but the client knew it and can retry or fall back itself',
  fail: 'the client was misled (a partial answer as whole), kept waiting, or an unfixable request was sent again',
};

const GRADE_RANK: Record<Grade, number> = { pass: 0, safe: 1, fail: 2 };

/** The worst row: the worst grade, then the most severe outcome; undefined when every row passed. */
export function worstRow(rows: readonly DrillScenarioRow[]): DrillScenarioRow | undefined {
  const bad = rows.filter((r) => r.grade !== 'pass');
  return [...bad].sort((a, b) => GRADE_RANK[b.grade] - GRADE_RANK[a.grade] || OUTCOME_SEVERITY.indexOf(a.outcome) - OUTCOME_SEVERITY.indexOf(b.outcome))[0];
}

export interface DrillHeadline {
  target: string;
  gateway: string | null;
  pass: number;
  safe: number;
  fail: number;
  rows: DrillScenarioRow[];
  worst: DrillScenarioRow | undefined;
}

/** One headline per target, in the document's target order, from its totals and its rows. */
export function drillHeadlines(doc: DrillDocument): DrillHeadline[] {
  return doc.totals.map((t) => {
    const rows = doc.drill.scenarios.filter((r) => r.target === t.target);
    return { target: t.target, gateway: t.gateway, pass: t.pass, safe: t.safe, fail: t.fail, rows, worst: worstRow(rows) };
  });
}

/** "silent-truncation on stream-cut (stream)", or that every scenario passed. */
export function worstText(h: DrillHeadline): string {
  if (h.worst === undefined) return h.rows.length === 0 ? 'no scenario ran' : 'every scenario passed';
  return `${h.worst.outcome} on ${h.worst.id} (${modeText(h.worst.stream)})`;
}
