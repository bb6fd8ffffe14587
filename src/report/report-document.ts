import { z } from 'zod';
import { benchSummarySchema } from './bench-input.js';

/** `gateway-scout report --json` (schema: `gateway-scout schema report`). */
export const REPORT_SCHEMA_VERSION = 1;

const gateResultSchema = z.object({
  gate: z.string().describe('The gate as written.'),
  target: z.string(),
  origin: z.string().optional().describe('The run a row came from, when runs were merged by label.'),
  field: z.string(),
  op: z.enum(['>', '>=', '<', '<=', '==', '!=']),
  limit: z.number(),
  measured: z.number().nullable().describe('null: not measured (the gate fails) or not applicable.'),
  unit: z.enum(['ms', '%', 'usd']).nullable().describe('Unit of limit and measured; null for counts and tokens/s.'),
  status: z.enum(['pass', 'fail', 'not-applicable']),
  message: z.string(),
});

const rowSchema = z.object({
  target: z.string(),
  origin: z.string().optional(),
  gateway: z.string(),
  model: z.string(),
  sent: z.number().int(),
  ok: z.number().int(),
  errorRate: z.number().nullable(),
  ttftP50Ms: z.number().nullable(),
  ttftP95Ms: z.number().nullable(),
  e2eP50Ms: z.number().nullable(),
  e2eP95Ms: z.number().nullable(),
  outputTokensPerSecondP50: z.number().nullable(),
  costPer1kRequestsUsd: z.number().nullable(),
  cacheHitRate: z.number().nullable(),
});

export const reportDocumentSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    generatedAt: z.iso.datetime(),
    inputs: z.object({
      bench: z.array(z.string()).describe('Bench results read (summary.json files or --out folders).'),
      choose: z.string().nullable(),
      cost: z.string().nullable(),
    }),
    mergedBy: z.enum(['label']).nullable().describe('Several bench results are shown side by side, one row per target and origin.'),
    targets: z.array(rowSchema),
    gates: z.array(gateResultSchema).describe('Every gate for every target it applies to; empty without --fail-on.'),
    passed: z.boolean().describe('false when any gate failed (the exit code is then 1).'),
    written: z.object({ html: z.string().nullable(), markdown: z.string().nullable() }),
  })
  .describe('gateway-scout report: the results summarised, with every --fail-on gate and whether it passed.');
export type ReportDocument = z.infer<typeof reportDocumentSchema>;

/** `gateway-scout report merge` writes a bench summary with a `merge` section (schema: `schema merged`). */
export const mergedSummarySchema = benchSummarySchema
  .extend({
    merge: z.object({
      by: z.enum(['label', 'pooled']),
      runs: z.array(z.object({ file: z.string(), label: z.string(), startedAt: z.string(), finishedAt: z.string(), environment: z.record(z.string(), z.unknown()) })),
    }),
  })
  .describe('Several bench runs of one config merged: side by side (label) or as shards of one load test (pooled).');
