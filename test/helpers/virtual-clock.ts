import type { AbortLike, Clock } from '../../src/clock.js';
import type { Transport, TransportResponse } from '../../src/bench/engine.js';

/** setImmediate turns to let pass before time moves on (the code under test nests at most one). */
const IDLE_TURNS = 3;

/**
 * Virtual time for the benchmark engine and the emulators: nothing waits for real. Timers fire in time order when
 * everything else is idle, so a schedule can be checked to the exact millisecond.
 */
export class VirtualClock implements Clock {
  t = 0;
  private seq = 0;
  private readonly timers: { at: number; seq: number; fn: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.t;
  }
  epoch(mono: number): number {
    return 1_700_000_000_000 + mono;
  }
  private add(at: number, fn: () => void) {
    const timer = { at, seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return timer;
  }
  sleepUntil(at: number, signal?: AbortLike): Promise<void> {
    if (at <= this.t || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      // Like the real clock, let go of the abort listener once the sleep is over.
      const onAbort = () => {
        timer.cancelled = true;
        resolve();
      };
      const timer = this.add(at, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
  timer(ms: number, fn: () => void): () => void {
    const timer = this.add(this.t + ms, fn);
    return () => {
      timer.cancelled = true;
    };
  }
  /** Fire `fn` at virtual time `at` (for aborting a run mid-way). */
  at(at: number, fn: () => void): void {
    this.add(at, fn);
  }

  /** Run until `p` settles, advancing time whenever nothing else can happen. */
  async run<T>(p: Promise<T>): Promise<T> {
    let settled = false;
    p.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      // Idle means no microtask and no immediate left: code under test may itself wait a turn on setImmediate
      // (the emulators do, to let a flushed write out before a disconnect), so wait a few turns before moving on.
      for (let turn = 0; turn < IDLE_TURNS && !settled; turn++) await new Promise((r) => setImmediate(r));
      if (settled) break;
      const live = this.timers.filter((x) => !x.cancelled).sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = live[0];
      if (!next) throw new Error('virtual clock: nothing left to run but the promise is still pending');
      this.timers.splice(this.timers.indexOf(next), 1);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    return p;
  }
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** ms from the send to the response headers. */
  headersAfter?: number;
  /** Body pieces, each `after` ms after the previous one (or the headers). */
  pieces?: { after: number; text: string }[];
}

const abortError = () => Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });

/** A transport answering from a function of (target, n-th request to it), on virtual time. */
export function fakeTransport(clock: VirtualClock, reply: (target: number, n: number, body: string) => FakeReply): Transport & { sent: { target: number; at: number; headers: Record<string, string> }[] } {
  const counts = new Map<number, number>();
  const sent: { target: number; at: number; headers: Record<string, string> }[] = [];
  const wait = async (ms: number, signal: AbortLike) => {
    if (signal.aborted) throw abortError();
    await clock.sleepUntil(clock.now() + ms, signal);
    if (signal.aborted) throw abortError();
  };
  return {
    sent,
    async send(target, req): Promise<TransportResponse> {
      const n = (counts.get(target) ?? 0) + 1;
      counts.set(target, n);
      sent.push({ target, at: clock.now(), headers: req.headers });
      const r = reply(target, n, req.body);
      await wait(r.headersAfter ?? 0, req.signal);
      let destroyed = false;
      async function* body() {
        for (const p of r.pieces ?? []) {
          await wait(p.after, req.signal);
          if (destroyed) return;
          yield p.text;
        }
      }
      return {
        status: r.status ?? 200,
        headers: { 'content-type': 'text/event-stream', ...(r.headers ?? {}) },
        body: body(),
        destroy: () => {
          destroyed = true;
        },
      };
    },
    async close() {},
  };
}

/** An SSE stream of `n` one-token content chunks `gap` ms apart after `ttft`, then usage and [DONE]. */
export function sseReply(o: { ttft: number; gap: number; n: number; prompt?: number; headersAfter?: number; cost?: number }): FakeReply {
  const chunk = (delta: object) => `data: ${JSON.stringify({ id: 'chatcmpl-v', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
  const headersAfter = o.headersAfter ?? 1;
  const pieces = [{ after: 0, text: chunk({ role: 'assistant', content: '' }) }];
  for (let i = 0; i < o.n; i++) pieces.push({ after: i === 0 ? o.ttft - headersAfter : o.gap, text: chunk({ content: `w${i} ` }) });
  const usage = { prompt_tokens: o.prompt ?? 10, completion_tokens: o.n, ...(o.cost !== undefined ? { cost: o.cost } : {}) };
  pieces.push({ after: 0, text: `data: ${JSON.stringify({ id: 'chatcmpl-v', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: ${JSON.stringify({ choices: [], usage })}\n\ndata: [DONE]\n\n` });
  return { headersAfter, pieces };
}
