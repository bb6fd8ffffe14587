import { fisherExact } from '../bench/fisher.js';
import type { Pairwise } from '../bench/document.js';
import { pairVerdict } from '../bench/pairwise.js';
import { fmtMs, intervalDecimals, type Delta } from '../bench/stats.js';
import { formatNumber, formatUsd } from '../format.js';
import { rowName, type BenchTarget, type BenchView } from './bench-input.js';

/**
 * The answer first (pure): the fastest and the cheapest gateway, and the most reliable when error rates differ,
 * each with its difference to the runner-up — no stronger than the data allows. The speed difference and its
 * interval come from the summary's `pairwise` (paired by round at bench time); without it (older summaries,
 * merges) the p50s are compared and the line says no interval is known. The same lines feed the terminal,
 * markdown and HTML.
 */

export interface VerdictLine {
  kind: 'fastest' | 'cheapest' | 'reliable' | 'note';
  /** "Fastest", "Cheapest", "Most reliable", or "" for a note. */
  label: string;
  text: string;
}

/** Below this two-sided p, different failure counts are called a difference. */
const FAILURE_P = 0.05;

const metricName = (m: 'ttft' | 'e2e') => (m === 'ttft' ? 'TTFT' : 'e2e');

/** TTFT when some gateway streamed a first token, else e2e: the latency a user of the gateway waits for. */
function metricOf(rows: readonly BenchTarget[]): 'ttft' | 'e2e' {
  return rows.some((t) => t.latencyMs.ttft.n > 0) ? 'ttft' : 'e2e';
}

export function verdictLines(b: BenchView): VerdictLine[] {
  // Every non-baseline row is a gateway; without a baseline that is every row.
  const gateways = b.targets.filter((t) => !t.baseline);
  const measured = gateways.filter((t) => t.requests.ok > 0);
  if (measured.length === 0) return [{ kind: 'note', label: '', text: gateways.length === 0 ? 'Only the baseline was measured: no gateway to judge.' : 'No gateway had a successful request: nothing to compare.' }];
  const lines: VerdictLine[] = [];
  lines.push(measured.length === 1 ? single(b, measured[0]!) : fastest(b, measured));
  const cheap = cheapest(measured);
  if (cheap) lines.push(cheap);
  const rel = reliable(gateways.filter((t) => t.requests.sent > 0));
  if (rel) lines.push(rel);
  return lines;
}

/** One gateway: nothing to rank; its overhead against the baseline is what there is to say. */
function single(b: BenchView, t: BenchTarget): VerdictLine {
  const metric = metricOf([t]);
  const o = b.overhead.find((x) => x.target === t.name && x.origin === t.origin && x.metric === metric);
  const p50 = t.latencyMs[metric].p50;
  const said = o ? `; against ${o.baseline}: ${o.verdict}` : b.targets.some((x) => x.baseline) ? '' : '; no baseline to measure its overhead against';
  return { kind: 'fastest', label: 'Only gateway', text: `${rowName(t)}, ${metricName(metric)} p50 ${p50 === null ? '—' : `${fmtMs(p50)} ms`}${said}` };
}

/** The pairwise entry of x and y on a metric, oriented as x − y (its verdict reworded to match); undefined when absent. */
export function orientedPair(b: Pick<BenchView, 'pairwise'>, x: string, y: string, metric: 'ttft' | 'e2e'): Pairwise | undefined {
  const p = b.pairwise?.find((q) => q.metric === metric && ((q.a === x && q.b === y) || (q.a === y && q.b === x)));
  if (p === undefined || p.a === x) return p;
  const neg = (v: number | null) => (v === null ? null : -v);
  const flip = (ci: [number, number] | null): [number, number] | null => (ci === null ? null : [-ci[1], -ci[0]]);
  const d = p.p50DeltaMs === null || p.ci95 === null ? undefined : { n: p.n, p50: -p.p50DeltaMs, p90: -(p.p90DeltaMs ?? 0), ci50: flip(p.ci95)!, ci90: flip(p.p90Ci95) ?? [0, 0] };
  return { a: x, b: y, metric, n: p.n, p50DeltaMs: neg(p.p50DeltaMs), p90DeltaMs: neg(p.p90DeltaMs), ci95: flip(p.ci95), p90Ci95: flip(p.p90Ci95), verdict: pairVerdict(x, y, metricName(metric), d as Delta | undefined, p.n) };
}

/** The gateway with the lowest p50 on the verdict's metric, and that metric. */
export function fastestRow(rows: readonly BenchTarget[]): { row: BenchTarget | undefined; metric: 'ttft' | 'e2e' } {
  const metric = metricOf(rows);
  const ranked = rows.filter((t) => t.latencyMs[metric].p50 !== null).sort((x, y) => x.latencyMs[metric].p50! - y.latencyMs[metric].p50!);
  return { row: ranked[0], metric };
}

function fastest(b: BenchView, rows: readonly BenchTarget[]): VerdictLine {
  const metric = metricOf(rows);
  const ranked = rows.filter((t) => t.latencyMs[metric].p50 !== null).sort((x, y) => x.latencyMs[metric].p50! - y.latencyMs[metric].p50!);
  const [first, second] = ranked;
  const label = 'Fastest';
  if (first === undefined || second === undefined) return { kind: 'fastest', label, text: `not known: fewer than two gateways have a ${metricName(metric)} p50` };
  const m = metricName(metric);
  // Merged by label, rows of one name come from different runs: no pairing between them was recorded.
  const pair = first.origin || second.origin ? undefined : orientedPair(b, first.name, second.name, metric);
  if (first.latencyMs[metric].p50 === second.latencyMs[metric].p50 && (pair?.ci95 ?? null) === null) {
    return { kind: 'fastest', label, text: `no difference between ${rowName(first)} and ${rowName(second)}: the same ${m} p50 (${fmtMs(first.latencyMs[metric].p50!)} ms)` };
  }
  if (pair === undefined || pair.ci95 === null || pair.p50DeltaMs === null) {
    const why = pair ? `${pair.n} paired rounds are too few for an interval` : 'this summary has no paired comparison (a merge, or written before it was recorded), so how sure is not known';
    return { kind: 'fastest', label, text: `${rowName(first)} by ${m} p50 (${fmtMs(first.latencyMs[metric].p50!)} ms against ${rowName(second)}'s ${fmtMs(second.latencyMs[metric].p50!)} ms); ${why}` };
  }
  // Oriented as first − second: negative when first is faster.
  const d = pair.p50DeltaMs;
  const ci = pair.ci95;
  const dec = intervalDecimals(ci[0], ci[1]);
  const f = (x: number) => fmtMs(x, dec);
  const n = `p50 over ${pair.n} paired rounds, 95% interval`;
  if (ci[1] < 0) return { kind: 'fastest', label, text: `${rowName(first)}, ${f(-d)} ms (${f(-ci[1])}–${f(-ci[0])}) ahead of ${rowName(second)} in ${m} (${n})` };
  // Paired by round, the other was surely faster: the pairing is the fairer comparison, so it wins.
  if (ci[0] > 0) return { kind: 'fastest', label, text: `${rowName(second)}, ${f(d)} ms (${f(ci[0])}–${f(ci[1])}) ahead of ${rowName(first)} in ${m} (${n}), though ${rowName(first)}'s p50 over all its requests is lower` };
  const signed = (x: number) => (x > 0 ? `+${f(x)}` : f(x));
  return { kind: 'fastest', label, text: `no detectable difference between ${rowName(first)} and ${rowName(second)} in ${m} (${rowName(first)} − ${rowName(second)}: ${signed(d)} ms, ${signed(ci[0])} to ${signed(ci[1])}; ${n})` };
}

function cheapest(rows: readonly BenchTarget[]): VerdictLine | undefined {
  const priced = rows.filter((t) => t.cost.per1kRequestsUsd !== null).sort((x, y) => x.cost.per1kRequestsUsd! - y.cost.per1kRequestsUsd!);
  const label = 'Cheapest';
  if (priced.length === 0) return undefined;
  const cost = (t: BenchTarget) => t.cost.per1kRequestsUsd!;
  const a = cost(priced[0]!);
  if (priced.length === 1) return { kind: 'cheapest', label, text: `${rowName(priced[0]!)} is the only gateway with a known cost: ${formatUsd(a)} per 1k requests` };
  // Costs are summed from prices and token counts, not sampled: no interval; a difference under 0.05% is rounding.
  const same = (x: number) => x - a < 1e-9 || (x - a) / x < 0.0005;
  const tied = priced.filter((t) => same(cost(t)));
  const next = priced.find((t) => !same(cost(t)));
  if (next === undefined) return { kind: 'cheapest', label, text: `${tied.length === 2 ? 'both gateways' : `all ${tied.length} gateways`} cost the same, ${formatUsd(a)} per 1k requests` };
  const b = cost(next);
  const who = tied.map((t) => rowName(t)).join(tied.length === 2 ? ' and ' : ', ');
  return { kind: 'cheapest', label, text: `${who}${tied.length > 1 ? ' (the same)' : ''}, ${formatUsd(a)} per 1k requests, ${formatUsd(b - a)} (${formatNumber(((b - a) / b) * 100, 1)}%) less than ${rowName(next)} (${formatUsd(b)})${sources(tied[0]!, next)}` };
}

/** Said only when the two figures were arrived at differently (one reported by the gateway, one computed). */
function sources(x: BenchTarget, y: BenchTarget): string {
  if (x.cost.source === y.cost.source) return '';
  const how = { gateway: 'reported by the gateway', computed: 'computed from the price table', mixed: 'partly reported', unknown: 'of unknown source' } as const;
  return `; ${rowName(x)}'s cost ${how[x.cost.source]}, ${rowName(y)}'s ${how[y.cost.source]}`;
}

const failures = (t: BenchTarget) => `${t.requests.failed} of ${t.requests.sent} failed`;

/** Only when error rates differ; the best against the best of the rest, with Fisher's exact test on the counts. */
function reliable(rows: readonly BenchTarget[]): VerdictLine | undefined {
  if (rows.length < 2) return undefined;
  const rate = (t: BenchTarget) => t.requests.failed / t.requests.sent;
  const ranked = [...rows].sort((x, y) => rate(x) - rate(y));
  const best = ranked.filter((t) => rate(t) === rate(ranked[0]!));
  const next = ranked.find((t) => rate(t) > rate(ranked[0]!));
  if (next === undefined) return undefined;
  const lead = best[0]!;
  const p = fisherExact(lead.requests.failed, lead.requests.sent, next.requests.failed, next.requests.sent);
  const who = best.map((t) => rowName(t)).join(' and ');
  const counts = `${best.map((t) => `${rowName(t)} ${failures(t)}`).join(', ')}; ${rowName(next)} ${failures(next)}`;
  const test = `Fisher's exact test p = ${p < 0.001 ? '< 0.001' : formatNumber(p, 3)}`;
  if (p < FAILURE_P) return { kind: 'reliable', label: 'Most reliable', text: `${who} (${counts}; ${test})` };
  return { kind: 'reliable', label: 'Reliability', text: `no detectable difference in failures (${counts}; ${test}: too few failures to tell apart)` };
}
