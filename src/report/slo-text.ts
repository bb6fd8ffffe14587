import { fmtMs } from '../bench/stats.js';
import type { TargetSlo } from '../bench/slo-document.js';
import { formatNumber } from '../format.js';
import { rowName, type BenchTarget, type BenchView } from './bench-input.js';

/**
 * SLO sentences shared by the terminal, markdown and HTML reports (pure). The difference from the baseline is
 * stated only as strongly as its interval allows: "lower" or "higher" only when the whole 95% interval is on
 * that side of zero, else "no detectable difference".
 */

const pct = (x: number) => `${formatNumber(x * 100, 1)}%`;
/** Percentage points, signed: +2.5, −3.0 (one decimal). */
const points = (x: number) => {
  const s = Math.abs(x * 100).toFixed(1);
  return `${x < 0 && Number(s) !== 0 ? '−' : x > 0 && Number(s) !== 0 ? '+' : ''}${s}`;
};
const bound = (ms: number) => (ms >= 1000 && ms % 100 === 0 ? `${formatNumber(ms / 1000, 1)} s` : `${fmtMs(ms)} ms`);

/** The SLO the rows were judged against, or undefined when no row carries one. */
export function sloOf(b: Pick<BenchView, 'targets'>): TargetSlo | undefined {
  return b.targets.find((t) => t.slo)?.slo ?? undefined;
}

/** "TTFT ≤ 500 ms, e2e ≤ 3 s for 95% of requests". */
export function sloObjective(s: Pick<TargetSlo, 'bounds' | 'target'>): string {
  const parts = [
    s.bounds.ttftMs !== null && `TTFT ≤ ${bound(s.bounds.ttftMs)}`,
    s.bounds.itlMs !== null && `ITL ≤ ${bound(s.bounds.itlMs)}`,
    s.bounds.e2eMs !== null && `e2e ≤ ${bound(s.bounds.e2eMs)}`,
  ].filter(Boolean);
  return `${parts.join(', ')} for ${pct(s.target)} of requests`;
}

/** The heading of an SLO section; the open loop says which clock the latencies were judged by. */
export function sloHeading(b: BenchView, s: TargetSlo): string {
  const open = (b.run ?? b.merge?.runs[0]?.run)?.mode === 'open';
  return `SLO: ${sloObjective(s)}${open ? ' (latency from the scheduled send)' : ''}; failed requests count as misses`;
}

/** "96.5% (193/200) ≥ 95%: met" or "… < 95%: missed". */
export function attainmentText(s: TargetSlo): string {
  if (s.attainment === null) return 'nothing sent';
  return `${pct(s.attainment)} (${s.good}/${s.total}) ${s.met ? '≥' : '<'} ${pct(s.target)}: ${s.met ? 'met' : 'missed'}`;
}

export const goodputText = (s: TargetSlo): string => `goodput ${formatNumber(s.goodputRps, 2)} req/s`;

/** The difference from the baseline in words, as strongly as its interval allows; undefined for the baseline. */
export function vsBaselineText(s: TargetSlo, baseline: string): string | undefined {
  const v = s.vsBaseline;
  if (v === null) return undefined;
  if (v.ci95 === null) {
    return v.rounds < 2
      ? `cannot be compared with ${baseline} (${v.rounds} paired round${v.rounds === 1 ? '' : 's'}; at least 2 are needed)`
      : `${points(v.difference)} points against ${baseline} (no interval: pooled shards lose the round pairing)`;
  }
  const [lo, hi] = v.ci95;
  if (lo === 0 && hi === 0) return `the same SLO attainment as ${baseline} in every resample (${v.rounds} rounds)`;
  const range = `${points(lo)} to ${points(hi)} points`;
  if (hi < 0) return `meets the SLO less often than ${baseline}: ${points(v.difference)} points (${range})`;
  if (lo > 0) return `meets the SLO more often than ${baseline}: ${points(v.difference)} points (${range})`;
  return `no detectable difference from ${baseline} in SLO attainment (${range}, ${v.rounds} rounds)`;
}

/** The baseline's display name, for the difference sentences. */
export const baselineName = (b: Pick<BenchView, 'targets'>): string => b.targets.find((t) => t.baseline)?.name ?? 'the baseline';

/** One target's whole SLO sentence: "litellm: 96.5% (193/200) ≥ 95%: met; goodput 9.65 req/s; no detectable …". */
export function sloSentence(t: BenchTarget, baseline: string): string | undefined {
  const s = t.slo;
  if (!s) return undefined;
  const vs = vsBaselineText(s, baseline);
  return `${rowName(t)}: ${attainmentText(s)}; ${goodputText(s)}${vs ? `; ${vs}` : ''}`;
}
