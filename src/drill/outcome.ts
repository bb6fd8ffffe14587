import { scenarioDef, type ScenarioKind } from './scenarios.js';
import type { AttemptRecord, DrillRequestResult, Grade, Outcome } from './types.js';

/**
 * One request's outcome, from the upstreams' own logs and what the client saw (pure). The gateway's headers are
 * never consulted: a gateway that says it failed over but did not, or hides a retry, is judged by what happened.
 *
 * In order: the client gave up → hang; a 400 that no retry can fix was tried again (primary twice, or the
 * secondary at all) → retried-unrecoverable; a 2xx with no error and a partial answer, the connection closed
 * normally → silent-truncation; any visible failure (non-2xx, an in-band error, a dropped connection, a partial
 * answer) → error-surfaced; a whole answer the secondary wrote → failed-over; from the primary after more than one
 * attempt → retried-ok; else ok.
 */
export function classify(r: DrillRequestResult): Outcome {
  const kind = scenarioDef(r.scenario).kind;
  const c = r.client;
  const primary = countOf(r.attempts, 'primary');
  const secondary = countOf(r.attempts, 'secondary');
  if (c.timedOut) return 'hang';
  if (kind === 'unrecoverable' && (primary > 1 || secondary > 0)) return 'retried-unrecoverable';
  const ok2xx = c.status !== null && c.status >= 200 && c.status < 300;
  if (ok2xx && !c.errorEvent && !c.complete && c.transportError === null) return 'silent-truncation';
  if (!ok2xx || c.errorEvent || c.transportError !== null || !c.complete) return 'error-surfaced';
  if (r.attempts.some((a) => a.upstream === 'secondary' && a.completed)) return 'failed-over';
  if (primary > 1) return 'retried-ok';
  return 'ok';
}

const PASS: Record<ScenarioKind, readonly Outcome[]> = {
  control: ['ok'],
  retryable: ['ok', 'retried-ok', 'failed-over'],
  slow: ['retried-ok', 'failed-over'],
  'mid-stream': ['ok', 'retried-ok', 'failed-over'],
  unrecoverable: ['error-surfaced'],
};
/** Safe: the client got no answer, or a late one, but knew it; it can retry or fail over itself. */
const SAFE: Record<ScenarioKind, readonly Outcome[]> = {
  control: [],
  retryable: ['error-surfaced'],
  slow: ['ok', 'error-surfaced'],
  'mid-stream': ['error-surfaced'],
  unrecoverable: [],
};

/** pass, safe or fail for an outcome in a scenario of this kind. */
export function grade(kind: ScenarioKind, outcome: Outcome): Grade {
  if (PASS[kind].includes(outcome)) return 'pass';
  if (SAFE[kind].includes(outcome)) return 'safe';
  return 'fail';
}

const GRADE_RANK: Record<Grade, number> = { pass: 0, safe: 1, fail: 2 };
/** Most severe first: what a scenario row shows when its requests differ. */
export const OUTCOME_SEVERITY: readonly Outcome[] = ['silent-truncation', 'hang', 'retried-unrecoverable', 'error-surfaced', 'failed-over', 'retried-ok', 'ok'];

/** The outcome a scenario row shows: the worst-graded one among its requests, the most severe on a tie. */
export function worstOutcome(kind: ScenarioKind, outcomes: readonly Outcome[]): Outcome {
  if (outcomes.length === 0) throw new Error('worstOutcome of no outcomes');
  return [...outcomes].sort((a, b) => GRADE_RANK[grade(kind, b)] - GRADE_RANK[grade(kind, a)] || OUTCOME_SEVERITY.indexOf(a) - OUTCOME_SEVERITY.indexOf(b))[0]!;
}

export function worstGrade(grades: readonly Grade[]): Grade {
  return grades.reduce<Grade>((w, g) => (GRADE_RANK[g] > GRADE_RANK[w] ? g : w), 'pass');
}

export function countOf(attempts: readonly AttemptRecord[], upstream: AttemptRecord['upstream']): number {
  return attempts.filter((a) => a.upstream === upstream).length;
}

/**
 * Tokens the upstreams billed beyond the final answer: every attempt's tokens, less the attempt that wrote the
 * answer the client got (the last completed one), when the client got a whole answer.
 */
export function extraTokens(r: DrillRequestResult): number {
  const all = r.attempts.reduce((s, a) => s + a.promptTokens + a.completionTokens, 0);
  const answered = r.client.complete ? [...r.attempts].reverse().find((a) => a.completed) : undefined;
  return all - (answered ? answered.promptTokens + answered.completionTokens : 0);
}
