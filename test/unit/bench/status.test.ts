import { describe, expect, it } from 'vitest';
import { benchExitCode, describeFailure, failureMessage, runStatus, topErrorClass, type RunStatus } from '../../../src/bench/status.js';
import { errors } from '../../helpers/bench-builders.js';

const row = (name: string, sent: number, ok: number, errs: Parameters<typeof errors>[0] = {}, origin?: string) => ({ name, requests: { sent, ok }, errors: errors(errs), ...(origin ? { origin } : {}) });

describe('the run status: which targets were not measured', () => {
  it('a target with at least one success is measured, however many failed; one with none is not', () => {
    const s = runStatus('completed', [row('direct', 10, 10), row('flaky', 10, 1, { server_error: 9 }), row('dead', 10, 0, { connection: 10 })], (t, c) =>
      t.name === 'dead' && c === 'connection' ? 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9.' : undefined,
    );
    expect(s).toEqual({
      ended: 'completed',
      ok: false,
      failedTargets: [
        {
          target: 'dead',
          sent: 10,
          topError: { class: 'connection', count: 10, example: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9.' },
          // the example's own full stop is dropped before the closing parenthesis
          reason: 'all 10 measured requests failed: 10 × connection (first: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9)',
        },
      ],
    });
    expect(runStatus('completed', [row('a', 3, 3), row('b', 1, 1)])).toEqual({ ended: 'completed', ok: true, failedTargets: [] });
  });

  it('one request, several classes listed in their fixed order, the most frequent on top; a tie goes to the first class listed', () => {
    const [one] = runStatus('completed', [row('x', 1, 0, { auth: 1 })]).failedTargets;
    expect(one!.reason).toBe('its one measured request failed: 1 × auth');
    const [mixed] = runStatus('completed', [row('y', 6, 0, { timeout: 4, rate_limited: 2 })]).failedTargets;
    expect(mixed!.reason).toBe('all 6 measured requests failed: 2 × rate_limited, 4 × timeout');
    expect(mixed!.topError).toEqual({ class: 'timeout', count: 4, example: null });
    // rate_limited comes before server_error in ERROR_CLASSES
    expect(topErrorClass(errors({ server_error: 3, rate_limited: 3 }))).toEqual({ class: 'rate_limited', count: 3 });
    expect(topErrorClass(errors())).toBeNull();
  });

  it('an example ending in a full stop and spaces loses both before the parenthesis; a row without error counts lists none', () => {
    const [f] = runStatus('completed', [row('x', 2, 0, { auth: 2 })], () => 'HTTP 401: bad key. ').failedTargets;
    expect(f!.reason).toBe('all 2 measured requests failed: 2 × auth (first: HTTP 401: bad key)');
    // the example itself is kept as it was
    expect(f!.topError!.example).toBe('HTTP 401: bad key. ');
    // (a version 1 summary with failures but no counts: no empty list after the colon)
    expect(runStatus('completed', [row('y', 2, 0)]).failedTargets[0]!.reason).toBe('all 2 measured requests failed');
  });

  it('a target that got nothing sent says why, by how the run ended; merged rows keep their origin', () => {
    const reasons = (['completed', 'interrupted', 'max-spend'] as const).map((e) => runStatus(e, [row('z', 0, 0)]).failedTargets[0]!);
    expect(reasons.map((f) => f.reason)).toEqual([
      'no measured request was sent',
      'no measured request was sent before the run was interrupted',
      'no measured request was sent before --max-spend stopped the run',
    ]);
    expect(reasons[0]).toEqual({ target: 'z', sent: 0, topError: null, reason: 'no measured request was sent' });
    const [f] = runStatus('completed', [row('litellm', 2, 0, { server_error: 2 }, 'eu-west')]).failedTargets;
    expect(f!.origin).toBe('eu-west');
    expect(describeFailure(f!)).toBe('litellm @ eu-west: all 2 measured requests failed: 2 × server_error');
  });
});

describe('bench exit code after a run', () => {
  const ok: RunStatus = { ended: 'completed', ok: true, failedTargets: [] };
  const failed: RunStatus = { ended: 'completed', ok: false, failedTargets: [{ target: 'gw', sent: 2, topError: null, reason: 'r' }] };
  it('interrupted 130, over a target not measured 3, over a failed gate 1, over 0', () => {
    expect(benchExitCode(ok, 0)).toBe(0);
    expect(benchExitCode(ok, 1)).toBe(1);
    expect(benchExitCode({ ...ok, ended: 'max-spend' }, 0)).toBe(0);
    expect(benchExitCode(failed, 0)).toBe(3);
    // a dead target wins over a failed gate: the gates judged a run that did not measure what was asked
    expect(benchExitCode(failed, 2)).toBe(3);
    expect(benchExitCode({ ...failed, ended: 'max-spend' }, 2)).toBe(3);
    expect(benchExitCode({ ...failed, ended: 'interrupted' }, 2)).toBe(130);
    expect(benchExitCode({ ...ok, ended: 'interrupted' }, 0)).toBe(130);
  });

  it('the stderr message names every failed target, and says so when none was measured', () => {
    const two = runStatus('completed', [row('direct', 2, 2), row('a', 2, 0, { auth: 2 }), row('b', 2, 0, { connection: 2 })]);
    expect(failureMessage(two, 3, 6)).toBe(
      '2 of 3 targets had no successful request: the run did not measure them.\n  a: all 2 measured requests failed: 2 × auth\n  b: all 2 measured requests failed: 2 × connection',
    );
    const one = runStatus('completed', [row('direct', 2, 2), row('a', 2, 0, { auth: 2 })]);
    expect(failureMessage(one, 2, 4).split('\n')[0]).toBe('1 of 2 targets had no successful request: the run did not measure it.');
    expect(failureMessage(runStatus('completed', [row('direct', 2, 0, { connection: 2 })]), 1, 2).split('\n')[0]).toBe('No request succeeded (2 sent): the run measured nothing.');
    expect(failureMessage(runStatus('completed', [row('a', 1, 0, { auth: 1 }), row('b', 1, 0, { auth: 1 })]), 2, 2).split('\n')[0]).toBe(
      'No request succeeded (2 sent): the run measured none of its 2 targets.',
    );
  });
});
