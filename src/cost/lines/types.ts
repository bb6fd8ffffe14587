import type { ModelPrice } from '../../catalog/models-schema.js';
import { formatFixed, formatNumber } from '../../format.js';
import type { CostOptions } from '../options.js';

export const LINE_KINDS = ['tokens', 'cache-savings', 'fee', 'plan', 'infrastructure', 'licence', 'ops'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export interface CostLine {
  kind: LineKind;
  label: string;
  /** USD per month; null when the price is not published (then it is not in the total). */
  usd: number | null;
  /** How the number was obtained, with the figures used. */
  assumption: string;
  /** A URL, or a stated assumption, the number rests on. */
  source: string;
  /** When the catalog fact it prices was last checked (fees and plans). */
  checked?: string | undefined;
  /** In a stack, the member the line belongs to (token lines belong to the stack as a whole). */
  gateway?: string | undefined;
}

/** What every line function reads besides the gateway: the model mix with its prices, sources, the options. */
export interface CostContext {
  mix: { price: ModelPrice; share: number; source: string }[];
  /** A catalog source id → its URL. */
  sourceUrl: (id: string) => string;
  options: CostOptions;
}

export function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

export function num(x: number): string {
  const r = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100;
  return formatNumber(r, 3);
}

export function money(x: number): string {
  return formatFixed(x, 2);
}

/** Sum of the published amounts of the lines of these kinds. */
export function sumOf(lines: readonly CostLine[], ...kinds: LineKind[]): number {
  return lines.filter((l) => kinds.includes(l.kind)).reduce((s, l) => s + (l.usd ?? 0), 0);
}
