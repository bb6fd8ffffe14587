import { EXIT, type ExitCode } from '../errors.js';
import { ERROR_CLASSES, type ErrorClass } from './metrics.js';

/**
 * Whether a run measured what it was asked to (pure). A target none of whose measured requests succeeded was
 * not measured: the run failed for it (bench exits 3), whatever else it measured. Shared by the summary, by
 * `report merge` and by the reader that upgrades a version-1 summary, so all three name failures alike.
 */

export const RUN_ENDS = ['completed', 'interrupted', 'max-spend'] as const;
export type RunEnd = (typeof RUN_ENDS)[number];

/** What this module reads of a target row (a summary's, or a merged one's). */
export interface TargetOutcome {
  name: string;
  origin?: string | undefined;
  requests: { sent: number; ok: number };
  errors: Partial<Record<ErrorClass, number>>;
}

export interface TopError {
  class: ErrorClass;
  count: number;
  /** The first message of that class, free of secrets and cut for display; null when none was kept. */
  example: string | null;
}

export interface FailedTarget {
  target: string;
  origin?: string;
  /** Measured requests sent; every one of them failed. */
  sent: number;
  topError: TopError | null;
  reason: string;
}

export interface RunStatus {
  ended: RunEnd;
  ok: boolean;
  failedTargets: FailedTarget[];
}

/** The most frequent error class; a tie goes to the class listed first in ERROR_CLASSES. */
export function topErrorClass(errors: TargetOutcome['errors']): { class: ErrorClass; count: number } | null {
  let best: { class: ErrorClass; count: number } | null = null;
  for (const c of ERROR_CLASSES) {
    const n = errors[c] ?? 0;
    if (n > 0 && (best === null || n > best.count)) best = { class: c, count: n };
  }
  return best;
}

const NOT_SENT: Record<RunEnd, string> = {
  completed: 'no measured request was sent',
  interrupted: 'no measured request was sent before the run was interrupted',
  'max-spend': 'no measured request was sent before --max-spend stopped the run',
};

function failure(t: TargetOutcome, ended: RunEnd, exampleOf: (t: TargetOutcome, c: ErrorClass) => string | undefined): FailedTarget {
  const top = topErrorClass(t.errors);
  const example = top ? (exampleOf(t, top.class) ?? null) : null;
  let reason: string;
  if (t.requests.sent === 0) reason = NOT_SENT[ended];
  else {
    const classes = ERROR_CLASSES.filter((c) => (t.errors[c] ?? 0) > 0).map((c) => `${t.errors[c]} × ${c}`);
    const all = t.requests.sent === 1 ? 'its one measured request failed' : `all ${t.requests.sent} measured requests failed`;
    reason = `${all}${classes.length ? `: ${classes.join(', ')}` : ''}${example ? ` (first: ${example.replace(/[.\s]+$/, '')})` : ''}`;
  }
  return {
    target: t.name,
    ...(t.origin ? { origin: t.origin } : {}),
    sent: t.requests.sent,
    topError: top ? { ...top, example } : null,
    reason,
  };
}

/** The run's status from its targets: every target without a successful measured request is a failed one. */
export function runStatus(
  ended: RunEnd,
  targets: readonly TargetOutcome[],
  exampleOf: (t: TargetOutcome, c: ErrorClass) => string | undefined = () => undefined,
): RunStatus {
  const failedTargets = targets.filter((t) => t.requests.ok === 0).map((t) => failure(t, ended, exampleOf));
  return { ended, ok: failedTargets.length === 0, failedTargets };
}

/** "litellm (all 20 measured requests failed: 20 × server_error …)", the target as a report names its row. */
export const describeFailure = (f: FailedTarget): string => `${f.origin ? `${f.target} @ ${f.origin}` : f.target}: ${f.reason}`;

/**
 * bench's exit code once a run is over. Precedence: interrupted (130, the user stopped it) over a target that
 * was not measured (3: the run did not measure what was asked, so its gates judge an incomplete result) over a
 * failed gate (1) over success (0).
 */
export function benchExitCode(status: RunStatus, failedGateCount: number): ExitCode {
  if (status.ended === 'interrupted') return EXIT.interrupted;
  if (!status.ok) return EXIT.runFailed;
  return failedGateCount > 0 ? EXIT.gateFailed : EXIT.ok;
}

/** The stderr line of a run that failed: which targets were not measured, and why. */
export function failureMessage(status: RunStatus, targets: number, sent: number): string {
  const n = status.failedTargets.length;
  const head =
    n === targets
      ? `No request succeeded (${sent} sent): the run measured ${targets === 1 ? 'nothing' : `none of its ${targets} targets`}.`
      : `${n} of ${targets} targets had no successful request: the run did not measure ${n === 1 ? 'it' : 'them'}.`;
  return [head, ...status.failedTargets.map((f) => `  ${describeFailure(f)}`)].join('\n');
}
