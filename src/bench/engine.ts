import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LoadMode, Timeouts } from './config.js';
import {
  buildRecord,
  cacheStatusOf,
  classForStatus,
  classForTransportError,
  parseRetryAfter,
  selfReportedMs,
  type ErrorClass,
  type RequestRecord,
  type Sample,
  type Trace,
} from './metrics.js';
import type { Job } from './plan.js';
import { RequestCancel } from './cancel.js';
import { displayError } from './error-text.js';
import { terminalSafe } from '../text/inert.js';
import { errorSummary, header, readSome, readStream, readWhole, safeHost } from './response.js';
import type { Price } from './targets.js';
import { realClock, undiciTransport, type Clock, type Transport, type TransportResponse } from './transport.js';

export { errorSummary } from './response.js';
export { realClock, undiciTransport, type Clock, type Transport, type TransportResponse } from './transport.js';

/**
 * The benchmark engine: with transport.ts, the only part of src/bench that does IO. It sends each planned
 * request, times it, and emits events (sent, first token, done) that the progress display and the JSONL writer
 * subscribe to. Clock, transport and abort signal are injected, so a test can run the scheduler on virtual time
 * with a fake transport, and the real thing uses performance.now() and one undici Agent per target.
 */

/** A target as the engine needs it: URL, every header (secrets included), and where to read results. */
export interface EngineTarget {
  name: string;
  url: string;
  headers: Record<string, string>;
  cost: { header?: string; bodyPath?: string[] };
  cacheStatus: { header?: string; hitValue?: string };
  requestIdHeader?: string;
  /** Where the gateway reports its own added latency, and in what unit. */
  selfReported?: { header: string; unit: 'ms' | 's' };
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
  /** The plan; an iterable (drawn as the run goes) for a timed closed loop, whose end is the deadline. */
  jobs: readonly Job[] | Iterable<Job>;
  /**
   * Timed closed loop: no measured request is started once this many ms have passed since the first one was;
   * requests in flight then are finished (each bounded by the total timeout) and counted.
   */
  deadlineMs?: number;
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
  /**
   * Open loop, after the warmup: when the measured schedule starts (this clock's ms). Worker threads share one
   * start this way (workers.ts); without it, the schedule starts when the warmup ends.
   */
  measuredStart?: () => Promise<number>;
  /** Stop sending as if the spend cap were reached, finishing what is in flight: another worker reached its share. */
  halt?: AbortSignal;
}

export interface EngineResult {
  status: 'completed' | 'interrupted' | 'max-spend';
  sent: number;
  spentUsd: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number } | null;
  errorExamples: Map<string, string>;
  /** Targets that answered with EMULATOR_HEADER at least once: gateway-scout's emulators, not real gateways. */
  emulatedTargets: string[];
}

/** The header every gateway-scout emulator sends (src/emulator): a run that sees it did not measure a real gateway. */
export const EMULATOR_HEADER = 'x-emulator-endpoint';

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
  const emulated = new Set<string>();
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
  // One listener for the run, not one per request: more than ten in flight would trip Node's leak warning.
  const inFlight = new Set<RequestCancel>();
  const onAbort = () => {
    stop('interrupted');
    for (const c of inFlight) c.abort(o.signal?.reason);
  };
  if (o.signal?.aborted) stop('interrupted');
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const onHalt = () => stop('max-spend');
  if (o.halt?.aborted) onHalt();
  o.halt?.addEventListener('abort', onHalt, { once: true });
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
    const ac = new RequestCancel();
    let timedOut = false;
    inFlight.add(ac);
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
      res = await transport.send(job.target, { url: target.url, headers: target.headers, body: text, signal: ac });
      const r = res;
      trace.headersAt = clock.now();
      trace.status = r.status;
      if (header(r.headers, EMULATOR_HEADER) !== undefined) emulated.add(target.name);
      const id = header(r.headers, target.requestIdHeader);
      // An empty value is no id (Portkey sends an empty x-portkey-trace-id when the client set none).
      if (id !== undefined && id !== '') trace.gatewayRequestId = terminalSafe(id);
      const said = selfReportedMs(header(r.headers, target.selfReported?.header), target.selfReported?.unit);
      if (said !== undefined) trace.selfReportedMs = said;
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
        inFlight.delete(ac);
        inFlightUsd -= estimate;
        return;
      }
      const code = timedOut ? 'BENCH_TOTAL_TIMEOUT' : (e as { code?: string }).code;
      const cls = classForTransportError(code, trace.headersAt !== undefined);
      const what = timedOut ? `no complete response within ${o.timeouts.total} ms (total timeout)` : `${code ?? (e as Error).name}: ${(e as Error).message}`;
      fail(cls, what);
    } finally {
      cancelTotal();
      inFlight.delete(ac);
    }
    trace.endAt = clock.now();
    inFlightUsd -= estimate;
    const { record, sample } = buildRecord(trace, target.price);
    spent += record.costUsd ?? (trace.errorClass === null ? estimate : 0);
    const kept = message === undefined ? undefined : displayError(message, o.secrets);
    if (kept !== undefined && trace.errorClass !== null && !job.warmup) {
      const key = `${target.name}\u0000${trace.errorClass}`;
      if (!errorExamples.has(key)) errorExamples.set(key, kept);
    }
    emit({ type: 'done', job, record, sample, ...(kept !== undefined ? { errorMessage: kept } : {}) });
  }

  async function closedLoop(jobs: Iterable<Job>, concurrency: number): Promise<void> {
    const it = jobs[Symbol.iterator]();
    let measuredFrom: number | undefined;
    const pastDeadline = (job: Job) => {
      if (o.deadlineMs === undefined || job.warmup) return false;
      measuredFrom ??= clock.now();
      return clock.now() - measuredFrom >= o.deadlineMs;
    };
    let done = false;
    const worker = async () => {
      while (!stopping && !done) {
        const r = it.next();
        if (r.done || pastDeadline(r.value)) {
          done = true;
          break;
        }
        await runJob(r.value, clock.now());
      }
    };
    const n = Array.isArray(jobs) ? Math.min(concurrency, jobs.length) : concurrency;
    await Promise.all(Array.from({ length: n }, worker));
  }

  async function openLoop(jobs: readonly Job[], maxInFlight: number): Promise<void> {
    const start = o.measuredStart ? await o.measuredStart() : clock.now();
    const inFlight = new Set<Promise<void>>();
    // A slot frees by waking the one waiter, not by Promise.race over every request in flight: that race costs
    // O(in flight) reactions per send, so a client that fell behind (1,024 in flight) spent its time there and
    // never caught up.
    let wake: (() => void) | undefined;
    let failure: { error: unknown } | undefined;
    const settle = (p: Promise<void>) => {
      inFlight.delete(p);
      const w = wake;
      wake = undefined;
      w?.();
    };
    for (const job of jobs) {
      if (stopping || failure) break;
      const at = start + (job.atMs ?? 0);
      if (at > clock.now()) await clock.sleepUntil(at, o.signal);
      if (stopping) break;
      while (inFlight.size >= maxInFlight && !failure) await new Promise<void>((r) => (wake = r));
      if (failure) break;
      // Latency is also measured from `at`, the scheduled send, however late the client got to it.
      const p: Promise<void> = runJob(job, at);
      inFlight.add(p);
      p.then(
        () => settle(p),
        (error: unknown) => {
          failure ??= { error };
          settle(p);
        },
      );
    }
    await Promise.all(inFlight);
    if (failure) throw failure.error;
  }

  try {
    if (o.mode.kind === 'closed') {
      await closedLoop(o.jobs, o.mode.concurrency);
    } else {
      const jobs = Array.isArray(o.jobs) ? (o.jobs as readonly Job[]) : [...o.jobs];
      await closedLoop(
        jobs.filter((j) => j.warmup),
        o.targets.length,
      );
      await openLoop(
        jobs.filter((j) => !j.warmup),
        o.maxInFlight ?? 1024,
      );
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    o.halt?.removeEventListener('abort', onHalt);
    loop?.disable();
    await transport.close();
  }
  // The histogram measures the sampling timer's whole interval; the delay is what exceeds the resolution.
  const late = (ns: number) => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));
  const eventLoopDelayMs = loop && loop.count > 0 ? { p50: late(loop.percentile(50)), p99: late(loop.percentile(99)), max: late(loop.max) } : null;
  return { status, sent, spentUsd: spent, eventLoopDelayMs, errorExamples, emulatedTargets: [...emulated] };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const LOOP_RESOLUTION_MS = 5;

