import { histogramBuckets } from '../histogram/hdr.js';
import type { BenchTarget, RequestRecord, Stats } from './bench-input.js';

/**
 * What the report draws a target's latency distribution from, best first: the raw per-request values
 * (requests.jsonl of an --out folder), else the summary's HDR histogram, else only its percentiles (an
 * approximation the charts label as such).
 */
export type DistributionSource = 'requests' | 'histogram' | 'percentiles';

export interface Distribution {
  source: DistributionSource;
  /** [value, count], ascending by value. */
  points: Array<[number, number]>;
  n: number;
}

export type LatencyMetric = 'ttft' | 'e2e';

const FIELD = { ttft: 'ttftMs', e2e: 'e2eMs' } as const;

function fromValues(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const points: Array<[number, number]> = [];
  for (const v of sorted) {
    const last = points.at(-1);
    if (last && last[0] === v) last[1] += 1;
    else points.push([v, 1]);
  }
  return { source: 'requests', points, n: sorted.length };
}

/** Percentile points of the summary as a stepwise distribution: [min, p50, p90, p95, p99, max]. */
function fromStats(s: Stats): Distribution | undefined {
  if (s.n === 0 || s.min === null || s.max === null) return undefined;
  const marks: Array<[number | null, number]> = [
    [s.min, 0],
    [s.p50, 0.5],
    [s.p90, 0.9],
    [s.p95, 0.95],
    [s.p99, 0.99],
    [s.max, 1],
  ];
  const points: Array<[number, number]> = [];
  let prev = 0;
  for (const [v, q] of marks) {
    if (v === null) continue;
    points.push([v, (q - prev) * s.n]);
    prev = q;
  }
  return { source: 'percentiles', points, n: s.n };
}

/** The distribution of a latency metric of one target (one row: a target, at an origin when merged). */
export function latencyDistribution(t: BenchTarget, metric: LatencyMetric, requests?: readonly RequestRecord[]): Distribution | undefined {
  if (requests && t.origin === undefined) {
    const values = requests.filter((r) => r.target === t.name && r.errorClass === null).map((r) => r[FIELD[metric]]).filter((v): v is number => v !== null);
    if (values.length > 0) return fromValues(values);
  }
  const h = t.histograms?.[metric];
  if (h) {
    const buckets = histogramBuckets(h);
    return { source: 'histogram', points: buckets.map(([, hi, c]) => [hi, c]), n: buckets.reduce((a, b) => a + b[2], 0) };
  }
  return fromStats(t.latencyMs[metric]);
}

/** Cumulative share at each value: [value, share of requests at or below it]. */
export function cdf(d: Distribution): Array<[number, number]> {
  let seen = 0;
  return d.points.map(([v, c]) => {
    seen += c;
    return [v, d.n === 0 ? 0 : seen / d.n];
  });
}
