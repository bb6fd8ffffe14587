import type { ServerResponse } from 'node:http';
import { delay } from './http.js';
import type { Capacity } from './profile.js';
import type { EmulatorClock, EmulatorState } from './state.js';

/**
 * An endpoint's capacity (edge: it waits on the emulators' clock): at most `slots` requests in service at once,
 * each holding its slot for `serviceMs`; beyond that, requests wait in arrival order (FIFO) for a free slot. The
 * true capacity is therefore slots × 1000 / serviceMs requests per second: offered less than that, the queue stays
 * short; offered more, it grows without bound and so does latency — the knee a sweep should find.
 */

/** Requests per second an endpoint with this capacity serves at most. */
export function capacityRps(c: Capacity): number {
  return (c.slots * 1000) / c.serviceMs;
}

class SlotQueue {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly slots: number) {}

  acquire(): Promise<void> {
    if (this.busy < this.slots) {
      this.busy++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the first waiting request, so the order stays first come, first served. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }
}

// One queue per endpoint of one emulator set, kept beside (not in) the shared state.
const queues = new WeakMap<EmulatorState, Map<string, SlotQueue>>();

function queueFor(state: EmulatorState, endpoint: string, c: Capacity): SlotQueue {
  let byEndpoint = queues.get(state);
  if (!byEndpoint) queues.set(state, (byEndpoint = new Map()));
  let q = byEndpoint.get(endpoint);
  if (!q) byEndpoint.set(endpoint, (q = new SlotQueue(c.slots)));
  return q;
}

/**
 * Queue for a slot, then be served for serviceMs (the slot is held that long even if the client leaves: the work
 * was started). Without a capacity this is free. False when the client left meanwhile.
 */
export async function serve(state: EmulatorState, endpoint: string, res: ServerResponse): Promise<boolean> {
  const c = state.profile.capacity[endpoint];
  if (c === undefined) return !res.destroyed;
  const q = queueFor(state, endpoint, c);
  await q.acquire();
  if (res.destroyed) {
    q.release();
    return false;
  }
  const clock: EmulatorClock = state.clock;
  clock.timer(c.serviceMs, () => q.release());
  await delay(clock, c.serviceMs, res);
  return !res.destroyed;
}
