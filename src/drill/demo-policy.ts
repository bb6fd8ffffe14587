import type { GatewayFailover, StatusMatch } from './behaviour-schema.js';

/**
 * What a demo gateway does after a failed attempt, read from its data/failover.json entry (pure). One set of
 * rules for every gateway: the differences between gateways are all in the data.
 */

/** How an attempt at an upstream failed. A status failure keeps the upstream's answer, to pass it on. */
export type AttemptFailure =
  | { kind: 'status'; status: number; retryAfterMs: number | null; contentType: string; body: Buffer }
  | { kind: 'connect' }
  | { kind: 'timeout' }
  | { kind: 'broken-body' };

export type NextStep = { action: 'retry'; waitMs: number } | { action: 'fallback' } | { action: 'give-up' };

export function matchesStatus(list: readonly StatusMatch[], status: number): boolean {
  return list.some((m) => (m === '5xx' ? status >= 500 && status <= 599 : m === status));
}

/** A broken non-streamed body counts as a connection error for gateways that read it inside their retry loop. */
function brokenIsConnectError(b: GatewayFailover): boolean {
  return b.brokenBody.mode === 'retry-and-fallback';
}

function retries(b: GatewayFailover, f: AttemptFailure): boolean {
  switch (f.kind) {
    case 'status':
      // A 400 is never in a status list (the schema refuses it), so it is never retried.
      return matchesStatus(b.retry.on, f.status);
    case 'connect':
      return b.retry.onConnectError;
    case 'timeout':
      return b.retry.onTimeout;
    case 'broken-body':
      return brokenIsConnectError(b) && b.retry.onConnectError;
  }
}

export function fallsBack(b: GatewayFailover, f: AttemptFailure): boolean {
  switch (f.kind) {
    case 'status':
      return f.status === 400 ? b.fallback.onBadRequest : matchesStatus(b.fallback.on, f.status);
    case 'connect':
      return b.fallback.onConnectError;
    case 'timeout':
      return b.fallback.onTimeout;
    case 'broken-body':
      return brokenIsConnectError(b) && b.fallback.onConnectError;
  }
}

/**
 * The wait before retry number `done + 1` (`done` retries already made), in demo time: Retry-After when the
 * gateway honours it and the upstream sent one, else the backoff doubled per retry already made.
 */
export function retryWaitMs(b: GatewayFailover, f: AttemptFailure, done: number, timeScale: number): number {
  const real = b.retry.honoursRetryAfter && f.kind === 'status' && f.retryAfterMs !== null ? f.retryAfterMs : b.retry.backoffMs * 2 ** done;
  return Math.round(real * timeScale);
}

/**
 * After a failed attempt at one upstream, `done` retries of it already made: retry it, move on to the fallback
 * (only from the primary), or give the failure to the client.
 */
export function nextStep(b: GatewayFailover, f: AttemptFailure, o: { done: number; onPrimary: boolean; timeScale: number }): NextStep {
  if (o.done < b.retry.maxRetries && retries(b, f)) return { action: 'retry', waitMs: retryWaitMs(b, f, o.done, o.timeScale) };
  if (o.onPrimary && fallsBack(b, f)) return { action: 'fallback' };
  return { action: 'give-up' };
}

/**
 * The gateway's timeout in demo time: scaled like every other wait, and left out (null) when, scaled, it would
 * not end before the demo's client gives up, since the client then sees a hang either way.
 */
export function demoTimeoutMs(b: GatewayFailover, timeScale: number, clientTimeoutMs: number): number | null {
  if (b.timeout.ms === null) return null;
  const scaled = Math.round(b.timeout.ms * timeScale);
  return scaled >= clientTimeoutMs ? null : Math.max(1, scaled);
}

/** The client's answer when the last attempt failed: the upstream's own error, or the gateway's for the rest. */
export function failureAnswer(f: AttemptFailure): { status: number; contentType: string; body: string | Buffer } {
  if (f.kind === 'status') return { status: f.status, contentType: f.contentType, body: f.body };
  const [status, message] =
    f.kind === 'timeout'
      ? [504, 'The upstream did not answer in time (demo gateway).']
      : f.kind === 'connect'
        ? [502, 'The upstream connection failed (demo gateway).']
        : [502, 'The upstream sent a broken answer (demo gateway).'];
  return { status, contentType: 'application/json', body: JSON.stringify({ error: { message, type: 'upstream_error', code: null } }) };
}

/** The SSE event a gateway whose stream-break mode is in-band-error-event writes before it ends the stream. */
export const STREAM_BREAK_EVENT = `data: ${JSON.stringify({ error: { message: 'The upstream stream broke before the answer was complete (demo gateway).', type: 'upstream_error', code: null } })}\n\n`;

/** An SSE event with a data line that is neither JSON nor [DONE] (comments and other fields are fine). */
export function malformedEvent(event: string): boolean {
  return event.split('\n').some((line) => {
    if (!line.startsWith('data:')) return false;
    const data = line.slice(5).trim();
    if (data === '[DONE]') return false;
    try {
      JSON.parse(data);
      return false;
    } catch {
      return true;
    }
  });
}
