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
  const steps = SCAN_STEPS;
  const grid: number[] = [];
  for (let i = 0; i <= steps; i++) grid.push(Math.round(min * (max / min) ** (i / steps)));
  const crossings: number[] = [];
  let prevX = grid[0] as number;
  let prevD = diff(prevX);
  for (let i = 1; i < grid.length; i++) {
    const x = grid[i] as number;
    const d = diff(x);
    if (prevD === 0) {
      prevX = x;
      prevD = d;
      continue;
    }
    if (d === 0 || Math.sign(d) !== Math.sign(prevD)) {
      // Bisect on integers: keep sign(diff(lo)) = sign(prevD), and diff(hi) of the other sign or zero.
      let lo = prevX;
      let hi = x;
      while (hi - lo > 1) {
        let mid = Math.round(Math.sqrt(lo * hi));
        if (mid <= lo) mid = lo + 1;
        if (mid >= hi) mid = hi - 1;
        const dm = diff(mid);
        if (dm !== 0 && Math.sign(dm) === Math.sign(prevD)) lo = mid;
        else hi = mid;
      }
      crossings.push(hi);
      // Continue scanning from the grid point; a zero there restarts the sign from the next non-zero value.
    }
    prevX = x;
    prevD = d;
  }
  return crossings;
}

/** Break-even points for every pair of options, on the model itself: `total(id, r)` is an option's total at r. Pure. */
export function breakEvenPoints(ids: readonly string[], total: Total, currentRequests: number): BreakEven[] {
  const out: BreakEven[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] as string;
      const b = ids[j] as string;
      // Two options that both cannot carry a volume are level there (Infinity − Infinity would be NaN).
      const diff = (r: number) => {
        const ta = total(a, r);
        const tb = total(b, r);
        return ta === tb ? 0 : ta - tb;
      };
      const crossings = findCrossings(diff);
      const first = crossings[0];
      const probeBelow = first === undefined ? currentRequests : Math.max(BREAK_EVEN_RANGE.min, first - 1);
      const below = first === undefined ? diff(Math.min(Math.max(probeBelow, BREAK_EVEN_RANGE.min), BREAK_EVEN_RANGE.max)) : diff(probeBelow);
      // Just past the crossing, not at it: at the crossing itself the totals can be exactly equal.
      const above = first === undefined ? below : diff(Math.min(BREAK_EVEN_RANGE.max, Math.ceil(first * 1.05)));
      const cheaper = (d: number) => (d < 0 ? a : d > 0 ? b : null);
      out.push({ a, b, monthlyRequests: first ?? null, crossings, cheaperBelow: cheaper(below), cheaperAbove: cheaper(above) });
    }
  }
  return out;
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
