import { formatNumber } from './format.js';

/**
 * Reading numbers that people type, with finite bounds on every one. Pure: no I/O, no errors thrown; callers
 * turn `undefined` into an error that names the flag, field or prompt.
 */

export interface Bounds {
  min: number;
  max: number;
  /** Only whole numbers. */
  integer?: boolean;
  /** The minimum itself is not allowed (e.g. a share > 0). */
  minExclusive?: boolean;
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * A count as people write it: `5000000`, `5,000,000`, `5_000_000`, `5M`, `2.5k`, `1e6`. Thousands separators
 * must sit every three digits ("5,00" is not a number). Returns undefined for anything else.
 */
export function parseCount(text: string): number | undefined {
  const s = text.trim();
  const m = /^(\d{1,3}(?:([,_])\d{3}(?:\2\d{3})*)|\d+)(\.\d+)?\s*([kmb])?$/i.exec(s);
  if (m) {
    const whole = m[1]!.replace(/[,_]/g, '');
    const n = Number(whole + (m[3] ?? '')) * (m[4] ? SUFFIX[m[4].toLowerCase()]! : 1);
    // 2.5k is 2500 exactly; 1.0005k is not a count. Round away binary noise before deciding.
    return Number.isFinite(n) ? Math.round(n * 1e6) / 1e6 : undefined;
  }
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A decimal as people write it: `0.1`, `130.31`, `1_000`, `1e3`, or a percentage `10%` (→ 0.1) where allowed. */
export function parseDecimal(text: string, percent = false): number | undefined {
  const s = text.trim().replace(/_/g, '');
  if (percent && s.endsWith('%')) {
    const n = parseDecimal(s.slice(0, -1));
    return n === undefined ? undefined : n / 100;
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export function within(n: number, b: Bounds): boolean {
  if (!Number.isFinite(n)) return false;
  if (b.integer && !Number.isInteger(n)) return false;
  if (b.minExclusive ? n <= b.min : n < b.min) return false;
  return n <= b.max;
}

/** "a whole number from 1 to 1,000", "a number > 0 and ≤ 1": what a bound accepts, in words. */
export function describeBounds(b: Bounds): string {
  const kind = b.integer ? 'a whole number' : 'a number';
  if (b.minExclusive) return `${kind} > ${formatNumber(b.min)} and ≤ ${formatNumber(b.max)}`;
  return `${kind} from ${formatNumber(b.min)} to ${formatNumber(b.max)}`;
}
