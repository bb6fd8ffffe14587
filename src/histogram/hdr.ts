import * as hdr from 'hdr-histogram-js';
import type { EncodedHistogram, Stats } from '../report/bench-input.js';

/**
 * Mergeable latency histograms (HdrHistogram, via hdr-histogram-js in its pure-JS mode: no WebAssembly).
 *
 * A summary carries one encoded histogram per metric, so the runs of several machines can be merged and their
 * percentiles computed from the merged counts — never by averaging percentiles, which is wrong for any
 * distribution that is not identical everywhere. Values are recorded as integers `round(value × scale)`:
 * milliseconds with scale 1000 are recorded in microseconds. With 3 significant digits every recorded value
 * is kept to within 0.1% (exactly, below 2,048 units).
 *
 * Percentile method (the same for one run and for merged runs): nearest rank — the smallest recorded value
 * with at least ⌈p × n⌉ values at or below it — reported as the upper bound of its histogram bucket.
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

function decode(e: EncodedHistogram): hdr.Histogram {
  if (e.encoding !== HISTOGRAM_ENCODING) throw new Error(`unknown histogram encoding "${String(e.encoding)}"`);
  return hdr.decodeFromCompressedBase64(e.data, 'packed', false);
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

/** n, p50/p90/p95/p99, mean, min and max in the recorded unit (e.g. ms). All null but n when empty. */
export function histogramStats(e: EncodedHistogram): Stats {
  const h = decode(e);
  try {
    const n = h.totalCount;
    if (n === 0) return { n: 0, p50: null, p90: null, p95: null, p99: null, mean: null, min: null, max: null };
    const at = (p: number) => h.getValueAtPercentile(p) / e.scale;
    return { n, p50: at(50), p90: at(90), p95: at(95), p99: at(99), mean: h.mean / e.scale, min: h.minNonZeroValue / e.scale, max: h.maxValue / e.scale };
  } finally {
    h.destroy();
  }
}

/**
 * Counts per bucket: [lowest, highest equivalent value, count] in the recorded unit, ascending. The highest
 * equivalent value is what the percentiles above report for a bucket.
 */
export function histogramBuckets(e: EncodedHistogram): Array<[number, number, number]> {
  // Decoding without WebAssembly always yields a JsHistogram, which exposes its bucket iterator.
  const h = decode(e) as hdr.JsHistogram;
  try {
    const out: Array<[number, number, number]> = [];
    const it = h.recordedValuesIterator;
    it.reset();
    while (it.hasNext()) {
      const v = it.next();
      out.push([h.lowestEquivalentValue(v.valueIteratedTo) / e.scale, h.highestEquivalentValue(v.valueIteratedTo) / e.scale, v.countAtValueIteratedTo]);
    }
    return out;
  } finally {
    h.destroy();
  }
}
