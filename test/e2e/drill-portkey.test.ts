import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/drill/outcome.js';
import { runDrill } from '../../src/drill/run.js';
import type { FaultSettings, ScenarioId } from '../../src/drill/scenarios.js';
import type { DrillRequestResult, DrillTarget, Mode } from '../../src/drill/types.js';
import { startUpstreams, type DrillUpstreams } from '../../src/drill/upstream-server.js';
import { portkeyPresent, PORTKEY_SERVER, startPortkey, type RunningPortkey } from '../helpers/portkey.js';

/**
 * The failover drill against a real gateway: Portkey's open-source gateway (@portkey-ai/gateway 1.15.2, a dev
 * dependency) with a fallback config in x-portkey-config — strategy mode "fallback", two openai targets whose
 * custom_host is the drill's primary and secondary — and no retry or request_timeout configured (its defaults).
 *
 * Its fallback rule (src/handlers/handlerUtils.ts, tryTargetsRecursively, FALLBACK case, lines 676-688 at
 * https://github.com/Portkey-AI/gateway/blob/ca7712947ec8c0887803990b746740d36011c697/src/handlers/handlerUtils.ts):
 * without strategy.on_status_codes it moves to the next target on ANY response that is not ok (2xx), 400s
 * included, and stops at a response flagged x-portkey-gateway-exception (its own exceptions). A connection error
 * at the provider becomes a plain 500 Response in retryRequest (src/handlers/retryHandler.ts lines 182-210 at the
 * same commit), so it fails over too. Retries are off unless `retry.attempts` is set.
 *
 * What Portkey 1.15.2 did, non-streamed (Node 20.20, 2026-12-06; client give-up 1.5 s, slow-ttft 300 ms, cut after
 * 3 of 6 tokens), P/S = attempts at the primary/secondary:
 *   none → ok (P1 S0); http-429, http-429-retry-after, http-500, http-503, reset → failed-over (P1 S1);
 *   flapping → request 0 failed-over (P1 S1), request 1 ok (P1 S0);
 *   context-length, content-filter → retried-unrecoverable (P1 S1, the client gets the secondary's 200): a 400
 *     that no fallback can fix is hidden by the default fallback — a real finding; `on_status_codes` limits it;
 *   no-response, stream-stall → hang (no default request timeout; P1 S0);
 *   slow-ttft → ok (it waits for the slow primary; P1 S0);
 *   stream-cut (body cut), stream-malformed (body not JSON) → error-surfaced: HTTP 500 {"status":"failure",
 *     "message":"Something went wrong"}, P1 S0 (its own exception, which stops the fallback).
 * Streamed: every stream that gets an answer fails with that HTTP 500 before any byte ("TypeError: immutable",
 * issues #1389 and #1550; see portkey-real.test.ts), AFTER the fallback ran. So the status scenarios, reset and
 * flapping request 0 are P1 S1 yet error-surfaced; context-length and content-filter are retried-unrecoverable
 * (P1 S1, then the 500); none, slow-ttft and every mid-stream scenario (cut, stall, malformed, no-done) are
 * error-surfaced with P1 S0 (the 500 comes as soon as the primary's headers do); no-response hangs. The streamed
 * test asserts the upstreams' log (the fallback ran) whichever way the client is answered, so a Portkey or Node
 * that streams keeps it meaningful.
 */

if (!portkeyPresent) console.warn(`drill-portkey.test.ts skipped: ${PORTKEY_SERVER} is missing (npm ci installs the dev dependency @portkey-ai/gateway).`);

const FAULTS: FaultSettings = { slowTtftMs: 300, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 6 };
const FAILURE_BODY = '{"status":"failure","message":"Something went wrong"}';

let up: DrillUpstreams;
let portkey: RunningPortkey;
let target: DrillTarget;

beforeAll(async () => {
  if (!portkeyPresent) return;
  up = await startUpstreams({ primary: { port: 0 }, secondary: { port: 0 }, faults: FAULTS });
  portkey = await startPortkey();
  const config = {
    strategy: { mode: 'fallback' },
    targets: [
      { provider: 'openai', custom_host: up.primaryUrl, api_key: 'test-key' },
      { provider: 'openai', custom_host: up.secondaryUrl, api_key: 'test-key' },
    ],
  };
  target = { name: 'portkey', gateway: 'portkey', baseUrl: `${portkey.base}/v1`, model: 'gpt-4o-mini', headers: { 'x-portkey-config': JSON.stringify(config) } };
});

afterAll(async () => {
  await Promise.all([portkey?.stop(), up?.close()]);
});

function drill(scenarios: ScenarioId[], modes: Mode[], requests = 1) {
  return runDrill({ targets: [target], upstreams: up, scenarios, modes, requests, timeoutMs: 1_500, faults: FAULTS, pauseMs: 0, settleMs: 200 });
}

/** [scenario, request, outcome, primary attempts, secondary attempts, client status] per result. */
const rows = (rs: DrillRequestResult[]) =>
  rs.map((r) => [r.scenario, r.request, classify(r), r.attempts.filter((a) => a.upstream === 'primary').length, r.attempts.filter((a) => a.upstream === 'secondary').length, r.client.status]);

const withLog = (rs: DrillRequestResult[]) => `${JSON.stringify(rows(rs))}\n--- Portkey's log ---\n${portkey.log().slice(-1500)}`;

describe.skipIf(!portkeyPresent)('a failover drill through the real Portkey gateway with a fallback config', () => {
  it('non-streamed: http-500 fails over to the secondary; the control touches only the primary', async () => {
    const out = await drill(['none', 'http-500'], ['non-stream'], 2);
    expect(rows(out.results), withLog(out.results)).toEqual([
      ['none', 0, 'ok', 1, 0, 200],
      ['none', 1, 'ok', 1, 0, 200],
      ['http-500', 0, 'failed-over', 1, 1, 200],
      ['http-500', 1, 'failed-over', 1, 1, 200],
    ]);
    expect(out.unattributed).toBe(0);
  });

  it('non-streamed, the other scenarios: every retryable status and a reset fail over; a 400 is failed over too (retried-unrecoverable); no timeout by default (hang)', async () => {
    const out = await drill(['http-429', 'http-429-retry-after', 'http-503', 'reset', 'context-length', 'content-filter', 'no-response', 'slow-ttft', 'stream-stall', 'stream-cut', 'stream-malformed'], ['non-stream']);
    expect(rows(out.results), withLog(out.results)).toEqual([
      ['http-429', 0, 'failed-over', 1, 1, 200],
      ['http-429-retry-after', 0, 'failed-over', 1, 1, 200],
      ['http-503', 0, 'failed-over', 1, 1, 200],
      ['reset', 0, 'failed-over', 1, 1, 200],
      ['context-length', 0, 'retried-unrecoverable', 1, 1, 200],
      ['content-filter', 0, 'retried-unrecoverable', 1, 1, 200],
      ['no-response', 0, 'hang', 1, 0, null],
      ['slow-ttft', 0, 'ok', 1, 0, 200],
      ['stream-stall', 0, 'hang', 1, 0, null],
      ['stream-cut', 0, 'error-surfaced', 1, 0, 500],
      ['stream-malformed', 0, 'error-surfaced', 1, 0, 500],
    ]);
    for (const r of out.results.filter((x) => x.client.status === 500)) expect(r.client.errorText).toBe(FAILURE_BODY);
  });

  it('non-streamed flapping: request 0 (primary fails) fails over, request 1 (primary answers) is ok', async () => {
    const out = await drill(['flapping'], ['non-stream'], 2);
    expect(rows(out.results), withLog(out.results)).toEqual([
      ['flapping', 0, 'failed-over', 1, 1, 200],
      ['flapping', 1, 'ok', 1, 0, 200],
    ]);
  });

  it('streamed: the fallback runs (http-500 reaches the secondary); with the known stream bug the client then gets Portkey\'s 500', async () => {
    const out = await drill(['none', 'http-500', 'context-length'], ['stream']);
    const attempts = rows(out.results).map(([id, , , p, s]) => [id, p, s]);
    // The upstreams' log is the same whether or not Portkey's stream relay works.
    expect(attempts, withLog(out.results)).toEqual([
      ['none', 1, 0],
      ['http-500', 1, 1],
      ['context-length', 1, 1],
    ]);
    const none = out.results[0]!.client;
    if (none.status === 500) {
      // Portkey-AI/gateway #1389, #1550: no stream reaches the client.
      expect(none.errorText).toBe(FAILURE_BODY);
      expect(rows(out.results).map(([id, , outcome]) => [id, outcome])).toEqual([
        ['none', 'error-surfaced'],
        ['http-500', 'error-surfaced'],
        ['context-length', 'retried-unrecoverable'],
      ]);
    } else {
      // A Portkey/Node that streams: the control is ok and http-500 fails over, as non-streamed.
      expect(rows(out.results).map(([id, , outcome]) => [id, outcome])).toEqual([
        ['none', 'ok'],
        ['http-500', 'failed-over'],
        ['context-length', 'retried-unrecoverable'],
      ]);
    }
  });
});
