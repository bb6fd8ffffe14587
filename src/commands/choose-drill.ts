import { resolve } from 'node:path';
import { drillEvidence, type DrillEvidence } from '../advisor/drill-evidence.js';
import { drillRecord, type DrillRecord } from '../advisor/drill-record.js';
import type { Advice } from '../advisor/score.js';
import { advicePick } from '../bench/pick-change.js';
import { pickChange } from '../bench/bench-record.js';
import { zodIssues } from '../catalog/validate.js';
import { drillDocumentSchema } from '../drill/document.js';
import { InputError } from '../errors.js';
import { readStructured } from '../io/files.js';

/**
 * `choose --drill drill.json`: a failover drill of your own gateways, checked against `schema drill`. A demo
 * drill is refused, as `--bench` refuses a demo run: its gateways are emulations whose failover follows
 * gateway-scout's data, so using it would present our reading of the docs as your measurement.
 */
export async function loadDrill(file: string, cwd: string, catalogIds: readonly string[]): Promise<DrillEvidence> {
  const path = resolve(cwd, file);
  const parsed = drillDocumentSchema.safeParse(await readStructured(path, 'drill document'));
  if (!parsed.success) {
    throw new InputError(`${path} is not a drill document.`, path, zodIssues(parsed.error), 'Pass the JSON of `gateway-scout drill --json` (or drill.json in its --out folder); `gateway-scout schema drill` shows the format.');
  }
  if (parsed.data.demo) {
    throw new InputError(
      `${file} is a demo drill, not a drill of your gateways: drill --demo drills gateway-scout's emulated gateways, whose failover is an emulation of each vendor's documented behaviour, not your configuration.`,
      path,
      [],
      'Drill your own gateway: `gateway-scout drill init --gateway <id>` prints the ports and the fallback configuration to point it at, then `gateway-scout drill --config drill.yaml --json > drill.json`.',
    );
  }
  return drillEvidence(parsed.data, file, catalogIds);
}

/** One line for stderr: what the drill changes, and what it leaves to the catalog. */
export function describeDrill(e: DrillEvidence, names: ReadonlyMap<string, string>): string {
  const name = (id: string) => names.get(id) ?? id;
  const each = [...e.byGateway.values()].map((v) => `${name(v.gateway)} ${v.fails.length > 0 ? `failed ${v.fails.length} run${v.fails.length === 1 ? '' : 's'} (its fallbacks no longer count)` : `passed ${v.passedScenarios} of ${v.scenarios} scenarios${v.safes.length > 0 ? ` (${v.safes.length} run${v.safes.length === 1 ? '' : 's'} only safe)` : ''}`}`);
  const others = [...names.keys()].filter((id) => !e.byGateway.has(id)).map(name);
  const rest = others.length > 0 ? `; ${others.join(', ')} keep${others.length === 1 ? 's' : ''} the catalog's word` : '';
  return `${e.ignored.map((i) => `warning: --drill: ${i}.\n`).join('')}Using your failover drill of ${e.generatedAt.slice(0, 10)} (${e.file}): ${each.join(', ') || 'no catalog gateway drilled'}${rest}.\n`;
}

/** The record for the document: the drill, and the pick without it and with it. */
export function chooseDrillRecord(e: DrillEvidence, without: Advice, withDrill: Advice): DrillRecord {
  const score = (a: Advice, id: string | null) => [...a.ranking, ...a.stacks].find((x) => x.gateway === id)?.score ?? '—';
  const from = advicePick(without);
  const to = advicePick(withDrill);
  const scores = (a: Advice) => [from, to].map((p) => `${p.name} ${score(a, p.id)}`).join(', ');
  const failed = [...e.byGateway.values()].filter((v) => v.fails.length > 0).map((v) => v.gateway);
  const why = `your drill: ${failed.length > 0 ? `${failed.join(', ')} failed, so ${failed.length === 1 ? 'its' : 'their'} fallbacks no longer count` : 'no drilled gateway failed'}; scores without the drill: ${scores(without)}; with it: ${scores(withDrill)}`;
  return drillRecord(e, pickChange(from, to, why));
}
