import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointId, RunningEmulators } from '../../src/emulator/server.js';
import { MESSAGES, modelFor, profile, start } from './helpers.js';

/**
 * The one check of the emulators on the real clock, over real TCP: the exact schedule is checked on virtual time
 * (schedule.test.ts); this proves the real clock drives it end to end. Overheads are large (200 ms against 0) and
 * the bounds generous, so scheduler noise on a loaded machine cannot fail it. Lower bounds are hard: a Node timer
 * truncates to whole ms and counts from the loop's whole-ms time, so it fires at most ~1 ms early (0.8 ms seen),
 * and the bounds leave 3 ms. Upper bounds take the best of two trials and only catch a wrong unit or a missing or
 * extra wait. The file runs after every other test file (vitest.config.ts: *.serial.test.ts), so other tests do
 * not starve it.
 */

const none = { kind: 'none' as const, ms: 0 };
// TTFT 50 ms, a chunk every 10 ms; LiteLLM adds 200 ms, OpenRouter and Cloudflare nothing.
const P = profile({
  provider: { ttftMs: 50, interTokenMs: 10, tokensPerChunk: 1, jitter: none, chunkJitter: none },
  litellm: { overheadMs: 200, jitter: none },
  openrouter: { overheadMs: 0, jitter: none, processingCommentMs: 1000 },
  cloudflare: { overheadMs: 0, jitter: none },
});
/** Upper-bound slack for scheduler noise on a loaded two-core machine (ms). */
const SLACK = 150;

let emu: RunningEmulators;
beforeAll(async () => {
  emu = await start({ profile: P, stampFirstContent: true });
});
afterAll(async () => {
  await emu.close();
});

interface Timing {
  sent: number;
  /** Epoch ms of each content chunk's arrival. */
  content: number[];
  received: number;
  text: string;
}

/** One streamed request over TCP (fetch); epoch times of the send, each content chunk and the end. */
async function stream(id: EndpointId): Promise<Timing> {
  const ep = emu.byId[id]!;
  const epochNow = (): number => performance.timeOrigin + performance.now();
  const sent = epochNow();
  const res = await fetch(ep.chatUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ep.apiKey}`, ...ep.headers },
    body: JSON.stringify({ model: modelFor(id), messages: MESSAGES, max_tokens: 3, stream: true }),
  });
  expect(res.status).toBe(200);
  const content: number[] = [];
  let text = '';
  const decoder = new TextDecoder();
  for await (const piece of res.body!) {
    const at = epochNow();
    const s = decoder.decode(piece, { stream: true });
    text += s;
    for (const _ of s.matchAll(/"content":"[^"]/g)) content.push(at);
  }
  return { sent, content, received: epochNow(), text };
}

describe.sequential('the real clock over TCP', () => {
  it('direct: TTFT 50 ms, chunk 3 at 70 ms; the first content chunk is stamped with the epoch time it was written', async () => {
    const best: number[] = [];
    for (let trial = 0; trial < 2; trial++) {
      const r = await stream('provider');
      const ttft = r.content[0]! - r.sent;
      expect(r.content).toHaveLength(3);
      expect(ttft).toBeGreaterThanOrEqual(47);
      // chunk 3 is due at 50 + 2 × 10 ms
      expect(r.content[2]! - r.sent).toBeGreaterThanOrEqual(67);
      best.push(ttft);
      // same process, same clock: written after the TTFT, before the client had it all (the stamp is rounded to µs)
      const stamps = [...r.text.matchAll(/"emulator_sent_at":([0-9.]+)/g)].map((m) => Number(m[1]));
      expect(stamps).toHaveLength(1);
      expect(stamps[0]! - r.sent).toBeGreaterThanOrEqual(47);
      expect(stamps[0]!).toBeLessThanOrEqual(r.received + 0.001);
    }
    expect(Math.min(...best)).toBeLessThan(50 + SLACK);
  });

  it('LiteLLM adds its 200 ms; OpenRouter and Cloudflare, set to 0, add nothing like it', async () => {
    const best: Record<string, number> = {};
    for (const id of ['litellm', 'openrouter', 'cloudflare'] as const) {
      const ttfts: number[] = [];
      for (let trial = 0; trial < 2; trial++) {
        const r = await stream(id);
        expect(r.content, id).toHaveLength(3);
        ttfts.push(r.content[0]! - r.sent);
      }
      best[id] = Math.min(...ttfts);
      // lower bound for every trial: 50 ms TTFT + the overhead, less 3 ms for a timer firing early
      for (const t of ttfts) expect(t, id).toBeGreaterThanOrEqual(id === 'litellm' ? 247 : 47);
    }
    expect(best.litellm!).toBeLessThan(250 + SLACK);
    expect(best.openrouter!).toBeLessThan(50 + SLACK);
    expect(best.cloudflare!).toBeLessThan(50 + SLACK);
  });
});
