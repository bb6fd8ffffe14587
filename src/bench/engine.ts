import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Agent } from 'undici';
import type { LoadMode, Timeouts } from './config.js';
import {
  buildRecord,
  cacheStatusOf,
  classForStatus,
  classForTransportError,
  parseRetryAfter,
  type ErrorClass,
  type RequestRecord,
  type Sample,
  type Trace,
} from './metrics.js';
import type { Job } from './plan.js';
import { redact } from './redact.js';
import { classifyObject, SseDecoder, type SseEvent } from './sse.js';
import type { Price } from './targets.js';

/**
 * The benchmark engine: the only part of src/bench that does IO. It sends each planned request, times it, and
 * emits events (sent, first token, done) that the progress display and the JSONL writer subscribe to. Clock,
 * transport and abort signal are injected, so a test can run the scheduler on virtual time with a fake
 * transport, and the real thing uses performance.now() and one undici Agent per target.
 */

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** The epoch time (ms) of a monotonic reading. */
  epoch(mono: number): number;
  /** Resolve at monotonic time `at` (or at once when aborted). */
  sleepUntil(at: number, signal?: AbortSignal): Promise<void>;
  /** Call `fn` after `ms`; returns a cancel function. */
  timer(ms: number, fn: () => void): () => void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  epoch: (mono) => performance.timeOrigin + mono,
  async sleepUntil(at, signal) {
    // setTimeout is late by up to a millisecond or so; sleep short and finish on setImmediate for a tight schedule.
    for (;;) {
      if (signal?.aborted) return;
      const wait = at - performance.now();
      if (wait <= 0) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const t = wait > 2 ? setTimeout(done, wait - 1.5) : undefined;
        if (t === undefined) setImmediate(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  },
  timer(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body piece by piece as it arrives (bytes, or text). */
  body: AsyncIterable<Uint8Array | string>;
  /** Stop reading and release the connection. */
  destroy(): void;
}

export interface Transport {
  send(target: number, req: { url: string; headers: Record<string, string>; body: string; signal: AbortSignal }): Promise<TransportResponse>;
  close(): Promise<void>;
}

/**
 * One undici Agent per target: its own connection pool (keep-alive, so warmup connections are reused), the
 * connect timeout, headers timeout (first byte) and body timeout (idle gap) set explicitly — undici's 300 s
 * defaults would hide a stuck gateway. Redirects are never followed: a 3xx is a result, so a credential is never
 * sent on to another host.
 */
export function undiciTransport(count: number, timeouts: Timeouts, connections: number | null): Transport {
  const urls = new Map<string, URL>();
  const agents = Array.from(
    { length: count },
    () =>
      new Agent({
        connect: { timeout: timeouts.connect },
        headersTimeout: timeouts.firstByte,
        bodyTimeout: timeouts.idle,
        keepAliveTimeout: 30_000,
        connections,
      }),
  );
  return {
    async send(target, req) {
      let url = urls.get(req.url);
      if (url === undefined) urls.set(req.url, (url = new URL(req.url)));
      const res = await agents[target]!.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'POST',
        headers: req.headers,
        body: req.body,
        signal: req.signal,
      });
      return {
        status: res.statusCode,
        headers: res.headers,
        body: res.body,
        destroy: () => void res.body.destroy(),
      };
    },
    async close() {
      await Promise.all(agents.map((a) => a.destroy().catch(() => undefined)));
    },
  };
}

/** Bytes → text piece by piece, keeping a multi-byte character split across network chunks whole. */
class Utf8 {
  private readonly decoder = new TextDecoder();
  text(piece: Uint8Array | string): string {
    return typeof piece === 'string' ? piece : this.decoder.decode(piece, { stream: true });
  }
  end(): string {
    return this.decoder.decode();
  }
}

/** A target as the engine needs it: URL, every header (secrets included), and where to read results. */
export interface EngineTarget {
  name: string;
  url: string;
  headers: Record<string, string>;
  cost: { header?: string; bodyPath?: string[] };
  cacheStatus: { header?: string; hitValue?: string };
  requestIdHeader?: string;
  price: Price | null;
}

export type EngineEvent =
  | { type: 'sent'; job: Job; target: string }
  | { type: 'first-token'; job: Job; target: string; at: number }
  | { type: 'done'; job: Job; record: RequestRecord; sample: Sample; errorMessage?: string }
  | { type: 'held'; target: string; ms: number }
  | { type: 'stopping'; reason: 'max-spend' | 'interrupted' };

export interface EngineOptions {
  targets: readonly EngineTarget[];
  jobs: readonly Job[];
  mode: LoadMode;
  stream: boolean;
  timeouts: Timeouts;
  /** The JSON body of a job's request, and its prompt length in characters. */
  body(job: Job): { text: string; promptChars: number };
  /** USD a request to this target may cost (for --max-spend): what is spent plus in flight stays under the cap. */
  estimateUsd(target: number): number;
  maxSpendUsd?: number;
  /** Values that must never appear in a kept message. */
  secrets: readonly string[];
  clock?: Clock;
  transport?: Transport;
  signal?: AbortSignal;
  onEvent?: (e: EngineEvent) => void;
  /** Watch the client's own event-loop delay (off in virtual-time tests). */
  watchEventLoop?: boolean;
  /** Open loop: most requests in flight at once before sends wait (and fall behind, which is then reported). */
  maxInFlight?: number;
}

export interface EngineResult {
  status: 'completed' | 'interrupted' | 'max-spend';
  sent: number;
  spentUsd: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number } | null;
  errorExamples: Map<string, string>;
}

/** An error body or page, boiled down to one line: a JSON error's message, an HTML title, or the start of the text. */
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
  detail = detail.replace(/\s+/g, ' ').trim().slice(0, 160);
  return `${status !== null ? `HTTP ${status}` : 'no response'}${detail ? `: ${detail}` : ''}`;
}

const header = (h: TransportResponse['headers'], name: string | undefined): string | undefined => {
  if (name === undefined) return undefined;
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

async function readSome(body: TransportResponse['body'], limit: number, destroy: () => void): Promise<string> {
  const utf8 = new Utf8();
  let text = '';
  for await (const piece of body) {
    text += utf8.text(piece);
    if (text.length >= limit) {
      destroy();
      return text;
    }
  }
  return text + utf8.end();
}

class TotalTimeout extends Error {
  readonly code = 'BENCH_TOTAL_TIMEOUT';
}

export async function runEngine(o: EngineOptions): Promise<EngineResult> {
  const clock = o.clock ?? realClock;
  const connections = o.mode.kind === 'closed' ? o.mode.concurrency : null;
  const transport = o.transport ?? undiciTransport(o.targets.length, o.timeouts, connections);
  const emit = o.onEvent ?? (() => undefined);
  const notBefore = new Array<number>(o.targets.length).fill(0);
  const errorExamples = new Map<string, string>();
  let status: EngineResult['status'] = 'completed';
  let stopping = false;
  let spent = 0;
  let inFlightUsd = 0;
  let sent = 0;
  const stop = (why: 'max-spend' | 'interrupted') => {
    if (stopping) return;
    stopping = true;
    status = why;
    emit({ type: 'stopping', reason: why });
  };
  const onAbort = () => stop('interrupted');
  if (o.signal?.aborted) stop('interrupted');
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const loop = o.watchEventLoop === false ? undefined : monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop?.enable();

  async function runJob(job: Job, scheduledAt: number): Promise<void> {
    const target = o.targets[job.target]!;
    if (notBefore[job.target]! > clock.now()) await clock.sleepUntil(notBefore[job.target]!, o.signal);
    if (stopping) return;
    const estimate = o.estimateUsd(job.target);
    if (o.maxSpendUsd !== undefined && spent + inFlightUsd + estimate > o.maxSpendUsd) {
      stop('max-spend');
      return;
    }
    inFlightUsd += estimate;
    const { text, promptChars } = o.body(job);
    const ac = new AbortController();
    let timedOut = false;
    const abortRun = () => ac.abort(o.signal?.reason);
    o.signal?.addEventListener('abort', abortRun, { once: true });
    const trace: Trace = {
      target: target.name,
      round: job.round,
      seq: job.seq,
      stream: o.stream,
      scheduledAt,
      scheduledAtEpoch: clock.epoch(scheduledAt),
      sentAt: 0,
      startedAtEpoch: 0,
      tokenTimes: [],
      endAt: 0,
      status: null,
      errorClass: null,
      chars: 0,
      promptChars,
      cacheStatus: null,
    };
    let message: string | undefined;
    const fail = (c: ErrorClass, m: string) => {
      if (trace.errorClass !== null) return;
      trace.errorClass = c;
      message = m;
    };
    let res: TransportResponse | undefined;
    trace.sentAt = clock.now();
    trace.startedAtEpoch = clock.epoch(trace.sentAt);
    const cancelTotal = clock.timer(o.timeouts.total, () => {
      timedOut = true;
      ac.abort(new TotalTimeout(`no complete response within ${o.timeouts.total} ms`));
    });
    sent++;
    emit({ type: 'sent', job, target: target.name });
    try {
      res = await transport.send(job.target, { url: target.url, headers: target.headers, body: text, signal: ac.signal });
      const r = res;
      trace.headersAt = clock.now();
      trace.status = r.status;
      const id = header(r.headers, target.requestIdHeader);
      if (id !== undefined) trace.gatewayRequestId = id;
      trace.cacheStatus = cacheStatusOf(header(r.headers, target.cacheStatus.header), target.cacheStatus.hitValue);
      const headerCost = Number(header(r.headers, target.cost.header));
      if (target.cost.header && header(r.headers, target.cost.header) !== undefined && Number.isFinite(headerCost)) trace.gatewayCost = headerCost;
      const retryAfter = parseRetryAfter(header(r.headers, 'retry-after'), clock.epoch(trace.headersAt));
      if (retryAfter !== undefined) trace.retryAfterMs = retryAfter;
      const contentType = header(r.headers, 'content-type') ?? '';
      const failedStatus = classForStatus(r.status);
      if (failedStatus !== null) {
        if (retryAfter !== undefined && (r.status === 429 || r.status === 503)) {
          notBefore[job.target] = Math.max(notBefore[job.target]!, trace.headersAt + retryAfter);
          emit({ type: 'held', target: target.name, ms: retryAfter });
        }
        const location = header(r.headers, 'location');
        const body = await readSome(r.body, 8192, r.destroy);
        fail(failedStatus, r.status >= 300 && r.status < 400 ? `HTTP ${r.status}: redirect${location ? ` to ${safeHost(location)}` : ''} not followed` : errorSummary(r.status, body));
      } else if (o.stream && /text\/event-stream/i.test(contentType)) {
        await readStream(r, target, trace, fail, clock, (at) => emit({ type: 'first-token', job, target: target.name, at }));
      } else {
        const body = await readSome(r.body, 32 * 1024 * 1024, r.destroy);
        readWhole(body, contentType, o.stream, target, trace, fail, clock.now());
      }
    } catch (e) {
      // A bug in this code must not pass for a gateway's failure.
      if (e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError) throw e;
      if (o.signal?.aborted && !timedOut) {
        // Interrupted: an aborted request is not a result.
        cancelTotal();
        o.signal.removeEventListener('abort', abortRun);
        inFlightUsd -= estimate;
        return;
      }
      const code = timedOut ? 'BENCH_TOTAL_TIMEOUT' : (e as { code?: string }).code;
      const cls = classForTransportError(code, trace.headersAt !== undefined);
      const what = timedOut ? `no complete response within ${o.timeouts.total} ms (total timeout)` : `${code ?? (e as Error).name}: ${(e as Error).message}`;
      fail(cls, what);
    } finally {
      cancelTotal();
      o.signal?.removeEventListener('abort', abortRun);
    }
    trace.endAt = clock.now();
    inFlightUsd -= estimate;
    const { record, sample } = buildRecord(trace, target.price);
    spent += record.costUsd ?? (trace.errorClass === null ? estimate : 0);
    const kept = message === undefined ? undefined : redact(message, o.secrets);
    if (kept !== undefined && trace.errorClass !== null && !job.warmup) {
      const key = `${target.name}\u0000${trace.errorClass}`;
      if (!errorExamples.has(key)) errorExamples.set(key, kept);
    }
    emit({ type: 'done', job, record, sample, ...(kept !== undefined ? { errorMessage: kept } : {}) });
  }

  async function closedLoop(jobs: readonly Job[], concurrency: number): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (!stopping && next < jobs.length) {
        const job = jobs[next++]!;
        await runJob(job, clock.now());
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  }

  async function openLoop(jobs: readonly Job[], maxInFlight: number): Promise<void> {
    const start = clock.now();
    const inFlight = new Set<Promise<void>>();
    for (const job of jobs) {
      if (stopping) break;
      const at = start + (job.atMs ?? 0);
      if (at > clock.now()) await clock.sleepUntil(at, o.signal);
      if (stopping) break;
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      // Latency is also measured from `at`, the scheduled send, however late the client got to it.
      const p: Promise<void> = runJob(job, at).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  }

  try {
    if (o.mode.kind === 'closed') {
      await closedLoop(o.jobs, o.mode.concurrency);
    } else {
      await closedLoop(
        o.jobs.filter((j) => j.warmup),
        o.targets.length,
      );
      await openLoop(
        o.jobs.filter((j) => !j.warmup),
        o.maxInFlight ?? 1024,
      );
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    loop?.disable();
    await transport.close();
  }
  // The histogram measures the sampling timer's whole interval; the delay is what exceeds the resolution.
  const late = (ns: number) => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));
  const eventLoopDelayMs = loop && loop.count > 0 ? { p50: late(loop.percentile(50)), p99: late(loop.percentile(99)), max: late(loop.max) } : null;
  return { status, sent, spentUsd: spent, eventLoopDelayMs, errorExamples };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const LOOP_RESOLUTION_MS = 5;

/** Only the host of a redirect target is kept: its query could carry a token. */
function safeHost(location: string): string {
  try {
    return new URL(location).host || 'the same host';
  } catch {
    return 'an unreadable location';
  }
}

async function readStream(
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
        fail('upstream_error', `error event in a 200 stream: ${c.error.slice(0, 160)}`);
        return;
      }
      if (c.token !== undefined) {
        if (trace.tokenTimes.length === 0) firstToken(at);
        trace.tokenTimes.push(at);
      }
      trace.chars += c.chars;
      if (c.usage) trace.usage = c.usage;
      if (c.cost !== undefined) trace.gatewayCost = c.cost;
      if (c.id !== undefined) trace.responseId ??= c.id;
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
  if (trace.errorClass === null) decoder.feed(utf8.end());
  const cut = decoder.end();
  if (trace.errorClass === null && !done && !finished) {
    fail('stream_interrupted', cut ? 'the stream stopped inside an event' : 'the stream ended before a finish_reason or [DONE]');
  }
  if (trace.errorClass === null && trace.tokenTimes.length === 0 && !trace.usage?.output) {
    // A finished stream with no generated output at all is not a measurable response.
    fail('bad_response', 'the stream finished without any generated output');
  }
}

function readWhole(
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
    fail('upstream_error', `error body under HTTP ${trace.status}: ${info.error.slice(0, 160)}`);
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
