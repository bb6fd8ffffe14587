import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Pool } from 'undici';
import { SseSplitter, eventData } from './http.js';

/** How an emulated gateway reaches the emulated provider. */
export interface UpstreamLike {
  /** The provider's origin (for headers such as x-litellm-model-api-base). */
  readonly origin: string;
  chat(res: ServerResponse, body: string | Buffer, authorization: string, abortOnClose?: boolean): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/**
 * A real HTTP hop to the provider over keep-alive connections (undici). Used with `hop: "http"`.
 */
export class Upstream implements UpstreamLike {
  readonly pool: Pool;
  constructor(readonly origin: string) {
    this.pool = new Pool(origin, {
      connections: null,
      pipelining: 1,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  /**
   * POST a JSON body to the provider's chat endpoint. With `abortOnClose` (streams), the upstream request is
   * aborted when `res` (the gateway's client) goes away; short non-streamed requests skip that bookkeeping.
   */
  async chat(
    res: ServerResponse,
    body: string | Buffer,
    authorization: string,
    abortOnClose = false,
    path = '/v1/chat/completions',
  ): Promise<UpstreamResponse> {
    const headers = { 'content-type': 'application/json', authorization };
    if (!abortOnClose) {
      const r = await this.pool.request({ method: 'POST', path, headers, body });
      return { status: r.statusCode, headers: r.headers, body: r.body, done: noop };
    }
    const ac = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished) ac.abort();
    };
    res.once('close', onClose);
    try {
      const r = await this.pool.request({ method: 'POST', path, headers, body, signal: ac.signal });
      return { status: r.statusCode, headers: r.headers, body: r.body, done: () => res.off('close', onClose) };
    } catch (e) {
      res.off('close', onClose);
      throw e;
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

const noop = (): void => undefined;

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: AsyncIterable<Buffer | string> & { text(): Promise<string>; setEncoding(enc: BufferEncoding): unknown; dump(): Promise<void> };
  /** Detach the abort-on-client-close listener. */
  done(): void;
}

export function headerString(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** An upstream SSE event. `data` is the raw payload; JSON is parsed lazily by the consumer. */
export type UpstreamEvent =
  | { kind: 'comment'; raw: string }
  | { kind: 'done'; raw: string }
  | { kind: 'data'; raw: string; data: string }
  | { kind: 'malformed'; raw: string };

/**
 * Iterate the provider's SSE stream as batches of events (one batch per received network chunk). Throws when the
 * connection breaks mid-stream. An unterminated tail at the end of the stream is reported as malformed.
 */
export async function* upstreamEvents(body: UpstreamResponse['body']): AsyncGenerator<UpstreamEvent[]> {
  const split = new SseSplitter();
  body.setEncoding('utf8');
  for await (const chunk of body) {
    const events = split.push(chunk as string);
    if (events.length > 0) yield events.map(classify);
  }
  const tail = split.tail();
  if (tail !== undefined) yield [{ kind: 'malformed', raw: tail }];
}

function classify(raw: string): UpstreamEvent {
  const data = eventData(raw);
  if (data === undefined) return { kind: 'comment', raw };
  if (data === '[DONE]') return { kind: 'done', raw };
  return { kind: 'data', raw, data };
}

/** Parse a data payload as a JSON object, or undefined when it is not one (a malformed chunk). */
export function parseData(data: string): Record<string, unknown> | undefined {
  // Cheap rejection first: every well-formed chunk is an object.
  if (data.charCodeAt(0) !== 123 || data.charCodeAt(data.length - 1) !== 125) return undefined;
  try {
    const json = JSON.parse(data) as unknown;
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** True when a raw data payload carries generated content (non-empty delta.content). */
export const CONTENT_RE = /"delta":\{[^}]*"content":"[^"]/;

/** A payload that looks like a well-formed JSON object (first and last characters); full parsing is skipped. */
export function looksWellFormed(data: string): boolean {
  return data.charCodeAt(0) === 123 && data.charCodeAt(data.length - 1) === 125;
}

/** True when a chunk carries generated content. */
export function isContentChunk(json: Record<string, unknown>): boolean {
  const choices = json.choices;
  if (!Array.isArray(choices)) return false;
  for (const c of choices) {
    const d = (c as { delta?: { content?: unknown } } | undefined)?.delta;
    if (d && typeof d.content === 'string' && d.content.length > 0) return true;
  }
  return false;
}

/** Parse an upstream JSON error body's message, if any. */
export function upstreamErrorMessage(text: string): { message: string; type?: string; code?: unknown } {
  try {
    const j = JSON.parse(text) as { error?: { message?: unknown; type?: unknown; code?: unknown } };
    if (j.error && typeof j.error.message === 'string') {
      return { message: j.error.message, ...(typeof j.error.type === 'string' ? { type: j.error.type } : {}), code: j.error.code };
    }
  } catch {
    // not JSON
  }
  return { message: text.slice(0, 200) || 'empty response' };
}
