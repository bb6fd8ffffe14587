/**
 * Timed runs and ramps (pure): durations as people write them ("90s", "10m", "1h"), the request count a rate
 * (or a linear ramp of rates) implies over a duration, and the send times of a ramped schedule.
 */

/** Longest run a duration may ask for: a week-long soak is already unusual. */
export const MAX_DURATION_S = 7 * 24 * 3600;

const UNIT_S = { ms: 0.001, s: 1, m: 60, h: 3600 } as const;

/**
 * "90s", "10m", "1.5h", "500ms" → seconds; a bare number is seconds. undefined when it is not one of those,
 * not positive, or longer than a week.
 */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text > 0 && text <= MAX_DURATION_S ? text : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(text);
  if (!m) return undefined;
  const s = Number(m[1]) * UNIT_S[(m[2] ?? 's') as keyof typeof UNIT_S];
  return s > 0 && s <= MAX_DURATION_S ? s : undefined;
}

/** Seconds as the shortest plain form: 600 → "10m", 90 → "90s", 5400 → "90m", 7200 → "2h". */
export function formatDuration(s: number): string {
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600}h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

/** A linear ramp of the rate per target: `from` to `to` requests per second over `overS` seconds, then `to`. */
export interface Ramp {
  from: number;
  to: number;
  overS: number;
}

/** "1..20/60s" (from..to/over) → a ramp; undefined when it is not written so. */
export function parseRamp(text: string): Ramp | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*\.\.\s*(\d+(?:\.\d+)?)\s*\/\s*(\S+)\s*$/.exec(text);
  if (!m) return undefined;
  const overS = parseDuration(m[3]!);
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (overS === undefined || !(to > 0)) return undefined;
  return { from, to, overS };
}

/** Rate per second at time t (s) of a ramp. */
export function rampRate(r: Ramp, t: number): number {
  return t >= r.overS ? r.to : r.from + ((r.to - r.from) * t) / r.overS;
}

/** Requests a ramp sends in its first t seconds (the integral of its rate): a trapezoid, then a rectangle. */
export function rampCount(r: Ramp, t: number): number {
  const u = Math.min(t, r.overS);
  const ramped = r.from * u + ((r.to - r.from) * u * u) / (2 * r.overS);
  return ramped + r.to * Math.max(0, t - r.overS);
}

/**
 * The inverse of rampCount: the time (s) at which the ramp has sent y requests. Inside the ramp it solves
 * (to − from)/(2·overS)·t² + from·t = y in the form 2y / (from + √(from² + 2by)), which stays exact when the
 * ramp is flat (b = 0) and when it starts at 0.
 */
export function rampTimeOf(r: Ramp, y: number): number {
  const atTop = rampCount(r, r.overS);
  if (y >= atTop) return r.overS + (y - atTop) / r.to;
  if (y <= 0) return 0;
  const b = (r.to - r.from) / r.overS;
  return (2 * y) / (r.from + Math.sqrt(r.from * r.from + 2 * b * y));
}

/** Per-target requests a timed open-loop run sends: the rate (or ramp) over the duration, rounded to a whole round. */
export function timedRequests(durationS: number, load: { rate: number } | { ramp: Ramp }): number {
  const n = 'ramp' in load ? rampCount(load.ramp, durationS) : load.rate * durationS;
  // A hair of floating-point error must not add a round (0.1 × 30 is 3.0000000000000004).
  return Math.max(1, Math.ceil(n - 1e-9));
}
