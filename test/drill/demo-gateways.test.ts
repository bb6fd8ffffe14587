import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoGateways } from '../../src/drill/demo-gateways.js';
import type { GatewayFailover } from '../../src/drill/behaviour-schema.js';
import { shippedFailover } from '../../src/drill/failover-data.js';
import { UsageError } from '../../src/errors.js';

/**
 * The demo gateways over real TCP against two tiny upstreams written here (the drill's own upstreams are
 * another part). Expected attempt counts are worked out by hand from what each gateway's entry says, quoted
 * in each test, so a change to the handler or to the data shows up here.
 */

type Act = 'ok' | 'reset' | 'cut' | 'malformed' | 'never' | { status: number; retryAfter?: number };

const chunk = (text: string, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] })}\n\n`;

/** An OpenAI-style upstream: `plan(n)` says what attempt n (0-based) gets; `text` tells the upstreams apart. */
async function upstream(text: string, plan: (n: number) => Act) {
  let hits = 0;
  let closedEarly = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const act = plan(hits++);
      const stream = (JSON.parse(body) as { stream?: boolean }).stream === true;
      res.on('close', () => void (res.writableFinished ? 0 : closedEarly++));
      if (act === 'never') return;
      if (act === 'reset') return req.socket.destroy();
      if (typeof act === 'object') {
        res.writeHead(act.status, { 'content-type': 'application/json', ...(act.retryAfter ? { 'retry-after': String(act.retryAfter) } : {}) });
        return res.end(JSON.stringify({ error: { message: `upstream ${act.status}`, type: 'server_error', code: null } }));
      }
      const cut = () => setTimeout(() => req.socket.destroy(), 20);
      if (!stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        if (act === 'cut') return res.write('{"choices":['), cut();
        return res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] }));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk(`${text} `));
      if (act === 'cut') return cut();
      if (act === 'malformed') return res.end('data: {not json\n\ndata: [DONE]\n\n');
      res.end(chunk('end', 'stop') + 'data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const close = () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  return { url, hits: () => hits, closedEarly: () => closedEarly, close };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** A primary with this plan, a secondary that always answers, and the demo gateways named, 1/100 of real time. */
async function rig(gateways: string[], plan: (n: number) => Act, over: { behaviours?: GatewayFailover[]; clientTimeoutMs?: number } = {}) {
  const primary = await upstream('primary', plan);
  const secondary = await upstream('secondary', () => 'ok');
  const demo = await startDemoGateways({ primaryUrl: primary.url, secondaryUrl: secondary.url, gateways, timeScale: 1 / 100, clientTimeoutMs: over.clientTimeoutMs ?? 2000, ...(over.behaviours ? { behaviours: over.behaviours } : {}) });
  closers.push(demo.close, primary.close, secondary.close);
  return { primary, secondary, targets: demo.targets };
}

const post = (baseUrl: string, stream: boolean, signal?: AbortSignal) =>
  fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'drill-model', messages: [{ role: 'user', content: 'hi' }], stream }),
    ...(signal ? { signal } : {}),
  });

describe('startDemoGateways', () => {
  it('starts one gateway per catalog entry, each a DrillTarget on its own 127.0.0.1 port', async () => {
    const { targets } = await rig(shippedFailover().map((b) => b.gateway), () => 'ok');
    expect(targets.map((t) => t.name)).toEqual(['litellm', 'openrouter', 'cloudflare', 'portkey', 'vercel', 'kong', 'bifrost', 'tensorzero', 'helicone']);
    expect(new Set(targets.map((t) => t.baseUrl)).size).toBe(9);
    for (const t of targets) expect(t).toMatchObject({ gateway: t.name, model: 'drill-model', headers: {}, baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/) });
  });

  it('refuses an unknown gateway, listing the known ones', async () => {
    await expect(startDemoGateways({ primaryUrl: 'http://127.0.0.1:9/v1', secondaryUrl: 'http://127.0.0.1:9/v1', gateways: ['nope'] })).rejects.toThrow(UsageError);
    await expect(startDemoGateways({ primaryUrl: 'http://127.0.0.1:9/v1', secondaryUrl: 'http://127.0.0.1:9/v1', gateways: ['nope'] })).rejects.toMatchObject({ hint: expect.stringContaining('litellm, openrouter') });
  });

  it('passes a healthy answer through untouched: the primary alone, once', async () => {
    const { primary, secondary, targets } = await rig(['portkey'], () => 'ok');
    const r = await post(targets[0]!.baseUrl, false);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('primary');
    expect([primary.hits(), secondary.hits()]).toEqual([1, 0]);
  });
});

describe('retries and fallbacks follow each entry', () => {
  it('Portkey (no retries; falls back on any non-2xx): a primary 500 → the primary once, the secondary once', async () => {
    const { primary, secondary, targets } = await rig(['portkey'], () => ({ status: 500 }));
    const r = await post(targets[0]!.baseUrl, false);
    expect(r.status).toBe(200);
    expect(JSON.stringify(await r.json())).toContain('secondary');
    expect([primary.hits(), secondary.hits()]).toEqual([1, 1]);
  });

  it('LiteLLM (2 retries on 5xx, then the fallback): a primary that always answers 503 → 1 + 2 = 3 primary attempts, then 1 secondary', async () => {
    const { primary, secondary, targets } = await rig(['litellm'], () => ({ status: 503 }));
    expect((await post(targets[0]!.baseUrl, true)).status).toBe(200);
    expect([primary.hits(), secondary.hits()]).toEqual([3, 1]);
  });

  it('LiteLLM retries a flapping primary: 500 then 200 → 2 primary attempts, no fallback', async () => {
    const { primary, secondary, targets } = await rig(['litellm'], (n) => (n === 0 ? { status: 500 } : 'ok'));
    const r = await post(targets[0]!.baseUrl, false);
    expect(JSON.stringify(await r.json())).toContain('primary');
    expect([primary.hits(), secondary.hits()]).toEqual([2, 0]);
  });

  it('LiteLLM honours Retry-After: two waits of 1 s × 1/100 → at least 20 ms before the fallback answers', async () => {
    const { primary, secondary, targets } = await rig(['litellm'], () => ({ status: 429, retryAfter: 1 }));
    const t0 = performance.now();
    expect((await post(targets[0]!.baseUrl, false)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
    expect([primary.hits(), secondary.hits()]).toEqual([3, 1]);
  });

  it('a 400 (context length): Kong passes it to the client after one attempt; LiteLLM sends it to the fallback', async () => {
    const kong = await rig(['kong'], () => ({ status: 400 }));
    const r = await post(kong.targets[0]!.baseUrl, false);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: { message: 'upstream 400', type: 'server_error', code: null } });
    expect([kong.primary.hits(), kong.secondary.hits()]).toEqual([1, 0]);
    const lite = await rig(['litellm'], () => ({ status: 400 }));
    expect((await post(lite.targets[0]!.baseUrl, false)).status).toBe(200);
    expect([lite.primary.hits(), lite.secondary.hits()]).toEqual([1, 1]);
  });

  it('a reset before any answer: LiteLLM retries it (onConnectError), Portkey falls back at once', async () => {
    const lite = await rig(['litellm'], (n) => (n === 0 ? 'reset' : 'ok'));
    expect((await post(lite.targets[0]!.baseUrl, false)).status).toBe(200);
    expect([lite.primary.hits(), lite.secondary.hits()]).toEqual([2, 0]);
    const pk = await rig(['portkey'], () => 'reset');
    expect((await post(pk.targets[0]!.baseUrl, false)).status).toBe(200);
    expect([pk.primary.hits(), pk.secondary.hits()]).toEqual([1, 1]);
  });
});

describe('a client that gives up', () => {
  it('stops the gateway: no retry after it left (Retry-After 100 s × 1/100 = 1 s, the client gives up at 200 ms)', async () => {
    const { primary, secondary, targets } = await rig(['litellm'], () => ({ status: 429, retryAfter: 100 }));
    await expect(post(targets[0]!.baseUrl, false, AbortSignal.timeout(200))).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 1300));
    expect([primary.hits(), secondary.hits()]).toEqual([1, 0]);
  });
});

describe('timeouts', () => {
  it('no timeout (Portkey): a primary that never answers holds the client until it gives up, and the gateway then drops the upstream', async () => {
    const { primary, secondary, targets } = await rig(['portkey'], () => 'never');
    await expect(post(targets[0]!.baseUrl, false, AbortSignal.timeout(300))).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect([primary.hits(), secondary.hits()]).toEqual([1, 0]);
    expect(primary.closedEarly()).toBe(1);
  });

  it('a 15 s first-byte timeout at 1/100 of real time (150 ms) ends a silent primary and falls back (onTimeout)', async () => {
    const base = shippedFailover().find((b) => b.gateway === 'portkey')!;
    const timed: GatewayFailover = { ...base, timeout: { ...base.timeout, ms: 15_000, scope: 'first-byte' } };
    const { primary, secondary, targets } = await rig(['portkey'], () => 'never', { behaviours: [timed] });
    const t0 = performance.now();
    const r = await post(targets[0]!.baseUrl, false);
    expect(r.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(149);
    expect([primary.hits(), secondary.hits()]).toEqual([1, 1]);
  });
});

describe('a stream that breaks after its first chunk (no gateway falls back then)', () => {
  it('Portkey (clean-end): the client sees a normal end after the first chunk, no [DONE], no error', async () => {
    const { secondary, targets } = await rig(['portkey'], () => 'cut');
    const r = await post(targets[0]!.baseUrl, true);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(chunk('primary '));
    expect(secondary.hits()).toBe(0);
  });

  it('Bifrost (in-band-error-event): the first chunk, then an SSE error event, then the end', async () => {
    const { targets } = await rig(['bifrost'], () => 'cut');
    const text = await (await post(targets[0]!.baseUrl, true)).text();
    expect(text.startsWith(chunk('primary '))).toBe(true);
    const last = text.trim().split('\n\n').at(-1)!;
    expect(JSON.parse(last.replace(/^data: /, ''))).toMatchObject({ error: { type: 'upstream_error' } });
  });

  it('Kong (abort): the client\'s connection drops mid-body', async () => {
    const { targets } = await rig(['kong'], () => 'cut');
    const r = await post(targets[0]!.baseUrl, true);
    expect(r.status).toBe(200);
    await expect(r.text()).rejects.toThrow();
  });

  it('a chunk that is not JSON: Portkey passes it on (relay); LiteLLM takes it as a broken stream and ends with its error event', async () => {
    const pk = await rig(['portkey'], () => 'malformed');
    expect(await (await post(pk.targets[0]!.baseUrl, true)).text()).toBe(`${chunk('primary ')}data: {not json\n\ndata: [DONE]\n\n`);
    const lite = await rig(['litellm'], () => 'malformed');
    const text = await (await post(lite.targets[0]!.baseUrl, true)).text();
    const events = text.trim().split('\n\n');
    expect(events).toHaveLength(2);
    expect(`${events[0]}\n\n`).toBe(chunk('primary '));
    expect(JSON.parse(events[1]!.replace(/^data: /, ''))).toMatchObject({ error: { type: 'upstream_error' } });
  });

  it('non-streamed, a cut body is an error for Portkey (502, no fallback) and a failed attempt LiteLLM retries', async () => {
    const pk = await rig(['portkey'], () => 'cut');
    // A non-streamed cut: a 200 whose JSON body stops half-way.
    expect((await post(pk.targets[0]!.baseUrl, false)).status).toBe(502);
    expect([pk.primary.hits(), pk.secondary.hits()]).toEqual([1, 0]);
    const lite = await rig(['litellm'], (n) => (n === 0 ? 'cut' : 'ok'));
    expect((await post(lite.targets[0]!.baseUrl, false)).status).toBe(200);
    expect([lite.primary.hits(), lite.secondary.hits()]).toEqual([2, 0]);
  });
});
