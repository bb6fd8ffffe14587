import type { Pairwise } from './document.js';
import { pairedRounds, roundPairs, streamHash } from './paired.js';
import type { SampleTable } from './samples.js';
import { fmtMs, intervalDecimals, percentileDelta, type Delta } from './stats.js';

/**
 * Gateway against gateway (pure): for every pair of non-baseline targets (a before b in config order) and
 * metric, Δp50 = p50(a) − p50(b) over the rounds in which both succeeded, with the same paired round bootstrap as
 * the overhead against the baseline (src/bench/stats.ts percentileDelta). Computed when the run is summarised:
 * the summary keeps no rounds, so a report cannot pair them afterwards.
 */
export function pairwise(names: readonly string[], metrics: readonly ('ttft' | 'e2e')[], samples: SampleTable, seed: number): Pairwise[] {
  const out: Pairwise[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      for (const metric of metrics) out.push(pairFor(names[i]!, names[j]!, metric, samples, seed));
    }
  }
  return out;
}

function pairFor(a: string, b: string, metric: 'ttft' | 'e2e', samples: SampleTable, seed: number): Pairwise {
  const pairs = roundPairs(samples, a, b, metric);
  const n = pairedRounds(pairs);
  // Its own stream, apart from the overhead's (which hashes one name and the metric).
  const d = percentileDelta(pairs, seed ^ streamHash(`${a}\u0000${b}\u0000${metric}\u0000pairwise`));
  return {
    a,
    b,
    metric,
    n,
    p50DeltaMs: d?.p50 ?? null,
    p90DeltaMs: d?.p90 ?? null,
    ci95: d ? d.ci50 : null,
    p90Ci95: d ? d.ci90 : null,
    verdict: pairVerdict(a, b, metric === 'ttft' ? 'TTFT' : 'e2e', d, n),
  };
}

/**
 * The comparison in words, only as strong as the interval: "a is 36 ms faster than b in TTFT (31–41 ms)", "… slower
 * …", or "no detectable difference between a and b in TTFT at this sample size (−3 to +4 ms, n=20)".
 */
export function pairVerdict(a: string, b: string, metric: string, d: Delta | undefined, n: number): string {
  if (d === undefined) return `${a} and ${b} cannot be compared on ${metric}: ${n} paired round${n === 1 ? '' : 's'} (at least 2 are needed)`;
  const [lo, hi] = d.ci50;
  const dec = intervalDecimals(lo, hi);
  const f = (x: number) => fmtMs(x, dec);
  if (hi < 0) return `${a} is ${f(-d.p50)} ms faster than ${b} in ${metric} (${f(-hi)}–${f(-lo)} ms)`;
  if (lo > 0) return `${a} is ${f(d.p50)} ms slower than ${b} in ${metric} (${f(lo)}–${f(hi)} ms)`;
  const signed = (x: number) => (x > 0 ? `+${f(x)}` : f(x));
  return `no detectable difference between ${a} and ${b} in ${metric} at this sample size (${signed(lo)} to ${signed(hi)} ms, n=${d.n})`;
}
