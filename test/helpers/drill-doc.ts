import type { DrillDocument, DrillScenarioRow } from '../../src/drill/document.js';
import type { ScenarioId } from '../../src/drill/scenarios.js';
import { OUTCOMES, type Grade, type Outcome } from '../../src/drill/types.js';

/**
 * Hand-built drill documents (valid per drillDocumentSchema) for the report and choose tests. Each row is one
 * request (requests: 1), so a row's outcome, attempts and time are that request's; the grade is written by
 * hand in each row, not worked out by the code under test.
 */

export interface RowSpec {
  target?: string;
  gateway?: string | null;
  id: ScenarioId;
  stream: boolean;
  outcome: Outcome;
  grade: Grade;
  p?: number;
  s?: number;
  status?: number | null;
  ms?: number;
  extraTokens?: number;
  errorText?: string | null;
}

const counts = (o: Outcome) => Object.fromEntries(OUTCOMES.map((x) => [x, x === o ? 1 : 0])) as DrillScenarioRow['outcomes'];

export function row(r: RowSpec): DrillScenarioRow {
  const status = r.status === undefined ? 200 : r.status;
  const ms = r.ms ?? 120;
  return {
    target: r.target ?? 'gw',
    gateway: r.gateway === undefined ? 'litellm' : r.gateway,
    id: r.id,
    stream: r.stream,
    outcome: r.outcome,
    grade: r.grade,
    requests: 1,
    outcomes: counts(r.outcome),
    primaryAttempts: r.p ?? 1,
    secondaryAttempts: r.s ?? 0,
    clientStatus: status,
    ms,
    msMedian: ms,
    extraTokens: r.extraTokens ?? 0,
    details: [
      {
        request: 0,
        nonce: 'gsd-0-0123456789ab',
        outcome: r.outcome,
        grade: r.grade,
        primaryAttempts: r.p ?? 1,
        secondaryAttempts: r.s ?? 0,
        clientStatus: status,
        complete: r.outcome !== 'silent-truncation' && r.outcome !== 'error-surfaced' && r.outcome !== 'hang',
        errorEvent: false,
        timedOut: r.outcome === 'hang',
        transportError: null,
        ms,
        extraTokens: r.extraTokens ?? 0,
        errorText: r.errorText ?? null,
      },
    ],
  };
}

/** A document of these rows; targets and totals follow from the rows' targets and grades. */
export function drillDoc(rows: DrillScenarioRow[], over: Partial<DrillDocument> = {}): DrillDocument {
  const names = [...new Set(rows.map((r) => r.target))];
  const gatewayOf = (t: string) => rows.find((r) => r.target === t)!.gateway;
  const n = (t: string, g: Grade) => rows.filter((r) => r.target === t && r.grade === g).length;
  const outcomes = (t: string) => Object.fromEntries(OUTCOMES.map((o) => [o, rows.filter((r) => r.target === t && r.outcome === o).length])) as DrillScenarioRow['outcomes'];
  return {
    schemaVersion: 1,
    kind: 'drill',
    generatedAt: '2026-12-06T12:00:00.000Z',
    version: '0.1.0',
    demo: false,
    status: 'complete',
    config: {
      scenarios: [...new Set(rows.map((r) => r.id))],
      requests: 1,
      stream: 'both',
      timeoutsMs: { request: 10_000 },
      faults: { slowTtftMs: 8000, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 24 },
      pauseMs: 0,
    },
    targets: names.map((t) => ({ name: t, gateway: gatewayOf(t), baseUrl: 'http://127.0.0.1:4000/v1', model: 'gpt-4o-mini' })),
    drill: { scenarios: rows },
    totals: names.map((t) => ({ target: t, gateway: gatewayOf(t), pass: n(t, 'pass'), safe: n(t, 'safe'), fail: n(t, 'fail'), outcomes: outcomes(t) })),
    warnings: [],
    gates: [],
    passed: true,
    ...over,
  };
}
