import type { EncodedHistogram } from '../bench/document.js';
import { mulberry32 } from '../bench/random.js';
import { BOOTSTRAP_RESAMPLES, quantileBy } from '../bench/stats.js';
import { histogramBuckets, rankReader, type Bucket } from '../histogram/hdr.js';

/**
 * The overhead of pooled runs, from their merged histograms. A single run resamples whole rounds, which keeps
 * each round's target and baseline paired; merged summaries no longer hold rounds, so here each side's
 * histogram is resampled on its own. That interval is wider than a paired one would be (it also carries the
 * round-to-round drift the pairing cancels): conservative, never flattering.
 */

interface Side {
  buckets: Bucket[];
  /** Bucket index of each 0-based rank, so a draw is one lookup. */
  bucketOfRank: Uint32Array;
  n: number;
}

function side(e: EncodedHistogram): Side {
  const buckets = histogramBuckets(e);
  const n = buckets.reduce((a, b) => a + b.count, 0);
  const bucketOfRank = new Uint32Array(n);
  let k = 0;
  buckets.forEach((b, i) => bucketOfRank.fill(i, k, (k += b.count)));
  return { buckets, bucketOfRank, n };
}

/** p50 and p90 (type 7) of one resample of a side: n draws with replacement, tallied per bucket. */
function resampled(s: Side, random: () => number, tally: Uint32Array): [number, number] {
  tally.fill(0);
  for (let i = 0; i < s.n; i++) tally[s.bucketOfRank[Math.floor(random() * s.n)]!]! += 1;
  const drawn = s.buckets.map((b, i) => ({ ...b, count: tally[i]! }));
  const at = rankReader(drawn);
  return [quantileBy(s.n, 0.5, at), quantileBy(s.n, 0.9, at)];
}

export interface HistogramDelta {
  p50: number;
  p90: number;
  ci50: [number, number];
  ci90: [number, number];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * target − baseline in p50 and p90, with 95% percentile-bootstrap intervals (B seeded resamples; the interval is
 * the 2.5th–97.5th percentile, type 7, of the B differences). Undefined when either side is empty.
 */
export function histogramDelta(target: EncodedHistogram, baseline: EncodedHistogram, seed: number, resamples = BOOTSTRAP_RESAMPLES): HistogramDelta | undefined {
  const t = side(target);
  const b = side(baseline);
  if (t.n === 0 || b.n === 0) return undefined;
  const point = (s: Side) => {
    const at = rankReader(s.buckets);
    return [quantileBy(s.n, 0.5, at), quantileBy(s.n, 0.9, at)] as const;
  };
  const [t50, t90] = point(t);
  const [b50, b90] = point(b);
  const random = mulberry32(seed);
  const tt = new Uint32Array(t.buckets.length);
  const tb = new Uint32Array(b.buckets.length);
  const d50 = new Float64Array(resamples);
  const d90 = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) {
    const [x50, x90] = resampled(t, random, tt);
    const [y50, y90] = resampled(b, random, tb);
    d50[i] = x50 - y50;
    d90[i] = x90 - y90;
  }
  d50.sort();
  d90.sort();
  const ci = (d: Float64Array): [number, number] => [round3(quantileBy(resamples, 0.025, (k) => d[k]!)), round3(quantileBy(resamples, 0.975, (k) => d[k]!))];
  return { p50: round3(t50 - b50), p90: round3(t90 - b90), ci50: ci(d50), ci90: ci(d90) };
}
