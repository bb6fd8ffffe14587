import { request, type IncomingMessage } from 'node:http';
import type { TimeoutScope } from './behaviour-schema.js';
import type { AttemptFailure } from './demo-policy.js';

/**
 * One attempt of a demo gateway at an upstream (IO): POST the client's body unchanged, then either hand the
 * response over as it streams (a 2xx the gateway relays chunk by chunk) or read it whole (an error, a
 * non-streamed answer, or a stream the gateway holds back). The gateway's timeout runs to the response's start
 * (first-byte) or across every wait for bytes (idle).
 */

export interface AttemptOptions {
  url: string;
  body: Buffer;
  /** Read a 2xx answer whole before answering the client (non-streamed, or a gateway that holds streams back). */
  buffer: boolean;
  /** A whole 2xx body that is not JSON is a broken answer (non-streamed mode). */
  expectJson: boolean;
  timeout: { ms: number | null; scope: TimeoutScope };
  signal: AbortSignal;
}

export type AttemptResult =
  | { kind: 'failed'; failure: AttemptFailure }
  | { kind: 'buffered'; status: number; contentType: string; body: Buffer }
  | { kind: 'streaming'; status: number; contentType: string; res: IncomingMessage; stop(): void };

const isJson = (b: Buffer): boolean => {
  try {
    JSON.parse(b.toString('utf8'));
    return true;
  } catch {
    return false;
  }
};

function retryAfterMs(res: IncomingMessage): number | null {
  const s = Number(res.headers['retry-after']);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : null;
}

export function attempt(o: AttemptOptions): Promise<AttemptResult> {
  if (o.signal.aborted) return Promise.resolve({ kind: 'failed', failure: { kind: 'connect' } });
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let started = false;
    // agent: false: a fresh connection per attempt, so a reset upstream never poisons the next attempt.
    const req = request(o.url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': o.body.length } });
    const finish = (r: AttemptResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const fail = (failure: AttemptFailure): void => {
      req.destroy();
      finish({ kind: 'failed', failure });
    };
    const arm = (): void => {
      clearTimeout(timer);
      if (o.timeout.ms !== null) timer = setTimeout(() => fail(started ? { kind: 'broken-body' } : { kind: 'timeout' }), o.timeout.ms);
    };
    // The client went away: stop; what is resolved no longer matters.
    const onAbort = (): void => fail({ kind: 'connect' });
    o.signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', () => fail(started ? { kind: 'broken-body' } : { kind: 'connect' }));
    req.on('response', (res) => {
      started = true;
      const status = res.statusCode ?? 502;
      const contentType = res.headers['content-type'] ?? 'application/json';
      const ok = status >= 200 && status < 300;
      if (ok && !o.buffer) return finish({ kind: 'streaming', status, contentType, res, stop: () => req.destroy() });
      if (o.timeout.scope === 'idle') arm();
      else clearTimeout(timer);
      const chunks: Buffer[] = [];
      const whole = (): Buffer => Buffer.concat(chunks);
      const statusFailure = (): AttemptFailure => ({ kind: 'status', status, retryAfterMs: retryAfterMs(res), contentType, body: whole() });
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if (o.timeout.scope === 'idle') arm();
      });
      res.on('end', () => {
        if (!ok) return fail(statusFailure());
        if (o.expectJson && !isJson(whole())) return fail({ kind: 'broken-body' });
        finish({ kind: 'buffered', status, contentType, body: whole() });
      });
      res.on('error', () => fail(ok ? { kind: 'broken-body' } : statusFailure()));
      res.on('close', () => {
        if (!res.complete) fail(ok ? { kind: 'broken-body' } : statusFailure());
      });
    });
    arm();
    req.end(o.body);
  });
}
