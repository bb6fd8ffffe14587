import { histogramBuckets } from '../histogram/hdr.js';
import type { BenchTarget, RequestRecord } from './bench-input.js';

/**
 * What the report draws a target's latency distribution from: the raw per-request values (requests.jsonl of an
 * --out folder) when it has them, else the summary's HDR histogram (every value to within 0.1%).
 */
export type DistributionSource = 'requests' | 'histogram';

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

/** The distribution of a latency metric of one target (one row: a target, at an origin when merged). */
export function latencyDistribution(t: BenchTarget, metric: LatencyMetric, requests?: readonly RequestRecord[]): Distribution | undefined {
  if (requests && t.origin === undefined) {
    const values = requests.filter((r) => r.target === t.name && r.errorClass === null).map((r) => r[FIELD[metric]]).filter((v): v is number => v !== null);
    if (values.length > 0) return fromValues(values);
  }
  const buckets = histogramBuckets(t.histograms[metric]);
  const n = buckets.reduce((a, b) => a + b.count, 0);
  return n === 0 ? undefined : { source: 'histogram', points: buckets.map((b) => [b.mid, b.count]), n };
}

/** Cumulative share at each value: [value, share of requests at or below it]. */
export function cdf(d: Distribution): Array<[number, number]> {
  let seen = 0;
  return d.points.map(([v, c]) => {
    seen += c;
    return [v, d.n === 0 ? 0 : seen / d.n];
  });
}
