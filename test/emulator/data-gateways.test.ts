import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulators } from '../../src/emulator/server.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { MESSAGES, start } from './helpers.js';

/**
 * The six data-driven gateways (data/emulators.json) through the generic handler, over real TCP on the zero
 * profile. Expected bodies are written out by hand from the profiles' documented shapes, not read from the data.
 */

let emu: RunningEmulators;
beforeAll(async () => {
  // The zero profile never waits, so this clock is only read: every latency the gateways report is exactly 0.
  emu = await start({ clock: new VirtualClock() });
});
afterAll(async () => {
  await emu.close();
});

async function call(e: RunningEmulators, id: string, opts: { model: string; headers?: Record<string, string>; body?: Record<string, unknown>; noDefaults?: boolean }): Promise<Response> {
  const ep = e.byId[id]!;
  const auth = opts.noDefaults ? {} : { authorization: `Bearer ${ep.apiKey}`, ...ep.headers };
  return fetch(ep.chatUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, ...opts.headers },
    body: JSON.stringify({ model: opts.model, messages: MESSAGES, max_tokens: 4, ...opts.body }),
  });
}

describe('Portkey (open-source gateway)', () => {
  it('passes the provider key through; trace id, cache DISABLED, retry count and provider headers', async () => {
    const r = await call(emu, 'portkey', { model: 'gpt-4o-mini' });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-portkey-trace-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('x-portkey-cache-status')).toBe('DISABLED');
    expect(r.headers.get('x-portkey-retry-attempt-count')).toBe('0');
    expect(r.headers.get('x-portkey-provider')).toBe('openai');
    expect(((await r.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens).toBe(4);
  });

  it('without x-portkey-provider or x-portkey-config: 400 in its failure shape', async () => {
    const r = await call(emu, 'portkey', { model: 'gpt-4o-mini', noDefaults: true, headers: { authorization: 'Bearer test-key-provider' } });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ status: 'failure', message: 'Either x-portkey-config or x-portkey-provider header is required' });
  });

  it("without a provider key: it sends \"Bearer undefined\" on, and the provider's 401 comes back in Portkey's provider-error shape", async () => {
    const r = await call(emu, 'portkey', { model: 'gpt-4o-mini', noDefaults: true, headers: { 'x-portkey-provider': 'openai' } });
    expect(r.status).toBe(401);
    // "undefined" is 9 characters, so the provider masks it as und…ined
    expect(await r.json()).toEqual({
      error: {
        message: 'openai error: Incorrect API key provided: und…ined. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
      provider: 'openai',
    });
  });

  it('echoes the trace id a client sends; an unparseable body is its 500 "Something went wrong"', async () => {
    const r = await call(emu, 'portkey', { model: 'gpt-4o-mini', headers: { 'x-portkey-trace-id': 'my-trace-1' } });
    expect(r.headers.get('x-portkey-trace-id')).toBe('my-trace-1');
    expect(r.headers.get('x-portkey-last-used-option-index')).toBe('config');
    const ep = emu.byId.portkey!;
    const bad = await fetch(ep.chatUrl, { method: 'POST', headers: { authorization: `Bearer ${ep.apiKey}`, ...ep.headers }, body: '{"model":' });
    expect(bad.status).toBe(500);
    expect(await bad.json()).toEqual({ status: 'failure', message: 'Something went wrong' });
  });
});

describe('Vercel AI Gateway', () => {
  it('Bearer key, author/slug models, x-vercel-id, the generation id in the body', async () => {
    const r = await call(emu, 'vercel', { model: 'openai/gpt-4o-mini' });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-vercel-id')).toMatch(/^emu1::[0-9a-f]{5}-\d+-[0-9a-f]{12}$/);
    expect(((await r.json()) as { id: string }).id).toMatch(/^gen_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('no key: 401 in the OpenAI envelope; a bare slug is not a model here', async () => {
    const r = await call(emu, 'vercel', { model: 'openai/gpt-4o-mini', noDefaults: true });
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ error: { message: 'Missing authentication. Provide an API key or OIDC token.', type: 'authentication_error', code: null } });
    const bare = await call(emu, 'vercel', { model: 'gpt-4o-mini' });
    expect(bare.status).toBe(404);
    expect(((await bare.json()) as { error: { message: string } }).error.message).toBe('Model gpt-4o-mini not found.');
  });
});

describe('Kong AI Gateway', () => {
  it('key-auth in the apikey header; request id, LLM model and latency headers', async () => {
    const r = await call(emu, 'kong', { model: 'gpt-4o-mini' });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-kong-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(r.headers.get('x-kong-llm-model')).toBe('openai/gpt-4o-mini');
    // zero profile on a clock that does not move: no overhead, and the provider answers at once
    expect(r.headers.get('x-kong-proxy-latency')).toBe('0');
    expect(r.headers.get('x-kong-upstream-latency')).toBe('0');
  });

  it('no apikey: 401 {"message":"No API key found in request"}; a wrong one: invalid credentials', async () => {
    const none = await call(emu, 'kong', { model: 'gpt-4o-mini', noDefaults: true });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ message: 'No API key found in request' });
    const wrong = await call(emu, 'kong', { model: 'gpt-4o-mini', headers: { apikey: 'not-a-consumer-key' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: 'Invalid authentication credentials' });
  });
});

describe('Bifrost', () => {
  it('no client key needed; provider/model names; x-bifrost-request-id', async () => {
    const r = await call(emu, 'bifrost', { model: 'openai/gpt-4o-mini', noDefaults: true });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-bifrost-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await call(emu, 'bifrost', { model: 'nobody/none' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ is_bifrost_error: true, status_code: 400, error: { message: 'model nobody/none is not configured' } });
  });
});

describe('TensorZero', () => {
  it('/openai/v1 path, tensorzero::model_name:: names, ids and cost in the body', async () => {
    const r = await call(emu, 'tensorzero', { model: 'tensorzero::model_name::openai::gpt-4o-mini', noDefaults: true });
    expect(r.status).toBe(200);
    expect(new URL(emu.byId.tensorzero!.chatUrl).pathname).toBe('/openai/v1/chat/completions');
    const body = (await r.json()) as { id: string; episode_id: string; usage: { prompt_tokens: number; completion_tokens: number; tensorzero_cost: number } };
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.episode_id).toMatch(/^[0-9a-f-]{36}$/);
    // 38 characters of prompt → 10 tokens; 4 completion tokens: (10 × 0.15 + 4 × 0.6) / 1e6 = 3.9e-6 USD
    expect(body.usage.prompt_tokens).toBe(10);
    expect(body.usage.tensorzero_cost).toBeCloseTo(3.9e-6, 15);
  });

  it('streamed, with usage asked for: the cost in the usage chunk', async () => {
    const r = await call(emu, 'tensorzero', { model: 'tensorzero::model_name::openai::gpt-4o-mini', body: { stream: true, stream_options: { include_usage: true } } });
    const usage = (await r.text()).split('\n\n').find((e) => e.includes('"usage":{'))!;
    // as above: (10 × 0.15 + 4 × 0.6) / 1e6
    expect((JSON.parse(usage.slice('data: '.length)) as { usage: { tensorzero_cost: number } }).usage.tensorzero_cost).toBeCloseTo(3.9e-6, 15);
  });

  it('a plain model name is unknown: 404 {"error":{"message"}}', async () => {
    const r = await call(emu, 'tensorzero', { model: 'gpt-4o-mini' });
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: { message: 'Unknown model: gpt-4o-mini' } });
  });
});

describe('Helicone AI Gateway', () => {
  it('helicone-id; cache MISS then HIT when asked; no header when not', async () => {
    const body = { messages: [{ role: 'user', content: `cache ${Math.random()}` }] };
    const h = { 'helicone-cache-enabled': 'true' };
    const a = await call(emu, 'helicone', { model: 'gpt-4o-mini', body, headers: h });
    expect(a.status).toBe(200);
    expect(a.headers.get('helicone-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('helicone-cache')).toBe('MISS');
    const ta = await a.text();
    const b = await call(emu, 'helicone', { model: 'gpt-4o-mini', body, headers: h });
    expect(b.headers.get('helicone-cache')).toBe('HIT');
    expect(await b.text()).toBe(ta);
    const plain = await call(emu, 'helicone', { model: 'gpt-4o-mini', body });
    expect(plain.headers.get('helicone-cache')).toBeNull();
  });

  it('takes a provider suffix on the model name too', async () => {
    expect((await call(emu, 'helicone', { model: 'gpt-4o-mini/openai' })).status).toBe(200);
    expect((await call(emu, 'helicone', { model: 'gpt-4o-mini/nobody' })).status).toBe(400);
  });

  it('no key: 401; the no-credits key: 429 insufficient credits', async () => {
    const none = await call(emu, 'helicone', { model: 'gpt-4o-mini', noDefaults: true });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { message: 'Authentication failed', type: 'invalid_api_key', code: 401 } });
    const broke = await call(emu, 'helicone', { model: 'gpt-4o-mini', headers: { authorization: 'Bearer test-key-helicone-no-credits' } });
    expect(broke.status).toBe(429);
    expect(await broke.json()).toEqual({ error: { message: 'Insufficient credits', type: 'request_failed', code: 429 } });
  });
});

describe('a provider stream cut after the second content chunk, as each gateway shows it', () => {
  let cut: RunningEmulators;
  beforeAll(async () => {
    cut = await start({ faults: ['provider:disconnect=2'] });
  });
  afterAll(async () => {
    await cut.close();
  });

  const MODELS: Record<string, string> = {
    portkey: 'gpt-4o-mini',
    vercel: 'openai/gpt-4o-mini',
    kong: 'gpt-4o-mini',
    bifrost: 'openai/gpt-4o-mini',
    tensorzero: 'tensorzero::model_name::openai::gpt-4o-mini',
    helicone: 'gpt-4o-mini',
  };

  async function streamed(id: string): Promise<{ status: number; text: string; failed: boolean }> {
    const r = await call(cut, id, { model: MODELS[id]!, body: { stream: true, max_tokens: 6 } });
    let text = '';
    let failed = false;
    try {
      text = await r.text();
    } catch {
      failed = true;
    }
    return { status: r.status, text, failed };
  }

  it('Portkey: a clean HTTP 200 end with the chunks so far, no [DONE], no error (issue #1797)', async () => {
    const s = await streamed('portkey');
    expect(s).toMatchObject({ status: 200, failed: false });
    // the role chunk and two content chunks, then nothing
    expect(s.text.match(/"content":"[^"]/g)).toHaveLength(2);
    expect(s.text).not.toContain('[DONE]');
    expect(s.text).not.toContain('error');
  });

  it.each(['vercel', 'bifrost', 'tensorzero'])('%s: an in-band error event after the chunks so far, then the end', async (id) => {
    const s = await streamed(id);
    expect(s).toMatchObject({ status: 200, failed: false });
    const events = s.text.trim().split('\n\n');
    expect(events.at(-1)).toMatch(/^data: \{.*"error":\{.*"message":"The provider stream broke/);
    expect(s.text).not.toContain('[DONE]');
  });

  it.each(['kong', 'helicone'])('%s: the client connection is cut too', async (id) => {
    const s = await streamed(id);
    expect(s.status).toBe(200);
    expect(s.failed).toBe(true);
  });
});

describe('a provider error, as each gateway maps it', () => {
  let failing: RunningEmulators;
  beforeAll(async () => {
    failing = await start({ faults: ['provider:503'] });
  });
  afterAll(async () => {
    await failing.close();
  });

  it('Portkey keeps the 503 and adds provider; TensorZero answers 500 with its own message', async () => {
    const p = await call(failing, 'portkey', { model: 'gpt-4o-mini' });
    expect(p.status).toBe(503);
    expect(await p.json()).toEqual({
      error: { message: 'openai error: The engine is currently overloaded, please try again later.', type: 'server_error', param: null, code: null },
      provider: 'openai',
    });
    const t = await call(failing, 'tensorzero', { model: 'tensorzero::model_name::openai::gpt-4o-mini' });
    expect(t.status).toBe(500);
    expect(await t.json()).toEqual({ error: { message: 'All model providers failed to infer with errors: openai: The engine is currently overloaded, please try again later.' } });
  });

  it('a fault at the gateway itself cuts its own stream, whatever it does with a broken provider stream', async () => {
    const g = await start({ faults: ['portkey:disconnect=1'] });
    try {
      const r = await call(g, 'portkey', { model: 'gpt-4o-mini', body: { stream: true } });
      expect(r.status).toBe(200);
      await expect(r.text()).rejects.toThrow();
    } finally {
      await g.close();
    }
  });

  it('a gateway fault answers in the gateway\'s own shape', async () => {
    const k = await start({ faults: ['kong:502@at=1'] });
    try {
      const r = await call(k, 'kong', { model: 'gpt-4o-mini' });
      expect(r.status).toBe(502);
      expect(await r.json()).toEqual({ message: 'Emulated fault 502.' });
    } finally {
      await k.close();
    }
  });
});
