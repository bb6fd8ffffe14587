import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDrillRequest } from '../../src/drill/client.js';
import type { ScenarioId } from '../../src/drill/scenarios.js';
import type { DrillTarget } from '../../src/drill/types.js';
import { startUpstreams, type DrillUpstreams } from '../../src/drill/upstream-server.js';
import { FAULTS } from './helpers.js';

/**
 * The drill's client against the upstreams directly (no gateway between), so what it must see is worked out from
 * the fault alone. Faults: 6-token answers, cut/stall/malformed after 3 tokens, slow-ttft 300 ms; give-up 600 ms where the fault never ends, else 3 s.
 */

let up: DrillUpstreams;
let target: DrillTarget;
beforeAll(async () => {
  up = await startUpstreams({ primary: { port: 0 }, secondary: { port: 0 }, faults: FAULTS });
  target = { name: 'direct', gateway: null, baseUrl: up.primaryUrl, model: 'drill-test', headers: { authorization: 'Bearer test-key' } };
});
afterAll(() => up.close());

let n = 0;
async function send(scenario: ScenarioId, stream: boolean, timeoutMs = 3_000, t: DrillTarget = target) {
  up.setScenario(scenario);
  const nonce = `gsd-0-${(++n).toString(16).padStart(12, 'c')}`;
  return sendDrillRequest({ target: t, nonce, scenario, stream, timeoutMs, answerTokens: 6, request: 0 });
}

const CLEAN = { complete: false, errorEvent: false, timedOut: false, transportError: null };

describe('the client against the upstreams directly', () => {
  for (const stream of [true, false]) {
    const mode = stream ? 'streamed' : 'non-streamed';
    it(`none (${mode}) → 200, the whole answer with its finish_reason: complete`, async () => {
      const o = await send('none', stream);
      expect(o).toMatchObject({ ...CLEAN, status: 200, complete: true, errorText: null, stream, scenario: 'none' });
      expect(o.ms).toBeGreaterThan(0);
    });

    it(`http-500 (${mode}) → status 500 with the error body as errorText; no in-band error (it is not a 2xx)`, async () => {
      const o = await send('http-500', stream);
      expect(o).toMatchObject({ ...CLEAN, status: 500 });
      expect(o.errorText).toContain('The server had an error (drill).');
    });

    it(`context-length (${mode}) → 400 context_length_exceeded`, async () => {
      const o = await send('context-length', stream);
      expect(o).toMatchObject({ ...CLEAN, status: 400 });
      expect(o.errorText).toContain('context_length_exceeded');
    });

    it(`reset (${mode}) → no status, a transport error`, async () => {
      const o = await send('reset', stream);
      expect(o).toMatchObject({ status: null, complete: false, timedOut: false, errorText: null });
      expect(o.transportError).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/);
    });

    it(`no-response (${mode}) → gives up at 600 ms: timedOut, no status, no transport error`, async () => {
      const o = await send('no-response', stream, 600);
      expect(o).toMatchObject({ ...CLEAN, status: null, timedOut: true });
      expect(o.ms).toBeGreaterThanOrEqual(590);
    });

    it(`stream-cut (${mode}) → 200 then a transport error, not complete`, async () => {
      const o = await send('stream-cut', stream);
      expect(o).toMatchObject({ status: 200, complete: false, errorEvent: false, timedOut: false });
      expect(o.transportError).toMatch(/UND_ERR_SOCKET|other side closed|terminated/);
    });

    it(`stream-stall (${mode}) → 200 then the give-up: timedOut`, async () => {
      const o = await send('stream-stall', stream, 600);
      expect(o).toMatchObject({ ...CLEAN, status: 200, timedOut: true });
    });

    it(`stream-malformed (${mode}) → 200, ends cleanly, counted as an in-band error (an SDK raises on it)`, async () => {
      const o = await send('stream-malformed', stream);
      expect(o).toMatchObject({ ...CLEAN, status: 200, errorEvent: true });
      expect(o.errorText).toMatch(stream ? /^malformed SSE data: \{"id":"drill-malformed"/ : /^body is not JSON: \{"id":/);
    });

    it(`slow-ttft (${mode}) → complete, 300 ms late`, async () => {
      const o = await send('slow-ttft', stream);
      expect(o).toMatchObject({ ...CLEAN, status: 200, complete: true });
      expect(o.ms).toBeGreaterThanOrEqual(290);
    });
  }

  it('no-done (streamed) → the whole answer with finish_reason arrives, but the body never ends: complete and timedOut', async () => {
    const o = await send('no-done', true, 600);
    expect(o).toMatchObject({ status: 200, complete: true, errorEvent: false, timedOut: true, transportError: null });
  });

  it('a refused connection is a transport error, not a hang', async () => {
    const closed = await startUpstreams({ primary: { port: 0 }, secondary: { port: 0 }, faults: FAULTS });
    const baseUrl = closed.primaryUrl;
    await closed.close();
    const o = await send('none', false, 600, { ...target, baseUrl });
    expect(o).toMatchObject({ status: null, timedOut: false, complete: false });
    expect(o.transportError).toMatch(/ECONNREFUSED/);
  });
});

/** A server that records the request and answers with whatever the test set. */
let canned: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '{}' };
let seen: { headers: Record<string, unknown>; body: Record<string, any> } | undefined;
let fake: Server;
let fakeTarget: DrillTarget;
beforeAll(async () => {
  fake = createServer((req, res) => {
    let b = '';
    req.on('data', (d: Buffer) => (b += d.toString()));
    req.on('end', () => {
      seen = { headers: req.headers, body: JSON.parse(b) };
      res.writeHead(canned.status, { 'content-type': canned.type }).end(canned.body);
    });
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  fakeTarget = { name: 'fake', gateway: null, baseUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1/`, model: 'route-a', headers: { 'x-portkey-config': '{"a":1}' } };
});
afterAll(() => new Promise<void>((r) => fake.close(() => r())));

const N = 'gsd-2-dddddddddddd';
const direct = (stream: boolean, signal?: AbortSignal) => sendDrillRequest({ target: fakeTarget, nonce: N, scenario: 'none', stream, timeoutMs: 1_000, answerTokens: 3, request: 2, signal });
const chunk = (o: object) => `data: ${JSON.stringify(o)}\n\n`;

describe('what the client sends and how it reads what a gateway answers', () => {
  it('sends the drill prompt with the nonce, max_tokens = answerTokens, include_usage when streamed, and the target headers', async () => {
    canned = { status: 200, type: 'application/json', body: '{}' };
    await direct(true);
    expect(seen!.body).toEqual({
      model: 'route-a',
      messages: [{ role: 'user', content: `Failover drill request ${N}. Answer with a short sentence.` }],
      max_tokens: 3,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(seen!.headers['x-portkey-config']).toBe('{"a":1}');
    await direct(false);
    expect(seen!.body.stream).toBe(false);
    expect(seen!.body.stream_options).toBeUndefined();
  });

  it('an SSE event with an error object inside a 200 is an in-band error (errorEvent), and its text is kept', async () => {
    canned = { status: 200, type: 'text/event-stream', body: chunk({ choices: [{ delta: { content: 't1 ' }, finish_reason: null }] }) + chunk({ error: { message: 'upstream broke' } }) + 'data: [DONE]\n\n' };
    const o = await direct(true);
    expect(o).toMatchObject({ status: 200, complete: false, errorEvent: true, transportError: null, timedOut: false });
    expect(o.errorText).toBe('{"error":{"message":"upstream broke"}}');
  });

  it('a whole streamed answer is complete only with a finish_reason: "t1 t2 end-<nonce>" without one is not', async () => {
    const parts = ['t1 ', 't2 ', `end-${N}`].map((c) => chunk({ choices: [{ delta: { content: c }, finish_reason: null }] }));
    canned = { status: 200, type: 'text/event-stream', body: parts.join('') + 'data: [DONE]\n\n' };
    expect((await direct(true)).complete).toBe(false);
    canned.body = parts.join('') + chunk({ choices: [{ delta: {}, finish_reason: 'stop' }] }) + 'data: [DONE]\n\n';
    expect((await direct(true)).complete).toBe(true);
  });

  it('a 200 JSON body with an error object is an in-band error; a JSON answer to a streamed request is read as JSON', async () => {
    canned = { status: 200, type: 'application/json', body: '{"error":{"message":"no"}}' };
    expect(await direct(false)).toMatchObject({ status: 200, errorEvent: true, complete: false, errorText: '{"error":{"message":"no"}}' });
    canned.body = JSON.stringify({ choices: [{ message: { content: `t1 t2 end-${N}` }, finish_reason: 'stop' }] });
    expect(await direct(true)).toMatchObject({ status: 200, errorEvent: false, complete: true });
  });

  it('errorText is the first 300 characters of an error body', async () => {
    canned = { status: 502, type: 'text/plain', body: 'x'.repeat(400) };
    expect((await direct(false)).errorText).toBe('x'.repeat(300));
  });

  it('an abort (Ctrl-C) ends the request at once without calling it a timeout', async () => {
    up.setScenario('no-response');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const t0 = Date.now();
    const o = await sendDrillRequest({ target, nonce: 'gsd-0-eeeeeeeeeeee', scenario: 'no-response', stream: false, timeoutMs: 5_000, answerTokens: 6, request: 0, signal: ac.signal });
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(o.timedOut).toBe(false);
  });
});
