import { z } from 'zod';
import { gateResultSchema } from '../gates/result.js';
import { SCENARIO_IDS } from './scenarios.js';
import { OUTCOMES } from './types.js';

/**
 * The drill's JSON document (`drill --json`, `drill.json` in --out; `gateway-scout schema drill`), pure. Every
 * outcome is classified from the upstreams' logs (outcome.ts), never from what the gateway reports.
 */

export const DRILL_SCHEMA_VERSION = 1;

const outcome = z.enum(OUTCOMES);
const grade = z.enum(['pass', 'safe', 'fail']);
const counts = z.strictObject(Object.fromEntries(OUTCOMES.map((o) => [o, z.number().int().nonnegative()])) as Record<(typeof OUTCOMES)[number], z.ZodNumber>);

export const drillRequestSchema = z.strictObject({
  request: z.number().int().nonnegative(),
  nonce: z.string(),
  outcome,
  grade,
  primaryAttempts: z.number().int().nonnegative(),
  secondaryAttempts: z.number().int().nonnegative(),
  clientStatus: z.number().int().nullable().describe('HTTP status the client got; null when no response headers came.'),
  complete: z.boolean(),
  errorEvent: z.boolean(),
  timedOut: z.boolean(),
  transportError: z.string().nullable(),
  ms: z.number().nonnegative().describe('Request sent → final answer (end of body, error, or give-up), ms.'),
  extraTokens: z.number().int().nonnegative().describe('Tokens the upstreams billed beyond the final answer.'),
  errorText: z.string().nullable().describe('Start of an error body or event: untrusted text from the gateway.'),
});

export const drillScenarioRowSchema = z.strictObject({
  target: z.string(),
  gateway: z.string().nullable(),
  id: z.enum(SCENARIO_IDS),
  stream: z.boolean(),
  outcome: outcome.describe('The worst-graded outcome among its requests (the most severe on a tie).'),
  grade,
  requests: z.number().int().positive(),
  outcomes: counts.describe('Requests per outcome.'),
  primaryAttempts: z.number().int().nonnegative().describe('Most attempts at the primary for one request.'),
  secondaryAttempts: z.number().int().nonnegative().describe('Most attempts at the secondary for one request.'),
  clientStatus: z.number().int().nullable().describe('The status of the request the row\'s outcome comes from.'),
  ms: z.number().nonnegative().describe('Longest time to the final answer among its requests, ms.'),
  msMedian: z.number().nonnegative(),
  extraTokens: z.number().int().nonnegative().describe('Sum over its requests.'),
  details: z.array(drillRequestSchema),
});

export const drillTargetTotalsSchema = z.strictObject({
  target: z.string(),
  gateway: z.string().nullable(),
  pass: z.number().int().nonnegative().describe('Scenario rows graded pass.'),
  safe: z.number().int().nonnegative(),
  fail: z.number().int().nonnegative(),
  outcomes: counts.describe('Requests per outcome over every scenario.'),
});

export const drillDocumentSchema = z.strictObject({
  schemaVersion: z.literal(DRILL_SCHEMA_VERSION),
  kind: z.literal('drill'),
  generatedAt: z.iso.datetime(),
  version: z.string(),
  demo: z.boolean(),
  status: z.enum(['complete', 'interrupted']).describe('interrupted: stopped early (Ctrl-C); the rows hold what was measured.'),
  config: z.strictObject({
    scenarios: z.array(z.enum(SCENARIO_IDS)),
    requests: z.number().int().positive(),
    stream: z.union([z.boolean(), z.literal('both')]),
    timeoutsMs: z.strictObject({ request: z.number().int().positive() }),
    faults: z.strictObject({ slowTtftMs: z.number(), retryAfterS: z.number(), cutAfterChunks: z.number(), answerTokens: z.number() }),
    pauseMs: z.number().int().nonnegative(),
  }),
  targets: z.array(z.strictObject({ name: z.string(), gateway: z.string().nullable(), baseUrl: z.string(), model: z.string() })),
  drill: z.strictObject({ scenarios: z.array(drillScenarioRowSchema) }),
  totals: z.array(drillTargetTotalsSchema),
  warnings: z.array(z.string()),
  gates: z.array(gateResultSchema).describe('Every gate for every target; empty without --fail-on.'),
  passed: z.boolean().describe('No gate failed.'),
});
export type DrillDocument = z.infer<typeof drillDocumentSchema>;
export type DrillScenarioRow = z.infer<typeof drillScenarioRowSchema>;
export type DrillRequestRow = z.infer<typeof drillRequestSchema>;
