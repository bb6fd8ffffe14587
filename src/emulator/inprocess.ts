import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { PRELOADED_BODY, type Headers } from './http.js';
import type { UpstreamLike, UpstreamResponse } from './upstream.js';

/**
 * The in-process hop (default, `hop: "in-process"`): a gateway hands its request straight to the provider's
 * handler through a minimal request/response pair instead of a TCP connection. The provider code is the same;
 * timing, faults (a reset or mid-body disconnect surfaces as a connection error) and bytes are the same, but the
 * hop costs microseconds instead of ~0.2–1 ms plus a core's worth of HTTP parsing, so "gateway minus direct" is
 * exactly the configured overhead and the emulators sustain far more requests per second.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export class HopConnectionError extends Error {
  readonly code = 'ECONNRESET';
  constructor(message = 'other side closed') {
    super(message);
  }
}

/** Body of an in-process response: strings in arrival order, ended or failed. */
class BodyQueue implements AsyncIterable<string> {
  private readonly chunks: string[] = [];
  private ended = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;

  push(chunk: string): void {
    if (this.ended || this.error) return;
    this.chunks.push(chunk);
    this.notify();
  }
  end(): void {
    this.ended = true;
    this.notify();
  }
  fail(e: Error): void {
    if (this.ended) return;
    this.error = e;
    this.notify();
  }
  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    for (;;) {
      if (this.chunks.length > 0) {
        const all = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
        this.chunks.length = 0;
        yield all;
        continue;
      }
      if (this.error) throw this.error;
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
  async text(): Promise<string> {
    let out = '';
    for await (const c of this) out += c;
    return out;
  }
  setEncoding(): this {
    return this;
  }
  async dump(): Promise<void> {
    this.chunks.length = 0;
  }
}

/** Just enough of ServerResponse for the provider handler. */
class HopResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  destroyed = false;
  writableEnded = false;
  writableFinished = false;
  readonly body = new BodyQueue();
  private headers: IncomingHttpHeaders = {};

  constructor(
    private readonly onHead: (status: number, headers: IncomingHttpHeaders) => void,
    private readonly onFailBeforeHead: (e: Error) => void,
  ) {
    super();
  }

  writeHead(status: number, headers: Headers = {}): this {
    this.statusCode = status;
    const h: IncomingHttpHeaders = {};
    for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    this.headers = h;
    return this;
  }
  private sendHead(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    this.onHead(this.statusCode, this.headers);
  }
  flushHeaders(): void {
    this.sendHead();
  }
  write(chunk: string | Buffer): boolean {
    if (this.destroyed || this.writableEnded) return false;
    this.sendHead();
    this.body.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    return true;
  }
  end(chunk?: string | Buffer): this {
    if (this.destroyed || this.writableEnded) return this;
    if (chunk !== undefined && chunk.length > 0) this.write(chunk);
    this.sendHead();
    this.writableEnded = true;
    this.writableFinished = true;
    this.body.end();
    this.emit('finish');
    this.emit('close');
    return this;
  }
  destroy(): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    const e = new HopConnectionError();
    if (!this.headersSent) this.onFailBeforeHead(e);
    else if (!this.writableEnded) this.body.fail(e);
    this.emit('close');
    return this;
  }
}

/** A request handed to a handler in process. */
export interface InProcessRequest {
  method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string | Buffer;
}

export interface InProcessCall {
  /** Resolves when the handler sends the response head; rejects with HopConnectionError when it resets first. */
  response: Promise<UpstreamResponse>;
  /** The caller goes away: the handler sees its response close, the body (if started) fails. */
  abort(): void;
}

const noop = (): void => undefined;

/**
 * Run `handler` on one request through the minimal request/response pair. The gateways use it to reach the
 * provider; tests use it as the client leg, to read a response on virtual time. `detach` becomes the response's
 * `done()` and also runs when the call fails before the head (no extra promise on this hot path).
 */
export function callInProcess(handler: Handler, request: InProcessRequest, detach: () => void = noop): InProcessCall {
  let hopRes!: HopResponse;
  const response = new Promise<UpstreamResponse>((resolve, reject) => {
    hopRes = new HopResponse(
      (status, headers) => resolve({ status, headers, body: hopRes.body as unknown as UpstreamResponse['body'], done: detach }),
      (e) => {
        detach();
        reject(e);
      },
    );
  });
  const socket = {
    destroy: () => hopRes.destroy(),
    resetAndDestroy: () => hopRes.destroy(),
  };
  const req = Object.assign(new EventEmitter(), {
    method: request.method,
    url: request.url,
    headers: request.headers,
    socket,
    [PRELOADED_BODY]: typeof request.body === 'string' ? Buffer.from(request.body) : request.body,
  });
  handler(req as unknown as IncomingMessage, hopRes as unknown as ServerResponse);
  return { response, abort: () => hopRes.destroy() };
}

export class InProcessUpstream implements UpstreamLike {
  constructor(
    readonly origin: string,
    private readonly handler: Handler,
  ) {}

  chat(res: ServerResponse, body: string | Buffer, authorization: string, abortOnClose = false): Promise<UpstreamResponse> {
    const request = { method: 'POST', url: '/v1/chat/completions', headers: { 'content-type': 'application/json', authorization }, body };
    if (!abortOnClose) return callInProcess(this.handler, request).response;
    const onClientClose = (): void => {
      if (!res.writableFinished) call.abort();
    };
    res.once('close', onClientClose);
    const call = callInProcess(this.handler, request, () => res.off('close', onClientClose));
    return call.response;
  }

  async close(): Promise<void> {
    // Nothing to release: in-flight provider responses end when the gateway connections are closed.
  }
}
