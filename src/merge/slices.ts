import type { SliceDoc, SlicesDoc } from '../bench/document.js';
import { histogramStats, mergeHistograms } from '../histogram/hdr.js';
import type { BenchView } from '../report/bench-input.js';

/** A run as report merge reads it (merge-runs.ts's RunInput). */
type RunInput = { file: string; summary: BenchView };

/**
 * Time slices of merged runs (pure). By label: each run's rows, marked with its origin. Pooled (shards): slice k
 * of every run added together — counts summed, percentiles from the merged histograms. Slices are counted from
 * each run's own first due request, so shards line up when they started together (bench --start-at).
 * Runs without slices, or with slices of different lengths, give none (and a warning).
 */

export function labelSlices(runs: readonly RunInput[], labels: readonly string[]): { slices?: SlicesDoc | null; warnings: string[] } {
  const docs = runs.map((r) => r.summary.slices ?? null);
  const common = commonLength(docs);
  if (common === undefined) return { warnings: mismatch(docs) };
  const rows = docs.flatMap((d, i) => d!.targets.map((t) => ({ ...t, origin: labels[i]! })));
  return { slices: { sliceS: common, from: earliest(docs), targets: rows }, warnings: [] };
}

/**
 * `groupOf[i]`: the group of runs that ran together run i belongs to (src/merge/together.ts). Slice k of runs made
 * apart happened at different times: its ok ÷ time counts sliceS once per group that has it, not once.
 */
export function poolSlices(runs: readonly RunInput[], groupOf: readonly number[] = runs.map(() => 0)): { slices?: SlicesDoc | null; warnings: string[] } {
  const docs = runs.map((r) => r.summary.slices ?? null);
  const common = commonLength(docs);
  if (common === undefined) return { warnings: mismatch(docs) };
  const names = docs[0]!.targets.map((t) => t.target);
  const targets = names.map((target) => {
    const per = docs.map((d) => d!.targets.find((t) => t.target === target)?.slices ?? []);
    const count = Math.max(...per.map((s) => s.length));
    const slices = Array.from({ length: count }, (_, k) => {
      const present = per.flatMap((s, i) => (s[k] ? [i] : []));
      const groups = new Set(present.map((i) => groupOf[i])).size;
      return poolSlice(present.map((i) => per[i]![k]!), k, common * groups);
    });
    return { target, slices };
  });
  return { slices: { sliceS: common, from: earliest(docs), targets }, warnings: [] };
}

/** The slice length every run shares; undefined when one has none or they differ. */
function commonLength(docs: readonly (SlicesDoc | null)[]): number | undefined {
  const lengths = new Set(docs.map((d) => d?.sliceS ?? null));
  const [only] = lengths;
  return lengths.size === 1 && typeof only === 'number' ? only : undefined;
}

function mismatch(docs: readonly (SlicesDoc | null)[]): string[] {
  if (docs.every((d) => d === null)) return [];
  return ['Time slices are left out of the merge: not every run has them, or their lengths differ (give every run the same --slice).'];
}

const earliest = (docs: readonly (SlicesDoc | null)[]) => docs.map((d) => d!.from).sort()[0]!;

/** `seconds`: the time the slice's requests were measured over (the slice's length, once per group of runs). */
function poolSlice(parts: readonly SliceDoc[], index: number, seconds: number): SliceDoc {
  const sum = (f: (s: SliceDoc) => number) => parts.reduce((a, s) => a + f(s), 0);
  const errors: SliceDoc['errors'] = {};
  for (const s of parts) for (const [c, n] of Object.entries(s.errors) as [keyof SliceDoc['errors'], number][]) errors[c] = (errors[c] ?? 0) + n;
  const ttft = mergeHistograms(parts.map((s) => s.histograms.ttft));
  const e2e = mergeHistograms(parts.map((s) => s.histograms.e2e));
  const pair = (h: typeof ttft) => {
    const st = histogramStats(h);
    return { p50: st.p50, p99: st.p99 };
  };
  const ok = sum((s) => s.ok);
  return {
    index,
    startS: parts[0]!.startS,
    endS: parts[0]!.endS,
    sent: sum((s) => s.sent),
    ok,
    failed: sum((s) => s.failed),
    errors,
    okPerSecond: Math.round((ok / seconds) * 1000) / 1000,
    ttft: pair(ttft),
    e2e: pair(e2e),
    histograms: { ttft, e2e },
  };
}
