import type { IncomingMessage, ServerResponse } from 'node:http';
import { MALFORMED_SSE_EVENT, mangleSseUsage, type StreamFault } from './faults.js';
import type { EmulatorClock } from './state.js';

/** Small HTTP helpers shared by the emulated endpoints. */

export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Set on in-process requests (see inprocess.ts): the body, already complete. */
export const PRELOADED_BODY = Symbol('preloaded-body');

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const pre = (req as IncomingMessage & { [PRELOADED_BODY]?: Buffer })[PRELOADED_BODY];
  if (pre !== undefined) return Promise.resolve(pre);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      parts.push(c);
    });
    req.on('end', () => resolve(parts.length === 1 ? parts[0]! : Buffer.concat(parts)));
    req.on('error', reject);
  });
}

export type Headers = Record<string, string | number | string[]>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  sendRaw(res, status, JSON.stringify(body), headers);
}

export function sendRaw(res: ServerResponse, status: number, body: string | Buffer, headers: Headers = {}, contentType = 'application/json'): void {
  if (res.destroyed) return;
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  headers['content-type'] ??= contentType;
  headers['content-length'] = buf.length;
  res.writeHead(status, headers);
  res.end(buf);
}

/** Resolve after `ms` on `clock`, or as soon as the response closes (client gone, or the emulators shutting down). */
export function delay(clock: EmulatorClock, ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0 || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      cancel();
      res.off('close', done);
      resolve();
    };
    const cancel = clock.timer(ms, done);
    res.once('close', done);
  });
}

/** The token from `Authorization: Bearer <token>` (scheme case-insensitive), or undefined. */
export function bearer(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*bearer\s+(.+?)\s*$/i.exec(value);
  return m ? m[1] : undefined;
}

/** Show a key the way real services do in errors: prefix and last four characters only. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '****';
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(true|1|yes)$/i.test(v.trim());
}

export const SSE_HEADERS: Headers = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};

/**
 * SSE output with batching (consecutive writes without a pause are sent as one write) and stream-fault
 * application. A content chunk counts toward a fault's `afterChunks`; the fault fires before the next event once
 * that many content chunks were written (or before the end, if the stream is shorter). A `buffer` fault holds
 * every write until the end (one write of the whole stream); a `usage` fault rewrites the usage of each event.
 */
export class SseOut {
  private buf = '';
  contentChunks = 0;
  private fired = false;
  /** True while a stall fault holds the stream silent. */
  stalling = false;
  /** Called for every write (OpenRouter uses it to time keep-alive comments). */
  onWrite: (() => void) | undefined;

  constructor(
    readonly res: ServerResponse,
    private readonly fault: StreamFault | undefined,
    private readonly clock: EmulatorClock,
  ) {}

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Apply the fault if it is due. Returns false when the stream is gone. */
  private async check(): Promise<boolean> {
    const f = this.fault;
    if (f && f.kind !== 'buffer' && f.kind !== 'usage' && !this.fired && this.contentChunks >= f.afterChunks) {
      this.fired = true;
      if (f.kind === 'disconnect') {
        this.flush();
        // Let the flushed bytes reach the socket before tearing it down.
        await new Promise<void>((r) => setImmediate(r));
        this.res.destroy();
        return false;
      }
      if (f.kind === 'stall') {
        this.flush();
        this.stalling = true;
        await delay(this.clock, f.ms, this.res);
        this.stalling = false;
      } else {
        this.buf += MALFORMED_SSE_EVENT;
      }
    }
    return !this.closed;
  }

  /** Queue one SSE event (raw text without the trailing blank line). */
  async event(raw: string, isContent = false): Promise<boolean> {
    if (this.fault && !(await this.check())) return false;
    if (this.closed) return false;
    const text = this.fault?.kind === 'usage' ? mangleSseUsage(raw, this.fault) : raw;
    if (text.trim() === '') return true; // a usage-only chunk the fault dropped
    this.buf += text + '\n\n';
    if (isContent) this.contentChunks++;
    return true;
  }

  async data(json: string, isContent = false): Promise<boolean> {
    return this.event('data: ' + json, isContent);
  }

  /** Queue raw bytes as they are (pass-through proxies). */
  async raw(text: string, contentEvents: number): Promise<boolean> {
    if (this.fault && !(await this.check())) return false;
    if (this.closed) return false;
    this.buf += this.fault?.kind === 'usage' ? mangleSseUsage(text, this.fault) : text;
    this.contentChunks += contentEvents;
    return true;
  }

  flush(ending = false): void {
    if (this.fault?.kind === 'buffer' && !ending) return;
    if (this.buf.length > 0 && !this.closed) {
      this.res.write(this.buf);
      this.onWrite?.();
    }
    this.buf = '';
  }

  /** Apply a still-pending fault, flush and end the response. */
  async end(): Promise<void> {
    if (this.fault && !(await this.check())) return;
    if (this.closed) return;
    this.flush(true);
    this.res.end();
  }
}

/** Splits an SSE byte stream into events (text between blank lines). Handles \n and \r\n. */
export class SseSplitter {
  private rest = '';
  push(chunk: string): string[] {
    let text = this.rest + chunk;
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    const parts = text.split('\n\n');
    this.rest = parts.pop() ?? '';
    return parts.filter((p) => p.length > 0);
  }
  /** What is left when the stream ends (an unterminated event), if anything. */
  tail(): string | undefined {
    const t = this.rest.trim();
    this.rest = '';
    return t.length > 0 ? t : undefined;
  }
}

/** The data payload of an SSE event (joined `data:` lines), or undefined for comments / no data. */
export function eventData(event: string): string | undefined {
  let out: string | undefined;
  for (const line of event.split('\n')) {
    if (line.startsWith('data:')) {
      const v = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
      out = out === undefined ? v : out + '\n' + v;
    }
  }
  return out;
}

/** The request path without its query string. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}
