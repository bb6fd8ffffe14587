import type { EngineEvent } from './engine.js';
import type { RunInput } from './engine-input.js';
import type { WorkerResult } from './worker-split.js';

/** What the main thread and a benchmark worker thread say to each other (workers.ts, bench-worker.ts). */

export interface WorkerData {
  /** The whole run, with this worker's share of the spend cap. */
  run: RunInput;
  index: number;
  count: number;
}

export type DoneEvent = Extract<EngineEvent, { type: 'done' }>;

export type ToWorker =
  /** Start the measured schedule at this process.hrtime.bigint() reading (shared by every thread of the process). */
  | { type: 'go'; startNs: bigint }
  /** Ctrl-C: abort what is in flight, keep what completed. */
  | { type: 'abort' }
  /** Another worker reached its share of the spend cap: send nothing more, finish what is in flight. */
  | { type: 'halt' };

export type FromWorker =
  /** The warmup is done; waiting for `go`. */
  | { type: 'warm' }
  /** Completed requests, in batches (one message per request would cost the main thread more than the request). */
  | { type: 'done'; events: DoneEvent[] }
  | { type: 'event'; event: Extract<EngineEvent, { type: 'held' | 'stopping' }> }
  | { type: 'end'; result: WorkerResult }
  /** A bug: the engine threw. The message is already free of keys. */
  | { type: 'error'; message: string };
