import { LOAD_BOUNDS, loadMode, type BenchConfig } from './config.js';
import { parseDuration, timedRequests } from './duration.js';
import { shardRounds, type Shard } from './shard.js';

/**
 * How many measured rounds a run has, on this machine and in the whole plan, and whether it ends at a deadline
 * (pure). Rounds are requests per target.
 *
 * - Not timed: `requests`.
 * - Timed, open loop: the rate (or ramp) over the duration; a request count beside it is refused (see
 *   timedConflict), since the two would disagree.
 * - Timed, closed loop: rounds are drawn until the duration has passed; `requests`, when given, caps them, else
 *   the cap is the most a run may have (1,000,000 per target). The estimate and --max-spend use the cap, so the
 *   spend shown is an upper bound, as always.
 */
export interface PlanShape {
  /** Rounds of the whole plan (every shard's). */
  wholeRounds: number;
  /** Rounds this machine runs (its shard's, or the whole plan's). */
  rounds: number;
  /** Timed runs: the duration asked for, s. */
  durationS: number | null;
  /** Timed closed loop: stop starting measured requests this many ms after the first. */
  deadlineMs: number | null;
  shard: Shard | null;
}

export function planShape(config: BenchConfig, o: { requestsGiven: boolean; shard?: Shard | undefined }): PlanShape {
  const durationS = config.duration === undefined ? null : parseDuration(config.duration)!;
  const mode = loadMode(config);
  let wholeRounds = config.requests;
  let deadlineMs: number | null = null;
  if (durationS !== null && mode.kind === 'open') wholeRounds = timedRequests(durationS, mode.ramp ? { ramp: mode.ramp } : { rate: mode.rate });
  if (durationS !== null && mode.kind === 'closed') {
    deadlineMs = durationS * 1000;
    if (!o.requestsGiven) wholeRounds = LOAD_BOUNDS.requests.max;
  }
  const shard = o.shard ?? null;
  return { wholeRounds, rounds: shard ? shardRounds(wholeRounds, shard) : wholeRounds, durationS, deadlineMs, shard };
}

/** A timed open-loop run given a request count as well: the message to refuse it with, else undefined. */
export function timedConflict(config: BenchConfig, requestsGiven: boolean): string | undefined {
  if (config.duration === undefined || !requestsGiven || loadMode(config).kind !== 'open') return undefined;
  return 'With a rate (or ramp) and a duration the request count follows (rate × duration): set requests or duration, not both. (In the closed loop, requests caps a timed run.)';
}

/**
 * The config as a timed run records it (summary.json, config.json): without the `requests` default the schema
 * filled in, which the run did not use — a timed open loop's count follows from its rate, a timed closed loop
 * without a cap runs to its deadline. Recorded as given, the config runs again as it ran.
 */
export function recordedConfig(pub: Record<string, unknown>, config: BenchConfig, shape: PlanShape): Record<string, unknown> {
  if (shape.durationS === null) return pub;
  const capped = loadMode(config).kind === 'closed' && shape.wholeRounds === config.requests;
  if (capped) return pub;
  const { requests: _unused, ...rest } = pub;
  return rest;
}

/** A timed open loop whose rate × duration passes the most requests a run may have: the message, else undefined. */
export function timedTooMany(shape: PlanShape): string | undefined {
  const max = LOAD_BOUNDS.requests.max;
  if (shape.durationS === null || shape.deadlineMs !== null || shape.wholeRounds <= max) return undefined;
  return `The rate over --duration makes ${shape.wholeRounds.toLocaleString('en-US')} requests per target, more than the ${max.toLocaleString('en-US')} a run may have.`;
}
