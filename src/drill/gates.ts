import { formatNumber } from '../format.js';
import { holds, parseGatesWith, type FieldTable, type Gate } from '../gates/grammar.js';
import type { GateResult } from '../gates/result.js';
import type { DrillDocument } from './document.js';
import { OUTCOMES } from './types.js';

/**
 * `drill --fail-on`: the bench gates' grammar (src/gates/grammar.ts) over the drill's own fields, each a count
 * per target: requests with an outcome (`drill.silent-truncation`), scenario rows with a grade (`drill.fail`),
 * and the tokens retries cost (`drill.extraTokens`). Pure.
 */

type Totals = DrillDocument['totals'][number];
interface DrillField {
  name: string;
  help: string;
  read(t: Totals, doc: DrillDocument): number;
}

const FIELDS: readonly DrillField[] = [
  ...OUTCOMES.map((o) => ({ name: `drill.${o}`, help: `requests whose outcome was ${o}`, read: (t: Totals) => t.outcomes[o] })),
  ...(['fail', 'safe', 'pass'] as const).map((g) => ({ name: `drill.${g}`, help: `scenario rows graded ${g}`, read: (t: Totals) => t[g] })),
  {
    name: 'drill.extraTokens',
    help: 'tokens the upstreams billed beyond the final answers (the cost of retries)',
    read: (t: Totals, doc: DrillDocument) => doc.drill.scenarios.filter((r) => r.target === t.target).reduce((s, r) => s + r.extraTokens, 0),
  },
];
const BY_NAME = new Map(FIELDS.map((f) => [f.name, f]));

export const DRILL_GATE_FIELDS: readonly { name: string; help: string }[] = FIELDS.map(({ name, help }) => ({ name, help }));

const HINT =
  'Grammar: [target:]field op number, comma-separated; op is > >= < <= == !=; every drill field is a count (no unit). ' +
  'Example: --fail-on "drill.silent-truncation > 0, drill.fail > 0, litellm:drill.hang > 0". ' +
  'README "Failover drills" lists every field.';

export const DRILL_FIELD_TABLE: FieldTable = {
  find: (name) => (BY_NAME.has(name) ? { name, dimension: 'count' } : undefined),
  names: FIELDS.map((f) => f.name),
  sample: 'drill.silent-truncation',
  hint: HINT,
};

/** Parse `drill --fail-on`. Throws UsageError (exit 2) pointing at the column where it went wrong. */
export const parseDrillGates = (src: string): Gate[] => parseGatesWith(src, DRILL_FIELD_TABLE);

// A count is shown as bench shows one (gates/evaluate.ts formatValue with no unit).
const shown = (n: number) => formatNumber(n, 2);

/** Every gate against every target it applies to, in gate order then target order. */
export function evaluateDrillGates(gates: readonly Gate[], doc: DrillDocument): GateResult[] {
  const out: GateResult[] = [];
  for (const g of gates) {
    const field = BY_NAME.get(g.field);
    if (!field) throw new Error(`drill gate field ${g.field} vanished`);
    for (const t of doc.totals) {
      if (g.target !== undefined && g.target !== t.target) continue;
      const measured = field.read(t, doc);
      const failed = holds(g.op, measured, g.limit);
      out.push({
        gate: g.text,
        target: t.target,
        field: g.field,
        op: g.op,
        limit: g.limit,
        measured,
        unit: null,
        status: failed ? 'fail' : 'pass',
        message: failed
          ? `gate "${g.text}" failed for ${t.target}: ${g.field} is ${shown(measured)}, limit ${g.op} ${shown(g.limit)}`
          : `${t.target}: ${g.field} is ${shown(measured)} (fails if ${g.op} ${shown(g.limit)})`,
      });
    }
  }
  return out;
}

/** The document with its gates evaluated and `passed` set. */
export function withGates(doc: DrillDocument, gates: readonly Gate[]): DrillDocument {
  const results = evaluateDrillGates(gates, doc);
  return { ...doc, gates: results, passed: results.every((r) => r.status !== 'fail') };
}
