import { encodeValues } from '../histogram/hdr.js';
import type { SliceDoc, SlicesDoc } from './document.js';
import type { ErrorClass } from './metrics.js';
import type { Rows, SampleTable } from './samples.js';
import { describe } from './stats.js';

/**
 * Results per time slice (pure): each measured request falls in the slice of the time it was DUE (its scheduled
 * send; in the closed loop that is when it was sent), counted from the first measured request's due time. Every
 * target gets every slice, empty ones included, so a table of slices lines up and a soak run's drift shows.
 */

/** More slices than this and the summary grows past what anyone reads: the slice is widened (and says so). */
export const MAX_SLICES = 1_000;

/** Default slice of a timed run: a tenth of its duration (a 10-minute run: 60 s slices). */
export function defaultSliceS(durationS: number): number {
  return durationS / 10;
}

/** A scheduled time rounded to the µs lands a hair before its slice boundary: this much slack puts it back. */
const EDGE_MS = 0.001;

interface Due {
  rows: Rows;
  /** Epoch ms each row was due, in row order. */
  dueAt: number[];
}

function dueTimes(rows: Rows): Due {
  const started = rows.values('startedAt');
  const lag = rows.values('lagMs');
  return { rows, dueAt: started.map((s, k) => s! - (lag[k] ?? 0)) };
}

/**
 * Slices of the measured requests of these targets. `sliceS`: their length; `plannedS`: a timed run's duration,
 * so slices cover it even where nothing was due (a run cut short shows empty slices). undefined when nothing was
 * measured.
 */
export function sliceResults(samples: SampleTable, targets: readonly string[], sliceS: number, plannedS: number | null): SlicesDoc | undefined {
  const due = targets.map((t) => dueTimes(samples.rows(t)));
  const all = due.flatMap((d) => d.dueAt);
  if (all.length === 0) return undefined;
  // A loop, not Math.min(...all): a long run has more values than a call may take arguments.
  let from = Infinity;
  let last = -Infinity;
  for (const at of all) {
    from = Math.min(from, at);
    last = Math.max(last, at);
  }
  const lastOffset = last - from;
  const wanted = Math.max(plannedS === null ? 0 : Math.ceil(plannedS / sliceS - 1e-9), Math.floor((lastOffset + EDGE_MS) / (sliceS * 1000)) + 1);
  // Too many slices: widen them so there are at most MAX_SLICES.
  const width = wanted > MAX_SLICES ? Math.ceil((wanted * sliceS) / MAX_SLICES) : sliceS;
  const count = wanted > MAX_SLICES ? Math.ceil((wanted * sliceS) / width) : wanted;
  return {
    sliceS: width,
    from: new Date(from).toISOString(),
    targets: targets.map((target, k) => ({ target, slices: slicesOf(due[k]!, from, width, count) })),
  };
}

function slicesOf(d: Due, from: number, sliceS: number, count: number): SliceDoc[] {
  const members: number[][] = Array.from({ length: count }, () => []);
  d.dueAt.forEach((at, k) => {
    const i = Math.min(count - 1, Math.floor((at - from + EDGE_MS) / (sliceS * 1000)));
    members[i]!.push(d.rows.index[k]!);
  });
  return members.map((idx, i) => oneSlice(d.rows, idx, i, sliceS));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function oneSlice(rows: Rows, idx: readonly number[], index: number, sliceS: number): SliceDoc {
  const errors: Partial<Record<ErrorClass, number>> = {};
  const ttft: number[] = [];
  const e2e: number[] = [];
  for (const i of idx) {
    const e = rows.error(i);
    if (e !== null) {
      errors[e] = (errors[e] ?? 0) + 1;
      continue;
    }
    const t = rows.number('ttftMs', i);
    if (!Number.isNaN(t)) ttft.push(t);
    e2e.push(rows.number('e2eMs', i));
  }
  const ok = idx.length - Object.values(errors).reduce((a, n) => a + n, 0);
  const pair = (xs: number[]) => {
    const s = describe(xs);
    return { p50: s.p50, p99: s.p99 };
  };
  return {
    index,
    startS: round(index * sliceS),
    endS: round((index + 1) * sliceS),
    sent: idx.length,
    ok,
    failed: idx.length - ok,
    errors,
    okPerSecond: round(ok / sliceS),
    ttft: pair(ttft),
    e2e: pair(e2e),
    histograms: { ttft: encodeValues(ttft.map((v) => Math.max(0, v))), e2e: encodeValues(e2e.map((v) => Math.max(0, v))) },
  };
}
