/**
 * Whether pooled runs ran together (pure). Shards of one load test run at the same time, so their throughputs add
 * up to the load test's. Runs made at different times never carried their load at once: adding their throughputs
 * reports a rate that never happened. Runs are grouped by overlapping time spans (startedAt..finishedAt); within a
 * group rates add up, and across groups they are combined weighted by each group's own duration:
 *
 *   pooled rate = Σ_g (Σ_{r∈g} rate_r) × d_g ÷ Σ_g d_g
 *
 * where d_g is the group's measured duration (its longest run's durationS). With one run per group this is the
 * total served ÷ the total time measured (rate × duration = what the run served), the rate the gateway sustained
 * over all the time it was measured. An unweighted mean of the runs' rates would give a 10 s run the same say as a
 * 10 min one, and the sum would claim a load no one sent.
 */

export interface RunSpan {
  label: string;
  startedAt: string;
  finishedAt: string;
  durationS: number;
}

/** Indices of the runs in each group of overlapping spans, groups in time order. */
export function togetherGroups(spans: readonly RunSpan[]): number[][] {
  const order = spans.map((s, i) => ({ i, start: Date.parse(s.startedAt), end: Date.parse(s.finishedAt) })).sort((a, b) => a.start - b.start);
  const groups: number[][] = [];
  let end = -Infinity;
  for (const r of order) {
    // A new group starts after every earlier end, so the running end is the current group's.
    if (r.start < end) groups.at(-1)!.push(r.i);
    else groups.push([r.i]);
    end = Math.max(end, r.end);
  }
  return groups.map((g) => g.sort((a, b) => a - b));
}

/** A group's measured duration: its longest run's. */
const groupDuration = (g: readonly number[], spans: readonly RunSpan[]): number => Math.max(...g.map((i) => spans[i]!.durationS));

/** The runs' rates pooled (see above): their sum when all ran together; 0 when no time was measured. */
export function pooledRate(rates: readonly number[], groups: readonly (readonly number[])[], spans: readonly RunSpan[]): number {
  const sum = (g: readonly number[]) => g.reduce((a, i) => a + rates[i]!, 0);
  // One group: Σ rate × d ÷ d, the plain sum.
  let served = 0;
  let time = 0;
  for (const g of groups) {
    const d = groupDuration(g, spans);
    served += sum(g) * d;
    time += d;
  }
  return time === 0 ? 0 : served / time;
}

/** The pooled run's duration: the longest shard's when all ran together, else the groups' durations added. */
export function pooledDuration(groups: readonly (readonly number[])[], spans: readonly RunSpan[]): number {
  return groups.reduce((a, g) => a + groupDuration(g, spans), 0);
}

/** The warning for runs that did not all run together; undefined when they did. */
export function apartWarning(spans: readonly RunSpan[], groups: readonly (readonly number[])[]): string | undefined {
  if (groups.length <= 1) return undefined;
  const when = (s: RunSpan) => `${s.label} ${s.startedAt.slice(0, 19).replace('T', ' ')}–${s.finishedAt.slice(11, 19)} UTC`;
  const listed = groups.map((g) => g.map((i) => when(spans[i]!)).join(' with ')).join('; ');
  return `These runs did not run together: ${listed}. Their time spans do not overlap, so throughput is not summed: requests/s, tokens/s, goodput and each time slice's ok/s are the requests served ÷ the time measured (each group's own duration, added up), not a load anyone sent at once. Pool only shards that ran at the same time (bench --shard with --start-at); compare runs made at different times with --by label.`;
}
