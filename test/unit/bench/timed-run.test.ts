import { describe, expect, it } from 'vitest';
import { benchConfigSchema, type BenchConfigInput } from '../../../src/bench/config.js';
import type { BenchDocument } from '../../../src/bench/document.js';
import { executeBench } from '../../../src/bench/execute.js';
import { planShape } from '../../../src/bench/shape.js';
import type { Shard } from '../../../src/bench/shard.js';
import type { Target } from '../../../src/bench/targets.js';
import { fakeTarget } from '../../helpers/fake-target.js';
import { mergeRuns } from '../../../src/merge/merge-runs.js';
import type { BenchView } from '../../../src/report/bench-input.js';
import { fakeTransport, sseReply, VirtualClock, type FakeReply } from '../../helpers/virtual-clock.js';

/** Timed runs, slices and shards on virtual time: every expected number follows from the fake server alone. */

const target = (name: string): Target => fakeTarget(name);

const fail = (status: number): FakeReply => ({ status, headers: { 'content-type': 'application/json' }, pieces: [{ after: 5, text: '{"error":{"message":"no"}}' }] });

async function run(config: Partial<BenchConfigInput>, names: string[], reply: (t: number, n: number, body: string) => FakeReply, o: { requestsGiven?: boolean; shard?: Shard; prompts?: string[] } = {}) {
  const clock = new VirtualClock();
  const parsed = benchConfigSchema.parse({ warmup: 0, ...config, targets: names.map((name) => ({ name, gateway: 'openai-compatible', model: 'm' })) });
  return clock.run(
    executeBench({
      config: parsed,
      targets: names.map(target),
      secrets: new Map([['KEY', 'test-key-virtual']]),
      prompts: o.prompts ?? ['1234'],
      clock,
      transport: fakeTransport(clock, reply),
      watchEventLoop: false,
      shape: planShape(parsed, { requestsGiven: o.requestsGiven ?? config.requests !== undefined, ...(o.shard ? { shard: o.shard } : {}) }),
    }),
  );
}

const ok80 = () => sseReply({ ttft: 40, gap: 10, n: 5 }); // TTFT 40 ms, e2e 80 ms

describe('a timed closed loop', () => {
  it('starts no measured request after the deadline, finishes the one in flight, and slices by send time', async () => {
    // One at a time, 80 ms each: sends at 0, 80, …, 960 ms (13 of them); the next would be at 1,040 ≥ 1,000.
    const doc = await run({ concurrency: 1, duration: '1s' }, ['a'], ok80);
    expect(doc.targets[0]!.requests).toEqual({ sent: 13, ok: 13, failed: 0 });
    expect(doc.run.plannedDurationS).toBe(1);
    // Default slice: a tenth of 1 s. Sends per 100 ms slice: 0,80 | 160 | 240 | 320 | 400,480 | 560 | 640 | 720 | 800,880 | 960
    expect(doc.slices!.sliceS).toBe(0.1);
    expect(doc.slices!.targets[0]!.slices.map((s) => s.sent)).toEqual([2, 1, 1, 1, 2, 1, 1, 1, 2, 1]);
    // the last request ends at 960 + 80 = 1,040 ms after the first send
    expect(doc.run.durationS).toBe(1.04);
  });

  it('stops at the request cap when that comes first', async () => {
    const doc = await run({ concurrency: 1, duration: '1s', requests: 5 }, ['a'], ok80, { requestsGiven: true });
    expect(doc.targets[0]!.requests.sent).toBe(5);
  });
});

describe('a timed open loop with slices', () => {
  it('sends rate × duration per target on schedule and counts each slice, errors by class', async () => {
    // 2 targets at 2/s for 3 s: 6 rounds, 12 requests evenly at 4/s overall: k × 250 ms, round r at (r − 1) × 500 and + 250.
    // 1 s slices: rounds 1–2 | 3–4 | 5–6, so 2 requests per target per slice. Target b answers its 3rd request (round 3) with a 500.
    const doc = await run({ rate: 2, arrival: 'constant', duration: '3s', sliceS: 1 }, ['a', 'b'], (t, n) => (t === 1 && n === 3 ? fail(500) : ok80()));
    expect(doc.run.plannedRequests).toBe(12);
    const slices = doc.slices!.targets;
    expect(slices.map((t) => t.target)).toEqual(['a', 'b']);
    expect(slices[0]!.slices.map((s) => [s.startS, s.endS, s.sent, s.ok])).toEqual([
      [0, 1, 2, 2],
      [1, 2, 2, 2],
      [2, 3, 2, 2],
    ]);
    expect(slices[1]!.slices.map((s) => [s.sent, s.ok, s.failed, s.errors])).toEqual([
      [2, 2, 0, {}],
      [2, 1, 1, { server_error: 1 }],
      [2, 2, 0, {}],
    ]);
    // Every success: TTFT 40 ms, e2e 80 ms; 2 ok in a 1 s slice = 2/s, 1 ok = 1/s
    expect(slices[1]!.slices[1]).toMatchObject({ ttft: { p50: 40, p99: 40 }, e2e: { p50: 80, p99: 80 }, okPerSecond: 1 });
    expect(slices[0]!.slices[0]!.okPerSecond).toBe(2);
    expect(doc.slices!.from).toBe(new Date(doc.slices!.from).toISOString());
  });

  it('gives no slices to an untimed run unless asked', async () => {
    const doc = await run({ rate: 2, arrival: 'constant', requests: 2 }, ['a'], ok80);
    expect(doc.slices).toBeUndefined();
  });
});

describe('shards of one plan', () => {
  // Rounds use prompts in turn (round r → prompt (r − 1) mod 3). Target a is rate limited on "p-three" (rounds 3, 6),
  // target b fails with a 500 on "p-two" (rounds 2, 5, 8): so errors follow rounds, wherever they run.
  const reply = (t: number, _n: number, body: string) => (t === 0 && body.includes('p-three') ? fail(429) : t === 1 && body.includes('p-two') ? fail(500) : ok80());
  const config = { rate: 4, arrival: 'poisson' as const, requests: 8, seed: 11, sliceS: 1 };
  const prompts = ['p-one', 'p-two', 'p-three'];
  const shardRun = (index: number, count = 3) => run(config, ['a', 'b'], reply, { shard: { index, count }, prompts });
  const asRun = (d: BenchDocument, i: number) => ({ file: `shard-${i}.json`, summary: d as BenchView });

  it('add up, when pooled, to the whole run: requests and errors per target and class, and slice counts', async () => {
    const whole = await run(config, ['a', 'b'], reply, { prompts });
    // by hand: a fails rounds 3 and 6 (rate_limited), b fails rounds 2, 5 and 8 (server_error)
    expect(whole.targets.map((t) => [t.requests, t.errors.rate_limited, t.errors.server_error])).toEqual([
      [{ sent: 8, ok: 6, failed: 2 }, 2, 0],
      [{ sent: 8, ok: 5, failed: 3 }, 0, 3],
    ]);
    const shards = await Promise.all([1, 2, 3].map((i) => shardRun(i)));
    // rounds 1, 4, 7 | 2, 5, 8 | 3, 6: 3 + 3 + 2 per target
    expect(shards.map((s) => s.targets[0]!.requests.sent)).toEqual([3, 3, 2]);
    expect(shards.map((s) => s.run.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    const merged = mergeRuns(shards.map(asRun), 'pooled');
    expect(merged.targets.map((t) => [t.name, t.requests, t.errors])).toEqual(whole.targets.map((t) => [t.name, t.requests, t.errors]));
    expect(merged.run!.shard).toBeNull();
    expect(merged.run!.plannedRequests).toBe(16);
    const sliceTotal = (t: number) => merged.slices!.targets[t]!.slices.reduce((a, s) => a + s.sent, 0);
    expect([sliceTotal(0), sliceTotal(1)]).toEqual([8, 8]);
    const failedInSlices = merged.slices!.targets[1]!.slices.reduce((a, s) => a + (s.errors.server_error ?? 0), 0);
    expect(failedInSlices).toBe(3);
  });

  it('refuses a shard given twice, shards of different splits, and a whole run among shards; warns of a missing one', async () => {
    const [one, two] = await Promise.all([shardRun(1), shardRun(2)]);
    expect(() => mergeRuns([asRun(one, 1), asRun(one, 2)], 'pooled')).toThrow(/Shard 1\/3 is given twice/);
    const otherSplit = await shardRun(2, 4);
    expect(() => mergeRuns([asRun(one, 1), asRun(otherSplit, 2)], 'pooled')).toThrow(/shard 2\/4, shard-1.json is one of 3/);
    const whole = await run(config, ['a', 'b'], reply, { prompts });
    expect(() => mergeRuns([asRun(one, 1), asRun(whole, 2)], 'pooled')).toThrow(/ran the whole plan/);
    const otherSeed = await run({ ...config, seed: 12 }, ['a', 'b'], reply, { shard: { index: 2, count: 3 }, prompts });
    expect(() => mergeRuns([asRun(one, 1), asRun(otherSeed, 2)], 'pooled')).toThrow(/its seed \(12\) is not shard-1.json's \(11\)/);
    const partial = mergeRuns([asRun(one, 1), asRun(two, 2)], 'pooled');
    expect(partial.warnings.join('\n')).toMatch(/Shard 3\/3 missing: the pooled counts cover 2 of the plan's 3 parts/);
  });
});
