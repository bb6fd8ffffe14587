import { describeBounds, parseCount, within, type Bounds } from '../numbers.js';

/**
 * What a person types at a prompt, read strictly. Pure (the prompts in questionnaire.ts use these), so the
 * rules are tested without a terminal.
 */

/** y, yes, n, no (any case); empty takes the default; anything else is not an answer (undefined). */
export function parseYesNo(text: string, fallback: boolean): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return fallback;
  if (t === 'y' || t === 'yes') return true;
  if (t === 'n' || t === 'no') return false;
  return undefined;
}

/** A count within bounds, or the message that says what is accepted. */
export function readCount(text: string, bounds: Bounds): { ok: true; value: number } | { ok: false; message: string } {
  const n = parseCount(text);
  if (n !== undefined && within(n, { ...bounds, integer: true })) return { ok: true, value: n };
  const forms = bounds.max >= 1e6 ? '; 5,000,000, 5M and 2.5k all work' : '';
  return { ok: false, message: `Enter ${describeBounds({ ...bounds, integer: true })}${forms}.` };
}
