import { request } from 'node:http';
import type { FaultSettings } from '../../src/drill/scenarios.js';
import { startUpstreams, type DrillUpstreams } from '../../src/drill/upstream-server.js';

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

/** The two upstreams on free ports with FAULTS, and the primary's chat URL (each test file its own pair). */
export async function startTestUpstreams(): Promise<{ up: DrillUpstreams; chatUrl: string }> {
  const up = await startUpstreams({ primary: { port: 0 }, secondary: { port: 0 }, faults: FAULTS });
  return { up, chatUrl: `${up.primaryUrl}/chat/completions` };
}

let n = 0;
/** A fresh nonce per test (the log is shared): request index `request`, 12 hex digits from a counter. */
export function fresh(request = 0): string {
  return `gsd-${request}-${(++n).toString(16).padStart(12, '0')}`;
}

/** An attempt record as the primary logs a streamed one, with `over` on top. */
export const rec = (over: object) => ({ upstream: 'primary', stream: true, promptTokens: 0, completionTokens: 0, completed: false, ...over });
