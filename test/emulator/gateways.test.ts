import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIError } from 'openai';
import { EMULATOR_KEYS, type RunningEmulators } from '../../src/emulator/server.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { CATALOG_ID, MESSAGES, PROMPT_TOKENS, client, post, start } from './helpers.js';

let emu: RunningEmulators;
// The zero profile never waits, so over real TCP this clock is only read: moving it on ages cache entries.
const clock = new VirtualClock();
beforeAll(async () => {
  emu = await start({
    clock,
    cloudflare: { rateLimit: null },
  });
});
afterAll(async () => {
  await emu.close();
});

const cost = (p: number, c: number): number => (p * 0.15 + c * 0.6) / 1e6;

async function sseText(r: Response): Promise<string> {
  return await r.text();
}

describe('LiteLLM', () => {
  it('non-streamed responses carry x-litellm-* headers including the cost', async () => {
    const { data, response } = await client(emu, 'litellm').chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES, max_tokens: 10 }).withResponse();
    const h = response.headers;
    expect(h.get('x-litellm-call-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.get('x-litellm-model-id')).toMatch(/^[0-9a-f]{64}$/);
    expect(h.get('x-litellm-model-group')).toBe('gpt-4o-mini');
    expect(Number(h.get('x-litellm-response-cost'))).toBeCloseTo(cost(PROMPT_TOKENS, 10), 12);
    expect(Number(h.get('x-litellm-overhead-duration-ms'))).toBeGreaterThanOrEqual(0);
    expect(Number(h.get('x-litellm-response-duration-ms'))).toBeGreaterThanOrEqual(Number(h.get('x-litellm-overhead-duration-ms')));
    expect(data.usage?.completion_tokens).toBe(10);
  });

  it('streamed responses have no cost header, and a usage chunk only when asked', async () => {
    const r = await post(emu, 'litellm', { stream: true, max_tokens: 3 });
    expect(r.headers.get('x-litellm-response-cost')).toBeNull();
    expect(r.headers.get('x-litellm-call-id')).not.toBeNull();
    const text = await sseText(r);
    expect(text).not.toContain('"usage"');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    const r2 = await post(emu, 'litellm', { stream: true, max_tokens: 3, stream_options: { include_usage: true } });
    expect(await sseText(r2)).toContain('"usage":{"prompt_tokens"');
  });

  it('accepts the virtual key and x-litellm-api-key; 401 body is OpenAI-style auth_error', async () => {
    const v = await client(emu, 'litellm', { apiKey: EMULATOR_KEYS.litellmVirtual }).chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES, max_tokens: 1 });
    expect(v.usage?.completion_tokens).toBe(1);
    const r = await post(emu, 'litellm', { max_tokens: 1 }, { authorization: '', 'x-litellm-api-key': EMULATOR_KEYS.litellmMaster });
    expect(r.status).toBe(200);
    const bad = await post(emu, 'litellm', {}, { authorization: 'Bearer wrong-key-123456' });
    expect(bad.status).toBe(401);
    const body = (await bad.json()) as { error: { type: string; code: number; message: string } };
    expect(body.error).toMatchObject({ type: 'auth_error', code: 401 });
    expect(body.error.message).not.toContain('wrong-key-123456');
  });

  it('/health needs the key and lists healthy endpoints; liveliness does not', async () => {
    const base = emu.byId.litellm.baseUrl;
    expect((await fetch(`${base}/health`)).status).toBe(401);
    const h = (await (await fetch(`${base}/health`, { headers: { authorization: `Bearer ${EMULATOR_KEYS.litellmMaster}` } })).json()) as { healthy_count: number };
    expect(h.healthy_count).toBeGreaterThan(0);
    expect(await (await fetch(`${base}/health/liveliness`)).json()).toBe("I'm alive!");
  });

  it('both /chat/completions and /v1/chat/completions work', async () => {
    const r = await post(emu, 'litellm', { max_tokens: 2 }, {}, `${emu.byId.litellm.baseUrl}/v1/chat/completions`);
    expect(r.status).toBe(200);
  });
});

describe('OpenRouter', () => {
  it('usage with cost is always present, in the last chunk when streaming, even without include_usage', async () => {
    const c = client(emu, 'openrouter');
    const { data, response } = await c.chat.completions.create({ model: CATALOG_ID, messages: MESSAGES, max_tokens: 8 }).withResponse();
    expect(data.id).toMatch(/^gen-/);
    expect(response.headers.get('x-generation-id')).toBe(data.id);
    expect((data as unknown as { provider: string }).provider).toBe('OpenAI');
    expect(data.usage).toMatchObject({ prompt_tokens: PROMPT_TOKENS, completion_tokens: 8 });
    expect((data.usage as unknown as { cost: number }).cost).toBeCloseTo(cost(PROMPT_TOKENS, 8), 12);

    const stream = await c.chat.completions.create({ model: CATALOG_ID, messages: MESSAGES, max_tokens: 8, stream: true });
    const chunks = [];
    for await (const ch of stream) chunks.push(ch);
    const last = chunks[chunks.length - 1]!;
    for (const ch of chunks) {
      expect(ch).toMatchObject({ id: chunks[0]!.id, model: CATALOG_ID, provider: 'OpenAI', object: 'chat.completion.chunk' });
      expect(ch.id).toMatch(/^gen-/);
      for (const choice of ch.choices) expect(choice).toHaveProperty('native_finish_reason', choice.finish_reason);
    }
    expect((last.usage as unknown as { cost: number }).cost).toBeCloseTo(cost(PROMPT_TOKENS, 8), 12);
    expect(chunks.filter((ch) => ch.usage)).toHaveLength(1);
  });

  it('streams start with ": OPENROUTER PROCESSING" comment lines', async () => {
    const r = await post(emu, 'openrouter', { stream: true, max_tokens: 2 });
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
  });

  it('402 for the no-credits key, 401 for a missing or unknown key, error body {code,message}', async () => {
    const e402 = (await client(emu, 'openrouter', { apiKey: EMULATOR_KEYS.openrouterNoCredits })
      .chat.completions.create({ model: CATALOG_ID, messages: MESSAGES })
      .catch((e: unknown) => e)) as APIError;
    expect(e402).toBeInstanceOf(APIError);
    expect(e402.status).toBe(402);
    expect(e402.error).toMatchObject({ code: 402, message: expect.stringContaining('Insufficient credits') });
    const r = await post(emu, 'openrouter', {}, { authorization: '' });
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ error: { code: 401, message: 'No auth credentials found' } });
  });

  it('response cache: MISS then HIT (free usage, new generation id, source id), TTL, clear, per stream mode', async () => {
    const h = { 'x-openrouter-cache': 'true', 'x-openrouter-cache-ttl': '10' };
    const body = { max_tokens: 5, messages: [{ role: 'user', content: `cache me ${Math.random()}` }] };
    const a = await post(emu, 'openrouter', body, h);
    expect(a.headers.get('x-openrouter-cache-status')).toBe('MISS');
    const ja = (await a.json()) as { id: string; choices: { message: { content: string } }[] };
    const b = await post(emu, 'openrouter', body, h);
    expect(b.headers.get('x-openrouter-cache-status')).toBe('HIT');
    expect(b.headers.get('x-openrouter-cache-source-id')).toBe(ja.id);
    const jb = (await b.json()) as { id: string; usage: { cost: number; completion_tokens: number }; choices: { message: { content: string } }[] };
    expect(jb.id).not.toBe(ja.id);
    expect(jb.choices[0]!.message.content).toBe(ja.choices[0]!.message.content);
    expect(jb.usage).toMatchObject({ cost: 0, completion_tokens: 0 });
    // streaming is a separate cache entry
    const s1 = await post(emu, 'openrouter', { ...body, stream: true }, h);
    expect(s1.headers.get('x-openrouter-cache-status')).toBe('MISS');
    await s1.text();
    const s2 = await post(emu, 'openrouter', { ...body, stream: true }, h);
    expect(s2.headers.get('x-openrouter-cache-status')).toBe('HIT');
    expect(await s2.text()).toContain('"cost":0');
    // without the header: no caching at all
    const plain = await post(emu, 'openrouter', body);
    expect(plain.headers.get('x-openrouter-cache-status')).toBeNull();
    // clear
    const cleared = await post(emu, 'openrouter', body, { ...h, 'x-openrouter-cache-clear': 'true' });
    expect(cleared.headers.get('x-openrouter-cache-status')).toBe('MISS');
    // TTL expiry (injected clock)
    clock.t += 11_000;
    const expired = await post(emu, 'openrouter', body, h);
    expect(expired.headers.get('x-openrouter-cache-status')).toBe('MISS');
  });
});

describe('Cloudflare AI Gateway', () => {
  it('requires cf-aig-authorization on an authenticated gateway; passes the provider 401 through', async () => {
    const r = await post(emu, 'cloudflare', {}, { 'cf-aig-authorization': '' });
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ success: false, error: [{ code: 2009 }] });
    const p = await post(emu, 'cloudflare', {}, { authorization: 'Bearer not-the-provider-key' });
    expect(p.status).toBe(401);
    expect(await p.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
  });

  it('every response has cf-aig-log-id; caching is off by default (no cache-status header)', async () => {
    const r = await post(emu, 'cloudflare', { max_tokens: 2 });
    expect(r.headers.get('cf-aig-log-id')).toBeTruthy();
    expect(r.headers.get('cf-aig-cache-status')).toBeNull();
  });

  it('cf-aig-cache-ttl: MISS then HIT for the identical body, MISS for a different body, expiry after TTL', async () => {
    const body = { max_tokens: 4, messages: [{ role: 'user', content: `cf ${Math.random()}` }] };
    const h = { 'cf-aig-cache-ttl': '60' };
    const a = await post(emu, 'cloudflare', body, h);
    expect(a.headers.get('cf-aig-cache-status')).toBe('MISS');
    const ta = await a.text();
    const b = await post(emu, 'cloudflare', body, h);
    expect(b.headers.get('cf-aig-cache-status')).toBe('HIT');
    expect(await b.text()).toBe(ta);
    expect(b.headers.get('cf-aig-log-id')).not.toBe(a.headers.get('cf-aig-log-id'));
    const other = await post(emu, 'cloudflare', { ...body, temperature: 0.5 }, h);
    expect(other.headers.get('cf-aig-cache-status')).toBe('MISS');
    const old = await post(emu, 'cloudflare', body, { 'cf-cache-ttl': '60' });
    expect(old.headers.get('cf-aig-cache-status')).toBe('HIT');
    clock.t += 61_000;
    const expired = await post(emu, 'cloudflare', body, h);
    expect(expired.headers.get('cf-aig-cache-status')).toBe('MISS');
  });

  it('cf-aig-skip-cache bypasses the cache; cf-aig-cache-key shares an entry across bodies (5 min default)', async () => {
    const body = { max_tokens: 4, messages: [{ role: 'user', content: `skip ${Math.random()}` }] };
    await post(emu, 'cloudflare', body, { 'cf-aig-cache-ttl': '120' });
    const skipped = await post(emu, 'cloudflare', body, { 'cf-aig-cache-ttl': '120', 'cf-aig-skip-cache': 'true' });
    expect(skipped.headers.get('cf-aig-cache-status')).toBeNull();
    const key = `k-${Math.random()}`;
    const k1 = await post(emu, 'cloudflare', { max_tokens: 3 }, { 'cf-aig-cache-key': key });
    expect(k1.headers.get('cf-aig-cache-status')).toBe('MISS');
    const k2 = await post(emu, 'cloudflare', { max_tokens: 9 }, { 'cf-aig-cache-key': key });
    expect(k2.headers.get('cf-aig-cache-status')).toBe('HIT');
    expect(((await k2.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens).toBe(3);
    clock.t += 299_000;
    expect((await post(emu, 'cloudflare', { max_tokens: 9 }, { 'cf-aig-cache-key': key })).headers.get('cf-aig-cache-status')).toBe('HIT');
    clock.t += 2_000;
    expect((await post(emu, 'cloudflare', { max_tokens: 9 }, { 'cf-aig-cache-key': key })).headers.get('cf-aig-cache-status')).toBe('MISS');
  });

  it('streamed responses are cached too and replayed whole', async () => {
    const body = { stream: true, max_tokens: 4, messages: [{ role: 'user', content: `stream ${Math.random()}` }] };
    const a = await post(emu, 'cloudflare', body, { 'cf-aig-cache-ttl': '60' });
    const ta = await a.text();
    const b = await post(emu, 'cloudflare', body, { 'cf-aig-cache-ttl': '60' });
    expect(b.headers.get('cf-aig-cache-status')).toBe('HIT');
    expect(b.headers.get('content-type')).toContain('text/event-stream');
    expect(await b.text()).toBe(ta);
  });
});

describe('Cloudflare gateway options', () => {
  let cf: RunningEmulators;
  const cfClock = new VirtualClock();
  beforeAll(async () => {
    cf = await start({ clock: cfClock, cloudflare: { authenticated: false, cacheTtlSec: 60, rateLimit: { limit: 3, periodSec: 10, technique: 'fixed' } } });
  });
  afterAll(async () => {
    await cf.close();
  });

  it('unauthenticated gateway needs no cf-aig-authorization; gateway default TTL caches; rate limit 429 then resets', async () => {
    expect(cf.byId.cloudflare.headers).toEqual({});
    const body = { max_tokens: 2 };
    const r1 = await post(cf, 'cloudflare', body);
    expect(r1.status).toBe(200);
    expect(r1.headers.get('cf-aig-cache-status')).toBe('MISS');
    const r2 = await post(cf, 'cloudflare', body);
    expect(r2.headers.get('cf-aig-cache-status')).toBe('HIT');
    const r3 = await post(cf, 'cloudflare', body);
    expect(r3.status).toBe(200);
    const err = (await client(cf, 'cloudflare').chat.completions.create({ model: CATALOG_ID, messages: MESSAGES }).catch((e: unknown) => e)) as APIError;
    expect(err.status).toBe(429);
    expect(err.headers?.get('retry-after')).toBe('10');
    cfClock.t += 10_000;
    expect((await post(cf, 'cloudflare', body)).status).toBe(200);
  });
});
