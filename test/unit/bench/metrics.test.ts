import { describe, expect, it } from 'vitest';
import { buildRecord, cacheStatusOf, classForStatus, classForTransportError, computedCost, parseRetryAfter, selfReportedMs, type Trace } from '../../../src/bench/metrics.js';

const PRICE = { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075, from: 'openai/gpt-4o-mini' };

function trace(over: Partial<Trace> = {}): Trace {
  return {
    target: 't',
    round: 3,
    seq: 3,
    stream: true,
    scheduledAtEpoch: 1_000_000,
    startedAtEpoch: 1_000_002,
    scheduledAt: 998,
    sentAt: 1000,
    headersAt: 1005,
    tokenTimes: [1100, 1110, 1130],
    endAt: 1150,
    status: 200,
    errorClass: null,
    chars: 40,
    promptChars: 100,
    usage: { input: 25, output: 5 },
    cacheStatus: null,
    ...over,
  };
}

describe('per-request metrics', () => {
  it('follows the definitions, worked by hand', () => {
    const { record, sample } = buildRecord(trace(), PRICE);
    // TTFT = first token chunk − send = 1100 − 1000; e2e = end − send = 150; headers = 5
    expect(record).toMatchObject({ ttftMs: 100, e2eMs: 150, headersMs: 5 });
    // ITL = (last − first token chunk) / (output tokens − 1) = (1130 − 1100) / (5 − 1) = 7.5
    expect(record.itlMs).toBe(7.5);
    // chunk gaps between token-bearing chunks: 10, 20
    expect(record.chunkGapsMs).toEqual([10, 20]);
    // tokens/s = output / (e2e − TTFT) = 5 / 0.050 s = 100
    expect(sample.tokensPerSecond).toBe(100);
    // usage reported: tokens from it; cost = (25 × 0.15 + 5 × 0.6) / 1e6 = 6.75e-6
    expect(record).toMatchObject({ inputTokens: 25, outputTokens: 5, tokensSource: 'usage', costSource: 'computed' });
    expect(record.costUsd).toBeCloseTo(6.75e-6, 15);
    // scheduled 2 ms before the send: the lag, and e2e from the schedule = 152
    expect(sample).toMatchObject({ lagMs: 2, e2eFromScheduledMs: 152, ttftFromScheduledMs: 102 });
  });

  it('without usage, estimates tokens at 4 characters each and says so', () => {
    const { record } = buildRecord(trace({ usage: undefined, chars: 41, promptChars: 100 }), PRICE);
    // ceil(41/4) = 11 output, ceil(100/4) = 25 input
    expect(record).toMatchObject({ outputTokens: 11, inputTokens: 25, tokensSource: 'estimated' });
    // ITL uses the estimate: 30 / 10 = 3
    expect(record.itlMs).toBe(3);
  });

  it('prefers the gateway-reported cost and keeps the computed one for the comparison', () => {
    const { record, sample } = buildRecord(trace({ gatewayCost: 0.00001 }), PRICE);
    expect(record).toMatchObject({ costUsd: 0.00001, costSource: 'gateway' });
    expect(sample.computedCostUsd).toBeCloseTo(6.75e-6, 15);
  });

  it('a non-streamed response has no TTFT or ITL; tokens/s is output / e2e', () => {
    const { record, sample } = buildRecord(trace({ stream: false, tokenTimes: [1150] }), PRICE);
    expect(record).toMatchObject({ ttftMs: null, itlMs: null, chunkGapsMs: [] });
    // 5 tokens / 0.150 s
    expect(sample.tokensPerSecond).toBeCloseTo(33.333, 3);
  });

  it('a failed request keeps its timing but no cost is guessed for it', () => {
    const { record, sample } = buildRecord(trace({ status: 429, errorClass: 'rate_limited', usage: undefined, tokenTimes: [], retryAfterMs: 1000 }), PRICE);
    expect(record).toMatchObject({ errorClass: 'rate_limited', costUsd: null, costSource: 'unknown', retryAfterMs: 1000, ttftMs: null });
    expect(sample).toMatchObject({ ok: false, ttftMs: null, tokensPerSecond: null });
  });

  it('keeps the ids, the absent ones as null, and when the request ended', () => {
    const { record, sample } = buildRecord(trace({ responseId: 'chatcmpl-1', gatewayRequestId: 'req-9', retryAfterMs: 1234.6 }), PRICE);
    expect(record).toMatchObject({ responseId: 'chatcmpl-1', gatewayRequestId: 'req-9', retryAfterMs: 1235 }); // 1234.6 rounded
    // started at epoch 1,000,002 and took e2e = 150 ms → ended at 1,000,152
    expect(sample.endedAtEpoch).toBe(1_000_152);
    expect(buildRecord(trace({ headersAt: undefined }), PRICE).record).toMatchObject({ headersMs: null, responseId: null, gatewayRequestId: null, retryAfterMs: null });
  });

  it('ITL needs two output tokens: with exactly 2 it is the one gap between first and last chunk', () => {
    // chunks at 1100 and 1130, 2 tokens: (1130 − 1100) / (2 − 1) = 30
    expect(buildRecord(trace({ tokenTimes: [1100, 1130], usage: { input: 25, output: 1 + 1 } }), PRICE).record.itlMs).toBe(30);
    expect(buildRecord(trace({ tokenTimes: [1100], usage: { input: 25, output: 1 } }), PRICE).record.itlMs).toBeNull();
  });

  it('no tokens/s without output tokens or without time after the first token', () => {
    expect(buildRecord(trace({ usage: { input: 25, output: 0 } }), PRICE).sample.tokensPerSecond).toBeNull();
    // the response ended with its first token chunk: e2e − TTFT = 0
    expect(buildRecord(trace({ tokenTimes: [1150], endAt: 1150 }), PRICE).sample.tokensPerSecond).toBeNull();
  });

  it('latency from the schedule only where there is a TTFT of a successful request', () => {
    // non-streamed: no TTFT, so none from the schedule either; e2e from the schedule = 150 + 2
    expect(buildRecord(trace({ stream: false }), PRICE).sample).toMatchObject({ ttftFromScheduledMs: null, e2eFromScheduledMs: 152 });
    // the stream broke after tokens arrived: the record keeps its TTFT, the sample does not count it
    const broken = buildRecord(trace({ errorClass: 'stream_interrupted' }), PRICE);
    expect(broken.record.ttftMs).toBe(100);
    expect(broken.sample).toMatchObject({ ok: false, ttftMs: null, itlMs: null, ttftFromScheduledMs: null, tokensPerSecond: null });
  });

  it('costs what the provider served: a failed request that reported usage, an ok one from estimates, a cache hit nothing', () => {
    // interrupted after the usage frame: 25 × 0.15 + 5 × 0.6 = 6.75 per million
    const broken = buildRecord(trace({ errorClass: 'stream_interrupted' }), PRICE).record;
    expect(broken.costSource).toBe('computed');
    expect(broken.costUsd).toBeCloseTo(6.75e-6, 15);
    // ok without usage: estimated 25 input (100 chars / 4) and 10 output (40 / 4): (25 × 0.15 + 10 × 0.6) / 1e6 = 9.75e-6
    const estimated = buildRecord(trace({ usage: undefined }), PRICE).record;
    expect(estimated).toMatchObject({ costSource: 'computed', tokensSource: 'estimated', outputTokens: 10 });
    expect(estimated.costUsd).toBeCloseTo(9.75e-6, 15);
    // served from the gateway's cache: the provider was not asked
    expect(buildRecord(trace({ cacheStatus: 'hit' }), PRICE).record).toMatchObject({ costUsd: 0, costSource: 'computed', cacheStatus: 'hit' });
    // cached input from usage at the cached price: (15 × 0.15 + 10 × 0.075 + 5 × 0.6) / 1e6 = 6.0e-6
    expect(buildRecord(trace({ usage: { input: 25, output: 5, cachedInput: 10 } }), PRICE).record.costUsd).toBeCloseTo(6.0e-6, 15);
  });

  it('has exactly the pinned fields', () => {
    expect(Object.keys(buildRecord(trace(), PRICE).record).sort()).toEqual(
      [
        'target', 'round', 'seq', 'scheduledAt', 'startedAt', 'status', 'errorClass', 'headersMs', 'ttftMs', 'e2eMs', 'itlMs', 'chunkGapsMs',
        'inputTokens', 'outputTokens', 'tokensSource', 'costUsd', 'costSource', 'cacheStatus', 'responseId', 'gatewayRequestId', 'retryAfterMs', 'selfReportedMs',
      ].sort(),
    );
  });
});

describe('cost from the price table', () => {
  it('prices uncached input, cached input and output separately', () => {
    // 1,000 input of which 400 cached, 500 output: (600 × 0.15 + 400 × 0.075 + 500 × 0.6) / 1e6 = 4.2e-4
    expect(computedCost(PRICE, 1000, 500, 400, false)).toBeCloseTo(4.2e-4, 15);
    // no cached price: cached tokens at the input price: (1000 × 0.15 + 500 × 0.6) / 1e6 = 4.5e-4
    expect(computedCost({ ...PRICE, cachedInputPerMTok: null }, 1000, 500, 400, false)).toBeCloseTo(4.5e-4, 15);
  });

  it('a gateway cache hit never reached the provider, so it costs nothing there; no price, no number', () => {
    expect(computedCost(PRICE, 1000, 500, 0, true)).toBe(0);
    expect(computedCost(null, 1000, 500, 0, false)).toBeNull();
  });
});

describe('error classes', () => {
  it('maps statuses to exactly the documented classes', () => {
    const table: [number, string | null][] = [
      [200, null], [204, null], [429, 'rate_limited'], [401, 'auth'], [403, 'auth'], [402, 'insufficient_credits'],
      [400, 'client_error'], [404, 'client_error'], [422, 'client_error'], [500, 'server_error'], [502, 'server_error'],
      [503, 'server_error'], [524, 'server_error'], [307, 'bad_response'], [101, 'bad_response'],
      [199, 'bad_response'], [299, null], [300, 'bad_response'], [399, 'bad_response'], [499, 'client_error'],
    ];
    for (const [status, cls] of table) expect([status, classForStatus(status)]).toEqual([status, cls]);
  });

  it('any of the four timeouts is a timeout; a broken connection depends on whether the response had begun', () => {
    for (const code of ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'BENCH_TOTAL_TIMEOUT']) {
      expect(classForTransportError(code, false)).toBe('timeout');
      expect(classForTransportError(code, true)).toBe('timeout');
    }
    expect(classForTransportError('ECONNREFUSED', false)).toBe('connection');
    expect(classForTransportError('ECONNRESET', false)).toBe('connection');
    expect(classForTransportError('UND_ERR_SOCKET', true)).toBe('stream_interrupted');
    expect(classForTransportError(undefined, true)).toBe('stream_interrupted');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter('0.5', 0)).toBe(500);
    // Wed, 21 Oct 2015 07:28:00 GMT is epoch 1445412480000; 3 s before it → 3000 ms
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', 1445412477000)).toBe(3000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    // whole digits and decimals, surrounding spaces ignored: '120' is seconds, not the year 120
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('0.25', 0)).toBe(250);
    expect(parseRetryAfter(' 2 ', 0)).toBe(2000);
    // neither a number nor a date: nothing (not NaN)
    expect(parseRetryAfter('1x5', 0)).toBeUndefined();
    expect(parseRetryAfter('5 seconds', 0)).toBeUndefined();
    // a date already past: wait 0
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', 1445412490000)).toBe(0);
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });

  it('reads a cache status: the hit value, or presence when the catalog names none', () => {
    expect(cacheStatusOf('HIT', 'HIT')).toBe('hit');
    expect(cacheStatusOf('hit', 'HIT')).toBe('hit');
    expect(cacheStatusOf('MISS', 'HIT')).toBe('miss');
    expect(cacheStatusOf(undefined, 'HIT')).toBeNull();
    expect(cacheStatusOf('abc123', undefined)).toBe('hit');
    expect(cacheStatusOf(' HIT ', 'HIT')).toBe('hit'); // header values may carry spaces
    expect(cacheStatusOf('', undefined)).toBe('hit'); // present, even empty
  });
});

describe("selfReportedMs: a gateway's own latency header", () => {
  it('reads milliseconds as they are and seconds × 1,000', () => {
    expect(selfReportedMs('12.5', 'ms')).toBe(12.5);
    expect(selfReportedMs(' 7 ', 'ms')).toBe(7);
    expect(selfReportedMs('0.0125', 's')).toBe(12.5);
    expect(selfReportedMs('0', 'ms')).toBe(0);
  });

  it('nothing for an absent, empty, unreadable or negative value, or without a unit (no header named)', () => {
    expect(selfReportedMs(undefined, 'ms')).toBeUndefined();
    expect(selfReportedMs('', 'ms')).toBeUndefined();
    expect(selfReportedMs('  ', 's')).toBeUndefined();
    expect(selfReportedMs('fast', 'ms')).toBeUndefined();
    expect(selfReportedMs('Infinity', 'ms')).toBeUndefined();
    expect(selfReportedMs('-1', 'ms')).toBeUndefined();
    expect(selfReportedMs('5', undefined)).toBeUndefined();
  });

  it('goes into the record to the microsecond, null when nothing was said', () => {
    expect(buildRecord(trace({ selfReportedMs: 3.14159 }), PRICE).record.selfReportedMs).toBe(3.142);
    expect(buildRecord(trace({ selfReportedMs: 3.14159 }), PRICE).sample.selfReportedMs).toBe(3.142);
    expect(buildRecord(trace(), PRICE).record.selfReportedMs).toBeNull();
  });
});
