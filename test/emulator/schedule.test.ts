import { describe, expect, it } from 'vitest';
import type { BuiltinEndpointId, EndpointId } from '../../src/emulator/server.js';
import { ALL, profile } from './helpers.js';
import { virtualEmulators, type Recorded } from './virtual.js';

/**
 * The emulators' schedule on virtual time (test/emulator/virtual.ts): every time below is exact, in ms after the
 * client sent the request, and worked out by hand from the profile. The one check on the real clock over TCP is
 * realtime.serial.test.ts.
 */

const none = { kind: 'none' as const, ms: 0 };

// TTFT 200 ms; a chunk of 2 tokens every 2 × 20 = 40 ms; overheads LiteLLM 10, OpenRouter 40, Cloudflare 25 ms.
const P = profile({
  provider: { ttftMs: 200, interTokenMs: 20, tokensPerChunk: 2, jitter: none, chunkJitter: none },
  litellm: { overheadMs: 10, jitter: none },
  openrouter: { overheadMs: 40, jitter: none, processingCommentMs: 1000 },
  cloudflare: { overheadMs: 25, jitter: none },
});

const OVERHEAD: Record<BuiltinEndpointId, number> = { provider: 0, litellm: 10, openrouter: 40, cloudflare: 25 };

// max_tokens 10 → 5 chunks of 2 tokens; chunk c at 200 + c × 40 → 200, 240, 280, 320, 360 (+ the gateway's overhead).
const STREAM: Record<BuiltinEndpointId, number[]> = {
  provider: [200, 240, 280, 320, 360],
  litellm: [210, 250, 290, 330, 370],
  openrouter: [240, 280, 320, 360, 400],
  cloudflare: [225, 265, 305, 345, 385],
};

/** The data events (no comments) of a stream, as parsed JSON (or the raw [DONE]). */
function dataEvents(r: Recorded): { at: number; json: Record<string, unknown> | '[DONE]' }[] {
  return r.events
    .filter((e) => e.text.startsWith('data: '))
    .map((e) => ({ at: e.at, json: e.text === 'data: [DONE]' ? '[DONE]' : (JSON.parse(e.text.slice(6)) as Record<string, unknown>) }));
}

describe.each(ALL)('%s on virtual time', (id) => {
  const o = OVERHEAD[id];

  it('streamed: headers and the role-only chunk at the overhead, chunk c at TTFT + c × tokensPerChunk × interTokenMs, then the end', async () => {
    const r = await virtualEmulators({ profile: P }).send(id, { max_tokens: 10, stream: true });
    expect(r.status).toBe(200);
    expect(r.head).toBe(o);
    const data = dataEvents(r);
    // the first data event carries the role and no content; it goes out with the headers, before any token
    expect(data[0]).toEqual({ at: o, json: expect.objectContaining({ choices: [expect.objectContaining({ delta: expect.objectContaining({ role: 'assistant', content: '' }) })] }) });
    expect(r.content).toEqual(STREAM[id]);
    // the finish chunk and [DONE] follow the last content chunk at once, and the stream ends there
    expect(data.at(-1)).toEqual({ at: STREAM[id][4], json: '[DONE]' });
    expect(r.end).toBe(STREAM[id][4]);
  });

  it('non-streamed: the whole response at the time the last chunk would have gone out', async () => {
    const r = await virtualEmulators({ profile: P }).send(id, { max_tokens: 10 });
    expect(r.status).toBe(200);
    // 200 + 4 × 40 = 360, + the overhead
    expect(r.head).toBe(360 + o);
    expect(r.end).toBe(360 + o);
    expect(r.headers['x-emulator-overhead-ms']).toBe(id === 'provider' ? undefined : String(o));
  });

  it('a last chunk with fewer tokens is still one gap later', async () => {
    // max_tokens 5 → chunks of 2, 2, 1 tokens at 200, 240, 280
    const r = await virtualEmulators({ profile: P }).send(id, { max_tokens: 5, stream: true });
    expect(r.content).toEqual([200, 240, 280].map((t) => t + o));
  });
});

describe('gateway − direct', () => {
  it('is exactly the configured overhead, for every chunk, streamed and not', async () => {
    const v = virtualEmulators({ profile: P });
    const direct = await v.send('provider', { max_tokens: 10, stream: true });
    const directTotal = (await v.send('provider', { max_tokens: 10 })).end;
    for (const [id, overhead] of [['litellm', 10], ['openrouter', 40], ['cloudflare', 25]] as const) {
      const s = await v.send(id, { max_tokens: 10, stream: true });
      expect(s.content.map((t, i) => t - direct.content[i]!), id).toEqual([overhead, overhead, overhead, overhead, overhead]);
      expect((await v.send(id, { max_tokens: 10 })).end - directTotal, id).toBe(overhead);
    }
  });

  it('LiteLLM reports its own overhead and duration in its headers', async () => {
    const r = await virtualEmulators({ profile: P }).send('litellm', { max_tokens: 10 });
    // overhead 10 ms; the whole response 10 + 360 = 370 ms
    expect(r.headers['x-litellm-overhead-duration-ms']).toBe('10.000');
    expect(r.headers['x-litellm-response-duration-ms']).toBe('370.000');
  });

  it('the provider reports its processing time (non-streamed) in openai-processing-ms', async () => {
    const r = await virtualEmulators({ profile: P }).send('provider', { max_tokens: 10 });
    expect(r.headers['openai-processing-ms']).toBe('360');
  });
});

describe('fractional gaps', () => {
  it('60 tokens/s: chunk c at TTFT + c × 16.67 ms, to the microsecond', async () => {
    const sixty = profile({ provider: { ttftMs: 100, interTokenMs: 1000 / 60, tokensPerChunk: 1, jitter: none, chunkJitter: none } });
    const r = await virtualEmulators({ profile: sixty }).send('provider', { max_tokens: 7, stream: true });
    // 100 + c × 1000/60: 100, 116.667, 133.333, 150, 166.667, 183.333, 200
    const expected = [100, 116.667, 133.333, 150, 166.667, 183.333, 200];
    expect(r.content).toHaveLength(7);
    r.content.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 3));
  });
});

describe('stampFirstContent', () => {
  it('stamps the first content chunk with the epoch time it was written, and only that chunk', async () => {
    const v = virtualEmulators({ profile: P, stampFirstContent: true });
    const r = await v.send('provider', { max_tokens: 4, stream: true });
    const stamps = [...r.text.matchAll(/"emulator_sent_at":([0-9.]+)/g)].map((m) => Number(m[1]));
    // the virtual clock's epoch is 1,700,000,000,000 ms at time 0; the first chunk goes out at the TTFT, 200 ms
    expect(stamps).toEqual([1_700_000_000_200]);
    expect(r.events.find((e) => /"content":"[^"]/.test(e.text))!.text).toContain('emulator_sent_at');
  });
});

describe('jitter', () => {
  // TTFT 200 ± normal σ 30; each 40 ms gap ± uniform 2; LiteLLM's 10 ms overhead ± uniform 5.
  const J = profile({
    provider: { ttftMs: 200, interTokenMs: 20, tokensPerChunk: 2, jitter: { kind: 'normal', ms: 30 }, chunkJitter: { kind: 'uniform', ms: 2 } },
    litellm: { overheadMs: 10, jitter: { kind: 'uniform', ms: 5 } },
  });
  const run = async (seed: number, id: EndpointId): Promise<Recorded> => virtualEmulators({ profile: J, seed }).send(id, { max_tokens: 10, stream: true });

  it('is reproducible for a seed and differs for another', async () => {
    for (const id of ALL) {
      const a = await run(7, id);
      const b = await run(7, id);
      expect(b.content, id).toEqual(a.content);
      expect((await run(8, id)).content, id).not.toEqual(a.content);
    }
  });

  it('each chunk gap stays within 40 ± 2 ms and is not exactly 40', async () => {
    const r = await run(7, 'provider');
    expect(r.content).toHaveLength(5);
    const gaps = r.content.slice(1).map((t, i) => t - r.content[i]!);
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(38);
      expect(g).toBeLessThanOrEqual(42);
    }
    expect(gaps.filter((g) => g === 40)).toHaveLength(0);
    expect(r.content[0]).not.toBe(200);
  });

  it('gateway − direct is exactly the overhead the gateway applied (its header), within 10 ± 5 ms', async () => {
    // In a fresh set, the direct request and the request LiteLLM forwards are both the provider's request #1,
    // so both get the same provider jitter and the difference is the gateway's own delay alone.
    const direct = await run(7, 'provider');
    const via = await run(7, 'litellm');
    const applied = Number(via.headers['x-emulator-overhead-ms']);
    expect(applied).toBeGreaterThanOrEqual(5);
    expect(applied).toBeLessThanOrEqual(15);
    expect(applied).not.toBe(10);
    expect(via.content.map((t, i) => t - direct.content[i]!)).toEqual([applied, applied, applied, applied, applied]);
  });
});
