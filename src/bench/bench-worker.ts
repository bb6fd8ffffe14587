import { hrtime } from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';
import { timerClock } from '../clock.js';
import { runEngine } from './engine.js';
import { engineInput } from './engine-input.js';
import { redact } from './redact.js';
import type { DoneEvent, FromWorker, ToWorker, WorkerData } from './worker-messages.js';
import { workerShare } from './worker-split.js';

/**
 * One worker thread of `bench --workers N` (started by workers.ts): it rebuilds the same seeded plan, runs the
 * engine on its share of the rounds at their planned times from the start the main thread gives, and posts its
 * completed requests back in batches. Keys arrive in workerData and leave only in request headers.
 */

/** Completed requests per message, and the longest a completed request waits for its batch. */
const BATCH = 256;
const BATCH_MS = 20;

const port = parentPort!;
const data = workerData as WorkerData;
const post = (m: FromWorker) => port.postMessage(m);
const interrupt = new AbortController();
const halt = new AbortController();
let go: (startNs: bigint) => void = () => undefined;
const started = new Promise<bigint>((resolve) => (go = resolve));
port.on('message', (m: ToWorker) => {
  if (m.type === 'go') go(m.startNs);
  else if (m.type === 'abort') interrupt.abort();
  else halt.abort();
});

let batch: DoneEvent[] = [];
let timer: NodeJS.Timeout | undefined;
const flush = () => {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (batch.length > 0) post({ type: 'done', events: batch });
  batch = [];
};

const { jobs, options } = engineInput(data.run);
try {
  const result = await runEngine({
    ...options,
    jobs: workerShare(jobs, data.index, data.count),
    clock: timerClock,
    signal: interrupt.signal,
    halt: halt.signal,
    measuredStart: async () => {
      post({ type: 'warm' });
      const startNs = await started;
      // hrtime is one monotonic clock for every thread of the process; performance.now() is this thread's.
      return performance.now() + Number(startNs - hrtime.bigint()) / 1e6;
    },
    onEvent: (e) => {
      if (e.type === 'done') {
        batch.push(e);
        if (batch.length >= BATCH) flush();
        else timer ??= setTimeout(flush, BATCH_MS);
      } else if (e.type === 'held' || e.type === 'stopping') {
        flush();
        post({ type: 'event', event: e });
      }
    },
  });
  flush();
  post({
    type: 'end',
    result: { ...result, errorExamples: [...result.errorExamples], emulatedTargets: result.emulatedTargets },
  });
} catch (e) {
  flush();
  post({ type: 'error', message: redact(e instanceof Error ? (e.stack ?? e.message) : String(e), options.secrets) });
}
