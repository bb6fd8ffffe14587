import { UsageError } from '../errors.js';
import { isoDay } from '../catalog/as-of.js';

/**
 * `--as-of YYYY-MM-DD`: a real calendar day (2026-02-30 is refused), or today in UTC when the flag is absent.
 * The error names the flag, the form and what it got.
 */
export function asOfFlag(raw: string | undefined, now: Date): string {
  if (raw === undefined) return isoDay(now);
  const text = String(raw).trim();
  const time = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March; only a day that reads back the same is a real one.
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && Number.isFinite(time) && isoDay(new Date(time)) === text;
  if (!ok) throw new UsageError(`--as-of expects a calendar date YYYY-MM-DD (UTC), e.g. 2026-11-15, got "${text}".`);
  return text;
}
