import { formatNumber } from '../format.js';
import { fmtMs, quantile } from './stats.js';

/**
 * Stream fidelity (pure): did a target pass the stream on as it was generated, or hold it and send it at once?
 * A gateway that buffers the stream makes TTFT the time to the whole answer and ITL ≈ 0, so its tokens/s are
 * absurd. Thresholds and why: docs/bench.md "Stream fidelity and usage audit".
 *
 * With a baseline (direct) the test is relative: a buffering gateway still takes as long as the model to
 * answer, but its first-to-last token span shrinks to the time it takes to send the held bytes, while a gateway
 * that relays keeps the model's span (adding a constant delay moves the span, it does not shrink it). Without a
 * usable baseline it falls back to a weaker absolute check: most content arriving in one burst after a long
 * silence.
 */

/** Gaps between token-bearing chunks up to this count as one burst (bytes of one write, split by the network). */
export const BURST_GAP_MS = 5;
/** Fewer token-bearing chunks than this say nothing about pacing (one chunk is always "at once"). */
export const MIN_CHUNKS = 4;
/** Fewer paired rounds (or requests, absolute) than this: not enough data for a verdict. */
export const MIN_REQUESTS = 3;
/** The baseline's median span must reach this: a provider that answers within it cannot show holding. */
export const MIN_BASELINE_SPAN_MS = 20;
/** A baseline whose median request has at least this share of content in its final burst is itself "at once". */
export const BASELINE_BURSTY_SHARE = 0.5;
/** Buffered when the median of (target span ÷ baseline span) over paired rounds is at most this. */
export const SPAN_RATIO_BUFFERED = 0.25;
/** Absolute check: a request "arrived at once" when this share of its chunks came in its final burst… */
export const ABS_BURST_SHARE = 0.9;
/** …after a silence (TTFT) of at least this long… */
export const ABS_SILENCE_MS = 50;
/** …and at least this many times its first-to-last span. */
export const ABS_SILENCE_TO_SPAN = 10;
/** Absolute check: buffered when at least this share of requests arrived at once. */
export const ABS_BUFFERED_SHARE = 0.5;

/** The shape of one streamed response, from the arrival times of its token-bearing chunks. */
export interface StreamShape {
  chunks: number;
  /** Last − first token-bearing chunk, ms; null without any. */
  spanMs: number | null;
  /** Share of the token-bearing chunks in the final burst (gaps ≤ BURST_GAP_MS back from the last); null under 2 chunks. */
  finalBurstShare: number | null;
}

export function streamShape(tokenTimes: readonly number[]): StreamShape {
  const n = tokenTimes.length;
  if (n === 0) return { chunks: 0, spanMs: null, finalBurstShare: null };
  const spanMs = tokenTimes[n - 1]! - tokenTimes[0]!;
  if (n < 2) return { chunks: n, spanMs, finalBurstShare: null };
  let inBurst = 1;
  for (let i = n - 1; i > 0 && tokenTimes[i]! - tokenTimes[i - 1]! <= BURST_GAP_MS; i--) inBurst++;
  return { chunks: n, spanMs, finalBurstShare: inBurst / n };
}

/** One successful streamed request of a target, as the assessment needs it. */
export interface StreamRow {
  round: number;
  ttftMs: number | null;
  chunks: number;
  spanMs: number | null;
  finalBurstShare: number | null;
}

export interface StreamingAssessment {
  buffered: boolean | null;
  /** baseline: compared with the baseline round by round; absolute: the weaker check alone; null: no verdict. */
  method: 'baseline' | 'absolute' | null;
  evidence: string;
  /** Successful requests with at least MIN_CHUNKS token-bearing chunks (the ones assessed). */
  requests: number;
  spanP50Ms: number | null;
  finalBurstShareP50: number | null;
  /** Baseline method only (else null): rounds where both had an assessable request, and the comparison. */
  pairs: number | null;
  baselineSpanP50Ms: number | null;
  baselineFinalBurstShareP50: number | null;
  spanRatioP50: number | null;
  /** Absolute method only (else null): share of requests that arrived at once after a long silence. */
  atOnceShare: number | null;
}

const usable = (r: StreamRow): boolean => r.chunks >= MIN_CHUNKS && r.spanMs !== null && r.finalBurstShare !== null;
const median = (xs: readonly number[]): number | null => (xs.length === 0 ? null : quantile(xs, 0.5));
const r4 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10_000) / 10_000);
const share = (x: number): string => `${formatNumber(x * 100, 0)}%`;

function base(rows: readonly StreamRow[]): Omit<StreamingAssessment, 'buffered' | 'method' | 'evidence'> {
  return {
    requests: rows.length,
    spanP50Ms: r4(median(rows.map((r) => r.spanMs!))),
    finalBurstShareP50: r4(median(rows.map((r) => r.finalBurstShare!))),
    pairs: null,
    baselineSpanP50Ms: null,
    baselineFinalBurstShareP50: null,
    spanRatioP50: null,
    atOnceShare: null,
  };
}

export function notStreamed(): StreamingAssessment {
  return { ...base([]), buffered: null, method: null, evidence: 'Not streamed: nothing to assess.' };
}

/** A request that arrived at once after a long silence (the absolute check). */
function atOnce(r: StreamRow): boolean {
  const silence = r.ttftMs ?? 0;
  return r.finalBurstShare! >= ABS_BURST_SHARE && silence >= ABS_SILENCE_MS && silence >= ABS_SILENCE_TO_SPAN * r.spanMs!;
}

/** The weaker check, without a usable baseline; `why` says why there is none. */
function absolute(rows: readonly StreamRow[], why: string): StreamingAssessment {
  const b = base(rows);
  if (rows.length < MIN_REQUESTS) {
    return { ...b, buffered: null, method: null, evidence: `Not enough data: ${rows.length} successful requests with at least ${MIN_CHUNKS} content chunks (${MIN_REQUESTS} needed).` };
  }
  const k = rows.filter(atOnce).length;
  const atOnceShare = k / rows.length;
  const buffered = atOnceShare >= ABS_BUFFERED_SHARE;
  const what = `${k} of ${rows.length} requests had ≥ ${share(ABS_BURST_SHARE)} of their content chunks arrive within ${BURST_GAP_MS} ms gaps after a silence of ≥ ${ABS_SILENCE_MS} ms (median final-burst share ${share(b.finalBurstShareP50!)}, span p50 ${fmtMs(b.spanP50Ms!)} ms)`;
  const verdict = buffered ? 'the stream looks buffered' : 'the stream looks paced';
  return { ...b, buffered, method: 'absolute', atOnceShare: r4(atOnceShare), evidence: `${what}: ${verdict} (absolute check, weaker than a comparison with a baseline: ${why}).` };
}

/**
 * Assess one target's stream against the baseline's, round by round. `baseline` undefined: no baseline (or
 * this target is it, `isBaseline`), so only the absolute check applies.
 */
export function assessStreaming(target: readonly StreamRow[], baseline: readonly StreamRow[] | undefined, isBaseline = false): StreamingAssessment {
  const mine = target.filter(usable);
  if (baseline === undefined) return absolute(mine, isBaseline ? 'this is the baseline' : 'no baseline to compare with');
  const theirs = baseline.filter(usable);
  if (theirs.length < MIN_REQUESTS) return absolute(mine, 'the baseline has too few streamed requests');
  const bSpan = median(theirs.map((r) => r.spanMs!))!;
  const bBurst = median(theirs.map((r) => r.finalBurstShare!))!;
  if (bSpan < MIN_BASELINE_SPAN_MS || bBurst >= BASELINE_BURSTY_SHARE) {
    return absolute(mine, `the baseline's own stream arrives almost at once (span p50 ${fmtMs(bSpan)} ms, final-burst share ${share(bBurst)}), so it cannot show what pacing is lost`);
  }
  const byRound = new Map<number, number>();
  for (const r of theirs) if (r.spanMs! > 0) byRound.set(r.round, r.spanMs!);
  const ratios: number[] = [];
  for (const r of mine) {
    const d = byRound.get(r.round);
    if (d !== undefined) ratios.push(r.spanMs! / d);
  }
  const b = { ...base(mine), baselineSpanP50Ms: r4(bSpan), baselineFinalBurstShareP50: r4(bBurst), pairs: ratios.length };
  if (ratios.length < MIN_REQUESTS) {
    return { ...b, buffered: null, method: null, evidence: `Not enough data: ${ratios.length} rounds where both this target and the baseline streamed at least ${MIN_CHUNKS} content chunks (${MIN_REQUESTS} needed).` };
  }
  const ratio = median(ratios)!;
  const buffered = ratio <= SPAN_RATIO_BUFFERED;
  const numbers = `first-to-last token span p50 ${fmtMs(b.spanP50Ms!)} ms vs ${fmtMs(bSpan)} ms for the baseline (median ratio ${formatNumber(ratio, 3)} over ${ratios.length} rounds); ${share(b.finalBurstShareP50!)} of content chunks in the final burst (baseline ${share(bBurst)})`;
  const verdict = buffered
    ? 'the gateway holds the stream and sends it at once, so TTFT is the time to the whole answer and ITL and tokens/s are not generation figures'
    : 'the stream is paced like the baseline\'s';
  return { ...b, buffered, method: 'baseline', spanRatioP50: r4(ratio), evidence: `${capitalise(numbers)}: ${verdict}.` };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
