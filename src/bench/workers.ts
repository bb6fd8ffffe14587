import { hrtime } from 'node:process';
import { Worker } from 'node:worker_threads';
import { RunError } from '../errors.js';
import type { EngineEvent, EngineResult } from './engine.js';
import type { RunInput } from './engine-input.js';
import { redact } from './redact.js';
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.js';
import { mergeWorkerResults, type WorkerResult } from './worker-split.js';

/**
 * `bench --workers N`: N worker threads (bench-worker.ts) each run the engine on whole rounds of one seeded plan
 * (worker-split.ts), all from one start, so the schedule is the plan's as if one thread sent it. This thread
 * receives their completed requests and hands them on as the engine's own events (the summary and
 * requests.jsonl are built here exactly as for one thread). The spend cap is split evenly: each worker stops at
 * its share, and the first to reach it halts the others, so the total never passes the cap. Ctrl-C aborts all.
 * Only `done`, `held` and `stopping` events come back (one `stopping`); `sent` and `first-token` stay in the worker.
 */

export interface WorkersInput {
  run: RunInput;
  count: number;
  onEvent: (e: EngineEvent) => void;
  signal?: AbortSignal;
}

/** From the last worker's warmup to the shared start: long enough for `go` to reach every thread. */
const START_DELAY_MS = 20;

export async function runWorkers(o: WorkersInput): Promise<EngineResult> {
  const share = o.run.maxSpendUsd === undefined ? {} : { maxSpendUsd: o.run.maxSpendUsd / o.count };
  const url = new URL('./bench-worker.js', import.meta.url);
  const workers = Array.from({ length: o.count }, (_, index) => {
    const workerData: WorkerData = { run: { ...o.run, ...share }, index, count: o.count };
    return new Worker(url, { workerData });
  });
  const post = (m: ToWorker) => {
    for (const w of workers) w.postMessage(m);
  };
  const results: (WorkerResult | undefined)[] = [];
  const ready = new Set<number>();
  let failure: string | undefined;
  let stopping = false;
  const markReady = (i: number) => {
    if (ready.has(i)) return;
    ready.add(i);
    if (ready.size === o.count) post({ type: 'go', startNs: hrtime.bigint() + BigInt(START_DELAY_MS * 1e6) });
  };
  const fail = (i: number, message: string) => {
    failure ??= `benchmark worker ${i + 1} of ${o.count} failed: ${message}`;
    markReady(i);
    post({ type: 'abort' });
  };
  const onAbort = () => post({ type: 'abort' });
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) onAbort();

  const onMessage = (i: number, m: FromWorker) => {
    if (m.type === 'warm') markReady(i);
    else if (m.type === 'done') for (const e of m.events) o.onEvent(e);
    else if (m.type === 'event') {
      if (m.event.type === 'held') o.onEvent(m.event);
      else if (!stopping) {
        stopping = true;
        if (m.event.reason === 'max-spend') post({ type: 'halt' });
        o.onEvent(m.event);
      }
    } else if (m.type === 'end') {
      results[i] = m.result;
      markReady(i);
    } else fail(i, m.message);
  };
  try {
    await Promise.all(
      workers.map(
        (w, i) =>
          new Promise<void>((resolve) => {
            w.on('message', (m: FromWorker) => {
              onMessage(i, m);
              // Its result is in: the thread has nothing more to say (its message listener would keep it alive).
              if (m.type === 'end' || m.type === 'error') void w.terminate();
            });
            w.on('error', (e) => fail(i, e.message));
            w.on('exit', () => {
              if (results[i] === undefined) fail(i, 'it stopped before reporting its results');
              resolve();
            });
          }),
      ),
    );
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw new RunError(redact(failure, [...o.run.secrets.values()]));
  return mergeWorkerResults(results as WorkerResult[]);
}
