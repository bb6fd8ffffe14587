import { describe, expect, it } from 'vitest';
import { benchConfigSchema, type BenchConfigInput } from '../../../src/bench/config.js';
import { executeBench } from '../../../src/bench/execute.js';
import type { RequestRecord } from '../../../src/bench/metrics.js';
import type { Target } from '../../../src/bench/targets.js';
import { fakeTarget } from '../../helpers/fake-target.js';
import { fakeTransport, sseReply, VirtualClock, type FakeReply } from '../../helpers/virtual-clock.js';

/** The scheduler on virtual time: every number below follows from the fake server's delays alone. */

function target(name: string, over: Partial<Target> = {}): Target {
  return fakeTarget(name, { price: { inputPerMTok: 1_000_000, outputPerMTok: 0, cachedInputPerMTok: null, from: 'test' }, ...over });
}

async function run(config: Partial<BenchConfigInput>, targets: Target[], reply: (t: number, n: number) => FakeReply, extra: { maxSpendUsd?: number; abortAt?: number } = {}) {
  const clock = new VirtualClock();
  const transport = fakeTransport(clock, reply);
  const records: RequestRecord[] = [];
  const ac = new AbortController();
  if (extra.abortAt !== undefined) clock.at(extra.abortAt, () => ac.abort());
  const doc = await clock.run(
    executeBench({
      config: benchConfigSchema.parse({ warmup: 0, requests: 3, ...config, targets: targets.map((t) => ({ name: t.name, gateway: 'openai-compatible', model: 'm' })) }),
      targets,
      secrets: new Map([['KEY', 'test-key-virtual']]),
      prompts: ['1234'], // with the nonce "[run xxxxxxxx] " → 19 chars → 5 input tokens
      clock,
      transport,
      signal: ac.signal,
      watchEventLoop: false,
      ...(extra.maxSpendUsd !== undefined ? { maxSpendUsd: extra.maxSpendUsd } : {}),
      onEvent: (e) => {
        if (e.type === 'done' && !e.job.warmup) records.push(e.record);
      },
    }),
  );
  return { doc, records, sent: transport.sent };
}

const EPOCH = 1_700_000_000_000;

describe('closed loop', () => {
  it('times TTFT, ITL and e2e from the send, exactly', async () => {
    // headers at 1 ms, first token at 40 ms, then 4 more every 10 ms: last token at 80 ms, end at 80 ms
    const { records } = await run({ concurrency: 1, requests: 2 }, [target('a')], () => sseReply({ ttft: 40, gap: 10, n: 5 }));
    expect(records.map((r) => [r.headersMs, r.ttftMs, r.itlMs, r.e2eMs, r.chunkGapsMs])).toEqual([
      [1, 40, 10, 80, [10, 10, 10, 10]],
      [1, 40, 10, 80, [10, 10, 10, 10]],
    ]);
    // one worker: the second request is sent when the first ends
    expect(records.map((r) => r.startedAt - EPOCH)).toEqual([0, 80]);
  });

  it('honours Retry-After before that target\'s next request', async () => {
    const reply = (_t: number, n: number): FakeReply =>
      n === 1 ? { status: 429, headers: { 'retry-after': '2', 'content-type': 'application/json' }, headersAfter: 5, pieces: [{ after: 0, text: '{"error":{"message":"slow down"}}' }] } : sseReply({ ttft: 10, gap: 1, n: 2 });
    const { records, doc } = await run({ concurrency: 1, requests: 2 }, [target('a')], reply);
    expect(records[0]).toMatchObject({ status: 429, errorClass: 'rate_limited', retryAfterMs: 2000 });
    // the 429's headers arrived at 5 ms; the next request may not go before 5 + 2,000 ms
    expect(records[1]!.startedAt - EPOCH).toBe(2005);
    expect(doc.warnings).toContain('a: 1 × rate_limited (first: HTTP 429: slow down).');
  });

  it('stops at --max-spend, counting what is in flight', async () => {
    // price 1 USD per input token, 5 input tokens → $5 estimated and $5 actual per request; cap $12:
    // requests 1 and 2 fit (5 + 5 ≤ 12), a third would make 15.
    const { records, doc } = await run({ concurrency: 1, requests: 5 }, [target('a')], () => sseReply({ ttft: 10, gap: 1, n: 2, prompt: 5 }), { maxSpendUsd: 12 });
    expect(records).toHaveLength(2);
    expect(doc.status.ended).toBe('max-spend');
    expect(doc.run.spentUsd).toBe(10);
    expect(doc.warnings.some((w) => w.startsWith('Stopped at the --max-spend cap ($12)'))).toBe(true);
  });

  it('counts requests in flight against the cap, not only finished ones', async () => {
    // Three workers start at once: $5 + $5 in flight, a third would make $15 > $12, so only two are sent.
    const { sent, doc } = await run({ concurrency: 3, requests: 5 }, [target('a')], () => sseReply({ ttft: 10, gap: 1, n: 2, prompt: 5 }), { maxSpendUsd: 12 });
    expect(sent).toHaveLength(2);
    expect(doc.status.ended).toBe('max-spend');
  });

  it('a response that never completes is a timeout at the total limit', async () => {
    const { records } = await run({ concurrency: 1, requests: 1, timeoutsMs: { connect: 1000, firstByte: 1000, idle: 1000, total: 500 } }, [target('a')], () => ({
      headersAfter: 1,
      pieces: [{ after: 10_000, text: 'data: {}\n\n' }],
    }));
    expect(records[0]).toMatchObject({ errorClass: 'timeout', status: 200, e2eMs: 500 });
  });

  it('on interrupt keeps what completed and drops what was in flight', async () => {
    // concurrency 1, each request takes 100 ms; abort at 250 ms: two completed, the third is aborted.
    const { records, doc } = await run({ concurrency: 1, requests: 10 }, [target('a')], () => sseReply({ ttft: 50, gap: 50, n: 2 }), { abortAt: 250 });
    expect(records).toHaveLength(2);
    expect(doc.status.ended).toBe('interrupted');
    expect(doc.targets[0]!.requests.sent).toBe(2);
  });
});

describe('open loop (coordinated omission)', () => {
  it('sends on schedule however many are in flight', async () => {
    // 10/s constant: sends at 0, 100, 200 ms even though each response takes 250 ms
    const { records, doc } = await run({ rate: 10, arrival: 'constant', requests: 3 }, [target('a')], () => sseReply({ ttft: 200, gap: 50, n: 2 }));
    expect(records.map((r) => [r.scheduledAt - EPOCH, r.startedAt - EPOCH])).toEqual([
      [0, 0],
      [100, 100],
      [200, 200],
    ]);
    expect(doc.targets[0]!.schedule!.lagMs.max).toBe(0);
  });

  it('when the client cannot keep up, measures from the scheduled send too and says so', async () => {
    // One request in flight at most (the client "falls behind"): request k is scheduled at 100k ms but can only
    // go when the previous one ends, at 250k ms. Lag = 150k; e2e from the schedule = 250 + 150k.
    const clock = new VirtualClock();
    const transport = fakeTransport(clock, () => sseReply({ ttft: 200, gap: 50, n: 2 }));
    const { runEngine } = await import('../../../src/bench/engine.js');
    const samples: { lag: number; e2e: number; fromSchedule: number }[] = [];
    await clock.run(
      runEngine({
        targets: [{ name: 'a', url: 'http://fake/a', headers: {}, cost: {}, cacheStatus: {}, price: null }],
        jobs: [0, 1, 2, 3].map((k) => ({ target: 0, round: k + 1, seq: k + 1, warmup: false, atMs: k * 100 })),
        mode: { kind: 'open', rate: 10, arrival: 'constant' },
        stream: true,
        timeouts: { connect: 1e6, firstByte: 1e6, idle: 1e6, total: 1e6 },
        body: () => ({ text: '{}', promptChars: 4 }),
        estimateUsd: () => 0,
        secrets: [],
        clock,
        transport,
        watchEventLoop: false,
        maxInFlight: 1,
        onEvent: (e) => {
          if (e.type === 'done') samples.push({ lag: e.sample.lagMs, e2e: e.sample.e2eMs, fromSchedule: e.sample.e2eFromScheduledMs });
        },
      }),
    );
    expect(samples).toEqual([
      { lag: 0, e2e: 250, fromSchedule: 250 },
      { lag: 150, e2e: 250, fromSchedule: 400 },
      { lag: 300, e2e: 250, fromSchedule: 550 },
      { lag: 450, e2e: 250, fromSchedule: 700 },
    ]);
  });

  it('flags a run whose send lag p99 exceeds 5 ms', async () => {
    const { doc } = await run({ rate: 100, arrival: 'constant', requests: 20 }, [target('a')], () => sseReply({ ttft: 5, gap: 1, n: 2 }));
    // on schedule: no warning
    expect(doc.warnings.some((w) => w.includes("fell behind its schedule"))).toBe(false);
  });
});

describe('what the gateway says about itself, from the headers the catalog names', () => {
  const said = (headers: Record<string, string>): FakeReply => ({ ...sseReply({ ttft: 10, gap: 1, n: 2 }), headers });
  const gw = target('gw', { requestIdHeader: 'x-trace-id', selfReported: { header: 'x-proxy-latency', field: 'X-Proxy-Latency', unit: 's' } });

  it('records the self-reported latency in ms (seconds × 1,000) and sums it up as a p50 over successful requests', async () => {
    // requests 1..3 say 0.002, 0.004, 0.0035 s → 2, 4, 3.5 ms; sorted 2, 3.5, 4 → p50 3.5 ms
    const values = ['0.002', '0.004', '0.0035'];
    const { records, doc } = await run({ concurrency: 1, requests: 3 }, [gw], (_t, n) => said({ 'x-proxy-latency': values[n - 1]!, 'x-trace-id': `t-${n}` }));
    expect(records.map((r) => [r.selfReportedMs, r.gatewayRequestId])).toEqual([
      [2, 't-1'],
      [4, 't-2'],
      [3.5, 't-3'],
    ]);
    expect(doc.targets[0]!.selfReported).toEqual({ field: 'X-Proxy-Latency', p50Ms: 3.5, n: 3 });
  });

  it('an absent, empty or unreadable value is nothing said; an empty request id is no id', async () => {
    const replies: Record<string, string>[] = [{}, { 'x-proxy-latency': '', 'x-trace-id': '' }, { 'x-proxy-latency': 'fast' }];
    const { records, doc } = await run({ concurrency: 1, requests: 3 }, [gw], (_t, n) => said(replies[n - 1]!));
    expect(records.map((r) => [r.selfReportedMs, r.gatewayRequestId])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(doc.targets[0]!.selfReported).toEqual({ field: 'X-Proxy-Latency', p50Ms: null, n: 0 });
  });

  it('a gateway whose catalog entry names no such header gets null, whatever it sends', async () => {
    const { records, doc } = await run({ concurrency: 1, requests: 1 }, [target('plain')], () => said({ 'x-proxy-latency': '0.5' }));
    expect(records[0]!.selfReportedMs).toBeNull();
    expect(doc.targets[0]!.selfReported).toBeNull();
  });
});
