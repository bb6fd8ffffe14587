import type { AbortLike } from '../clock.js';

export type { AbortLike };

/**
 * A request's cancel switch, standing in for an AbortController: the engine aborts a request on its total
 * timeout or on Ctrl-C. It offers what an abort signal's users here read — `aborted`, `reason`, and 'abort'
 * listeners (undici 7's request API: lib/api/api-request.js and addAbortListener in lib/core/util.js; the
 * clocks' waits) — without an AbortSignal per request: reading a new controller's `signal` and adding a listener
 * cost ~10–20 µs a request in a CPU profile (an EventTarget each), this a fraction of a microsecond.
 */
export class RequestCancel implements AbortLike {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] = [];

  // The type is always 'abort' (the parameter's type says so), so it is not checked again at run time.
  addEventListener(_type: 'abort', fn: () => void): void {
    this.listeners.push(fn);
  }

  removeEventListener(_type: 'abort', fn: () => void): void {
    const i = this.listeners.indexOf(fn);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  /** Like AbortController.abort: once only, every listener called once (as `{ once: true }` would have it). */
  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? new Error('This operation was aborted');
    for (const fn of this.listeners.splice(0)) fn();
  }
}
