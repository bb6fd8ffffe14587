import { formatNumber } from '../format.js';
import type { BenchView } from '../report/bench-input.js';
import { findField, overheadFor, type Dimension } from './fields.js';
import { holds, type Gate } from './grammar.js';
import type { GateResult } from './result.js';

export type { GateResult, GateStatus } from './result.js';

const UNIT: Record<Dimension, GateResult['unit']> = { time: 'ms', rate: '%', money: 'usd', count: null };
const DISPLAY: Record<Dimension, number> = { time: 1, rate: 100, money: 1, count: 1 };

// Shown values are scaled (a fraction × 100 is a percentage); 12 significant digits drop binary noise.
const shownValue = (x: number, k: number): number => Number((x * k).toPrecision(12));

export function formatValue(v: number, unit: GateResult['unit']): string {
  if (unit === 'usd') return `$${formatNumber(v, 4)}`;
  if (unit === '%') return `${formatNumber(v, 2)}%`;
  if (unit === 'ms') return `${formatNumber(v, 1)} ms`;
  return formatNumber(v, 2);
}

const notMeasured = (why: string | undefined, ok: number): string => (why ? ` (${why})` : ok === 0 ? ' (no successful requests)' : '');

/** Every gate against every target it applies to, in gate order then target order. Pure. */
export function evaluateGates(gates: readonly Gate[], summary: BenchView): GateResult[] {
  const out: GateResult[] = [];
  for (const g of gates) {
    const def = findField(g.field);
    if (!def) throw new Error(`gate field ${g.field} vanished`);
    const unit = UNIT[g.dimension];
    const k = DISPLAY[g.dimension];
    for (const t of summary.targets) {
      if (g.target !== undefined && g.target !== t.name) continue;
      const ctx = { target: t, overhead: overheadFor(summary, t) };
      const raw = def.read(ctx);
      const who = t.origin ? `${t.name} @ ${t.origin}` : t.name;
      const limitShown = formatValue(shownValue(g.limit, k), unit);
      const base = { gate: g.text, target: t.name, ...(t.origin ? { origin: t.origin } : {}), field: g.field, op: g.op, limit: shownValue(g.limit, k), unit };
      if (raw === undefined) {
        out.push({ ...base, measured: null, status: 'not-applicable', message: `${who}: ${g.field} does not apply (it is the baseline)` });
      } else if (raw === null) {
        out.push({ ...base, measured: null, status: 'fail', message: `gate "${g.text}" failed for ${who}: ${g.field} was not measured${notMeasured(def.unmeasured?.(ctx), t.requests.ok)}, so the limit ${g.op} ${limitShown} cannot be checked` });
      } else {
        const failed = holds(g.op, raw, g.limit);
        const shown = formatValue(shownValue(raw, k), unit);
        out.push({
          ...base,
          measured: shownValue(raw, k),
          status: failed ? 'fail' : 'pass',
          message: failed ? `gate "${g.text}" failed for ${who}: ${g.field} is ${shown}, limit ${g.op} ${limitShown}` : `${who}: ${g.field} is ${shown} (fails if ${g.op} ${limitShown})`,
        });
      }
    }
  }
  return out;
}

export const failedGates = (results: readonly GateResult[]): GateResult[] => results.filter((r) => r.status === 'fail');
