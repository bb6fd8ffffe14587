import { describe, expect, it } from 'vitest';
import type { BuiltinEndpointId } from '../../src/emulator/server.js';
import { ALL, PROMPT_TOKENS, profile } from './helpers.js';
import { virtualEmulators, type Recorded } from './virtual.js';

/**
 * The buffer and usage faults on every built-in endpoint and a data-driven gateway, on virtual time: a buffered
 * stream's chunks all go out when the last one is due; usage is dropped, zeroed or scaled where it is reported.
 */

const NONE = { kind: 'none' as const, ms: 0 };
// TTFT 100 ms, one token a chunk every 10 ms; overheads LiteLLM 10, OpenRouter 40, Cloudflare 25, Kong 5 ms.
const F = profile({
  provider: { ttftMs: 100, interTokenMs: 10, tokensPerChunk: 1, jitter: NONE, chunkJitter: NONE },
  litellm: { overheadMs: 10, jitter: NONE },
  openrouter: { overheadMs: 40, jitter: NONE, processingCommentMs: 1000 },
  cloudflare: { overheadMs: 25, jitter: NONE },
  gateways: { kong: { overheadMs: 5, jitter: NONE } },
});
const O: Record<BuiltinEndpointId | 'kong', number> = { provider: 0, litellm: 10, openrouter: 40, cloudflare: 25, kong: 5 };
const ENDPOINTS = [...ALL, 'kong'] as const;
const STREAM = { max_tokens: 4, stream: true, stream_options: { include_usage: true } };

/** The usage a response reported: the last SSE event carrying it, or the JSON body's; undefined when none. */
function usageOf(r: Recorded): Record<string, number> | undefined {
  if (!String(r.headers['content-type']).startsWith('text/event-stream')) return JSON.parse(r.text).usage;
  let found: Record<string, number> | undefined;
  for (const e of r.events) {
    const line = e.text.split('\n').find((l) => l.startsWith('data: {'));
    const u = line ? JSON.parse(line.slice(6)).usage : undefined;
    if (u) found = u;
  }
  return found;
}

describe('buffer', () => {
  it.each(ENDPOINTS)('%s: every content chunk goes out when the last is due; without the fault they are paced', async (id) => {
    const held = await virtualEmulators({ profile: F, faults: [`${id}:buffer`] }).send(id, STREAM);
    // chunks due at 100, 110, 120, 130 (+ overhead): all four at 130, and the stream ends then
    expect(held.content).toEqual([130, 130, 130, 130].map((t) => t + O[id]));
    expect(held.end).toBe(130 + O[id]);
    const paced = await virtualEmulators({ profile: F }).send(id, STREAM);
    expect(paced.content).toEqual([100, 110, 120, 130].map((t) => t + O[id]));
  });

  it.each(ENDPOINTS)('%s: non-streamed, nothing changes', async (id) => {
    const r = await virtualEmulators({ profile: F, faults: [`${id}:buffer`] }).send(id, { max_tokens: 2 });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({ usage: { completion_tokens: 2 } });
  });
});

describe('usage faults', () => {
  it.each(ENDPOINTS)('%s: streamed: missing, zero, inflate ×1.5; the content is untouched', async (id) => {
    const v = virtualEmulators({ profile: F, faults: [`${id}:usage-missing@at=1`, `${id}:usage-zero@at=2`, `${id}:usage-inflate=1.5@at=3`] });
    const missing = await v.send(id, STREAM);
    expect(usageOf(missing)).toBeUndefined();
    expect(missing.content).toHaveLength(4);
    expect(missing.text).toContain('[DONE]');
    expect(usageOf(await v.send(id, STREAM))).toMatchObject({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    // 4 completion tokens × 1.5 = 6; the prompt's tokens × 1.5, rounded
    const p = Math.round(PROMPT_TOKENS * 1.5);
    expect(usageOf(await v.send(id, STREAM))).toMatchObject({ prompt_tokens: p, completion_tokens: 6, total_tokens: p + 6 });
    expect(usageOf(await v.send(id, STREAM))).toMatchObject({ prompt_tokens: PROMPT_TOKENS, completion_tokens: 4 });
  });

  it.each(ENDPOINTS)('%s: non-streamed: the body\'s usage', async (id) => {
    const v = virtualEmulators({ profile: F, faults: [`${id}:usage-missing@at=1`, `${id}:usage-inflate@at=2`] });
    const missing = await v.send(id, { max_tokens: 2 });
    expect(JSON.parse(missing.text)).toMatchObject({ choices: [{ message: { role: 'assistant' } }] });
    expect(usageOf(missing)).toBeUndefined();
    expect(usageOf(await v.send(id, { max_tokens: 2 }))).toMatchObject({ prompt_tokens: PROMPT_TOKENS * 2, completion_tokens: 4 });
  });
});
