import { describe, expect, it } from 'vitest';
import { drillDocumentSchema, type DrillDocument } from '../../../src/drill/document.js';
import { buildDrillDocument, median } from '../../../src/drill/summarize.js';
import type { DrillRequestResult } from '../../../src/drill/types.js';
import { attempt, refused, result, target } from '../../helpers/drill-builders.js';

const CONFIG: DrillDocument['config'] = {
  scenarios: ['none', 'http-500', 'stream-cut'],
  requests: 2,
  stream: 'both',
  timeoutsMs: { request: 3000 },
  faults: { slowTtftMs: 8000, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 24 },
  pauseMs: 0,
};

const build = (results: DrillRequestResult[], over: Partial<Parameters<typeof buildDrillDocument>[0]> = {}) =>
  buildDrillDocument({ results, targets: [target('a', 'litellm'), target('b', null)], config: CONFIG, demo: false, interrupted: false, unattributed: 0, generatedAt: '2026-12-06T21:00:00.000Z', version: '0.1.0', ...over });

const cut = () => attempt('primary', { action: 'cut', completionTokens: 3, completed: false });

/** Target a: none ok; http-500 failed over (streamed) and surfaced (not); stream-cut truncated once of two. */
const A: DrillRequestResult[] = [
  // Given out of order on purpose: rows come out in target, scenario (config order), stream-first order.
  result('stream-cut', { status: 200, complete: false, ms: 40 }, [cut()], { target: 'a', request: 0 }),
  result('stream-cut', { status: 200, ms: 90 }, [cut(), attempt('secondary')], { target: 'a', request: 1 }),
  result('http-500', { status: 200, ms: 120 }, [refused(500), attempt('secondary')], { target: 'a', request: 0 }),
  result('http-500', { status: 200, ms: 80 }, [refused(500), refused(500), attempt('secondary')], { target: 'a', request: 1 }),
  result('http-500', { status: 500, complete: false, ms: 30, errorText: 'upstream 500' }, [refused(500)], { target: 'a', request: 0, stream: false }),
  result('http-500', { status: 500, complete: false, ms: 20 }, [refused(500)], { target: 'a', request: 1, stream: false }),
  result('none', { ms: 50 }, [attempt('primary')], { target: 'a', request: 0 }),
  result('none', { ms: 70 }, [attempt('primary')], { target: 'a', request: 1 }),
];

describe('buildDrillDocument', () => {
  it('is a valid drill document with no gates that passes', () => {
    const doc = build(A);
    expect(drillDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc).toMatchObject({ schemaVersion: 1, kind: 'drill', status: 'complete', demo: false, gates: [], passed: true, warnings: [] });
  });

  it('orders rows by target, then the config\'s scenario order, stream before non-stream', () => {
    expect(build(A).drill.scenarios.map((r) => `${r.target} ${r.id} ${r.stream ? 's' : 'n'}`)).toEqual(['a none s', 'a http-500 s', 'a http-500 n', 'a stream-cut s']);
  });

  it('judges a row by its worst request and sums or maxes the rest', () => {
    const cutRow = build(A).drill.scenarios.find((r) => r.id === 'stream-cut')!;
    // request 0: 2xx, partial, no error → silent-truncation (fail); request 1: secondary answered → failed-over (pass).
    expect(cutRow).toMatchObject({ outcome: 'silent-truncation', grade: 'fail', requests: 2, primaryAttempts: 1, secondaryAttempts: 1, clientStatus: 200 });
    expect(cutRow.outcomes).toEqual({ ok: 0, 'retried-ok': 0, 'failed-over': 1, 'error-surfaced': 0, 'silent-truncation': 1, hang: 0, 'retried-unrecoverable': 0 });
    // ms: max(40, 90) = 90; median of two = (40 + 90) / 2 = 65.
    expect(cutRow.ms).toBe(90);
    expect(cutRow.msMedian).toBe(65);
    // extra tokens: request 0, nothing whole → its cut 10 + 3 = 13; request 1, the cut 13 beside the answer → 13. Sum 26.
    expect(cutRow.extraTokens).toBe(26);
    expect(cutRow.details.map((d) => [d.request, d.outcome, d.extraTokens])).toEqual([
      [0, 'silent-truncation', 13],
      [1, 'failed-over', 13],
    ]);
  });

  it('takes the most attempts of any one request', () => {
    const row = build(A).drill.scenarios.find((r) => r.id === 'http-500' && r.stream)!;
    // request 1 tried the primary twice: 2; both went to the secondary once: 1.
    expect(row).toMatchObject({ outcome: 'failed-over', grade: 'pass', primaryAttempts: 2, secondaryAttempts: 1, ms: 120, msMedian: 100, extraTokens: 0 });
  });

  it('keeps the client status and error text of each request, the row\'s from the request its outcome comes from', () => {
    const row = build(A).drill.scenarios.find((r) => r.id === 'http-500' && !r.stream)!;
    expect(row).toMatchObject({ outcome: 'error-surfaced', grade: 'safe', clientStatus: 500 });
    expect(row.details[0]).toMatchObject({ request: 0, nonce: 'gsd-0-0123456789ab', clientStatus: 500, complete: false, errorEvent: false, timedOut: false, transportError: null, errorText: 'upstream 500' });
  });

  it('counts rows per grade and requests per outcome for each target, a target without results too', () => {
    const doc = build(A);
    // rows: none pass, http-500 s pass, http-500 n safe, stream-cut fail.
    expect(doc.totals[0]).toEqual({
      target: 'a',
      gateway: 'litellm',
      pass: 2,
      safe: 1,
      fail: 1,
      // requests: 2 ok (none), 3 failed-over (2 http-500 s + 1 cut), 2 error-surfaced, 1 silent-truncation = 8.
      outcomes: { ok: 2, 'retried-ok': 0, 'failed-over': 3, 'error-surfaced': 2, 'silent-truncation': 1, hang: 0, 'retried-unrecoverable': 0 },
    });
    expect(doc.totals[1]).toMatchObject({ target: 'b', gateway: null, pass: 0, safe: 0, fail: 0 });
  });

  it('lists the targets without their headers (they may carry a key)', () => {
    const withKey = { ...target('a'), headers: { authorization: 'Bearer test-key' } };
    const doc = buildDrillDocument({ results: [], targets: [withKey], config: CONFIG, demo: true, interrupted: true, unattributed: 0, generatedAt: '2026-12-06T21:00:00.000Z', version: 'x' });
    expect(doc.targets).toEqual([{ name: 'a', gateway: 'litellm', baseUrl: 'http://127.0.0.1:4000/a/v1', model: 'drill-model' }]);
    expect(JSON.stringify(doc)).not.toContain('test-key');
    expect(doc).toMatchObject({ status: 'interrupted', demo: true });
  });

  it('places a scenario missing from the config\'s list after the listed ones, in the catalog order', () => {
    const rows = build([result('reset', {}, [attempt('primary')], { target: 'a' }), result('flapping', {}, [attempt('primary')], { target: 'a' }), result('none', {}, [attempt('primary')], { target: 'a' })]).drill.scenarios;
    expect(rows.map((r) => r.id)).toEqual(['none', 'reset', 'flapping']);
  });
});

describe('drill warnings', () => {
  it('says when a whole answer reached neither upstream', () => {
    const doc = build([result('none', {}, [], { target: 'a', request: 0 }), result('none', {}, [attempt('primary')], { target: 'a', request: 1 })]);
    expect(doc.warnings).toEqual(['a none (stream): 1 of 2 requests answered without reaching either upstream: a cache, or the nonce was stripped; their outcome is not evidence of failover.']);
  });

  it('says when the primary was never tried in a fault scenario, and suggests pauseMs', () => {
    const doc = build([result('http-500', {}, [attempt('secondary')], { target: 'a', stream: false })]);
    expect(doc.warnings).toEqual([
      'a http-500 (non-stream): the primary was never tried, only the secondary: the gateway may have put the primary in cooldown after an earlier scenario, so this row did not drill http-500. Give the cooldown time to run out with pauseMs (now 0 ms) in the config.',
    ]);
  });

  it('does not warn about the primary in the control scenario, or when the primary was tried once', () => {
    expect(build([result('none', {}, [attempt('secondary')], { target: 'a' })]).warnings).toEqual([]);
    expect(build([result('http-500', {}, [refused(500), attempt('secondary')], { target: 'a' })]).warnings).toEqual([]);
  });

  it('counts chat requests without a nonce', () => {
    expect(build([], { unattributed: 1 }).warnings).toEqual(['1 chat request reached the upstreams without a drill nonce (a health check, or a gateway that rewrites the prompt); they are not counted in any row.']);
    expect(build([], { unattributed: 3 }).warnings[0]).toMatch(/^3 chat requests reached/);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([5])).toBe(5);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
  });
});

describe('buildDrillDocument: order and lookups', () => {
  const doc = () =>
    buildDrillDocument({
      // Given in the reverse of every order the document keeps.
      results: [
        result('http-500', { status: 500, complete: false }, [refused(500)], { target: 'x', request: 0 }),
        result('none', {}, [attempt('primary')], { target: 'a', request: 1, stream: false }),
        result('none', { status: 500, complete: false }, [refused(500)], { target: 'a', request: 0, stream: false }),
        result('none', {}, [attempt('primary')], { target: 'a', request: 0 }),
        result('none', {}, [attempt('primary')], { target: 'z', request: 0 }),
      ],
      targets: [target('z', 'portkey'), target('a', 'litellm')],
      config: CONFIG,
      demo: false,
      interrupted: false,
      unattributed: 0,
      generatedAt: '2026-12-06T21:00:00.000Z',
      version: '0.1.0',
    });

  it('puts rows in the targets\' order, a target not listed last, stream before non-stream', () => {
    expect(doc().drill.scenarios.map((r) => `${r.target} ${r.id} ${r.stream ? 's' : 'n'} ${r.gateway}`)).toEqual(['z none s portkey', 'a none s litellm', 'a none n litellm', 'x http-500 s null']);
  });

  it('sorts a row\'s requests by index and takes its status from the request its outcome comes from', () => {
    const row = doc().drill.scenarios.find((r) => r.target === 'a' && !r.stream)!;
    expect(row.details.map((d) => d.request)).toEqual([0, 1]);
    // control: request 0 a 500 (error-surfaced, fail), request 1 ok → the row shows the 500.
    expect(row).toMatchObject({ outcome: 'error-surfaced', grade: 'fail', clientStatus: 500 });
  });

  it('totals every target, a listed one first, one found only in the results with no gateway', () => {
    expect(doc().totals.map((t) => [t.target, t.gateway, t.pass, t.safe, t.fail])).toEqual([
      ['z', 'portkey', 1, 0, 0],
      ['a', 'litellm', 1, 0, 1],
      ['x', null, 0, 1, 0],
    ]);
  });

  it('does not suspect a cooldown when neither upstream was tried: the gateway never reached them at all', () => {
    const d = build([result('http-500', { status: 502, complete: false }, [], { target: 'a' })]);
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]).toMatch(/^a: no request reached either upstream \(the gateway answered HTTP 502\)/);
    expect(d.warnings[0]).not.toContain('cooldown');
  });

  it('warns of an unreached gateway only when none of its requests reached an upstream', () => {
    const reached = build([result('none', {}, [attempt('primary')], { target: 'a' }), result('http-500', { status: 502, complete: false }, [], { target: 'a' })]);
    expect(reached.warnings.join(' ')).not.toContain('no request reached');
  });
});
