import type { DrillDocument, DrillScenarioRow } from '../drill/document.js';
import type { Outcome } from '../drill/types.js';

/**
 * `choose --drill`: what a failover drill of your own gateways says about their fallbacks (pure). The catalog
 * marks a gateway's fallbacks "yes" from its docs; a drill shows what your configuration does. A row graded fail
 * (a silent truncation, a hang, a 400 sent again) means its fallbacks cannot be relied on as configured, so it no
 * longer meets a need for fallbacks. Gateways not drilled keep the catalog's word.
 */

/** The feature a drill tests. */
export const DRILLED_FEATURE = 'fallbacks';

export interface DrillFinding {
  target: string;
  id: DrillScenarioRow['id'];
  stream: boolean;
  outcome: Outcome;
  clientStatus: number | null;
  ms: number;
}

/** A catalog gateway's drill, over every target of that gateway in the document. */
export interface DrillVerdict {
  gateway: string;
  /** The drill document, as given to --drill. */
  file: string;
  targets: string[];
  /** Distinct scenarios drilled, and those whose every row passed. */
  scenarios: number;
  passedScenarios: number;
  fails: DrillFinding[];
  safes: DrillFinding[];
}

export interface DrillEvidence {
  file: string;
  generatedAt: string;
  byGateway: ReadonlyMap<string, DrillVerdict>;
  /** Targets left out, and why (not a catalog gateway). */
  ignored: string[];
}

const finding = (r: DrillScenarioRow): DrillFinding => ({ target: r.target, id: r.id, stream: r.stream, outcome: r.outcome, clientStatus: r.clientStatus, ms: r.ms });

function verdictOf(gateway: string, file: string, rows: readonly DrillScenarioRow[]): DrillVerdict {
  const ids = [...new Set(rows.map((r) => r.id))];
  return {
    gateway,
    file,
    targets: [...new Set(rows.map((r) => r.target))],
    scenarios: ids.length,
    passedScenarios: ids.filter((id) => rows.every((r) => r.id !== id || r.grade === 'pass')).length,
    fails: rows.filter((r) => r.grade === 'fail').map(finding),
    safes: rows.filter((r) => r.grade === 'safe').map(finding),
  };
}

/** The evidence per catalog gateway id; a target whose gateway is null or not in the catalog is ignored, saying so. */
export function drillEvidence(doc: DrillDocument, file: string, catalogIds: readonly string[]): DrillEvidence {
  const ignored = doc.targets
    .filter((t) => t.gateway === null || !catalogIds.includes(t.gateway))
    .map((t) => `${t.name}: ${t.gateway === null ? 'no catalog gateway (gateway: null)' : `"${t.gateway}" is not a catalog gateway`}, so its drill is not used`);
  const byGateway = new Map<string, DrillVerdict>();
  for (const g of catalogIds) {
    const rows = doc.drill.scenarios.filter((r) => r.gateway === g);
    if (rows.length > 0) byGateway.set(g, verdictOf(g, file, rows));
  }
  return { file, generatedAt: doc.generatedAt, byGateway, ignored };
}

const mode = (stream: boolean) => (stream ? 'streamed' : 'not streamed');

/** What the client saw, in words: "a 200 with a partial answer and no error". */
export function clientSaw(f: DrillFinding): string {
  const status = f.clientStatus === null ? 'no response' : `HTTP ${f.clientStatus}`;
  switch (f.outcome) {
    case 'silent-truncation':
      return `${status} with a partial answer and no error: the cut looked like a complete answer`;
    case 'hang':
      return `no end to the response after ${Math.round(f.ms)} ms (the request timeout)`;
    case 'retried-unrecoverable':
      return `${status}, after the gateway sent a 400 that no retry can fix again or to the secondary`;
    default:
      return `${status} (${f.outcome})`;
  }
}

/** "stream-cut (streamed): a 200 with …". */
export const findingText = (f: DrillFinding): string => `${f.id} (${mode(f.stream)}): ${clientSaw(f)}`;

/** The drill in one line, for the reason that carries it. */
export function verdictText(v: DrillVerdict): string {
  if (v.fails.length > 0) {
    const more = v.fails.length > 1 ? ` and ${v.fails.length - 1} more failed run${v.fails.length === 2 ? '' : 's'}` : '';
    return `fallbacks drilled: ${findingText(v.fails[0]!)}${more}; its fallbacks do not count as working`;
  }
  const safe = v.safes.length > 0 ? `; safe but not hidden by a fallback (the client got a clear error): ${v.safes.map((f) => `${f.id} (${mode(f.stream)})`).join(', ')}` : '';
  return `fallbacks drilled: ${v.passedScenarios} of ${v.scenarios} scenarios pass${safe}`;
}

/** Silent truncations and hangs mislead or stall the client: high. A resent 400 costs tokens and time: warn. */
export const findingSeverity = (v: DrillVerdict): 'high' | 'warn' => (v.fails.some((f) => f.outcome !== 'retried-unrecoverable') ? 'high' : 'warn');

/**
 * The watch-out of a gateway that failed its drill (a WatchOut of score.ts, built here to keep the advisor's
 * imports one-way): every failed run with what the client saw. It holds whatever the needs: a gateway that
 * passes a cut stream off as a whole answer misleads every client.
 */
export function drillWatchOut(v: DrillVerdict, name: string, needsFallbacks: boolean) {
  const first = v.fails[0]!;
  return {
    gateway: v.gateway,
    id: 'drill-fallbacks',
    title: `${name} failed your failover drill: ${first.outcome} on ${first.id} (${mode(first.stream)})`,
    detail: `In ${v.file}: ${v.fails.map((f) => `${f.target}, ${findingText(f)}`).join('; ')}. Its fallbacks, as configured, cannot be relied on: change the configuration (or the gateway) and drill again.`,
    severity: findingSeverity(v),
    because: [`drill ${v.file}`, ...(needsFallbacks ? [`needs includes ${DRILLED_FEATURE}`] : [])],
    source: `drill:${v.file}`,
    status: 'verified' as const,
  };
}
