import { z } from 'zod';
import { SCENARIO_IDS } from '../drill/scenarios.js';
import { OUTCOMES } from '../drill/types.js';
import type { DrillEvidence, DrillFinding } from './drill-evidence.js';

/**
 * What `choose --drill` records about the drill it read (pure): which file, per drilled catalog gateway what
 * failed and what was only safe, whether its fallbacks still count, and whether the drill changed the pick.
 */

const pickSchema = z.strictObject({ id: z.string().nullable(), name: z.string() });
const findingSchema = z.strictObject({
  target: z.string(),
  id: z.enum(SCENARIO_IDS),
  stream: z.boolean(),
  outcome: z.enum(OUTCOMES),
  clientStatus: z.number().int().nullable(),
});

export const drillRecordSchema = z
  .strictObject({
    file: z.string().describe('The drill document as given with --drill.'),
    drilledAt: z.iso.datetime().describe("When the drill's document was written."),
    gateways: z.array(
      z.strictObject({
        gateway: z.string().describe('Catalog gateway id.'),
        targets: z.array(z.string()).describe('The drill targets of this gateway.'),
        scenarios: z.number().int().describe('Distinct scenarios drilled.'),
        passedScenarios: z.number().int().describe('Scenarios whose every row (stream and non-stream) passed.'),
        fallbacksCount: z.boolean().describe('false: a row failed, so its fallbacks no longer count as meeting a need for fallbacks (and it has a watch-out).'),
        fails: z.array(findingSchema).describe('Rows graded fail: silent-truncation, hang, retried-unrecoverable (or another outcome its scenario fails).'),
        safes: z.array(findingSchema).describe('Rows graded safe: the client got a clear error where no fallback happened.'),
      }),
    ),
    ignored: z.array(z.string()).describe('Targets not used: no catalog gateway (gateway null) or one not in the catalog.'),
    changedPick: z
      .strictObject({ from: pickSchema, to: pickSchema, why: z.string() })
      .nullable()
      .describe('The pick without the drill and with it, when they differ; null when the drill did not change it.'),
  })
  .describe('The failover drill read with --drill.');
export type DrillRecord = z.infer<typeof drillRecordSchema>;

const brief = (f: DrillFinding) => ({ target: f.target, id: f.id, stream: f.stream, outcome: f.outcome, clientStatus: f.clientStatus });

export function drillRecord(e: DrillEvidence, changedPick: DrillRecord['changedPick']): DrillRecord {
  return {
    file: e.file,
    drilledAt: e.generatedAt,
    gateways: [...e.byGateway.values()].map((v) => ({
      gateway: v.gateway,
      targets: v.targets,
      scenarios: v.scenarios,
      passedScenarios: v.passedScenarios,
      fallbacksCount: v.fails.length === 0,
      fails: v.fails.map(brief),
      safes: v.safes.map(brief),
    })),
    ignored: e.ignored,
    changedPick,
  };
}
