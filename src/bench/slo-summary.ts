import { mulberry32, subSeed } from './random.js';
import type { Rows } from './samples.js';
import { meetsSlo, type Slo } from './slo.js';
import type { TargetSlo } from './slo-document.js';
import { BOOTSTRAP_RESAMPLES, quantileSorted } from './stats.js';

/**
 * SLO attainment, goodput and the paired difference from the baseline, from the kept samples (pure).
 *
 * Which latencies are judged: in the open loop, from the scheduled send (the kept latency plus the send lag),
 * so a client that fell behind or a gateway that queued is not flattered; in the closed loop, from the send.
 * Every measured request counts in the denominator; a failed one is never good (src/bench/slo.ts).
 */

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Whether each row met the SLO, in row order. */
export function goodFlags(rows: Rows, slo: Slo, open: boolean): boolean[] {
  const out = new Array<boolean>(rows.size);
  for (let k = 0; k < rows.size; k++) {
    const i = rows.index[k]!;
    const lag = open ? rows.number('lagMs', i) : 0;
    const v = (f: 'ttftMs' | 'itlMs' | 'e2eMs', plusLag: boolean) => {
      const x = rows.number(f, i);
      return Number.isNaN(x) ? null : plusLag ? x + lag : x;
    };
    out[k] = meetsSlo({ ok: rows.ok(i), ttftMs: v('ttftMs', true), itlMs: v('itlMs', false), e2eMs: v('e2eMs', true) }, slo);
  }
  return out;
}

/** One round's counts of one side: requests sent and requests good. */
interface RoundCounts {
  target: [good: number, total: number];
  baseline: [good: number, total: number];
}

function perRound(target: Rows, targetGood: readonly boolean[], base: Rows, baseGood: readonly boolean[]): RoundCounts[] {
  const rounds = new Map<number, RoundCounts>();
  const add = (rows: Rows, good: readonly boolean[], side: 'target' | 'baseline') => {
    for (let k = 0; k < rows.size; k++) {
      const r = rows.number('round', rows.index[k]!);
      const c = rounds.get(r) ?? { target: [0, 0], baseline: [0, 0] };
      c[side][1]++;
      if (good[k]) c[side][0]++;
      rounds.set(r, c);
    }
  };
  add(target, targetGood, 'target');
  add(base, baseGood, 'baseline');
  return [...rounds.values()].filter((c) => c.target[1] > 0 && c.baseline[1] > 0);
}

/** Σgood ÷ Σtotal of the target minus the baseline's, each round weighted by how often it was drawn. */
function differenceOf(rounds: readonly RoundCounts[], counts: ArrayLike<number>): number {
  let tg = 0;
  let tt = 0;
  let bg = 0;
  let bt = 0;
  rounds.forEach((r, i) => {
    const w = counts[i]!;
    tg += w * r.target[0];
    tt += w * r.target[1];
    bg += w * r.baseline[0];
    bt += w * r.baseline[1];
  });
  return tg / tt - bg / bt;
}

/**
 * attainment(target) − attainment(baseline) over the rounds in which both were sent, with a 95% percentile
 * bootstrap interval that draws whole rounds with replacement (seeded, 2,000 draws), as the overhead interval
 * does (src/bench/stats.ts): rounds share their moment's network and provider load, so the pairing is kept.
 */
export function pairedAttainmentDifference(rounds: readonly RoundCounts[], seed: number, resamples = BOOTSTRAP_RESAMPLES): NonNullable<TargetSlo['vsBaseline']> | null {
  const n = rounds.length;
  if (n === 0) return null;
  const difference = round(differenceOf(rounds, new Array<number>(n).fill(1)), 6);
  if (n < 2) return { difference, ci95: null, rounds: n };
  const rng = mulberry32(subSeed(seed, 'slo-bootstrap'));
  const counts = new Int32Array(n);
  const draws = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(rng() * n)]! += 1;
    draws[b] = differenceOf(rounds, counts);
  }
  draws.sort();
  return { difference, ci95: [round(quantileSorted(draws, 0.025), 6), round(quantileSorted(draws, 0.975), 6)], rounds: n };
}

export interface SloSide {
  rows: Rows;
  good: readonly boolean[];
}

/** The `slo` block of one target; `base` is the baseline's side (undefined for the baseline itself, or without one). */
export function targetSlo(slo: Slo, mine: SloSide, base: SloSide | undefined, durationS: number, seed: number): TargetSlo {
  const total = mine.rows.size;
  const good = mine.good.filter(Boolean).length;
  const share = total === 0 ? null : good / total;
  return {
    bounds: { ttftMs: slo.ttftMs ?? null, itlMs: slo.itlMs ?? null, e2eMs: slo.e2eMs ?? null },
    target: slo.attainment,
    good,
    total,
    attainment: share === null ? null : round(share, 6),
    met: share === null ? null : share >= slo.attainment,
    goodputRps: durationS > 0 ? round(good / durationS, 3) : 0,
    vsBaseline: base === undefined ? null : pairedAttainmentDifference(perRound(mine.rows, mine.good, base.rows, base.good), seed),
  };
}

export type { RoundCounts };
