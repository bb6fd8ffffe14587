import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { RunningEmulators, EndpointId } from '../../src/emulator/server.js';
import { ALL, MESSAGES, modelFor, post, profile, start } from './helpers.js';

/**
 * Timing against the profile: TTFT = ttftMs (+ gateway overhead), content chunk c at ttftMs + c·k·interTokenMs,
 * non-streamed total = last chunk time. Tolerance 15 ms (loaded 2-core machine); the mean error is much smaller.
 */
const TOL = 15;
const P = profile({
  provider: { ttftMs: 200, interTokenMs: 20, tokensPerChunk: 2, jitter: { kind: 'none', ms: 0 }, chunkJitter: { kind: 'none', ms: 0 } },
  litellm: { overheadMs: 10, jitter: { kind: 'none', ms: 0 } },
  openrouter: { overheadMs: 40, jitter: { kind: 'none', ms: 0 }, processingCommentMs: 1000 },
  cloudflare: { overheadMs: 25, jitter: { kind: 'none', ms: 0 } },
});
const OVERHEAD: Record<EndpointId, number> = { provider: 0, litellm: 10, openrouter: 40, cloudflare: 25 };

let emu: RunningEmulators;
beforeAll(async () => {
  emu = await start({ profile: P });
  // warm the keep-alive connections (client → endpoint, gateway → provider)
  for (let i = 0; i < 3; i++) await Promise.all(ALL.map(async (id) => (await post(emu, id, { max_tokens: 1, stream: i === 1 })).text()));
});
afterAll(async () => {
  agent.destroy();
  await emu.close();
});

const agent = new Agent({ keepAlive: true });

/** One request with node:http; times (ms since send) of the response headers and of each content chunk. */
function timed(id: EndpointId, stream: boolean): Promise<{ headers: number; content: number[]; end: number; res: IncomingMessage }> {
  const ep = emu.byId[id];
  const body = JSON.stringify({ model: modelFor(id), messages: MESSAGES, max_tokens: 10, stream });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      ep.chatUrl,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${ep.apiKey}`, ...ep.headers } },
      (res) => {
        const headers = performance.now() - t0;
        const content: number[] = [];
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const now = performance.now() - t0;
          buf += chunk;
          const events = buf.split('\n\n');
          buf = events.pop() ?? '';
          for (const ev of events) if (/"content":"[^"]/.test(ev)) content.push(now);
        });
        res.on('end', () => resolve({ headers, content, end: performance.now() - t0, res }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const TRIALS = 3;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Summary {
  headers: number;
  content: number[];
  total: number;
  overheadHeader: string | undefined;
}

async function trials(id: EndpointId): Promise<Summary> {
  const h: number[] = [];
  const c: number[][] = [[], [], [], [], []];
  const totals: number[] = [];
  let overheadHeader: string | undefined;
  for (let i = 0; i < TRIALS; i++) {
    const m = await timed(id, true);
    h.push(m.headers);
    m.content.forEach((t, k) => c[k]?.push(t));
    const n = await timed(id, false);
    totals.push(n.end);
    overheadHeader = n.res.headers['x-emulator-overhead-ms'] as string | undefined;
  }
  return { headers: median(h), content: c.map((xs) => (xs.length === TRIALS ? median(xs) : NaN)), total: median(totals), overheadHeader };
}

it('every endpoint: TTFT, chunk spacing, stream end and non-streamed total match the profile; gateway − direct = overhead', async () => {
  const results = new Map<EndpointId, Summary>();
  for (const id of ALL) results.set(id, await trials(id));
  // The client's own request round trip (headers of the direct provider come back at once) is the baseline.
  const rtt = results.get('provider')!.headers;
  expect(rtt).toBeLessThan(TOL);
  if (process.env.EMU_TIMING_LOG) {
    for (const [id, m] of results) {
      const o = OVERHEAD[id];
      const errs = m.content.map((t, i) => (t - (200 + 40 * i + o + rtt)).toFixed(1));
      console.log(`${id}: rtt ${rtt.toFixed(1)} headers ${m.headers.toFixed(1)} chunk errors ${errs.join(' ')} total error ${(m.total - 360 - o - rtt).toFixed(1)}`);
    }
  }
  for (const [id, m] of results) {
    const o = OVERHEAD[id];
    const expected = [200, 240, 280, 320, 360].map((t) => t + o + rtt);
    for (let i = 0; i < 5; i++) {
      const err = m.content[i]! - expected[i]!;
      expect(err, `${id} chunk ${i}: ${m.content[i]} vs ${expected[i]}`).toBeGreaterThanOrEqual(-TOL);
      expect(err, `${id} chunk ${i}: ${m.content[i]} vs ${expected[i]}`).toBeLessThanOrEqual(TOL);
    }
    const totalErr = m.total - (360 + o + rtt);
    expect(Math.abs(totalErr), `${id} non-streamed total ${m.total}`).toBeLessThanOrEqual(TOL);
    // headers (and the role-only chunk) go out before the first token
    expect(m.headers, `${id} headers`).toBeLessThan(o + rtt + TOL);
    if (id !== 'provider') {
      expect(m.overheadHeader).toBe(String(o));
      const diff = m.content[0]! - results.get('provider')!.content[0]!;
      expect(Math.abs(diff - o), `${id} TTFT minus direct: ${diff}`).toBeLessThanOrEqual(TOL);
    }
  }
});
