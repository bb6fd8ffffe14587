/**
 * `bench --start-at <ISO time>` (pure): shards on several machines begin together by waiting for one agreed
 * instant. The time must carry its zone (Z or ±hh:mm), so every machine reads the same instant.
 */

/** A start this far in the past is a clock difference or a slow launch: start at once. Further back is a mistake. */
export const START_AT_PAST_SLACK_MS = 5_000;
/** Longer waits are more likely a wrong date than a plan. */
export const START_AT_MAX_AHEAD_MS = 24 * 3600 * 1000;

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The epoch ms to start at, or the message to refuse the time with. */
export function parseStartAt(text: string, nowMs: number): { atMs: number } | { error: string; hint: string } {
  const t = text.trim();
  const atMs = ISO_WITH_ZONE.test(t) ? Date.parse(t) : NaN;
  if (Number.isNaN(atMs)) {
    return { error: `--start-at expects an ISO 8601 time with its zone, e.g. 2026-12-06T18:30:00Z, got "${text}".`, hint: 'Give every shard the same instant, e.g. --start-at "$(date -u -d "+2 min" +%Y-%m-%dT%H:%M:%SZ)".' };
  }
  if (atMs < nowMs - START_AT_PAST_SLACK_MS) {
    return { error: `--start-at ${t} is ${formatWait(nowMs - atMs)} in the past.`, hint: 'Pick a time a little ahead of when every machine will have started.' };
  }
  if (atMs > nowMs + START_AT_MAX_AHEAD_MS) {
    return { error: `--start-at ${t} is ${formatWait(atMs - nowMs)} ahead; at most 24 h is allowed.`, hint: 'Check the date and the zone (Z is UTC).' };
  }
  return { atMs };
}

/** 250_000 ms → "4m 10s"; under a minute "12s"; hours "2h 5m". Whole seconds, rounded up. */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}
