import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillUpstreams } from '../../src/drill/upstream-server.js';
import { chat, fresh, rec, startTestUpstreams, post, sseData, whole } from './helpers.js';

/**
 * The fault-injecting upstreams' connection and mid-stream faults, spoken to directly with node:http (no client
 * parsing), streamed and not, and the attempt records they log by nonce. Faults: cut after 3 of 6 tokens,
 * slow-ttft 300 ms.
 *
 * Hand-worked: the prompt "Failover drill request gsd-0-aaaaaaaaaaaa. Answer with a short sentence." is
 * 23 + 18 + 31 = 72 characters → ceil(72 / 4) = 18 prompt tokens; a whole answer is 6 completion tokens.
 */

let up: DrillUpstreams;
let chatUrl: string;
beforeAll(async () => ({ up, chatUrl } = await startTestUpstreams()));
afterAll(() => up.close());

describe('connection faults', () => {
  it('reset: the connection is torn down before any header; logged as an attempt with no tokens', async () => {
    up.setScenario('reset');
    for (const stream of [true, false]) {
      const nonce = fresh();
      const r = await post(chatUrl, chat(nonce, stream));
      expect(r).toMatchObject({ status: null, end: 'error' });
      expect(r.error).toMatch(/ECONNRESET|socket hang up/);
      expect(up.attemptsFor(nonce)).toEqual([rec({ nonce, scenario: 'reset', stream, action: 'reset', atMs: expect.any(Number) })]);
    }
  });

  it('no-response: the request is read and logged, and nothing comes back (still open after 400 ms)', async () => {
    up.setScenario('no-response');
    const nonce = fresh();
    const r = await post(chatUrl, chat(nonce, false), 400);
    expect(r).toMatchObject({ status: null, end: 'open', body: '' });
    expect(up.attemptsFor(nonce)).toEqual([rec({ nonce, scenario: 'no-response', stream: false, action: 'no-response', atMs: expect.any(Number) })]);
  });

  it('slow-ttft: the answer (headers included) starts 300 ms late, then comes whole', async () => {
    up.setScenario('slow-ttft');
    const nonce = fresh();
    const t0 = Date.now();
    const r = await post(chatUrl, chat(nonce, false));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(JSON.parse(r.body).choices[0].message.content).toBe(whole(nonce));
    expect(up.attemptsFor(nonce)[0]).toMatchObject({ action: 'ok', completed: true, completionTokens: 6 });
  });
});

describe('mid-stream faults: 3 of 6 tokens go out first', () => {
  it('stream-cut, streamed: 200, the first 3 content chunks, then the connection closes without [DONE]', async () => {
    up.setScenario('stream-cut');
    const nonce = fresh();
    const r = await post(chatUrl, chat(nonce, true));
    expect(r).toMatchObject({ status: 200, end: 'error' });
    const data = sseData(r.body);
    expect(data.map((d) => JSON.parse(d).choices[0].delta.content).join('')).toBe('t1 t2 t3 ');
    expect(up.attemptsFor(nonce)).toEqual([rec({ nonce, scenario: 'stream-cut', action: 'cut', promptTokens: 18, completionTokens: 3, atMs: expect.any(Number) })]);
  });

  it('stream-cut, non-streamed: 200 promising the whole body (content-length), part of it, then the close', async () => {
    up.setScenario('stream-cut');
    const nonce = fresh();
    const r = await post(chatUrl, chat(nonce, false));
    expect(r).toMatchObject({ status: 200, end: 'error' });
    expect(Number(r.headers['content-length'])).toBeGreaterThan(r.body.length);
    expect(r.body).toContain('"content":"t1 t2 t3 ');
    expect(r.body).not.toContain('t4');
    expect(up.attemptsFor(nonce)[0]).toMatchObject({ action: 'cut', promptTokens: 18, completionTokens: 3, completed: false });
  });

  it('stream-stall: 3 chunks (streamed) or part of the body, then silence on an open connection', async () => {
    up.setScenario('stream-stall');
    for (const stream of [true, false]) {
      const nonce = fresh();
      const r = await post(chatUrl, chat(nonce, stream), 400);
      expect(r).toMatchObject({ status: 200, end: 'open' });
      expect(r.body).toContain('t3 ');
      expect(r.body).not.toContain('t4');
      expect(up.attemptsFor(nonce)[0]).toMatchObject({ action: 'stall', promptTokens: 18, completionTokens: 3, completed: false });
    }
  });

  it('stream-malformed, streamed: 3 good chunks, one that is not JSON, [DONE], and a clean end', async () => {
    up.setScenario('stream-malformed');
    const nonce = fresh();
    const r = await post(chatUrl, chat(nonce, true));
    expect(r).toMatchObject({ status: 200, end: 'ended' });
    const data = sseData(r.body);
    expect(data).toHaveLength(5);
    expect(data.slice(0, 3).map((d) => JSON.parse(d).choices[0].delta.content).join('')).toBe('t1 t2 t3 ');
    expect(() => JSON.parse(data[3]!)).toThrow();
    expect(data[4]).toBe('[DONE]');
    expect(up.attemptsFor(nonce)[0]).toMatchObject({ action: 'malformed', promptTokens: 18, completionTokens: 3, completed: false });
  });

  it('stream-malformed, non-streamed: a 200 body that is not JSON, ended cleanly', async () => {
    up.setScenario('stream-malformed');
    const nonce = fresh();
    const r = await post(chatUrl, chat(nonce, false));
    expect(r).toMatchObject({ status: 200, end: 'ended' });
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body));
    expect(() => JSON.parse(r.body)).toThrow();
    expect(r.body).toContain('t1 t2 t3 ');
  });

  it('no-done: every chunk with finish_reason and the usage chunk, but no [DONE], and the connection stays open', async () => {
    up.setScenario('no-done');
    const nonce = fresh();
    const r = await post(chatUrl, chat(nonce, true), 400);
    expect(r).toMatchObject({ status: 200, end: 'open' });
    const data = sseData(r.body);
    expect(data).toHaveLength(7);
    expect(JSON.parse(data[5]!).choices[0].finish_reason).toBe('stop');
    expect(JSON.parse(data[6]!).usage.completion_tokens).toBe(6);
    expect(r.body).not.toContain('[DONE]');
    expect(up.attemptsFor(nonce)[0]).toMatchObject({ action: 'no-done', promptTokens: 18, completionTokens: 6, completed: false });
  });
});
