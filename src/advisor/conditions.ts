import type { Condition } from '../catalog/schema.js';
import type { Answers } from './answers.js';
import { formatNumber } from '../format.js';

/** Whether one catalog condition holds for these answers. Pure. */
export function holds(c: Condition, answers: Answers): boolean {
  const value = answers[c.answer];
  if (c.in !== undefined) return c.in.some((x) => x === value);
  if (c.atLeast !== undefined) return typeof value === 'number' && value >= c.atLeast;
  // The catalog schema requires exactly one of in, atLeast and includes; a condition with none holds for nothing.
  return Array.isArray(value) && (value as readonly (string | undefined)[]).includes(c.includes);
}

export const allHold = (cs: readonly Condition[], answers: Answers): boolean => cs.every((c) => holds(c, answers));

/** "needs includes budgets", "caching in exact|semantic": for explanations. */
export function describeCondition(c: Condition): string {
  if (c.in !== undefined) return `${c.answer} is ${c.in.map(String).join(' or ')}`;
  if (c.atLeast !== undefined) return `${c.answer} ≥ ${formatNumber(c.atLeast)}`;
  return `${c.answer} includes ${c.includes}`;
}
