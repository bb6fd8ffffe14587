import { mulberry32, subSeed } from './random.js';

/**
 * Statistics for the benchmark (pure).
 *
 * Percentiles: one method everywhere — linear interpolation between closest ranks (Hyndman & Fan type 7, the
 * default of R, NumPy and spreadsheet PERCENTILE.INC): for sorted x[0..n−1] and q in [0, 1], h = (n − 1)·q and
 * P(q) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 *
 * A percentile q is flagged as unsupported when n < 1 / (1 − q) — fewer samples than it takes for one to lie
 * above it (p50 needs 2, p90 10, p95 20, p99 100): the number is still given, but it is an interpolation
 * between the top samples, not a tail estimate.
 */

/**
 * Type-7 quantile of n ascending values, read through `at(rank)` (0-based): an array, or the runs of a
 * histogram (src/histogram/hdr.ts), so one run and merged runs use the same method. NaN when n = 0.
 */
export function quantileBy(n: number, q: number, at: (rank: number) => number): number {
  if (n === 0) return NaN;
  // n = 1 needs no case of its own: h = 0 reads rank 0 with weight 0 on the (clamped) rank above.
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = at(lo);
  return a + (h - lo) * (at(hi) - a);
}

// Functions rather than arrow constants: an arrow's mutant is fixed when the module loads (docs/testing.md).

/** Type-7 quantile of an ascending array; NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  return quantileBy(sorted.length, q, (k) => sorted[k]!);
}

export function quantile(values: readonly number[], q: number): number {
  return quantileSorted(Float64Array.from(values).sort(), q);
}

export const PERCENTILES = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
] as const;
export type PercentileName = (typeof PERCENTILES)[number][0];

/** The smallest n that supports percentile q: n ≥ 1/(1−q), with a little slack for binary fractions. */
export function minSamplesFor(q: number): number {
  return Math.ceil(1 / (1 - q) - 1e-9);
}

export interface Stats {
  n: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Percentiles this n cannot support (see above). */
  unsupported: PercentileName[];
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function describe(values: readonly (number | null)[]): Stats {
  const xs = Float64Array.from(values.filter((v): v is number => Number.isFinite(v))).sort();
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  return statsFrom(n, (k) => xs[k]!, n === 0 ? null : { mean: sum / n, min: xs[0]!, max: xs[n - 1]! });
}

/**
 * Statistics of n ascending values read through `at(rank)`, with their mean, min and max (given, so that merged
 * runs can pass exact ones). All null but n when n = 0.
 */
export function statsFrom(n: number, at: (rank: number) => number, moments: { mean: number; min: number; max: number } | null): Stats {
  if (n === 0 || moments === null) return { n: 0, p50: null, p90: null, p95: null, p99: null, mean: null, min: null, max: null, unsupported: PERCENTILES.map(([name]) => name) };
  const out: Stats = { n, p50: 0, p90: 0, p95: 0, p99: 0, mean: round3(moments.mean), min: round3(moments.min), max: round3(moments.max), unsupported: [] };
  for (const [name, q] of PERCENTILES) {
    out[name] = round3(quantileBy(n, q, at));
    if (n < minSamplesFor(q)) out.unsupported.push(name);
  }
  return out;
}

/** One round's values of the compared metric: the target's and the baseline's (ok requests only). */
export interface RoundPair {
  target: number[];
  baseline: number[];
}

export interface Delta {
  /** Rounds in which both had a value. */
  n: number;
  p50: number;
  p90: number;
  ci50: [number, number];
  ci90: [number, number];
}

export const BOOTSTRAP_RESAMPLES = 2000;

/**
 * The difference target − baseline in the p50 and p90 of a metric, with 95% percentile-bootstrap intervals.
 *
 * Resampling unit: the round. Interleaved rounds send to every target within moments of each other, so drift
 * (network, provider load) is shared within a round; drawing whole rounds with replacement keeps that pairing,
 * and the interval reflects round-to-round variation rather than pretending the samples are independent.
 * B resamples (seeded), each giving p(target values in the drawn rounds) − p(baseline values in them); the
 * interval is the 2.5th–97.5th percentile of those B differences (type 7, as everywhere).
 */
export function percentileDelta(rounds: readonly RoundPair[], seed: number, resamples = BOOTSTRAP_RESAMPLES): Delta | undefined {
  const usable = rounds.filter((r) => r.target.length > 0 && r.baseline.length > 0);
  const n = usable.length;
  if (n < 2) return undefined;
  // Each side's values sorted once, with the round each came from; a resample is then only how many times
  // each round was drawn, and its percentiles are found by one walk — no sort per resample.
  const target = sortedByValue(usable, 'target');
  const baseline = sortedByValue(usable, 'baseline');
  const counts = new Int32Array(n).fill(1);
  const point = deltaOf(target, baseline, counts);
  const rng = mulberry32(subSeed(seed, 'bootstrap'));
  const d50 = new Float64Array(resamples);
  const d90 = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(rng() * n)]! += 1;
    const d = deltaOf(target, baseline, counts);
    d50[b] = d.p50;
    d90[b] = d.p90;
  }
  d50.sort();
  d90.sort();
  return {
    n,
    p50: round3(point.p50),
    p90: round3(point.p90),
    ci50: [round3(quantileSorted(d50, 0.025)), round3(quantileSorted(d50, 0.975))],
    ci90: [round3(quantileSorted(d90, 0.025)), round3(quantileSorted(d90, 0.975))],
  };
}

/** One side's values in ascending order, each with the index of its round. */
interface Sorted {
  values: Float64Array;
  round: Int32Array;
}

function sortedByValue(rounds: readonly RoundPair[], side: keyof RoundPair): Sorted {
  const pairs: [number, number][] = [];
  rounds.forEach((r, i) => {
    for (const v of r[side]) pairs.push([v, i]);
  });
  pairs.sort((a, b) => a[0] - b[0]);
  return { values: Float64Array.from(pairs, (p) => p[0]), round: Int32Array.from(pairs, (p) => p[1]) };
}

/**
 * Type-7 p50 and p90 of the multiset in which every value of round r appears counts[r] times: the same numbers
 * as sorting the drawn rounds' values and calling quantileSorted, found by walking the sorted values once.
 */
function quantiles5090(s: Sorted, counts: Int32Array): [number, number] {
  let m = 0;
  for (let j = 0; j < s.round.length; j++) m += counts[s.round[j]!]!;
  const ranks = [0.5, 0.9].map((q) => {
    const h = (m - 1) * q;
    const lo = Math.floor(h);
    return { lo, hi: Math.min(lo + 1, m - 1), frac: h - lo };
  });
  // The ranks to read (p50's two, then p90's two) and what the walk finds at each. The walk needs them in
  // ascending order, which p50's upper rank and p90's lower one are not when both fall in one gap (three values
  // or fewer: ranks 1, 2, 1, 2), so it visits them sorted and files each under its own place.
  const wanted = ranks.flatMap((r) => [r.lo, r.hi]);
  const order = [0, 1, 2, 3].sort((a, b) => wanted[a]! - wanted[b]!);
  const found = new Float64Array(wanted.length);
  let k = 0;
  let seen = 0;
  for (let j = 0; j < s.values.length && k < order.length; j++) {
    seen += counts[s.round[j]!]!;
    while (k < order.length && wanted[order[k]!]! < seen) found[order[k++]!] = s.values[j]!;
  }
  return [0, 1].map((i) => {
    const a = found[2 * i]!;
    return a + ranks[i]!.frac * (found[2 * i + 1]! - a);
  }) as [number, number];
}

function deltaOf(target: Sorted, baseline: Sorted, counts: Int32Array): { p50: number; p90: number } {
  const [t50, t90] = quantiles5090(target, counts);
  const [b50, b90] = quantiles5090(baseline, counts);
  return { p50: t50 - b50, p90: t90 - b90 };
}

/** A duration for humans: whole ms from 10, one decimal from 1, two below. */
export function fmtMs(x: number, decimals?: number): string {
  const a = Math.abs(x);
  const d = decimals ?? (a >= 10 ? 0 : a >= 1 ? 1 : 2);
  const s = a.toFixed(d);
  return (x < 0 && Number(s) !== 0 ? '−' : '') + s;
}

/**
 * Decimals that show an interval's width without false precision — but enough that a bound which is not zero
 * does not print as 0 (an interval "0–8 ms" under "adds" would read as a contradiction).
 */
export const intervalDecimals = (lo: number, hi: number): number => {
  const w = Math.abs(hi - lo);
  let d = w >= 5 ? 0 : w >= 0.5 ? 1 : 2;
  const showsZero = (x: number) => x !== 0 && Number(Math.abs(x).toFixed(d)) === 0;
  while (d < 2 && (showsZero(lo) || showsZero(hi))) d++;
  return d;
};

/** "+12 ms (9–15)": a difference and its interval, signed, for reasons and tables. */
export function fmtDelta(p50: number, ci: readonly [number, number]): string {
  const d = intervalDecimals(ci[0], ci[1]);
  const signed = (x: number) => (x > 0 ? '+' : '') + fmtMs(x, d);
  return `${signed(p50)} ms (${fmtMs(ci[0], d)}–${fmtMs(ci[1], d)})`;
}

/**
 * The verdict in words, from the p50 difference and its interval: "litellm adds 12 ms (9–15 ms) to TTFT",
 * "… is 3.1 ms faster in e2e (1.2–5.0 ms)", or "… makes no detectable difference to TTFT at this sample size".
 */
export function verdict(name: string, metric: string, d: Delta | undefined, n: number): string {
  if (d === undefined) return `${name} cannot be compared on ${metric}: ${n} paired round${n === 1 ? '' : 's'} (at least 2 are needed)`;
  const [lo, hi] = d.ci50;
  const dec = intervalDecimals(lo, hi);
  const f = (x: number) => fmtMs(x, dec);
  if (lo > 0) return `${name} adds ${f(d.p50)} ms (${f(lo)}–${f(hi)} ms) to ${metric}`;
  if (hi < 0) return `${name} is ${f(-d.p50)} ms faster in ${metric} (${f(-hi)}–${f(-lo)} ms)`;
  const signed = (x: number) => (x > 0 ? `+${f(x)}` : f(x));
  return `${name} makes no detectable difference to ${metric} at this sample size (${signed(lo)} to ${signed(hi)} ms, n=${d.n})`;
}
