import { request } from 'node:http';
import type { FaultSettings } from '../../src/drill/scenarios.js';

/** Short faults for tests: slow-ttft 300 ms, cut after 3 of 6 tokens. */
export const FAULTS: FaultSettings = { slowTtftMs: 300, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 6 };

export const NONCE0 = 'gsd-0-aaaaaaaaaaaa';
export const NONCE1 = 'gsd-1-bbbbbbbbbbbb';
/** The whole known answer for 6 tokens, written out by hand (nonce.ts answerTokens). */
export const whole = (nonce: string): string => `t1 t2 t3 t4 t5 end-${nonce}`;

export interface Raw {
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** How the exchange ended: the body ended, the connection broke, or it was still open at `waitMs`. */
  end: 'ended' | 'error' | 'open';
  error: string | null;
}

/** POST straight to a URL with node:http (no client-side parsing) and report exactly what came back. */
export function post(url: string, body: unknown, waitMs = 1_500): Promise<Raw> {
  return new Promise((resolve) => {
    const out: Raw = { status: null, headers: {}, body: '', end: 'open', error: null };
    const finish = (end: Raw['end'], error: string | null = null): void => {
      if (out.end !== 'open' || settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...out, end, error });
      req.destroy();
    };
    let settled = false;
    const timer = setTimeout(() => finish('open'), waitMs);
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' } }, (res) => {
      out.status = res.statusCode ?? null;
      out.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (d: string) => (out.body += d));
      res.on('end', () => finish('ended'));
      res.on('error', (e) => finish('error', (e as NodeJS.ErrnoException).code ?? e.message));
      res.on('aborted', () => finish('error', 'aborted'));
    });
    req.on('error', (e) => finish('error', (e as NodeJS.ErrnoException).code ?? e.message));
    req.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

export function chat(nonce: string | null, stream: boolean, extra: object = {}): object {
  const content = nonce === null ? 'ping' : `Failover drill request ${nonce}. Answer with a short sentence.`;
  return { model: 'drill-test', messages: [{ role: 'user', content }], stream, ...(stream ? { stream_options: { include_usage: true } } : {}), ...extra };
}

/** The data payloads of an SSE body, in order. */
export function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .filter((e) => e.startsWith('data: '))
    .map((e) => e.slice('data: '.length));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
