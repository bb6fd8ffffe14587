import { estimateTokens } from './plan.js';
import { streamShape } from './stream-fidelity.js';
import type { Usage } from './sse.js';
import type { Price } from './targets.js';
import type { RequestRecord } from './record.js';

export type { RequestRecord };

/**
 * One request's measurements → its JSONL record and the few numbers the summary keeps (pure).
 *
 * Definitions (all times from the moment the request was handed to the connection, "send"):
 *   TTFT   = first chunk carrying generated content, reasoning or a tool call − send
 *   e2e    = end of the response (last byte) − send
 *   ITL    = (last token-bearing chunk − first token-bearing chunk) / (output tokens − 1)
 *   output tokens/s = output tokens / (e2e − TTFT)   (non-streamed: output tokens / e2e)
 *   chunk gaps = time between consecutive token-bearing chunks
 */

export const ERROR_CLASSES = [
  'rate_limited',
  'auth',
  'insufficient_credits',
  'client_error',
  'server_error',
  'timeout',
  'connection',
  'stream_interrupted',
  'bad_response',
  'upstream_error',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** An HTTP status → its error class; null for 2xx. A CDN's HTML error page (e.g. 524) is a 5xx like any other. */
export function classForStatus(status: number): ErrorClass | null {
  if (status >= 200 && status < 300) return null;
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'insufficient_credits';
  if (status >= 400 && status < 500) return 'client_error';
  if (status >= 500) return 'server_error';
  return 'bad_response'; // 1xx/3xx: redirects are not followed, so a credential never goes to another host
}

/** A failure without a usable HTTP status: which of the four timeouts, or a broken connection before/after the response began. */
export function classForTransportError(code: string | undefined, afterHeaders: boolean): ErrorClass {
  // Listed here rather than in a module constant so that mutation testing can reach each code (docs/testing.md).
  const timeouts: readonly (string | undefined)[] = ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'BENCH_TOTAL_TIMEOUT'];
  if (timeouts.includes(code)) return 'timeout';
  return afterHeaders ? 'stream_interrupted' : 'connection';
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowEpochMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowEpochMs);
}

/**
 * A gateway's own account of the latency it added (a header such as x-litellm-overhead-duration-ms), in ms;
 * undefined when absent, empty, negative or not a number.
 */
export function selfReportedMs(value: string | undefined, unit: 'ms' | 's' | undefined): number | undefined {
  if (value === undefined || unit === undefined || value.trim() === '') return undefined;
  const v = Number(value); // surrounding whitespace is ignored by Number
  if (!Number.isFinite(v) || v < 0) return undefined;
  return unit === 's' ? v * 1000 : v;
}

export type CacheStatus = 'hit' | 'miss' | null;

/** A cache-status header value → hit/miss: equal to the catalog's hit value is a hit; without one, presence is. */
export function cacheStatusOf(value: string | undefined, hitValue: string | undefined): CacheStatus {
  if (value === undefined) return null;
  if (hitValue === undefined) return 'hit';
  return value.trim().toLowerCase() === hitValue.toLowerCase() ? 'hit' : 'miss';
}

/** What the engine observed for one request (monotonic ms, except the two epoch stamps). */
export interface Trace {
  target: string;
  round: number;
  seq: number;
  stream: boolean;
  scheduledAtEpoch: number;
  startedAtEpoch: number;
  /** Monotonic: scheduled send, actual send, headers, first/last token-bearing chunk, end. */
  scheduledAt: number;
  sentAt: number;
  headersAt?: number;
  tokenTimes: number[];
  endAt: number;
  status: number | null;
  errorClass: ErrorClass | null;
  errorMessage?: string;
  /** Characters of generated output (for estimating tokens without usage). */
  chars: number;
  promptChars: number;
  usage?: Usage;
  gatewayCost?: number;
  cacheStatus: CacheStatus;
  responseId?: string;
  gatewayRequestId?: string;
  retryAfterMs?: number;
  /** The latency the gateway says it added (api.selfReportedLatency), ms. */
  selfReportedMs?: number;
}

/** What the summary keeps of a request (records themselves go to disk). */
export interface Sample {
  target: string;
  round: number;
  ok: boolean;
  errorClass: ErrorClass | null;
  headersMs: number | null;
  ttftMs: number | null;
  e2eMs: number;
  itlMs: number | null;
  tokensPerSecond: number | null;
  /** Open loop: the same latencies measured from the scheduled send (coordinated omission), and the lag. */
  lagMs: number;
  ttftFromScheduledMs: number | null;
  e2eFromScheduledMs: number;
  inputTokens: number;
  outputTokens: number;
  usageReported: boolean;
  costUsd: number | null;
  costSource: 'gateway' | 'computed' | 'unknown';
  /** Both costs, when the gateway reported one and a price is known: for the reported-vs-computed finding. */
  gatewayCostUsd: number | null;
  computedCostUsd: number | null;
  cacheStatus: CacheStatus;
  /** The latency the gateway says it added, ms; null when it said nothing. */
  selfReportedMs: number | null;
  startedAt: number;
  endedAtEpoch: number;
  /**
   * Stream fidelity (src/bench/stream-fidelity.ts): token-bearing chunks, first-to-last span, final-burst share.
   * Optional so that a sample built without them (tests, older callers) reads as "no stream shape".
   */
  tokenChunks?: number;
  tokenSpanMs?: number | null;
  finalBurstShare?: number | null;
  /** Characters of generated output (the usage audit compares tokens per character). */
  outputChars?: number;
}

/** Milliseconds to the microsecond: finer is noise, coarser loses what a local gateway adds. */
export function ms3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Provider cost at list prices: uncached input, cached input (at the cached price when known), output. A
 * response served from the gateway's cache never reached the provider, so it costs nothing there.
 */
export function computedCost(price: Price | null, input: number, output: number, cachedInput: number, cacheHit: boolean): number | null {
  if (price === null) return null;
  if (cacheHit) return 0;
  const cached = Math.min(cachedInput, input);
  const cachedRate = price.cachedInputPerMTok ?? price.inputPerMTok;
  return ((input - cached) * price.inputPerMTok + cached * cachedRate + output * price.outputPerMTok) / 1_000_000;
}

export function buildRecord(t: Trace, price: Price | null): { record: RequestRecord; sample: Sample } {
  const ok = t.errorClass === null;
  const first = t.tokenTimes[0];
  const last = t.tokenTimes[t.tokenTimes.length - 1];
  const usageOut = t.usage?.output;
  const usageIn = t.usage?.input;
  const usageReported = usageOut !== undefined;
  const outputTokens = usageOut ?? estimateTokens(t.chars);
  const inputTokens = usageIn ?? estimateTokens(t.promptChars);
  const e2e = t.endAt - t.sentAt;
  const ttft = t.stream && first !== undefined ? first - t.sentAt : null;
  // A first token-bearing chunk implies a last one (the same chunk at least).
  const itl = ttft !== null && outputTokens >= 2 ? (last! - first!) / (outputTokens - 1) : null;
  const decode = e2e - (ttft ?? 0);
  const tps = ok && outputTokens > 0 && decode > 0 ? (outputTokens * 1000) / decode : null;
  const gaps: number[] = [];
  for (let i = 1; i < t.tokenTimes.length; i++) gaps.push(ms3(t.tokenTimes[i]! - t.tokenTimes[i - 1]!));

  // Cost only for what the provider served: a failed request with no usage is not guessed at.
  const hasTokens = ok || usageReported;
  const computed = hasTokens ? computedCost(price, inputTokens, outputTokens, t.usage?.cachedInput ?? 0, t.cacheStatus === 'hit') : null;
  const gateway = t.gatewayCost ?? null;
  const costUsd = gateway ?? computed;
  const costSource = gateway !== null ? 'gateway' : computed !== null ? 'computed' : 'unknown';

  const record: RequestRecord = {
    target: t.target,
    round: t.round,
    seq: t.seq,
    scheduledAt: ms3(t.scheduledAtEpoch),
    startedAt: ms3(t.startedAtEpoch),
    status: t.status,
    errorClass: t.errorClass,
    headersMs: t.headersAt !== undefined ? ms3(t.headersAt - t.sentAt) : null,
    ttftMs: ttft === null ? null : ms3(ttft),
    e2eMs: ms3(e2e),
    itlMs: itl === null ? null : ms3(itl),
    chunkGapsMs: gaps,
    inputTokens,
    outputTokens,
    tokensSource: usageReported ? 'usage' : 'estimated',
    costUsd,
    costSource,
    cacheStatus: t.cacheStatus,
    responseId: t.responseId ?? null,
    gatewayRequestId: t.gatewayRequestId ?? null,
    retryAfterMs: t.retryAfterMs !== undefined ? Math.round(t.retryAfterMs) : null,
    selfReportedMs: t.selfReportedMs !== undefined ? ms3(t.selfReportedMs) : null,
  };
  const lag = t.sentAt - t.scheduledAt;
  const shape = streamShape(t.tokenTimes);
  const sample: Sample = {
    target: t.target,
    round: t.round,
    ok,
    errorClass: t.errorClass,
    headersMs: record.headersMs,
    ttftMs: ok ? record.ttftMs : null,
    e2eMs: record.e2eMs,
    itlMs: ok ? record.itlMs : null,
    tokensPerSecond: tps,
    lagMs: ms3(lag),
    ttftFromScheduledMs: ok && ttft !== null ? ms3(ttft + lag) : null,
    e2eFromScheduledMs: ms3(e2e + lag),
    inputTokens,
    outputTokens,
    usageReported,
    costUsd,
    costSource,
    gatewayCostUsd: gateway,
    computedCostUsd: computed,
    cacheStatus: t.cacheStatus,
    selfReportedMs: record.selfReportedMs ?? null,
    startedAt: t.startedAtEpoch,
    endedAtEpoch: t.startedAtEpoch + e2e,
    tokenChunks: shape.chunks,
    tokenSpanMs: shape.spanMs === null ? null : ms3(shape.spanMs),
    finalBurstShare: shape.finalBurstShare,
    outputChars: t.chars,
  };
  return { record, sample };
}
