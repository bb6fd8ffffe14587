import { describe, expect, it } from 'vitest';
import { classify, countOf, extraTokens, grade, OUTCOME_SEVERITY, worstGrade, worstOutcome } from '../../../src/drill/outcome.js';
import type { ScenarioKind } from '../../../src/drill/scenarios.js';
import type { Outcome } from '../../../src/drill/types.js';
import { attempt, refused, result } from '../../helpers/drill-builders.js';

describe('classify: one request, from the upstreams\' logs and what the client saw', () => {
  it('hang: the client gave up, whatever else happened (even a 400 retried)', () => {
    expect(classify(result('no-response', { status: null, complete: false, timedOut: true }, [attempt('primary', { action: 'no-response', completed: false, completionTokens: 0 })]))).toBe('hang');
    // context-length retried twice would be retried-unrecoverable; the give-up comes first.
    expect(classify(result('context-length', { status: null, complete: false, timedOut: true }, [refused(400), refused(400)]))).toBe('hang');
  });

  it('retried-unrecoverable: a 400 tried twice at the primary, or passed to the secondary at all', () => {
    expect(classify(result('context-length', { status: 400, complete: false }, [refused(400), refused(400)]))).toBe('retried-unrecoverable');
    // Primary once, then the secondary answered in full: the client got an answer a 400 should have stopped.
    expect(classify(result('content-filter', { status: 200 }, [refused(400), attempt('secondary')]))).toBe('retried-unrecoverable');
  });

  it('a 400 tried once and surfaced is error-surfaced (not retried-unrecoverable)', () => {
    expect(classify(result('context-length', { status: 400, complete: false, errorText: '{"error":…}' }, [refused(400)]))).toBe('error-surfaced');
  });

  it('the retried-unrecoverable rule is only for unrecoverable scenarios: a 500 retried then failed over is failed-over', () => {
    expect(classify(result('http-500', { status: 200 }, [refused(500), refused(500), attempt('secondary')]))).toBe('failed-over');
  });

  it('silent-truncation: 2xx, no error event, no transport error, a partial answer', () => {
    const cut = attempt('primary', { action: 'cut', completionTokens: 3, completed: false });
    expect(classify(result('stream-cut', { status: 200, complete: false }, [cut]))).toBe('silent-truncation');
    // 204 is 2xx too.
    expect(classify(result('stream-cut', { status: 204, complete: false }, [cut]))).toBe('silent-truncation');
  });

  it('error-surfaced, each way a failure can show: a non-2xx, an in-band error, a dropped connection, no headers', () => {
    const cut = attempt('primary', { action: 'cut', completionTokens: 3, completed: false });
    expect(classify(result('http-500', { status: 500, complete: false }, [refused(500)]))).toBe('error-surfaced');
    expect(classify(result('stream-cut', { status: 200, complete: false, errorEvent: true }, [cut]))).toBe('error-surfaced');
    expect(classify(result('stream-cut', { status: 200, complete: false, transportError: 'terminated' }, [cut]))).toBe('error-surfaced');
    expect(classify(result('reset', { status: null, complete: false, transportError: 'ECONNRESET' }, []))).toBe('error-surfaced');
    // 299 is the last 2xx and 300 the first that is not: a whole answer under a 300 still surfaces as a failure.
    expect(classify(result('none', { status: 300 }, [attempt('primary')]))).toBe('error-surfaced');
    // Below 200 is not 2xx either (a 1xx never ends a response, but a gateway could say 199).
    expect(classify(result('none', { status: 199 }, [attempt('primary')]))).toBe('error-surfaced');
    // A 500 with the whole answer in its body: the status says it failed.
    expect(classify(result('http-500', { status: 500 }, [attempt('primary')]))).toBe('error-surfaced');
    // A whole answer with an error event beside it is still a visible failure.
    expect(classify(result('none', { status: 200, errorEvent: true }, [attempt('primary')]))).toBe('error-surfaced');
  });

  it('failed-over: a whole answer and the secondary wrote one', () => {
    expect(classify(result('http-503', {}, [refused(503), attempt('secondary')]))).toBe('failed-over');
    // Retried at the primary first (3 tries), then over: still failed-over, the secondary's answer counts.
    expect(classify(result('http-503', {}, [refused(503), refused(503), refused(503), attempt('secondary')]))).toBe('failed-over');
  });

  it('a secondary attempt that did not complete does not make a failover', () => {
    // The primary answered on its 2nd try; the secondary's one attempt broke off: retried-ok.
    expect(classify(result('flapping', {}, [refused(500), attempt('secondary', { completed: false }), attempt('primary')]))).toBe('retried-ok');
  });

  it('retried-ok: a whole answer from the primary after more than one attempt', () => {
    expect(classify(result('flapping', {}, [refused(500), attempt('primary')]))).toBe('retried-ok');
  });

  it('ok: a whole answer from the primary at the first attempt (or none logged: a cache)', () => {
    expect(classify(result('none', {}, [attempt('primary')]))).toBe('ok');
    expect(classify(result('none', {}, []))).toBe('ok');
  });
});

/** Every cell, from the scenario kinds' meaning (scenarios.ts) — P pass, S safe, F fail. */
const TABLE: Record<ScenarioKind, Record<Outcome, 'pass' | 'safe' | 'fail'>> = {
  // Nothing is wrong: only a plain answer passes; a retry or failover in the control is itself a fault.
  control: { ok: 'pass', 'retried-ok': 'fail', 'failed-over': 'fail', 'error-surfaced': 'fail', 'silent-truncation': 'fail', hang: 'fail', 'retried-unrecoverable': 'fail' },
  // A retry or a fallback hides the fault (pass); an error the client sees is safe; the rest fail.
  retryable: { ok: 'pass', 'retried-ok': 'pass', 'failed-over': 'pass', 'error-surfaced': 'safe', 'silent-truncation': 'fail', hang: 'fail', 'retried-unrecoverable': 'fail' },
  // Slow: giving up on the primary passes; waiting for the late answer (ok) or an error is safe.
  slow: { ok: 'safe', 'retried-ok': 'pass', 'failed-over': 'pass', 'error-surfaced': 'safe', 'silent-truncation': 'fail', hang: 'fail', 'retried-unrecoverable': 'fail' },
  'mid-stream': { ok: 'pass', 'retried-ok': 'pass', 'failed-over': 'pass', 'error-surfaced': 'safe', 'silent-truncation': 'fail', hang: 'fail', 'retried-unrecoverable': 'fail' },
  // A 400 must reach the client: only error-surfaced passes.
  unrecoverable: { ok: 'fail', 'retried-ok': 'fail', 'failed-over': 'fail', 'error-surfaced': 'pass', 'silent-truncation': 'fail', hang: 'fail', 'retried-unrecoverable': 'fail' },
};

describe('grade: every kind × outcome cell', () => {
  const cells = Object.entries(TABLE).flatMap(([kind, row]) => Object.entries(row).map(([outcome, g]) => [kind, outcome, g] as const));
  it('covers 5 kinds × 7 outcomes', () => expect(cells).toHaveLength(35));
  it.each(cells)('%s / %s → %s', (kind, outcome, want) => {
    expect(grade(kind as ScenarioKind, outcome as Outcome)).toBe(want);
  });
});

describe('worstOutcome and worstGrade: what a scenario row shows', () => {
  it('takes the worst-graded outcome', () => {
    // retryable: ok pass, error-surfaced safe → error-surfaced.
    expect(worstOutcome('retryable', ['ok', 'error-surfaced', 'ok'])).toBe('error-surfaced');
    // slow: failed-over pass, ok safe → ok.
    expect(worstOutcome('slow', ['failed-over', 'ok'])).toBe('ok');
    // unrecoverable: error-surfaced pass, ok fail → ok.
    expect(worstOutcome('unrecoverable', ['error-surfaced', 'ok'])).toBe('ok');
  });

  it('breaks a tie of grades by severity: silent-truncation, hang, retried-unrecoverable, error-surfaced, failed-over, retried-ok, ok', () => {
    expect(OUTCOME_SEVERITY).toEqual(['silent-truncation', 'hang', 'retried-unrecoverable', 'error-surfaced', 'failed-over', 'retried-ok', 'ok']);
    // retryable, all fail: hang vs silent-truncation → silent-truncation.
    expect(worstOutcome('retryable', ['hang', 'silent-truncation'])).toBe('silent-truncation');
    // retryable, all pass: ok, retried-ok, failed-over → failed-over.
    expect(worstOutcome('retryable', ['ok', 'retried-ok', 'failed-over'])).toBe('failed-over');
    expect(worstOutcome('retryable', ['ok', 'retried-ok'])).toBe('retried-ok');
    // control: failed-over and error-surfaced both fail → error-surfaced (more severe).
    expect(worstOutcome('control', ['failed-over', 'error-surfaced'])).toBe('error-surfaced');
  });

  it('refuses no outcomes at all', () => {
    expect(() => worstOutcome('control', [])).toThrow(/no outcomes/);
  });

  it('worstGrade: fail over safe over pass; pass for none', () => {
    expect(worstGrade(['pass', 'safe', 'pass'])).toBe('safe');
    expect(worstGrade(['safe', 'fail', 'pass'])).toBe('fail');
    expect(worstGrade(['pass'])).toBe('pass');
    expect(worstGrade([])).toBe('pass');
  });
});

describe('countOf and extraTokens', () => {
  it('counts attempts per upstream', () => {
    const a = [refused(500), refused(500), attempt('secondary')];
    expect(countOf(a, 'primary')).toBe(2);
    expect(countOf(a, 'secondary')).toBe(1);
  });

  it('is 0 for one answered attempt', () => {
    expect(extraTokens(result('none', {}, [attempt('primary')]))).toBe(0);
  });

  it('counts a cut primary answer when the secondary answered', () => {
    // primary cut after 3: 10 prompt + 3 completion = 13; the secondary's 10 + 24 = 34 is the answer → 13 extra.
    const r = result('stream-cut', {}, [attempt('primary', { completionTokens: 3, completed: false }), attempt('secondary')]);
    expect(extraTokens(r)).toBe(13);
  });

  it('counts the earlier whole answers when a later one is what the client got', () => {
    // primary 10 + 24 = 34 complete, then the secondary 12 + 24 = 36 complete: the last one is the answer → 34 extra.
    expect(extraTokens(result('none', {}, [attempt('primary'), attempt('secondary', { promptTokens: 12 })]))).toBe(34);
  });

  it('counts everything when the client got no whole answer', () => {
    // 10 + 3 = 13 for the cut, nothing came through whole → all 13 are extra.
    expect(extraTokens(result('stream-cut', { complete: false }, [attempt('primary', { completionTokens: 3, completed: false })]))).toBe(13);
    // A completed attempt the client never got whole (the gateway broke it): 34, all extra.
    expect(extraTokens(result('stream-cut', { complete: false }, [attempt('primary')]))).toBe(34);
  });

  it('is 0 for refused attempts (no tokens billed)', () => {
    expect(extraTokens(result('http-500', { status: 500, complete: false }, [refused(500), refused(500)]))).toBe(0);
  });
});
