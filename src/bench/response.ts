import type { EngineTarget } from './engine.js';
import type { ErrorClass, Trace } from './metrics.js';
import { classifyObject, SseDecoder, type SseEvent } from './sse.js';
import type { Clock, TransportResponse } from './transport.js';

/** Reading one response into its trace: a stream event by event, a whole body, or an error's first bytes. */

/** Bytes → text piece by piece, keeping a multi-byte character split across network chunks whole. */
export class Utf8 {
  private readonly decoder = new TextDecoder();
  text(piece: Uint8Array | string): string {
    return typeof piece === 'string' ? piece : this.decoder.decode(piece, { stream: true });
  }
  end(): string {
    return this.decoder.decode();
  }
}

/**
 * An error body or page, boiled down to one line: a JSON error's message, an HTML title, or the text. Not cut
 * here: the engine cuts every message for display after taking the keys out (src/bench/engine.ts), so a key
 * is never left half in a cut text where redaction could not recognise it.
 */
export function errorSummary(status: number | null, text: string): string {
  let detail = '';
  try {
    const j = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const e = Array.isArray(j.error) ? j.error[0] : j.error;
    const m = e && typeof e === 'object' ? (e as { message?: unknown }).message : (e ?? j.message ?? j.detail);
    if (typeof m === 'string') detail = m;
  } catch {
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
    detail = title ?? text;
  }
  detail = detail.replace(/\s+/g, ' ').trim();
  return `${status !== null ? `HTTP ${status}` : 'no response'}${detail ? `: ${detail}` : ''}`;
}

export const header = (h: TransportResponse['headers'], name: string | undefined): string | undefined => {
  if (name === undefined) return undefined;
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export async function readSome(body: TransportResponse['body'], limit: number, destroy: () => void): Promise<string> {
  // Bytes are kept as they come and decoded once (one TextDecoder call per body rather than one per piece, the
  // most of a small body's decoding cost). A character is never more UTF-16 units than bytes, so the text
  // cannot reach the limit before the bytes do: only then is it decoded early to check.
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let text = '';
  let pieces: Uint8Array[] = [];
  let bytes = 0;
  const flush = (final: boolean) => {
    // At the end, a decoder holding part of a character flushes it (as U+FFFD).
    if (pieces.length > 0 || (final && decoder !== undefined)) {
      decoder ??= new TextDecoder();
      text += decoder.decode(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces), { stream: !final });
    }
    pieces = [];
    bytes = 0;
  };
  for await (const piece of body) {
    if (typeof piece === 'string') {
      flush(false);
      text += piece;
    } else {
      pieces.push(piece);
      bytes += piece.byteLength;
    }
    if (text.length + bytes >= limit) {
      flush(false);
      if (text.length >= limit) {
        destroy();
        return text;
      }
    }
  }
  flush(true);
  return text;
}

/**
 * Only the host of a redirect target is kept: its query could carry a token. A relative Location (`/v1/…`,
 * allowed by RFC 9110 §10.2.2) stays on the host that sent it.
 */
export function safeHost(location: string): string {
  const here = 'http://relative.invalid';
  try {
    const url = new URL(location, here);
    return url.origin === here ? 'the same host' : url.host || 'a location without a host';
  } catch {
    return 'an unreadable location';
  }
}

export async function readStream(
  r: TransportResponse,
  target: EngineTarget,
  trace: Trace,
  fail: (c: ErrorClass, m: string) => void,
  clock: Clock,
  firstToken: (at: number) => void,
): Promise<void> {
  let at = 0;
  let done = false;
  let finished = false;
  const onEvent = (ev: SseEvent) => {
    if (trace.errorClass !== null) return;
    if (ev.kind === 'done') done = true;
    else if (ev.kind === 'malformed') fail('bad_response', `unparseable stream event (${ev.why})`);
    else if (ev.kind === 'chunk') {
      const c = ev.info;
      if (c.error !== undefined) {
        fail('upstream_error', `error event in a 200 stream: ${c.error}`);
        return;
      }
      if (c.token !== undefined) {
        if (trace.tokenTimes.length === 0) firstToken(at);
        trace.tokenTimes.push(at);
      }
      trace.chars += c.chars;
      if (c.usage) trace.usage = c.usage;
      if (c.cost !== undefined) trace.gatewayCost = c.cost;
      trace.responseId ??= c.id;
      if (c.finished) finished = true;
    }
  };
  const decoder = new SseDecoder(onEvent, target.cost.bodyPath);
  const utf8 = new Utf8();
  for await (const piece of r.body) {
    at = clock.now();
    decoder.feed(utf8.text(piece));
    if (trace.errorClass !== null) {
      r.destroy();
      break;
    }
  }
  // No utf8.end() here: what it could flush (an incomplete character) cannot end a line, so it could only add
  // to an event that is cut off anyway.
  const cut = decoder.end();
  if (trace.errorClass === null && !done && !finished) {
    fail('stream_interrupted', cut ? 'the stream stopped inside an event' : 'the stream ended before a finish_reason or [DONE]');
  }
  if (trace.errorClass === null && trace.tokenTimes.length === 0 && !trace.usage?.output) {
    // A finished stream with no generated output at all is not a measurable response.
    fail('bad_response', 'the stream finished without any generated output');
  }
}

export function readWhole(
  body: string,
  contentType: string,
  stream: boolean,
  target: EngineTarget,
  trace: Trace,
  fail: (c: ErrorClass, m: string) => void,
  at: number,
): void {
  let obj: unknown;
  try {
    obj = JSON.parse(body);
  } catch {
    fail('bad_response', `${stream ? 'expected text/event-stream' : 'expected JSON'}, got ${contentType || 'no content type'} that does not parse`);
    return;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    fail('bad_response', 'the response is not a JSON object');
    return;
  }
  const info = classifyObject(obj as Record<string, unknown>, target.cost.bodyPath);
  if (info.error !== undefined) {
    fail('upstream_error', `error body under HTTP ${trace.status}: ${info.error}`);
    return;
  }
  if (stream) {
    fail('bad_response', `asked for a stream, got ${contentType || 'no content type'}`);
    return;
  }
  if (!Array.isArray((obj as { choices?: unknown }).choices)) {
    fail('bad_response', 'the response has no choices');
    return;
  }
  trace.chars = info.chars;
  if (info.usage) trace.usage = info.usage;
  if (info.cost !== undefined) trace.gatewayCost = info.cost;
  if (info.id !== undefined) trace.responseId = info.id;
  if (info.token !== undefined) trace.tokenTimes.push(at);
}
