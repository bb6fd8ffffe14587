import type { LoadMode } from './config.js';
import { AUTO_WORKERS_FROM_RPS } from './defaults.js';
import type { EngineResult } from './engine.js';
import type { Job } from './plan.js';

/**
 * How `bench --workers N` splits one seeded plan and puts the parts back together (pure).
 *
 * Worker w (0-based) of n takes whole rounds: the measured round at position p (0-based) among the plan's measured
 * rounds when p mod n = w (round r at r − 1 for a whole plan; a shard's rounds by their order in it), warmup round
 * −k (numbered 0, −1, …) when k mod n = w. A round keeps every target's request in one thread, so the pairing by round that
 * overhead and its interval rest on is untouched, and each request keeps its planned send time.
 */
export function workerShare(jobs: Iterable<Job>, worker: number, count: number): Job[] {
  // Measured rounds are dealt by their position among the plan's measured rounds, not by number: a shard keeps
  // every n-th round, and dealing those by number would give them all to one worker.
  const position = new Map<number, number>();
  return Array.from(jobs).filter((j) => {
    if (j.warmup) return -j.round % count === worker;
    let k = position.get(j.round);
    if (k === undefined) position.set(j.round, (k = position.size));
    return k % count === worker;
  });
}


/**
 * Worker threads when `--workers` is not given: one thread for a closed loop and for an open loop under
 * AUTO_WORKERS_FROM_RPS (one process holds such a schedule, and starting threads would only slow a short run);
 * above it, one per core left free (the cores less one, for the main thread), at least one.
 */
export function defaultWorkers(mode: LoadMode, targets: number, cores: number): number {
  if (mode.kind !== 'open' || mode.rate * targets < AUTO_WORKERS_FROM_RPS) return 1;
  return Math.max(1, cores - 1);
}

/** What a worker reports when its part is done: an EngineResult in a form a structured clone keeps. */
export interface WorkerResult {
  status: EngineResult['status'];
  sent: number;
  spentUsd: number;
  eventLoopDelayMs: EngineResult['eventLoopDelayMs'];
  errorExamples: [string, string][];
  emulatedTargets: string[];
}

/**
 * The workers' results as one run's. Counts and spend add up; the run ended as the worst part did (interrupted,
 * then stopped at the spend cap, then completed); the first example of each error class is the lowest worker's;
 * the event-loop delay is the worst thread's at each percentile (a bound, not a pooled percentile).
 */
export function mergeWorkerResults(parts: readonly WorkerResult[]): EngineResult {
  const status = parts.some((p) => p.status === 'interrupted') ? 'interrupted' : parts.some((p) => p.status === 'max-spend') ? 'max-spend' : 'completed';
  const errorExamples = new Map<string, string>();
  for (const p of parts) for (const [k, v] of p.errorExamples) if (!errorExamples.has(k)) errorExamples.set(k, v);
  const loops = parts.map((p) => p.eventLoopDelayMs).filter((l) => l !== null);
  const worst = (k: 'p50' | 'p99' | 'max') => Math.max(...loops.map((l) => l[k]));
  return {
    status,
    sent: parts.reduce((s, p) => s + p.sent, 0),
    spentUsd: parts.reduce((s, p) => s + p.spentUsd, 0),
    eventLoopDelayMs: loops.length === 0 ? null : { p50: worst('p50'), p99: worst('p99'), max: worst('max') },
    errorExamples,
    emulatedTargets: [...new Set(parts.flatMap((p) => p.emulatedTargets))],
  };
}
