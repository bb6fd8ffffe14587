import * as hdr from 'hdr-histogram-js';
import type { EncodedHistogram } from '../bench/document.js';
import { statsFrom, type Stats } from '../bench/stats.js';

/**
 * Mergeable latency histograms (HdrHistogram, via hdr-histogram-js in its pure-JS mode: no WebAssembly).
 *
 * A summary carries one encoded histogram per distribution, so the runs of several machines can be merged and
 * their percentiles computed from the merged counts — never by averaging percentiles, which is wrong for any
 * distribution that is not identical everywhere. Values are recorded as integers `round(value × scale)`:
 * milliseconds with scale 1000 are recorded in microseconds. With 3 significant digits every value is kept to
 * within 0.1% (exactly, below 2,048 units).
 *
 * Percentiles: the benchmark's one method (type 7, src/bench/stats.ts) over the recorded values, each read as
 * the middle of its bucket — so a histogram's p50 is a single run's p50 to within half a bucket (0.05%).
 */

export const DEFAULT_SCALE = 1000;
export const DEFAULT_SIGNIFICANT_DIGITS = 3;
export const HISTOGRAM_ENCODING = 'hdr-v2-compressed-base64' as const;

export interface HistogramOptions {
  scale?: number;
  significantDigits?: number;
}

function empty(significantDigits: number): hdr.Histogram {
  // autoResize: no ceiling to guess (a 10-minute stall is still a value); 'packed' keeps sparse ones small.
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 2, autoResize: true, numberOfSignificantValueDigits: significantDigits as 1 | 2 | 3 | 4 | 5, bitBucketSize: 'packed', useWebAssembly: false });
}

function record(h: hdr.Histogram, values: Iterable<number>, scale: number): void {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`a histogram records finite values ≥ 0, got ${v}`);
    // 0 is kept as the smallest discernible value so that it still counts.
    h.recordValue(Math.max(1, Math.round(v * scale)));
  }
}

const encode = (h: hdr.Histogram, scale: number, significantDigits: number): EncodedHistogram => ({
  encoding: HISTOGRAM_ENCODING,
  scale,
  significantDigits,
  data: hdr.encodeIntoCompressedBase64(h),
});

/** Record raw values (e.g. TTFT in ms) into an encoded histogram. */
export function encodeValues(values: Iterable<number>, opts: HistogramOptions = {}): EncodedHistogram {
  const scale = opts.scale ?? DEFAULT_SCALE;
  const digits = opts.significantDigits ?? DEFAULT_SIGNIFICANT_DIGITS;
  const h = empty(digits);
  try {
    record(h, values, scale);
    return encode(h, scale, digits);
  } finally {
    h.destroy();
  }
}

function decode(e: EncodedHistogram): hdr.JsHistogram {
  if (e.encoding !== HISTOGRAM_ENCODING) throw new Error(`unknown histogram encoding "${String(e.encoding)}"`);
  // Decoding without WebAssembly always yields a JsHistogram, which exposes its bucket iterator.
  return hdr.decodeFromCompressedBase64(e.data, 'packed', false) as hdr.JsHistogram;
}

/** Histograms can be merged only when they record on the same scale with the same precision. */
export function compatible(a: EncodedHistogram, b: EncodedHistogram): boolean {
  return a.encoding === b.encoding && a.scale === b.scale && a.significantDigits === b.significantDigits;
}

/** Add histograms together, as if every value had been recorded into one. Throws on incompatible ones. */
export function mergeHistograms(list: readonly EncodedHistogram[]): EncodedHistogram {
  const [first] = list;
  if (!first) throw new Error('nothing to merge');
  const bad = list.find((e) => !compatible(first, e));
  if (bad) throw new Error(`histograms differ in scale or precision (${first.scale}/${first.significantDigits} vs ${bad.scale}/${bad.significantDigits})`);
  const sum = empty(first.significantDigits);
  try {
    for (const e of list) {
      const h = decode(e);
      sum.add(h);
      h.destroy();
    }
    return encode(sum, first.scale, first.significantDigits);
  } finally {
    sum.destroy();
  }
}

/** One bucket: its lowest and highest equivalent values, its middle, and its count, in the recorded unit. */
export interface Bucket {
  lo: number;
  hi: number;
  mid: number;
  count: number;
}

/** The recorded buckets, ascending; their counts add up to n. */
export function histogramBuckets(e: EncodedHistogram): Bucket[] {
  const h = decode(e);
  try {
    const out: Bucket[] = [];
    const it = h.recordedValuesIterator;
    it.reset();
    while (it.hasNext()) {
      const v = it.next();
      const at = v.valueIteratedTo;
      out.push({ lo: h.lowestEquivalentValue(at) / e.scale, hi: h.highestEquivalentValue(at) / e.scale, mid: h.medianEquivalentValue(at) / e.scale, count: v.countAtValueIteratedTo });
    }
    return out;
  } finally {
    h.destroy();
  }
}

/** The value at a 0-based rank of the multiset the buckets stand for (each value read as its bucket's middle). */
export function rankReader(buckets: readonly Bucket[]): (rank: number) => number {
  const cum: number[] = [];
  let n = 0;
  for (const b of buckets) cum.push((n += b.count));
  return (rank) => {
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > rank) hi = mid;
      else lo = mid + 1;
    }
    return buckets[lo]!.mid;
  };
}

/**
 * n, p50/p90/p95/p99 (type 7), mean, min and max in the recorded unit (e.g. ms), as `describe` gives them for raw
 * values. `moments` replaces the histogram's own mean, min and max with exact ones where the caller has them.
 */
export function histogramStats(e: EncodedHistogram, moments?: { mean: number; min: number; max: number } | null): Stats {
  const buckets = histogramBuckets(e);
  const n = buckets.reduce((a, b) => a + b.count, 0);
  if (n === 0) return statsFrom(0, () => NaN, null);
  const own = { mean: buckets.reduce((a, b) => a + b.mid * b.count, 0) / n, min: buckets[0]!.lo, max: buckets.at(-1)!.hi };
  return statsFrom(n, rankReader(buckets), moments ?? own);
}
