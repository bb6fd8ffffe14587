import { FIELDS, findField } from './fields.js';
import { parseGatesWith, type FieldTable, type Gate } from './grammar.js';

/**
 * Bench's (and `report`'s) `--fail-on`: the shared grammar (grammar.ts) over the summary fields of fields.ts.
 * The drill has its own table (src/drill/gates.ts).
 */

export { checkGateTargets, OPERATORS, type Gate, type Operator } from './grammar.js';

export const GRAMMAR_HINT =
  'Grammar: [target:]field op number[unit], comma-separated; op is > >= < <= == !=; units ms, s, %, usd. ' +
  'Example: --fail-on "ttft.p95 > 800ms, errors.rate > 2%, openrouter:overhead.ttft.p50 > 25ms, cost.per1k > 0.50". ' +
  'README "Gates" lists every field.';

export const BENCH_FIELD_TABLE: FieldTable = { find: findField, names: FIELDS.map((f) => f.name), sample: 'ttft.p95', hint: GRAMMAR_HINT };

/** Parse a whole `--fail-on` value of bench or report. Throws UsageError (exit 2) saying where it failed. */
export function parseGates(src: string): Gate[] {
  return parseGatesWith(src, BENCH_FIELD_TABLE);
}
