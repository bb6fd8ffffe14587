import type { FaultSettings } from './scenarios.js';

/**
 * The settings of `drill --demo` (pure). The demo runs at a fifteenth of real time so that nine emulated gateways
 * go through every scenario in about half a minute: its client gives up after 2 s where a drill's default is
 * 30 s, and every wait a demo gateway makes (timeouts, backoffs, Retry-After) and the slow primary's delay are
 * scaled by the same factor. A gateway timeout that, scaled, would not end before the client gives up (LiteLLM's
 * 6000 s, Bifrost's 30 s) is left out: the client sees a hang either way.
 */

/** The drill's default client timeout (src/drill/config.ts), the real-time side of the scale. */
export const REAL_CLIENT_TIMEOUT_MS = 30_000;

const DEMO_CLIENT_TIMEOUT_MS = 2_000;

/** Demo time over real time: 2 s of demo stand for 30 s. */
export const DEMO_TIME_SCALE = DEMO_CLIENT_TIMEOUT_MS / REAL_CLIENT_TIMEOUT_MS;

const faults: FaultSettings = {
  // 7.5 s real time: late, but well inside the client's patience.
  slowTtftMs: 500,
  // The smallest the config allows; a demo gateway that honours it waits retryAfterS × 1000 × DEMO_TIME_SCALE.
  retryAfterS: 1,
  cutAfterChunks: 3,
  answerTokens: 12,
};

export const DEMO_DRILL = {
  requests: 2,
  timeoutsMs: { request: DEMO_CLIENT_TIMEOUT_MS },
  faults,
  pauseMs: 0,
  stream: 'both',
} as const satisfies {
  requests: number;
  timeoutsMs: { request: number };
  faults: FaultSettings;
  pauseMs: number;
  stream: boolean | 'both';
};
