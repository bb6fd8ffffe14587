import type { BenchFlagOverrides } from '../bench/config.js';
import { LOAD_BOUNDS } from '../bench/defaults.js';
import { parseDuration, parseRamp } from '../bench/duration.js';
import { parseShard, type Shard } from '../bench/shard.js';
import { formatWait, parseStartAt } from '../bench/start-at.js';
import { UsageError } from '../errors.js';
import type { BenchFlags } from './bench.js';

/**
 * bench's time flags (--duration, --slice, --ramp, --shard, --start-at): read and checked before anything is
 * sent, each with an error that names the flag and what it takes; and the wait --start-at asks for.
 */

const B = LOAD_BOUNDS;

/** --duration (kept as written), --slice and --ramp as config overrides. */
export function timeOverrides(flags: BenchFlags): Pick<BenchFlagOverrides, 'duration' | 'sliceS' | 'ramp'> {
  const o: Pick<BenchFlagOverrides, 'duration' | 'sliceS' | 'ramp'> = {};
  if (durationFlag('--duration', flags.duration) !== undefined) o.duration = flags.duration!.trim();
  const slice = durationFlag('--slice', flags.slice);
  if (slice !== undefined) o.sliceS = slice;
  if (flags.ramp !== undefined) {
    const ramp = parseRamp(flags.ramp);
    if (ramp === undefined || ramp.from > B.rate.max || ramp.to > B.rate.max) {
      throw new UsageError(`--ramp expects FROM..TO/OVER (requests per second per target, TO above 0, at most ${B.rate.max}), e.g. 1..20/60s, got "${flags.ramp}".`, 'The rate rises linearly from FROM to TO over OVER (90s, 10m, 1h), then stays at TO.');
    }
    o.ramp = ramp;
  }
  return o;
}

/** A time flag (--duration, --slice) in seconds; a clear error for anything but 90s, 10m, 1h and the like. */
function durationFlag(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = parseDuration(raw);
  if (s === undefined) throw new UsageError(`${flag} expects a time such as 90s, 10m or 1h (at most 7 days), got "${raw}".`);
  return s;
}

/** `--shard i/n`. */
export function shardFlag(raw: string | undefined): Shard | undefined {
  if (raw === undefined) return undefined;
  const s = parseShard(raw);
  if (typeof s === 'string') throw new UsageError(s, 'For example --shard 2/4 on the second of four machines (a Kubernetes Indexed Job: --shard $((JOB_COMPLETION_INDEX + 1))/4).');
  return s;
}

/** `--start-at`: the epoch ms to wait for. */
export function startAtFlag(raw: string | undefined, nowMs: number): number | undefined {
  if (raw === undefined) return undefined;
  const r = parseStartAt(raw, nowMs);
  if ('error' in r) throw new UsageError(r.error, r.hint);
  return r.atMs;
}


/** Sleep until `atMs` (epoch), saying how long on stderr; false when interrupted first (nothing has been sent). */
export async function waitForStart(atMs: number, err: (s: string) => void, signal: AbortSignal): Promise<boolean> {
  const wait = atMs - Date.now();
  if (wait <= 0) {
    err(`--start-at ${new Date(atMs).toISOString()} has passed: starting now.\n`);
    return !signal.aborted;
  }
  err(`Waiting ${formatWait(wait)} until ${new Date(atMs).toISOString()} (--start-at); Ctrl-C stops without sending anything.\n`);
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, wait);
    signal.addEventListener('abort', done, { once: true });
  });
  return !signal.aborted;
}

