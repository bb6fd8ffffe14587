import { DRILL_SCHEMA_VERSION, type DrillDocument, type DrillRequestRow, type DrillScenarioRow } from './document.js';
import { classify, countOf, extraTokens, grade, worstOutcome } from './outcome.js';
import { SCENARIO_IDS, scenarioDef, type ScenarioId } from './scenarios.js';
import { OUTCOMES, type DrillRequestResult, type DrillTarget, type Outcome } from './types.js';
import { drillWarnings } from './warnings.js';

/**
 * The drill's document from its request results (pure): one row per target × scenario × mode, each judged by its
 * worst request; totals per target; warnings about what the logs cannot explain. Gates are the command's (it
 * adds them after), so a document built here has none and passes.
 */

export interface DrillSummaryInput {
  results: readonly DrillRequestResult[];
  targets: readonly DrillTarget[];
  config: DrillDocument['config'];
  demo: boolean;
  interrupted: boolean;
  /** Chat requests the upstreams received without a nonce. */
  unattributed: number;
  generatedAt: string;
  version: string;
}

type Counts = Record<Outcome, number>;
export const zeroCounts = (): Counts => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Counts;

export function buildDrillDocument(input: DrillSummaryInput): DrillDocument {
  const rows = scenarioRows(input.results, input.targets, input.config.scenarios);
  return {
    schemaVersion: DRILL_SCHEMA_VERSION,
    kind: 'drill',
    generatedAt: input.generatedAt,
    version: input.version,
    demo: input.demo,
    status: input.interrupted ? 'interrupted' : 'complete',
    config: input.config,
    // Headers are left out: they may carry a key.
    targets: input.targets.map((t) => ({ name: t.name, gateway: t.gateway, baseUrl: t.baseUrl, model: t.model })),
    drill: { scenarios: rows },
    totals: totals(rows, input.targets),
    warnings: drillWarnings(rows, input.unattributed, input.config.pauseMs),
    gates: [],
    passed: true,
  };
}

export function requestRow(r: DrillRequestResult): DrillRequestRow {
  const outcome = classify(r);
  const c = r.client;
  return {
    request: r.request,
    nonce: c.nonce,
    outcome,
    grade: grade(scenarioDef(r.scenario).kind, outcome),
    primaryAttempts: countOf(r.attempts, 'primary'),
    secondaryAttempts: countOf(r.attempts, 'secondary'),
    clientStatus: c.status,
    complete: c.complete,
    errorEvent: c.errorEvent,
    timedOut: c.timedOut,
    transportError: c.transportError,
    ms: c.ms,
    extraTokens: extraTokens(r),
    errorText: c.errorText,
  };
}

/** Rows by target (in the targets' order, then any other), then scenario (the config's order), stream first. */
function scenarioRows(results: readonly DrillRequestResult[], targets: readonly DrillTarget[], order: readonly ScenarioId[]): DrillScenarioRow[] {
  const groups = new Map<string, DrillRequestResult[]>();
  for (const r of results) {
    const key = JSON.stringify([r.target, r.scenario, r.stream]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const targetRank = (name: string) => {
    const i = targets.findIndex((t) => t.name === name);
    return i === -1 ? targets.length : i;
  };
  const scenarioRank = (id: ScenarioId) => (order.includes(id) ? order.indexOf(id) : order.length + SCENARIO_IDS.indexOf(id));
  const gatewayOf = (name: string) => targets.find((t) => t.name === name)?.gateway ?? null;
  return [...groups.values()]
    .map((g) => scenarioRow(g, gatewayOf(g[0]!.target)))
    .sort((a, b) => targetRank(a.target) - targetRank(b.target) || a.target.localeCompare(b.target) || scenarioRank(a.id) - scenarioRank(b.id) || Number(b.stream) - Number(a.stream));
}

function scenarioRow(group: readonly DrillRequestResult[], gateway: string | null): DrillScenarioRow {
  const first = group[0]!;
  const kind = scenarioDef(first.scenario).kind;
  const details = group.map(requestRow).sort((a, b) => a.request - b.request);
  const outcome = worstOutcome(kind, details.map((d) => d.outcome));
  const outcomes = zeroCounts();
  for (const d of details) outcomes[d.outcome] += 1;
  return {
    target: first.target,
    gateway,
    id: first.scenario,
    stream: first.stream,
    outcome,
    grade: grade(kind, outcome),
    requests: details.length,
    outcomes,
    primaryAttempts: Math.max(...details.map((d) => d.primaryAttempts)),
    secondaryAttempts: Math.max(...details.map((d) => d.secondaryAttempts)),
    clientStatus: details.find((d) => d.outcome === outcome)!.clientStatus,
    ms: Math.max(...details.map((d) => d.ms)),
    msMedian: median(details.map((d) => d.ms)),
    extraTokens: details.reduce((s, d) => s + d.extraTokens, 0),
    details,
  };
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function totals(rows: readonly DrillScenarioRow[], targets: readonly DrillTarget[]): DrillDocument['totals'] {
  const names = [...new Set([...targets.map((t) => t.name), ...rows.map((r) => r.target)])];
  return names.map((name) => {
    const mine = rows.filter((r) => r.target === name);
    const outcomes = zeroCounts();
    for (const r of mine) for (const o of OUTCOMES) outcomes[o] += r.outcomes[o];
    const count = (g: DrillScenarioRow['grade']) => mine.filter((r) => r.grade === g).length;
    return { target: name, gateway: targets.find((t) => t.name === name)?.gateway ?? mine[0]?.gateway ?? null, pass: count('pass'), safe: count('safe'), fail: count('fail'), outcomes };
  });
}
