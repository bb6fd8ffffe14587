import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, extraTokens } from '../../src/drill/outcome.js';
import { runDrill, type RunDrillInput } from '../../src/drill/run.js';
import type { ScenarioId } from '../../src/drill/scenarios.js';
import type { DrillRequestResult, DrillTarget } from '../../src/drill/types.js';
import { startUpstreams, type DrillUpstreams } from '../../src/drill/upstream-server.js';
import { startFailoverProxy, type ProxyOptions } from './failover-proxy.js';
import { FAULTS } from './helpers.js';

/**
 * runDrill end to end: the upstreams, a tiny failover proxy in front of them (failover-proxy.ts), the client,
 * and classify() over the upstreams' own logs. Each expected outcome is worked out from what the proxy does with
 * the fault, not from the code under test. Faults: 6-token answers, cut after 3. Serial (run alone): client
 * give-ups of 300-400 ms and a late-attempt race against settleMs must not be starved by other test files.
 */

let up: DrillUpstreams;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  up = await startUpstreams({ primary: { port: 0 }, secondary: { port: 0 }, faults: FAULTS });
  closers.push(() => up.close());
});
afterAll(async () => void (await Promise.all(closers.map((c) => c()))));

const on5xx = (s: number): boolean => s >= 500;
async function proxy(name: string, o: Partial<ProxyOptions> = {}): Promise<DrillTarget> {
  const p = await startFailoverProxy(up.primaryUrl, up.secondaryUrl, { failOverOn: on5xx, onBreak: 'end', ...o });
  closers.push(p.close);
  return { name, gateway: null, baseUrl: p.baseUrl, model: 'drill-test', headers: { authorization: 'Bearer test-key' } };
}

let hex = 0;
function drill(targets: DrillTarget[], scenarios: ScenarioId[], over: Partial<RunDrillInput> = {}) {
  return runDrill({ targets, upstreams: up, scenarios, modes: ['stream', 'non-stream'], requests: 2, timeoutMs: 3_000, faults: FAULTS, pauseMs: 0, settleMs: 50, makeHex: () => (++hex).toString(16).padStart(12, '0'), ...over });
}

/** [target, scenario, stream, request, outcome, primary attempts, secondary attempts] per result. */
const summary = (rs: DrillRequestResult[]) =>
  rs.map((r) => [r.target, r.scenario, r.stream ? 'S' : 'N', r.request, classify(r), r.attempts.filter((a) => a.upstream === 'primary').length, r.attempts.filter((a) => a.upstream === 'secondary').length]);

describe('runDrill through a failover proxy (forward to the primary; on 5xx or a connection error, to the secondary)', () => {
  it('none → ok (primary only); http-500 and reset → failed-over (P1 S1); flapping: request 0 fails over, request 1 is ok', async () => {
    const gw = await proxy('gw');
    const seen: DrillRequestResult[] = [];
    const out = await drill([gw], ['none', 'http-500', 'reset', 'flapping'], { onResult: (r) => seen.push(r) });
    expect(out.interrupted).toBe(false);
    expect(out.unattributed).toBe(0);
    const rows = (id: string, outcome: string, p: number, s: number) =>
      ['S', 'N'].flatMap((m) => [0, 1].map((i) => ['gw', id, m, i, outcome, p, s]));
    expect(summary(out.results)).toEqual([
      ...rows('none', 'ok', 1, 0),
      ...rows('http-500', 'failed-over', 1, 1),
      ...rows('reset', 'failed-over', 1, 1),
      // flapping: request + attempt even fails, so request 0's only primary attempt fails; request 1's succeeds.
      ['gw', 'flapping', 'S', 0, 'failed-over', 1, 1],
      ['gw', 'flapping', 'S', 1, 'ok', 1, 0],
      ['gw', 'flapping', 'N', 0, 'failed-over', 1, 1],
      ['gw', 'flapping', 'N', 1, 'ok', 1, 0],
    ]);
    expect(seen).toEqual(out.results);
    // A failed-over 500 billed nothing at the primary: no extra tokens.
    expect(out.results.filter((r) => r.scenario === 'http-500').map(extraTokens)).toEqual([0, 0, 0, 0]);
    // Nonces carry the request index and the 12 hex digits given.
    expect(out.results[0]!.client.nonce).toMatch(/^gsd-0-[0-9a-f]{12}$/);
  });

  it('context-length: a proxy that passes the 400 on → error-surfaced; one that fails over on 4xx too → retried-unrecoverable', async () => {
    const passes = await proxy('passes');
    const hides = await proxy('hides', { failOverOn: (s) => s >= 400 });
    const out = await drill([passes, hides], ['context-length'], { modes: ['non-stream'] });
    expect(summary(out.results)).toEqual([
      ['passes', 'context-length', 'N', 0, 'error-surfaced', 1, 0],
      ['passes', 'context-length', 'N', 1, 'error-surfaced', 1, 0],
      ['hides', 'context-length', 'N', 0, 'retried-unrecoverable', 1, 1],
      ['hides', 'context-length', 'N', 1, 'retried-unrecoverable', 1, 1],
    ]);
    expect(out.results[0]!.client).toMatchObject({ status: 400, complete: false });
    expect(out.results[2]!.client).toMatchObject({ status: 200, complete: true });
  });

  it('stream-cut: relayed and ended cleanly → silent-truncation (streamed); aborted → error-surfaced', async () => {
    const clean = await proxy('clean');
    const aborts = await proxy('aborts', { onBreak: 'abort' });
    const out = await drill([clean, aborts], ['stream-cut'], { modes: ['stream'], requests: 1 });
    expect(summary(out.results)).toEqual([
      ['clean', 'stream-cut', 'S', 0, 'silent-truncation', 1, 0],
      ['aborts', 'stream-cut', 'S', 0, 'error-surfaced', 1, 0],
    ]);
    expect(out.results[0]!.client).toMatchObject({ status: 200, complete: false, errorEvent: false, transportError: null });
    // The cut attempt billed 18 prompt + 3 completion tokens and the client got no whole answer: all 21 are extra.
    expect(extraTokens(out.results[0]!)).toBe(21);
  });

  it('stream-cut non-streamed through the clean-ending proxy: the half body is not JSON, which the client sees → error-surfaced', async () => {
    const clean = await proxy('clean-n');
    const out = await drill([clean], ['stream-cut'], { modes: ['non-stream'], requests: 1 });
    expect(summary(out.results)).toEqual([['clean-n', 'stream-cut', 'N', 0, 'error-surfaced', 1, 0]]);
    expect(out.results[0]!.client).toMatchObject({ status: 200, errorEvent: true, transportError: null });
  });

  it('no-response with a 300 ms client give-up → hang; a proxy whose own 500 ms timeout fails over after that: still hang, and the late secondary attempt is logged thanks to settleMs', async () => {
    const waits = await proxy('waits');
    const late = await proxy('late', { timeoutMs: 500 });
    const out = await drill([waits, late], ['no-response'], { modes: ['non-stream'], requests: 1, timeoutMs: 300, settleMs: 700 });
    expect(summary(out.results)).toEqual([
      ['waits', 'no-response', 'N', 0, 'hang', 1, 0],
      ['late', 'no-response', 'N', 0, 'hang', 1, 1],
    ]);
    expect(out.results.map((r) => r.client.timedOut)).toEqual([true, true]);
  });

  it('two targets in parallel: the primary itself (no failover) and the proxy; no-done runs streamed only', async () => {
    const gw = await proxy('gw2');
    const direct: DrillTarget = { name: 'direct', gateway: null, baseUrl: up.primaryUrl, model: 'm', headers: {} };
    const out = await drill([direct, gw], ['http-503', 'no-done'], { requests: 1, timeoutMs: 400 });
    expect(summary(out.results)).toEqual([
      ['direct', 'http-503', 'S', 0, 'error-surfaced', 1, 0],
      ['gw2', 'http-503', 'S', 0, 'failed-over', 1, 1],
      ['direct', 'http-503', 'N', 0, 'error-surfaced', 1, 0],
      ['gw2', 'http-503', 'N', 0, 'failed-over', 1, 1],
      // Every chunk but no [DONE] and the connection held: both clients wait for the end and give up.
      ['direct', 'no-done', 'S', 0, 'hang', 1, 0],
      ['gw2', 'no-done', 'S', 0, 'hang', 1, 0],
    ]);
  });

  it('pauseMs comes between scenarios, not between the modes of one scenario', async () => {
    const gw = await proxy('gw5');
    let t0 = Date.now();
    await drill([gw], ['none'], { requests: 1, pauseMs: 2_000 });
    // One scenario, two modes: no pause at all (well under the 2 s it would add).
    expect(Date.now() - t0).toBeLessThan(1_500);
    t0 = Date.now();
    await drill([gw], ['none', 'http-500'], { modes: ['stream'], requests: 1, pauseMs: 400 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
  });

  it('an abort stops sending and returns what was measured, interrupted', async () => {
    const gw = await proxy('gw3');
    const ac = new AbortController();
    let n = 0;
    const out = await drill([gw], ['none', 'http-500'], { signal: ac.signal, onResult: () => ++n === 2 && ac.abort() });
    expect(out.interrupted).toBe(true);
    // none/stream's two results came in; the abort after the second one stops before none/non-stream.
    expect(summary(out.results)).toEqual([
      ['gw3', 'none', 'S', 0, 'ok', 1, 0],
      ['gw3', 'none', 'S', 1, 'ok', 1, 0],
    ]);
  });

  it('an abort during a hung request drops that request and ends at once', async () => {
    const gw = await proxy('gw4');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const t0 = Date.now();
    const out = await drill([gw], ['no-response'], { signal: ac.signal, timeoutMs: 10_000, settleMs: 5_000 });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(out).toMatchObject({ interrupted: true, results: [] });
  });
});
