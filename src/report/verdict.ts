import { fisherExact } from '../bench/fisher.js';
import { fmtMs, intervalDecimals } from '../bench/stats.js';
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

function fastest(b: BenchView, rows: readonly BenchTarget[]): VerdictLine {
  const metric = metricOf(rows);
  const ranked = rows.filter((t) => t.latencyMs[metric].p50 !== null).sort((x, y) => x.latencyMs[metric].p50! - y.latencyMs[metric].p50!);
  const [first, second] = ranked;
  const label = 'Fastest';
  if (first === undefined || second === undefined) return { kind: 'fastest', label, text: `not known: fewer than two gateways have a ${metricName(metric)} p50` };
  const m = metricName(metric);
  const pair = b.pairwise?.find((p) => p.metric === metric && !first.origin && !second.origin && ((p.a === first.name && p.b === second.name) || (p.a === second.name && p.b === first.name)));
  if (pair === undefined || pair.ci95 === null || pair.p50DeltaMs === null) {
    const why = pair ? `${pair.n} paired rounds are too few for an interval` : 'this summary has no paired comparison (a merge, or written before it was recorded), so how sure is not known';
    return { kind: 'fastest', label, text: `${rowName(first)} by ${m} p50 (${fmtMs(first.latencyMs[metric].p50!)} ms against ${rowName(second)}'s ${fmtMs(second.latencyMs[metric].p50!)} ms); ${why}` };
  }
  // Oriented as first − second: negative when first is faster.
  const flip = pair.a === first.name ? 1 : -1;
  const d = pair.p50DeltaMs * flip;
  const ci = (flip === 1 ? pair.ci95 : [-pair.ci95[1], -pair.ci95[0]]) as [number, number];
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
  const [first, second] = priced;
  const a = first!.cost.per1kRequestsUsd!;
  if (second === undefined) return { kind: 'cheapest', label, text: `${rowName(first!)} is the only gateway with a known cost: ${formatUsd(a)} per 1k requests` };
  const b = second.cost.per1kRequestsUsd!;
  // Costs are summed from prices and token counts, not sampled: no interval; a difference under 0.05% is rounding.
  if (b - a < 1e-9 || (b - a) / b < 0.0005) return { kind: 'cheapest', label, text: `${rowName(first!)} and ${rowName(second)} cost the same, ${formatUsd(a)} per 1k requests` };
  const pct = a > 0 ? ` (${formatNumber(((b - a) / b) * 100, 1)}%)` : '';
  return { kind: 'cheapest', label, text: `${rowName(first!)}, ${formatUsd(a)} per 1k requests, ${formatUsd(b - a)}${pct} less than ${rowName(second)} (${formatUsd(b)}; ${first!.cost.source} cost)` };
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
