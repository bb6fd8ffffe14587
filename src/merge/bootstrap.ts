import type { EncodedHistogram } from '../report/bench-input.js';
import { histogramBuckets } from '../histogram/hdr.js';

/** A small seeded generator (mulberry32): the same seed gives the same interval on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Dist {
  /** Bucket values, ascending (each bucket's upper bound, as the histogram's percentiles report it). */
  values: number[];
  /** Cumulative counts. */
  cum: number[];
  n: number;
}

function dist(e: EncodedHistogram): Dist {
  const values: number[] = [];
  const cum: number[] = [];
  let n = 0;
  for (const [, hi, count] of histogramBuckets(e)) {
    n += count;
    values.push(hi);
    cum.push(n);
  }
  return { values, cum, n };
}

/** Nearest-rank percentile of a resample of d (n draws with replacement), by counting draws per bucket. */
function resampledPercentile(d: Dist, p: number, random: () => number, tally: Int32Array): number {
  tally.fill(0);
  for (let i = 0; i < d.n; i++) {
    const r = Math.floor(random() * d.n);
    let lo = 0;
    let hi = d.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((d.cum[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    tally[lo] = (tally[lo] as number) + 1;
  }
  const rank = Math.max(1, Math.ceil((p / 100) * d.n));
  let seen = 0;
  for (let i = 0; i < tally.length; i++) {
    seen += tally[i] as number;
    if (seen >= rank) return d.values[i] as number;
  }
  return d.values.at(-1) as number;
}

/**
 * 95% percentile-bootstrap interval of percentile(a) − percentile(b), resampling each histogram's own
 * distribution (the histogram is the sample, to 0.1%). Null when either side is empty.
 */
export function bootstrapDifference(a: EncodedHistogram, b: EncodedHistogram, p: number, seed: number, resamples = 2000): [number, number] | null {
  const da = dist(a);
  const db = dist(b);
  if (da.n === 0 || db.n === 0) return null;
  const random = seededRandom(seed);
  const ta = new Int32Array(da.values.length);
  const tb = new Int32Array(db.values.length);
  const deltas = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) deltas[i] = resampledPercentile(da, p, random, ta) - resampledPercentile(db, p, random, tb);
  deltas.sort();
  const at = (q: number) => deltas[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))] as number;
  return [at(0.025), at(0.975)];
}
