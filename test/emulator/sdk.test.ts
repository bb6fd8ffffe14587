import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIError } from 'openai';
import { planCompletion } from '../../src/emulator/model.js';
import type { RunningEmulators } from '../../src/emulator/server.js';
import { ALL, CATALOG_ID, MESSAGES, PROMPT_TOKENS, client, modelFor, start } from './helpers.js';

let emu: RunningEmulators;
beforeAll(async () => {
  emu = await start();
});
afterAll(async () => {
  await emu.close();
});

const expected = planCompletion({ model: 'gpt-4o-mini', messages: MESSAGES, max_tokens: 12 }, { seed: 7, outputTokens: 128, tokensPerChunk: 1 });

describe.each(ALL)('%s via the openai SDK', (id) => {
  it('non-streamed: text, usage, finish_reason', async () => {
    const r = await client(emu, id).chat.completions.create({ model: modelFor(id), messages: MESSAGES, max_tokens: 12 });
    expect(r.choices[0]!.message.content).toBe(expected.text);
    expect(r.choices[0]!.finish_reason).toBe('length');
    expect(r.usage).toMatchObject({ prompt_tokens: PROMPT_TOKENS, completion_tokens: 12, total_tokens: PROMPT_TOKENS + 12 });
    expect(expected.text.split(' ')).toHaveLength(12);
  });

  it('streamed with include_usage: same text, role-only first chunk, usage chunk', async () => {
    const stream = await client(emu, id).chat.completions.create({
      model: modelFor(id),
      messages: MESSAGES,
      max_tokens: 12,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let first: unknown;
    let usage: unknown;
    let finish: string | null | undefined;
    let contentChunks = 0;
    for await (const chunk of stream) {
      first ??= chunk.choices[0]?.delta;
      const c = chunk.choices[0]?.delta?.content;
      if (c) {
        text += c;
        contentChunks++;
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(first).toMatchObject({ role: 'assistant', content: '' });
    expect(text).toBe(expected.text);
    expect(contentChunks).toBe(12);
    expect(finish).toBe('length');
    expect(usage).toMatchObject({ prompt_tokens: PROMPT_TOKENS, completion_tokens: 12 });
  });

  it('default length without max_tokens is the profile outputTokens, finish_reason stop', async () => {
    const r = await client(emu, id).chat.completions.create({ model: modelFor(id), messages: MESSAGES });
    expect(r.usage?.completion_tokens).toBe(128);
    expect(r.choices[0]!.finish_reason).toBe('stop');
  });

  it('rejects a wrong key with 401', async () => {
    const c = client(emu, id, { apiKey: 'not-a-valid-key' });
    const err = await c.chat.completions.create({ model: modelFor(id), messages: MESSAGES }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).status).toBe(401);
  });
});

describe('model naming', () => {
  it('provider: unknown model is a 404 model_not_found', async () => {
    const err = (await client(emu, 'provider').chat.completions.create({ model: 'nope', messages: MESSAGES }).catch((e: unknown) => e)) as APIError;
    expect(err.status).toBe(404);
    expect(err.code).toBe('model_not_found');
  });
  it('provider and LiteLLM accept the full catalog id too', async () => {
    for (const id of ['provider', 'litellm'] as const) {
      const r = await client(emu, id).chat.completions.create({ model: CATALOG_ID, messages: MESSAGES, max_tokens: 3 });
      expect(r.usage?.completion_tokens).toBe(3);
    }
  });
  it('LiteLLM: unknown alias is a 400 in LiteLLM error shape', async () => {
    const err = (await client(emu, 'litellm').chat.completions.create({ model: 'gpt-9', messages: MESSAGES }).catch((e: unknown) => e)) as APIError;
    expect(err.status).toBe(400);
    expect(err.message).toContain('Invalid model name passed in model=gpt-9');
  });
  it('OpenRouter: bare slug is not a valid model id; :variant suffix is accepted', async () => {
    const c = client(emu, 'openrouter');
    const err = (await c.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES }).catch((e: unknown) => e)) as APIError;
    expect(err.status).toBe(400);
    const r = await c.chat.completions.create({ model: `${CATALOG_ID}:nitro`, messages: MESSAGES, max_tokens: 2 });
    expect(r.model).toBe(CATALOG_ID);
  });
  it('Cloudflare: provider-specific /openai path takes the bare slug', async () => {
    const alt = emu.byId.cloudflare.alternates[0]!;
    const r = await client(emu, 'cloudflare', { baseURL: alt.baseUrl }).chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES, max_tokens: 4 });
    expect(r.usage?.completion_tokens).toBe(4);
  });
  it('Cloudflare compat: a model without {provider}/ is a 400', async () => {
    const err = (await client(emu, 'cloudflare').chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES }).catch((e: unknown) => e)) as APIError;
    expect(err.status).toBe(400);
  });
  it('other authors in the table work through every endpoint', async () => {
    const r = await client(emu, 'openrouter').chat.completions.create({ model: 'anthropic/claude-haiku-4.5', messages: MESSAGES, max_tokens: 5 });
    expect(r.usage).toMatchObject({ completion_tokens: 5, cost: (PROMPT_TOKENS * 1 + 5 * 5) / 1e6 });
  });
});

describe('models listings', () => {
  it('provider /v1/models lists bare slugs', async () => {
    const list = await client(emu, 'provider').models.list();
    expect(list.data.map((m) => m.id).sort()).toEqual(['claude-haiku-4.5', 'gpt-4o-mini']);
  });
  it('LiteLLM /v1/models lists aliases and full ids; OpenRouter lists author/slug with per-token prices', async () => {
    const l = await client(emu, 'litellm').models.list();
    expect(l.data.map((m) => m.id)).toContain('gpt-4o-mini');
    const o = (await (await fetch(`${emu.byId.openrouter.baseUrl}/models`)).json()) as { data: { id: string; pricing: { prompt: string } }[] };
    expect(o.data.find((m) => m.id === CATALOG_ID)?.pricing.prompt).toBe(String(0.15 / 1e6));
  });
});
