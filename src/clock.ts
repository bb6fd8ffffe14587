/**
 * Time as the benchmark engine and the emulators see it. It is injected so that tests can run both on virtual
 * time (test/helpers/virtual-clock.ts) and check their schedules to the exact millisecond; the real clock reads
 * performance.now() and waits on Node timers.
 */

/** What a wait needs of an abort signal: an AbortSignal is one, and so is a request's RequestCancel (src/bench/cancel.ts). */
export interface AbortLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', fn: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', fn: () => void): void;
}

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** The epoch time (ms) of a monotonic reading. */
  epoch(mono: number): number;
  /** Resolve at monotonic time `at` (or at once when aborted). */
  sleepUntil(at: number, signal?: AbortLike): Promise<void>;
  /** Call `fn` after `ms`; returns a cancel function. */
  timer(ms: number, fn: () => void): () => void;
}

/**
 * Resolve at monotonic time `at` (or at once when aborted). `arm` sets up the wake-up for a wait of `wait` ms and
 * returns its timer, if any; the loop checks the time again, since a timer can fire a fraction early.
 */
async function sleepLoop(at: number, signal: AbortLike | undefined, arm: (wait: number, done: () => void) => NodeJS.Timeout | undefined): Promise<void> {
  for (;;) {
    if (signal?.aborted) return;
    const wait = at - performance.now();
    if (wait <= 0) return;
    await new Promise<void>((resolve) => {
      let t: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      t = arm(wait, done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

export const realClock: Clock = {
  now: () => performance.now(),
  epoch: (mono) => performance.timeOrigin + mono,
  // setTimeout is late by up to a millisecond or so; sleep short and finish on setImmediate for a tight schedule.
  sleepUntil: (at, signal) =>
    sleepLoop(at, signal, (wait, done) => {
      if (wait > 2) return setTimeout(done, wait - 1.5);
      setImmediate(done);
      return undefined;
    }),
  timer(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/**
 * The real clock without the spin: a wait ends on a timer only (up to a millisecond or two late, which the open
 * loop records as send lag), so a thread that waits uses no CPU. Benchmark worker threads use it: on a machine
 * with fewer free cores than spinning threads, each spin would take the core another thread needs to send.
 */
export const timerClock: Clock = {
  ...realClock,
  // A timer counts whole milliseconds of the loop's cached time, so it can fire a fraction early: the loop waits again.
  sleepUntil: (at, signal) => sleepLoop(at, signal, (wait, done) => setTimeout(done, Math.ceil(wait))),
};
