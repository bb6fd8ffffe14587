/** An option's monthly total at a volume (requests/month), everything else fixed; Infinity where it cannot carry it. */
export type Total = (id: string, requests: number) => number;

export interface BreakEven {
  a: string;
  b: string;
  /** First volume (requests/month, within 1k–1B) at which the cheaper of the two changes; null = never. */
  monthlyRequests: number | null;
  /** Every crossing found, ascending. */
  crossings: number[];
  /** Which is cheaper just below the first crossing (or everywhere, when there is none; null if equal). */
  cheaperBelow: string | null;
  cheaperAbove: string | null;
}

export interface CostCurve {
  monthlyRequests: number[];
  /** null where the option cannot carry that volume (a limit with no way past it). */
  series: { gateway: string; totalUsd: (number | null)[] }[];
}

export const BREAK_EVEN_RANGE = { min: 1_000, max: 1_000_000_000 } as const;
/** 1-2-5 steps from 10k to 1B requests a month. */
export const CURVE_VOLUMES: readonly number[] = (() => {
  const out: number[] = [];
  for (let exp = 4; exp <= 9; exp++) for (const m of [1, 2, 5]) if (m * 10 ** exp <= 1e9) out.push(m * 10 ** exp);
  return out;
})();

/** Points scanned over 1k–1B before bisecting: 20 per decade, so two crossings a few percent apart are both found. */
export const SCAN_STEPS = 120;

/** Volumes (requests/month) at which two gateways' totals cross, found by scanning then bisecting. Pure. */
export function findCrossings(diff: (requests: number) => number, min = BREAK_EVEN_RANGE.min, max = BREAK_EVEN_RANGE.max): number[] {
  const grid = Array.from({ length: SCAN_STEPS + 1 }, (_, i) => Math.round(min * (max / min) ** (i / SCAN_STEPS)));
  const crossings: number[] = [];
  let prevX = grid[0] as number;
  let prevD = diff(prevX);
  for (const x of grid.slice(1)) {
    const d = diff(x);
    // A zero before any sign is known is no crossing: the sign starts at the next non-zero value.
    if (prevD !== 0 && Math.sign(d) !== Math.sign(prevD)) {
      // Bisect on integers: diff(lo) keeps prevD's sign; diff(hi) has the other sign, or is zero.
      let lo = prevX;
      let hi = x;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (Math.sign(diff(mid)) === Math.sign(prevD)) lo = mid;
        else hi = mid;
      }
      crossings.push(hi);
    }
    prevX = x;
    prevD = d;
  }
  return crossings;
}

/** Break-even points for every pair of options, on the model itself: `total(id, r)` is an option's total at r. Pure. */
export function breakEvenPoints(ids: readonly string[], total: Total, currentRequests: number): BreakEven[] {
  return ids.flatMap((a, i) => ids.slice(i + 1).map((b) => breakEven(a, b, total, currentRequests)));
}

function breakEven(a: string, b: string, total: Total, currentRequests: number): BreakEven {
  // Two options that both cannot carry a volume are level there (Infinity − Infinity would be NaN).
  const diff = (r: number) => {
    const ta = total(a, r);
    const tb = total(b, r);
    return ta === tb ? 0 : ta - tb;
  };
  const crossings = findCrossings(diff);
  const first = crossings[0];
  const cheaper = (d: number) => (d < 0 ? a : d > 0 ? b : null);
  if (first === undefined) {
    // No crossing: who is cheaper at the volume asked about, kept within the range the model is checked on.
    const at = diff(Math.min(Math.max(currentRequests, BREAK_EVEN_RANGE.min), BREAK_EVEN_RANGE.max));
    return { a, b, monthlyRequests: null, crossings, cheaperBelow: cheaper(at), cheaperAbove: cheaper(at) };
  }
  // Just past the crossing, not at it: at the crossing itself the totals can be exactly equal.
  const above = diff(Math.min(BREAK_EVEN_RANGE.max, Math.ceil(first * 1.05)));
  return { a, b, monthlyRequests: first, crossings, cheaperBelow: cheaper(diff(first - 1)), cheaperAbove: cheaper(above) };
}

/** Total per option across `CURVE_VOLUMES`, all else fixed; null where it cannot carry the volume. */
export function sensitivityCurve(ids: readonly string[], total: Total): CostCurve {
  return {
    monthlyRequests: [...CURVE_VOLUMES],
    series: ids.map((id) => ({
      gateway: id,
      totalUsd: CURVE_VOLUMES.map((r) => {
        const t = total(id, r);
        return Number.isFinite(t) ? t : null;
      }),
    })),
  };
}
