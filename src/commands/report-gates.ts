import { UsageError } from '../errors.js';
import { evaluateDrillGates, DRILL_FIELD_TABLE } from '../drill/gates.js';
import type { DrillDocument } from '../drill/document.js';
import { evaluateGates } from '../gates/evaluate.js';
import { checkGateTargets, parseGatesWith, type FieldTable, type Gate } from '../gates/grammar.js';
import { BENCH_FIELD_TABLE, GRAMMAR_HINT } from '../gates/parse.js';
import type { GateResult } from '../gates/result.js';
import type { BenchView } from '../report/bench-input.js';

/**
 * `report --fail-on` over everything a report reads: bench fields against the bench results, `drill.*` fields
 * against the drill documents (the same fields as `drill --fail-on`), in one expression.
 */

const isDrillField = (name: string): boolean => name.startsWith('drill.');

const REPORT_FIELD_TABLE: FieldTable = {
  find: (name) => (isDrillField(name) ? DRILL_FIELD_TABLE.find(name) : BENCH_FIELD_TABLE.find(name)),
  names: [...BENCH_FIELD_TABLE.names, ...DRILL_FIELD_TABLE.names],
  sample: BENCH_FIELD_TABLE.sample,
  hint: `${GRAMMAR_HINT} Drill documents take the drill.* fields (README "Failover drills"), e.g. "drill.silent-truncation > 0".`,
};

/** Parse before any file is read, so a typo fails fast with where it went wrong. */
export const parseReportGates = (src: string): Gate[] => parseGatesWith(src, REPORT_FIELD_TABLE);

/** Every gate against what it applies to; a gate with nothing to apply to is bad usage (exit 2), never a silent pass. */
export function evaluateReportGates(gates: readonly Gate[], bench: BenchView | undefined, drills: readonly DrillDocument[]): GateResult[] {
  const benchGates = gates.filter((g) => !isDrillField(g.field));
  const drillGates = gates.filter((g) => isDrillField(g.field));
  const out: GateResult[] = [];
  if (benchGates.length > 0) {
    if (bench === undefined) {
      throw new UsageError(`--fail-on: gate "${benchGates[0]!.text}" checks a bench result, and none was given.`, 'Add a bench summary.json, or gate the drill with drill.* fields (e.g. "drill.silent-truncation > 0").');
    }
    checkGateTargets(benchGates, bench.targets.map((t) => t.name));
    out.push(...evaluateGates(benchGates, bench));
  }
  if (drillGates.length > 0) {
    if (drills.length === 0) {
      throw new UsageError(`--fail-on: gate "${drillGates[0]!.text}" checks a drill, and no drill document was given.`, 'Add the drill.json of `gateway-scout drill --out DIR` (or its --json output).');
    }
    checkGateTargets(drillGates, [...new Set(drills.flatMap((d) => d.totals.map((t) => t.target)))]);
    for (const d of drills) out.push(...evaluateDrillGates(drillGates.filter((g) => g.target === undefined || d.totals.some((t) => t.target === g.target)), d));
  }
  return out;
}
