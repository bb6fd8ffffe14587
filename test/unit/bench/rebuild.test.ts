import { describe, expect, it } from 'vitest';
import { benchConfigSchema } from '../../../src/bench/config.js';
import type { RequestRecord } from '../../../src/bench/record.js';
import { cutShortWarning, rebuildSummary, recordToSample } from '../../../src/bench/rebuild.js';

const rec = (over: Partial<RequestRecord> = {}): RequestRecord => ({
  target: 'gw',
  round: 3,
  seq: 3,
  scheduledAt: 1_000_000,
  startedAt: 1_000_002.5,
  status: 200,
  errorClass: null,
  headersMs: 40,
  ttftMs: 100,
  e2eMs: 300,
  itlMs: 20,
  chunkGapsMs: [30, 50, 4, 3],
  inputTokens: 12,
  outputTokens: 10,
  tokensSource: 'usage',
  costUsd: 0.002,
  costSource: 'gateway',
  cacheStatus: 'miss',
  responseId: null,
  gatewayRequestId: null,
  retryAfterMs: null,
  selfReportedMs: 1.5,
  ...over,
});

describe('recordToSample', () => {
  it('a successful streamed request: derived figures as bench derives them', () => {
    const s = recordToSample(rec());
    expect(s.ok).toBe(true);
    // tokens/s = 10 tokens × 1000 ÷ (300 − 100 ms) = 50.
    expect(s.tokensPerSecond).toBe(50);
    // lag = sent − due = 2.5 ms; from the due time: TTFT 102.5, e2e 302.5.
    expect([s.lagMs, s.ttftFromScheduledMs, s.e2eFromScheduledMs]).toEqual([2.5, 102.5, 302.5]);
    // 4 gaps → 5 chunks, spanning 30 + 50 + 4 + 3 = 87 ms; the last two gaps are ≤ 5 ms: 3 chunks of 5 in the final burst.
    expect([s.tokenChunks, s.tokenSpanMs, s.finalBurstShare]).toEqual([5, 87, 0.6]);
    expect([s.usageReported, s.gatewayCostUsd, s.computedCostUsd, s.selfReportedMs]).toEqual([true, 0.002, null, 1.5]);
    expect(s.endedAtEpoch).toBe(1_000_302.5);
    expect(s.outputChars).toBeUndefined();
  });

  it('a failed request keeps its class and no success figures', () => {
    const s = recordToSample(rec({ errorClass: 'server_error', status: 502, ttftMs: null, itlMs: null, chunkGapsMs: [], costUsd: null, costSource: 'unknown', tokensSource: 'estimated' }));
    expect([s.ok, s.errorClass, s.ttftMs, s.itlMs, s.tokensPerSecond, s.ttftFromScheduledMs]).toEqual([false, 'server_error', null, null, null, null]);
    expect([s.tokenChunks, s.tokenSpanMs, s.finalBurstShare, s.usageReported, s.gatewayCostUsd, s.computedCostUsd]).toEqual([0, null, null, false, null, null]);
  });

  it('every gap in the final burst (5 ms counts): a share of 1; no tokens or no decode time: no tokens/s', () => {
    expect(recordToSample(rec({ chunkGapsMs: [5, 1] })).finalBurstShare).toBe(1);
    expect(recordToSample(rec({ chunkGapsMs: [6, 5] })).finalBurstShare).toBeCloseTo(2 / 3, 9);
    expect(recordToSample(rec({ chunkGapsMs: [3] })).finalBurstShare).toBe(1);
    expect(recordToSample(rec({ outputTokens: 0 })).tokensPerSecond).toBeNull();
    expect(recordToSample(rec({ ttftMs: 300, e2eMs: 300 })).tokensPerSecond).toBeNull();
    // Not streamed (no TTFT): tokens over the whole e2e, 10 × 1000 ÷ 300.
    expect(recordToSample(rec({ ttftMs: null, chunkGapsMs: [] })).tokensPerSecond).toBeCloseTo(33.333, 3);
    expect(recordToSample(rec({ ttftMs: null, chunkGapsMs: [] })).ttftFromScheduledMs).toBeNull();
  });

  it('one chunk: a span of 0 and no burst share; a computed cost stays computed', () => {
    const s = recordToSample(rec({ chunkGapsMs: [], costSource: 'computed' }));
    expect([s.tokenChunks, s.tokenSpanMs, s.finalBurstShare, s.gatewayCostUsd, s.computedCostUsd]).toEqual([1, 0, null, null, 0.002]);
  });
});

describe('rebuildSummary', () => {
  const raw = { requests: 5, concurrency: 2, maxTokens: 16, targets: [{ name: 'direct', gateway: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini', baseline: true }, { name: 'gw', gateway: 'litellm', model: 'gpt-4o-mini', pricing: { inputUsdPerMTok: 1, outputUsdPerMTok: 2 } }] };
  const config = benchConfigSchema.parse(raw);

  it('nothing to rebuild from: null', () => {
    expect(rebuildSummary({ config, recorded: raw, records: [], skippedLines: [] })).toBeNull();
  });

  it('counts, spend, duration and targets from the records and config only', () => {
    const records = [
      rec({ target: 'direct', round: 1, startedAt: 1000, scheduledAt: 1000, e2eMs: 200 }),
      rec({ target: 'gw', round: 1, startedAt: 1010, scheduledAt: 1010, e2eMs: 250 }),
      rec({ target: 'gw', round: 2, startedAt: 1300, scheduledAt: 1300, e2eMs: 100, errorClass: 'rate_limited', status: 429, ttftMs: null, costUsd: null, costSource: 'unknown' }),
    ];
    const doc = rebuildSummary({ config, recorded: raw, records, skippedLines: [4] })!;
    expect(doc.targets.map((t) => [t.name, t.requests.sent, t.requests.ok, t.errors.rate_limited])).toEqual([['direct', 1, 1, 0], ['gw', 2, 1, 1]]);
    // First send 1000, last end 1300 + 100 = 1400: 0.4 s. Spend 0.002 + 0.002 (the 429 had no cost).
    expect([doc.run.durationS, doc.run.spentUsd, doc.run.sentRequests, doc.run.plannedRequests]).toEqual([0.4, 0.004, 3, 10]);
    expect([doc.startedAt, doc.finishedAt]).toEqual([new Date(1000).toISOString(), new Date(1400).toISOString()]);
    expect([doc.status.ended, doc.environment, doc.run.eventLoopDelayMs, doc.run.mode, doc.run.concurrency]).toEqual(['interrupted', null, null, 'closed', 2]);
    expect(doc.targets.map((t) => [t.url, t.cost.priceFrom, t.selfReported])).toEqual([
      ['http://127.0.0.1:9/v1', null, null],
      ['not recorded (the catalog base URL at run time)', 'targets.gw.pricing', null],
    ]);
    expect(doc.warnings[0]).toBe(cutShortWarning(3, [4]));
    expect(doc.warnings[0]).toBe(
      'Cut short: the run left no summary.json (killed before it finished); this summary was rebuilt from the 3 requests in requests.jsonl. Not recorded there, so unknown: the environment, the event-loop delay, warmup spend. Line 4 of requests.jsonl was cut off mid-write and skipped.',
    );
    expect(doc.config).toBe(raw);
    expect([doc.run.mode, doc.run.ratePerTarget, doc.run.arrival, doc.run.ramp, doc.slices]).toEqual(['closed', null, null, null, undefined]);
    expect(cutShortWarning(1, [])).toBe('Cut short: the run left no summary.json (killed before it finished); this summary was rebuilt from the 1 request in requests.jsonl. Not recorded there, so unknown: the environment, the event-loop delay, warmup spend.');
    expect(cutShortWarning(2, [7, 9])).toMatch(/2 requests in requests\.jsonl\..* Line 7, 9 of requests\.jsonl was cut off/);
  });

  it('a timed open-loop run: rate, arrival, planned count and slices from the config', () => {
    const timed = { rate: 2, duration: '10s', maxTokens: 16, targets: [{ name: 'direct', gateway: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini' }] };
    const c = benchConfigSchema.parse(timed);
    const doc = rebuildSummary({ config: c, recorded: timed, records: [rec({ target: 'direct', round: 1, startedAt: 1000, scheduledAt: 999 })], skippedLines: [] })!;
    // 2/s × 10 s = 20 requests planned for the one target; slices a tenth of the duration (1 s).
    expect([doc.run.mode, doc.run.ratePerTarget, doc.run.arrival, doc.run.concurrency, doc.run.ramp, doc.run.plannedRequests, doc.run.plannedDurationS]).toEqual(['open', 2, c.arrival, null, null, 20, 10]);
    expect(doc.slices?.sliceS).toBe(1);
    expect(doc.targets[0]!.schedule?.lagMs.p50).toBe(1);
  });
});
