import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/bench/plan.js';
import { defaultWorkers, mergeWorkerResults, workerShare, type WorkerResult } from '../../../src/bench/worker-split.js';

const key = (j: { target: number; round: number; warmup: boolean }) => `${j.warmup ? 'w' : 'm'}:${j.round}:${j.target}`;

describe('workerShare: whole rounds to each worker', () => {
  // 3 targets × 10 measured rounds + 4 warmup rounds, open loop at 5/s per target
  const jobs = buildPlan({ targets: 3, requests: 10, warmup: 4, seed: 9, open: { rate: 5, arrival: 'poisson' } });

  it('every planned request goes to exactly one worker, with its planned send time', () => {
    for (const n of [1, 2, 3, 4, 7, 12]) {
      const parts = Array.from({ length: n }, (_, w) => workerShare(jobs, w, n));
      const all = parts.flat();
      expect(all).toHaveLength(42); // 3 × (10 + 4)
      expect(new Set(all.map(key)).size).toBe(42);
      // the same objects, so atMs, seq and warmup are the plan's own
      for (const j of all) expect(jobs).toContain(j);
    }
  });

  it('worker w of 3 takes measured rounds w+1, w+4, …, and warmup rounds 0/-3 to worker 0, -1 to 1, -2 to 2', () => {
    const rounds = (w: number, warm: boolean) => [...new Set(workerShare(jobs, w, 3).filter((j) => j.warmup === warm).map((j) => j.round))];
    expect(rounds(0, false)).toEqual([1, 4, 7, 10]);
    expect(rounds(1, false)).toEqual([2, 5, 8]);
    expect(rounds(2, false)).toEqual([3, 6, 9]);
    expect(rounds(0, true)).toEqual([0, -3]);
    expect(rounds(1, true)).toEqual([-1]);
    expect(rounds(2, true)).toEqual([-2]);
    // a round is whole: all 3 targets of round 4 are with worker 0
    expect(workerShare(jobs, 0, 3).filter((j) => j.round === 4).map((j) => j.target).sort()).toEqual([0, 1, 2]);
  });

  it("deals a shard's rounds by their position in it, so every worker gets a part", () => {
    // shard 2/3 of 9 rounds keeps rounds 2, 5, 8 ((r − 1) mod 3 = 1); dealt by number over 2 workers, (r − 1) mod 2
    // would give all three (1, 4, 7 are even) to worker 0; by position (0, 1, 2): worker 0 gets 2 and 8, worker 1 gets 5.
    const shard = buildPlan({ targets: 2, requests: 9, warmup: 0, seed: 3, open: { rate: 5, arrival: 'constant' }, shard: { index: 2, count: 3 } });
    const rounds = (w: number) => [...new Set(workerShare(shard, w, 2).map((j) => j.round))];
    expect(rounds(0)).toEqual([2, 8]);
    expect(rounds(1)).toEqual([5]);
    // and a generator is accepted (a plan drawn as it goes)
    expect(workerShare(shard.values(), 1, 2).map((j) => j.round)).toEqual([5, 5]);
  });

  it('keeps the plan order inside a share (send times rise)', () => {
    const share = workerShare(jobs, 1, 2).filter((j) => !j.warmup);
    for (let i = 1; i < share.length; i++) expect(share[i]!.atMs!).toBeGreaterThanOrEqual(share[i - 1]!.atMs!);
  });

  it('one worker is the whole plan', () => {
    expect(workerShare(jobs, 0, 1)).toEqual(jobs);
  });
});

describe('defaultWorkers', () => {
  const open = (rate: number) => ({ kind: 'open' as const, rate, arrival: 'poisson' as const });
  it('one thread for a closed loop and for an open loop under 3,000 requests/s in all', () => {
    expect(defaultWorkers({ kind: 'closed', concurrency: 500 }, 4, 16)).toBe(1);
    expect(defaultWorkers(open(999), 3, 16)).toBe(1); // 2,997/s
    expect(defaultWorkers(open(10), 1, 16)).toBe(1);
  });
  it('from 3,000/s: the cores less one, at least one', () => {
    expect(defaultWorkers(open(750), 4, 16)).toBe(15); // exactly 3,000/s
    expect(defaultWorkers(open(5000), 1, 2)).toBe(1);
    expect(defaultWorkers(open(5000), 1, 1)).toBe(1);
  });
});

describe('mergeWorkerResults', () => {
  const part = (over: Partial<WorkerResult>): WorkerResult => ({
    status: 'completed',
    sent: 0,
    spentUsd: 0,
    eventLoopDelayMs: null,
    errorExamples: [],
    emulatedTargets: [],
    ...over,
  });

  it('adds counts and spend, keeps the first example of each error, the worst loop delay, every emulated target once', () => {
    const m = mergeWorkerResults([
      part({ sent: 10, spentUsd: 0.25, eventLoopDelayMs: { p50: 1, p99: 9, max: 20 }, errorExamples: [['a\u0000timeout', 'first']], emulatedTargets: ['a'] }),
      part({ sent: 7, spentUsd: 0.5, eventLoopDelayMs: { p50: 2, p99: 3, max: 30 }, errorExamples: [['a\u0000timeout', 'second'], ['b\u0000auth', 'b only']], emulatedTargets: ['b', 'a'] }),
      part({ sent: 1 }),
    ]);
    expect(m.sent).toBe(18);
    expect(m.spentUsd).toBe(0.75);
    expect(m.status).toBe('completed');
    expect(m.eventLoopDelayMs).toEqual({ p50: 2, p99: 9, max: 30 });
    expect([...m.errorExamples]).toEqual([
      ['a\u0000timeout', 'first'],
      ['b\u0000auth', 'b only'],
    ]);
    expect(m.emulatedTargets.sort()).toEqual(['a', 'b']);
  });

  it('ends as the worst part did: interrupted over max-spend over completed; no loop figures when no thread had any', () => {
    expect(mergeWorkerResults([part({}), part({ status: 'max-spend' })]).status).toBe('max-spend');
    expect(mergeWorkerResults([part({ status: 'max-spend' }), part({ status: 'interrupted' }), part({})]).status).toBe('interrupted');
    expect(mergeWorkerResults([part({}), part({})]).eventLoopDelayMs).toBeNull();
  });
});
