import { describe, expect, it } from 'vitest';
import type { GatewayFailover } from '../../../src/drill/behaviour-schema.js';
import { STREAM_BREAK_EVENT, demoTimeoutMs, failureAnswer, fallsBack, malformedEvent, matchesStatus, nextStep, retryWaitMs, type AttemptFailure } from '../../../src/drill/demo-policy.js';

/** The demo gateways' rules on hand-made entries, so each branch is checked apart from the shipped data. */

const src = { source: 'https://example.com/doc', status: 'verified' as const };
function entry(over: { retry?: Partial<GatewayFailover['retry']>; fallback?: Partial<GatewayFailover['fallback']>; timeout?: Partial<GatewayFailover['timeout']>; brokenBody?: GatewayFailover['brokenBody']['mode'] } = {}): GatewayFailover {
  return {
    gateway: 'test',
    setup: 'test',
    retry: { on: [429, '5xx'], onConnectError: true, onTimeout: false, maxRetries: 2, honoursRetryAfter: true, backoffMs: 500, ...src, ...over.retry },
    fallback: { on: [503], onBadRequest: false, onConnectError: false, onTimeout: true, afterFirstChunk: false, ...src, ...over.fallback },
    timeout: { ms: 30_000, scope: 'first-byte', ...src, ...over.timeout },
    streamBreak: { mode: 'abort', malformedChunk: 'relay', ...src },
    brokenBody: { mode: over.brokenBody ?? 'error', ...src },
  };
}
const status = (s: number, retryAfterMs: number | null = null): AttemptFailure => ({ kind: 'status', status: s, retryAfterMs, contentType: 'application/json', body: Buffer.from('{}') });
const scale1 = { timeScale: 1 };

describe('matchesStatus', () => {
  it('"5xx" covers 500–599 only; numbers match exactly', () => {
    expect([499, 500, 503, 599, 600].map((s) => matchesStatus(['5xx'], s))).toEqual([false, true, true, true, false]);
    expect([429, 430].map((s) => matchesStatus([429], s))).toEqual([true, false]);
    expect(matchesStatus([], 500)).toBe(false);
  });
});

describe('nextStep', () => {
  const b = entry();
  it('retries a listed status while retries remain, then falls back only from the primary on a listed status', () => {
    // 503: retried twice (maxRetries 2), then the fallback list [503] applies.
    expect(nextStep(b, status(503), { done: 0, onPrimary: true, ...scale1 }).action).toBe('retry');
    expect(nextStep(b, status(503), { done: 1, onPrimary: true, ...scale1 }).action).toBe('retry');
    expect(nextStep(b, status(503), { done: 2, onPrimary: true, ...scale1 })).toEqual({ action: 'fallback' });
    expect(nextStep(b, status(503), { done: 2, onPrimary: false, ...scale1 })).toEqual({ action: 'give-up' });
  });
  it('500 is retried but not a fallback trigger here; 400 is never retried and falls back only with onBadRequest', () => {
    expect(nextStep(b, status(500), { done: 2, onPrimary: true, ...scale1 })).toEqual({ action: 'give-up' });
    expect(nextStep(b, status(400), { done: 0, onPrimary: true, ...scale1 })).toEqual({ action: 'give-up' });
    expect(nextStep(entry({ fallback: { onBadRequest: true } }), status(400), { done: 0, onPrimary: true, ...scale1 })).toEqual({ action: 'fallback' });
  });
  it('a connection error is retried (onConnectError) but does not fall back here; a timeout falls back but is not retried', () => {
    expect(nextStep(b, { kind: 'connect' }, { done: 0, onPrimary: true, ...scale1 }).action).toBe('retry');
    expect(nextStep(b, { kind: 'connect' }, { done: 2, onPrimary: true, ...scale1 })).toEqual({ action: 'give-up' });
    expect(nextStep(b, { kind: 'timeout' }, { done: 0, onPrimary: true, ...scale1 })).toEqual({ action: 'fallback' });
  });
  it('a timeout is retried when onTimeout says so', () => {
    expect(nextStep(entry({ retry: { onTimeout: true } }), { kind: 'timeout' }, { done: 0, onPrimary: true, ...scale1 })).toEqual({ action: 'retry', waitMs: 500 });
  });
  it('a broken body falls back only if the gateway also falls back on connection errors', () => {
    expect(fallsBack(entry({ brokenBody: 'retry-and-fallback', fallback: { onConnectError: false } }), { kind: 'broken-body' })).toBe(false);
    expect(fallsBack(entry({ brokenBody: 'error', fallback: { onConnectError: true } }), { kind: 'broken-body' })).toBe(false);
  });
  it('a broken body is a connection error only for retry-and-fallback gateways', () => {
    expect(nextStep(b, { kind: 'broken-body' }, { done: 0, onPrimary: true, ...scale1 })).toEqual({ action: 'give-up' });
    const rf = entry({ brokenBody: 'retry-and-fallback', fallback: { onConnectError: true } });
    expect(nextStep(rf, { kind: 'broken-body' }, { done: 0, onPrimary: true, ...scale1 }).action).toBe('retry');
    expect(fallsBack(rf, { kind: 'broken-body' })).toBe(true);
  });
});

describe('retryWaitMs', () => {
  it('Retry-After when honoured and sent, else 500 ms doubled per retry made, all scaled', () => {
    const b = entry();
    expect(retryWaitMs(b, status(429, 1000), 0, 1)).toBe(1000);
    // 500 × 2^0, 500 × 2^1, 500 × 2^2
    expect([0, 1, 2].map((d) => retryWaitMs(b, status(429), d, 1))).toEqual([500, 1000, 2000]);
    // at a fifteenth of real time: 1000 / 15 = 66.7 → 67; 1000 × 2 / 15 = 133.3 → 133
    expect(retryWaitMs(b, status(429, 1000), 0, 1 / 15)).toBe(67);
    expect(retryWaitMs(b, status(503), 1, 1 / 15)).toBe(67);
    expect(retryWaitMs(entry({ retry: { honoursRetryAfter: false } }), status(429, 5000), 1, 1)).toBe(1000);
    // Not a status: the backoff, whatever else.
    expect(retryWaitMs(b, { kind: 'connect' }, 0, 1)).toBe(500);
  });
});

describe('demoTimeoutMs', () => {
  it('scales the timeout, and leaves out one that would not end before the client gives up', () => {
    // 30 s / 15 = 2000 ms, not below the client's 2000 ms: left out.
    expect(demoTimeoutMs(entry(), 1 / 15, 2000)).toBeNull();
    // 15 s / 15 = 1000 ms.
    expect(demoTimeoutMs(entry({ timeout: { ms: 15_000 } }), 1 / 15, 2000)).toBe(1000);
    expect(demoTimeoutMs(entry({ timeout: { ms: null } }), 1 / 15, 2000)).toBeNull();
  });
});

describe('failureAnswer', () => {
  it('passes an upstream status on with its body; a timeout is 504, a connection or body failure 502', () => {
    const f = { kind: 'status', status: 429, retryAfterMs: null, contentType: 'application/json', body: Buffer.from('{"error":{}}') } as const;
    expect(failureAnswer(f)).toEqual({ status: 429, contentType: 'application/json', body: f.body });
    const err = (message: string) => JSON.stringify({ error: { message, type: 'upstream_error', code: null } });
    expect(failureAnswer({ kind: 'timeout' })).toEqual({ status: 504, contentType: 'application/json', body: err('The upstream did not answer in time (demo gateway).') });
    expect(failureAnswer({ kind: 'connect' })).toEqual({ status: 502, contentType: 'application/json', body: err('The upstream connection failed (demo gateway).') });
    expect(failureAnswer({ kind: 'broken-body' })).toEqual({ status: 502, contentType: 'application/json', body: err('The upstream sent a broken answer (demo gateway).') });
  });
  it('the stream-break event is one SSE data event with an OpenAI-style error', () => {
    expect(STREAM_BREAK_EVENT).toBe('data: {"error":{"message":"The upstream stream broke before the answer was complete (demo gateway).","type":"upstream_error","code":null}}\n\n');
  });
});

describe('malformedEvent', () => {
  it('a data line that is neither JSON nor [DONE]; comments and other fields are fine', () => {
    expect(malformedEvent('data: {not json')).toBe(true);
    expect(malformedEvent('data: {"choices":[]}')).toBe(false);
    expect(malformedEvent('data: [DONE]')).toBe(false);
    expect(malformedEvent(': keep-alive')).toBe(false);
    expect(malformedEvent('event: message\ndata: {"a":1}')).toBe(false);
    expect(malformedEvent('event: message\ndata: oops')).toBe(true);
  });
});
