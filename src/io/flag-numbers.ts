import { UsageError } from '../errors.js';
import { describeBounds, parseCount, parseDecimal, within, type Bounds } from '../numbers.js';

/**
 * A numeric flag, checked against its bounds; the error names the flag, what it accepts and what it got.
 * Counts accept `5,000,000`, `5M` and `2.5k`; rates may be written as percentages.
 */
export function numberFlag(flag: string, raw: unknown, bounds: Bounds, how: { count?: boolean; percent?: boolean } = {}): number {
  const text = String(raw);
  const n = how.count ? parseCount(text) : parseDecimal(text, how.percent);
  if (n === undefined || !within(n, bounds)) {
    throw new UsageError(`${flag} expects ${describeBounds(bounds)}${how.percent ? ' (or a percentage)' : ''}, got "${text}".`);
  }
  return n;
}
