import { z } from 'zod';
import { SCENARIO_IDS } from '../drill/scenarios.js';
import { OUTCOMES } from '../drill/types.js';
import { gateResultSchema } from '../gates/result.js';

/** `gateway-scout report --json` (schema: `gateway-scout schema report`). */
export const REPORT_SCHEMA_VERSION = 1;

const rowSchema = z.object({
  target: z.string(),
  origin: z.string().optional(),
  gateway: z.string(),
  model: z.string(),
  sent: z.number().int(),
  ok: z.number().int(),
  failed: z.boolean().describe('true when none of its requests succeeded: the run did not measure it (bench exited 3).'),
  errorRate: z.number().nullable(),
  ttftP50Ms: z.number().nullable(),
  ttftP95Ms: z.number().nullable(),
  e2eP50Ms: z.number().nullable(),
  e2eP95Ms: z.number().nullable(),
  outputTokensPerSecondP50: z.number().nullable(),
  costPer1kRequestsUsd: z.number().nullable(),
  cacheHitRate: z.number().nullable(),
  slo: z
    .object({ attainment: z.number().nullable(), met: z.boolean().nullable(), goodputRps: z.number() })
    .optional()
    .describe("The row's SLO attainment, whether it met the target, and goodput (the summary's targets[].slo); absent without an slo."),
});

const drillSchema = z.object({
  file: z.string().describe('The drill document read.'),
  demo: z.boolean().describe('true: a drill of the emulated gateways (drill --demo), not of a real gateway.'),
  status: z.enum(['complete', 'interrupted']),
  targets: z.array(
    z.object({
      target: z.string(),
      gateway: z.string().nullable().describe('Catalog gateway id; null for a gateway not in the catalog.'),
      pass: z.number().int().describe('Scenario rows (scenario × mode) graded pass.'),
      safe: z.number().int(),
      fail: z.number().int(),
      failures: z
        .array(z.object({ id: z.enum(SCENARIO_IDS), stream: z.boolean(), outcome: z.enum(OUTCOMES) }))
        .describe('Every row graded fail, in the drill\'s order.'),
    }),
  ),
});

export const reportDocumentSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    generatedAt: z.iso.datetime(),
    inputs: z.object({
      bench: z.array(z.string()).describe('Bench results read (summary.json files or --out folders).'),
      choose: z.string().nullable(),
      cost: z.string().nullable(),
      drill: z.array(z.string()).describe('Drill documents read (`drill --json`, or drill.json in its --out folder).'),
    }),
    mergedBy: z
      .enum(['label', 'pooled'])
      .nullable()
      .describe('label: several results side by side, one row per target and origin (several given, or a `report merge --by label` file); pooled: shards merged into one row per target.'),
    targets: z.array(rowSchema).describe('Bench targets; empty in a report of drills alone.'),
    drills: z.array(drillSchema).describe('Per drill document, each target\'s scenario rows by grade and its failures; empty without drills.'),
    gates: z.array(gateResultSchema).describe('Every gate for every target it applies to; empty without --fail-on.'),
    passed: z.boolean().describe('false when any gate failed (the exit code is then 1).'),
    written: z.object({ html: z.string().nullable(), markdown: z.string().nullable() }),
    cutShort: z
      .array(
        z.object({
          input: z.string().describe('The --out folder.'),
          records: z.number().int().describe('Completed requests in its requests.jsonl the summary was rebuilt from.'),
          skippedLines: z.array(z.number().int()).describe('Lines skipped: a last line cut off mid-write.'),
          note: z.string(),
        }),
      )
      .optional()
      .describe('Inputs that were runs cut short (no summary.json, killed before they finished): their summaries were rebuilt from requests.jsonl. Absent when none was.'),
  })
  .describe('gateway-scout report: the results summarised, with every --fail-on gate and whether it passed.');
export type ReportDocument = z.infer<typeof reportDocumentSchema>;
