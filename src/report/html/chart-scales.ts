/**
 * What every chart of the HTML report shares so that it can be read: one colour per target (the same in every
 * chart), x domains fitted to each panel's data with a little room, and labels anchored on the side that keeps
 * them inside the frame. Pure: numbers and strings in, numbers and strings out.
 */

/** Observable Plot's `observable10` scheme, spelled out so that every chart (and a test) maps a target to one colour. */
export const TARGET_PALETTE = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'] as const;

/** Neutral tones for what is not a target (error classes, reported vs computed cost): never mistaken for one. */
export const NEUTRAL_PALETTE = ['#57606a', '#afb8c1', '#8c959f', '#d0d7de', '#424a53', '#6e7781'] as const;

/** The colour scale of the targets: the nth row gets the nth colour, cycling after ten. */
export function targetColorScale(rows: readonly string[], legend = false) {
  const domain = [...new Set(rows)];
  return { type: 'ordinal' as const, domain, range: domain.map((_, i) => TARGET_PALETTE[i % TARGET_PALETTE.length] as string), legend };
}

/**
 * A log domain around the values with room each side: a tenth of the span (in log terms) or at least 8%, so the
 * first and last marks sit inside the frame. A single value gets a window of ×1.5 each side.
 */
export function logDomain(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return [1, 10];
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  const pad = lo === hi ? 1.5 : Math.max(1.08, (hi / lo) ** 0.06);
  return [lo / pad, hi * pad];
}

/** A linear domain from 0 (or the smallest value if below 0) to the largest value, with 6% of the span added. */
export function linearDomain(values: readonly number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  const span = hi - lo || 1;
  return [lo, hi + span * 0.06];
}

/**
 * Whether a log axis reads better than a linear one: when the largest value is more than ten times the median
 * (a 5 s tail beside 300 ms requests, a cached answer at 100,000 tokens/s beside 100). Values far below the median
 * (cache hits at 0.5 ms) do not count: on a linear axis from zero they are a step at the left, and the bulk keeps
 * the width it needs to tell 150 ms from 190 ms.
 */
export function longTail(values: readonly number[]): boolean {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v)).sort((a, b) => a - b);
  if (positive.length === 0) return false;
  const median = positive[Math.floor((positive.length - 1) / 2)] as number;
  return (positive.at(-1) as number) / median > 10;
}

/** Where a value falls across a domain, 0 at its start and 1 at its end (in log terms on a log scale). */
export function position(v: number, domain: readonly [number, number], log: boolean): number {
  const [a, b] = log ? [Math.log(domain[0]), Math.log(domain[1])] : domain;
  const x = log ? Math.log(Math.max(v, domain[0])) : v;
  return b === a ? 0 : (x - a) / (b - a);
}

/**
 * A label beside a mark: to its right while it fits, else to its left. `share` is the width the label may need,
 * as a share of the panel's width (a label of n characters needs about n × 6.5 px at Plot's 10 px font).
 */
export function labelSide(at: number, share: number): { textAnchor: 'start' | 'end'; dx: number } {
  return at + share <= 1 ? { textAnchor: 'start', dx: 8 } : { textAnchor: 'end', dx: -8 };
}

/** The width a label of this text needs at Plot's 10 px sans-serif, as a share of a frame this many px wide. */
export const labelShare = (text: string, framePx: number): number => (text.length * 6.5 + 12) / framePx;

/**
 * Labelled ticks for a log axis: 1, 2, 3 and 5 times each power of ten inside the domain, so that a panel's
 * labels reach its own last values (300 where a panel ends at 400, not the 200 of its neighbour) and the
 * decades between are still marked. Thinned to 1 and 3 (then powers of ten) past `max` ticks.
 */
export function logTicks(domain: readonly [number, number], max = 12): number[] {
  const [lo, hi] = domain;
  if (!(lo > 0) || !(hi > lo)) return [];
  const pick = (steps: number[]) => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const k of steps) {
        // Rounded to the power's precision: 3 × 10^-1 is 0.3, not 0.30000000000000004.
        const v = Number((k * 10 ** e).toPrecision(6));
        if (v >= lo && v <= hi) out.push(v);
      }
    }
    return out;
  };
  for (const steps of [[1, 2, 3, 5], [1, 3], [1]]) {
    const ticks = pick(steps);
    if (ticks.length <= max) return ticks;
  }
  return pick([1]).filter((_, i, all) => i % Math.ceil(all.length / max) === 0);
}

/** A tick label in few characters: 0.5, 300, 3k, 200k, 1.5M. */
export function shortNumber(v: number): string {
  const [div, unit] = v >= 1e6 ? [1e6, 'M'] : v >= 1e3 ? [1e3, 'k'] : [1, ''];
  const x = v / div;
  return `${Number(x.toPrecision(x < 1 ? 1 : 3))}${unit}`;
}

/**
 * A log axis drawn as a linear one over log10 of the values (marks must pass `Math.log10(v)`): Plot hands a
 * log scale's tick labels to d3, which blanks the 3s and 5s when the domain holds many decades; on a linear scale
 * every tick of `logTicks` keeps its label.
 */
export function log10Axis(domain: readonly [number, number], format: (v: number) => string) {
  return {
    type: 'linear' as const,
    domain: [Math.log10(domain[0]), Math.log10(domain[1])],
    ticks: logTicks(domain).map(Math.log10),
    tickFormat: (d: number) => format(10 ** d),
  };
}

/** A left margin wide enough for the longest row name on the y axis (merged rows read "litellm @ eu-west"). */
export const rowMargin = (rows: readonly string[]): number => Math.min(420, Math.max(80, Math.ceil(16 + 6.5 * Math.max(0, ...rows.map((r) => r.length)))));

/**
 * The y of a polyline drawn on log–log axes at x: straight between its points in log terms, so a mark placed
 * there sits on the line as drawn. Outside the points, or where a y is missing or not positive, undefined.
 */
export function onLogLogLine(xs: readonly number[], ys: ReadonlyArray<number | null>, x: number): number | undefined {
  const i = xs.findIndex((v) => v >= x);
  const [x0, y0, x1, y1] = [xs[i - 1], ys[i - 1], xs[i], ys[i]];
  if (x1 === x) return positive(y1) ? y1 : undefined;
  // Before the first point (x0 missing), after the last (x1 missing), or a cut in the line.
  if (!positive(x0) || !positive(y0) || !positive(x1) || !positive(y1)) return undefined;
  const t = Math.log(x / x0) / Math.log(x1 / x0);
  return Math.exp(Math.log(y0) + t * (Math.log(y1) - Math.log(y0)));
}

const positive = (v: number | null | undefined): v is number => typeof v === 'number' && v > 0;
