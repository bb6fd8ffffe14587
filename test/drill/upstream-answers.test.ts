import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunError } from '../../src/errors.js';
import { startUpstreams, type DrillUpstreams } from '../../src/drill/upstream-server.js';
import { chat, FAULTS, fresh, rec, startTestUpstreams, NONCE0, NONCE1, post, sseData, whole } from './helpers.js';

/**
 * The fault-injecting upstreams, spoken to directly with node:http (no client parsing): whole answers, the status
 * faults, streamed and not, the attempt records they log by nonce, routes and start-up (the connection and
 * mid-stream faults are in upstream-faults.test.ts). Faults: cut after 3 of 6 tokens, slow-ttft 300 ms.
 *
 * Hand-worked: the prompt "Failover drill request gsd-0-aaaaaaaaaaaa. Answer with a short sentence." is
 * 23 + 18 + 31 = 72 characters → ceil(72 / 4) = 18 prompt tokens; a whole answer is 6 completion tokens.
 */

let up: DrillUpstreams;
let chatUrl: string;
beforeAll(async () => ({ up, chatUrl } = await startTestUpstreams()));
afterAll(() => up.close());

describe('the upstreams answer in full when nothing is wrong', () => {
  it('none, streamed: 6 content chunks (role on the first, finish_reason stop on the last), the usage chunk, [DONE]', async () => {
    up.setScenario('none');
    const r = await post(chatUrl, chat(NONCE0, true));
    expect(r).toMatchObject({ status: 200, end: 'ended' });
    expect(r.headers['content-type']).toMatch(/^text\/event-stream/);
    const data = sseData(r.body);
    expect(data).toHaveLength(8); // 6 content + usage + [DONE]
    const chunks = data.slice(0, 6).map((d) => JSON.parse(d));
    expect(chunks.map((c) => c.choices[0].delta.content).join('')).toBe(whole(NONCE0));
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.map((c) => c.choices[0].finish_reason)).toEqual([null, null, null, null, null, 'stop']);
    expect(chunks[0]).toMatchObject({ object: 'chat.completion.chunk', model: 'drill-test' });
    expect(JSON.parse(data[6]!).usage).toEqual({ prompt_tokens: 18, completion_tokens: 6, total_tokens: 24 });
    expect(data[7]).toBe('[DONE]');
    expect(up.attemptsFor(NONCE0)).toEqual([rec({ nonce: NONCE0, scenario: 'none', action: 'ok', promptTokens: 18, completionTokens: 6, completed: true, atMs: expect.any(Number) })]);
  });

  it('none, non-streamed: one chat.completion with the whole answer and its usage; no usage chunk unless asked', async () => {
    up.setScenario('none');
    const r = await post(chatUrl, chat(NONCE1, false));
    expect(r).toMatchObject({ status: 200, end: 'ended' });
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant', content: whole(NONCE1) }, finish_reason: 'stop' }], usage: { prompt_tokens: 18, completion_tokens: 6, total_tokens: 24 } });
    expect(up.attemptsFor(NONCE1)).toEqual([rec({ nonce: NONCE1, scenario: 'none', stream: false, action: 'ok', promptTokens: 18, completionTokens: 6, completed: true, atMs: expect.any(Number) })]);
    const nonce = fresh();
    const s = await post(chatUrl, { ...chat(nonce, true), stream_options: undefined });
    expect(sseData(s.body)).toHaveLength(7); // 6 content + [DONE]
  });

  it('counts every message content for prompt tokens: "abc" + the 72-character prompt = 75 → 19', async () => {
    up.setScenario('none');
    const nonce = fresh();
    const body = chat(nonce, false) as { messages: object[] };
    await post(chatUrl, { ...body, messages: [{ role: 'system', content: [{ type: 'text', text: 'abc' }] }, ...body.messages] });
    expect(up.attemptsFor(nonce)[0]).toMatchObject({ promptTokens: 19, completionTokens: 6 });
  });
});

describe('status faults: the OpenAI error body, no tokens billed', () => {
  const cases = [
    ['http-429', 429, 'rate_limit_exceeded', undefined],
    ['http-429-retry-after', 429, 'rate_limit_exceeded', '1'],
    ['http-500', 500, null, undefined],
    ['http-503', 503, null, undefined],
    ['context-length', 400, 'context_length_exceeded', undefined],
    ['content-filter', 400, 'content_filter', undefined],
  ] as const;
  for (const [id, status, code, retryAfter] of cases) {
    for (const stream of [true, false]) {
      it(`${id} (${stream ? 'streamed' : 'non-streamed'}) → ${status}${retryAfter ? ' with Retry-After: 1' : ''}`, async () => {
        up.setScenario(id);
        const nonce = fresh();
        const r = await post(chatUrl, chat(nonce, stream));
        expect(r).toMatchObject({ status, end: 'ended' });
        expect(r.headers['retry-after']).toBe(retryAfter);
        expect(JSON.parse(r.body).error.code).toBe(code);
        expect(up.attemptsFor(nonce)).toEqual([rec({ nonce, scenario: id, stream, action: `status-${status}`, atMs: expect.any(Number) })]);
      });
    }
  }
});

describe('attempts by nonce', () => {
  it('flapping: request 0 fails its first attempt and succeeds on the second; request 1 succeeds at once', async () => {
    up.setScenario('flapping');
    const n0 = fresh(0);
    const n1 = fresh(1);
    expect((await post(chatUrl, chat(n0, false))).status).toBe(500); // 0 + 0 even
    expect((await post(chatUrl, chat(n0, false))).status).toBe(200); // 0 + 1 odd
    expect((await post(chatUrl, chat(n1, false))).status).toBe(200); // 1 + 0 odd
    expect(up.attemptsFor(n0).map((a) => a.action)).toEqual(['status-500', 'ok']);
    expect(up.attemptsFor(n1).map((a) => a.action)).toEqual(['ok']);
  });

  it('the secondary answers in full whatever the scenario, and its attempts join the same nonce\'s log', async () => {
    up.setScenario('http-500');
    const nonce = fresh();
    expect((await post(chatUrl, chat(nonce, false))).status).toBe(500);
    const s = await post(`${up.secondaryUrl}/chat/completions`, chat(nonce, true));
    expect(sseData(s.body).at(-1)).toBe('[DONE]');
    expect(up.attemptsFor(nonce).map((a) => [a.upstream, a.action, a.completed])).toEqual([
      ['primary', 'status-500', false],
      ['secondary', 'ok', true],
    ]);
  });

  it('a chat request without a nonce is answered, counted as unattributed, and logged under no nonce', async () => {
    up.setScenario('none');
    const before = up.unattributed();
    const r = await post(`${up.secondaryUrl}/chat/completions`, chat(null, false));
    expect(r.status).toBe(200);
    expect(up.unattributed()).toBe(before + 1);
    expect(up.attemptsFor('gsd-0-000000000000')).toEqual([]);
  });
});

describe('routes', () => {
  it('serves /v1/chat/completions and /chat/completions, GET /v1/models and /health; 404 elsewhere; 400 for a body that is not JSON', async () => {
    up.setScenario('none');
    const root = up.primaryUrl.replace(/\/v1$/, '');
    expect((await post(`${root}/chat/completions`, chat(fresh(), false))).status).toBe(200);
    expect(((await fetch(`${up.primaryUrl}/models`).then((r) => r.json())) as { data: { id: string }[] }).data[0]!.id).toBe('drill-model');
    expect((await fetch(`${root}/health`)).status).toBe(200);
    expect((await post(`${root}/v1/embeddings`, {})).status).toBe(404);
    expect((await post(chatUrl, '{not json')).status).toBe(400);
  });

  it('close() ends held connections (no-response, stall) at once', async () => {
    const own = await startUpstreams({ primary: { port: 0 }, secondary: { port: 0 }, faults: FAULTS });
    own.setScenario('no-response');
    const held = post(`${own.primaryUrl}/chat/completions`, chat(fresh(), false), 5_000);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await own.close();
    const r = await held;
    expect(r.end).toBe('error');
    expect(Date.now() - t0).toBeLessThan(1_000);
  });
});

describe('start-up', () => {
  it('a port in use is a RunError naming the upstream, the address and what to change', async () => {
    const port = Number(new URL(up.primaryUrl).port);
    const e = await startUpstreams({ primary: { port: 0 }, secondary: { port }, faults: FAULTS }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).message).toBe(`the drill's secondary upstream cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
    expect((e as RunError).hint).toMatch(/upstreams\.secondary\.port/);
  });
});
