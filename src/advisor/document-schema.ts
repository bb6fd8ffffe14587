import { z } from 'zod';
import { benchRecordSchema } from '../bench/bench-record.js';
import { answersSchema } from './answers.js';
import { drillRecordSchema } from './drill-record.js';
import { warningSchema } from '../warnings.js';

import { RECOMMENDATION_SCHEMA_VERSION } from './document.js';

const status = z.enum(['verified', 'unverified', 'conflict']);

const reasonSchema = z.object({
  criterion: z.string(),
  answer: z.string().describe('The answer this reason follows from, e.g. "caching=exact".'),
  effect: z.enum(['for', 'against', 'neutral']),
  weight: z.number(),
  text: z.string(),
  gateway: z.string().optional(),
  source: z.string().optional().describe('Id of an entry in "sources".'),
  status: status.optional(),
  checked: z.iso.date().optional().describe('When the catalog fact behind it was last checked.'),
  note: z.string().optional().describe('The catalog note quoted at the end of "text", when there is one.'),
});

const watchOutSchema = z.object({
  gateway: z.string(),
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  severity: z.enum(['info', 'warn', 'high']),
  because: z.array(z.string()).describe('The answers that make it relevant.'),
  source: z.string(),
  status,
});

const rankedSchema = z.object({
  gateway: z.string(),
  name: z.string(),
  members: z.array(z.string()),
  score: z.number().int().min(0).max(100),
  eligible: z.boolean(),
  reasons: z.array(reasonSchema),
  excludedBecause: z.array(reasonSchema),
  watchOuts: z.array(watchOutSchema),
});

export const recommendationDocumentSchema = z.object({
  schemaVersion: z.literal(RECOMMENDATION_SCHEMA_VERSION),
  generatedAt: z.iso.datetime(),
  asOf: z.iso.date().optional().describe('The catalog was evaluated as of this day (UTC): only prices and facts in force then were used. Absent in documents written before dates were tracked.'),
  warnings: z.array(warningSchema).default([]).describe('Staleness and other warnings (catalog-stale, fact-stale), also shown once on stderr without --json.'),
  catalog: z.object({ version: z.string(), lastVerified: z.iso.date(), file: z.string(), warnings: z.array(z.object({ path: z.string(), message: z.string() })) }),
  answers: answersSchema,
  recommendation: z.object({
    gateway: z.string().nullable().describe('The gateway your application calls; null when none is eligible.'),
    stack: z.array(z.string()).describe('Every gateway in the recommended setup, in request order.'),
    name: z.string(),
    topology: z.string().nullable(),
    score: z.number().int().min(0).max(100),
    confidence: z
      .enum(['high', 'medium', 'low', 'only-option', 'none'])
      .describe('high/medium/low: the margin over the runner-up; only-option: no other option is eligible; none: nothing is.'),
    confidenceText: z.string().describe('The confidence in words, with its figures, e.g. "only eligible option (fit 70/100)".'),
    runnerUp: z.string().nullable(),
    reasons: z.array(reasonSchema),
    watchOuts: z.array(watchOutSchema),
    conflicts: z
      .array(z.object({ answers: z.array(z.string()), text: z.string() }))
      .describe('Answers that pull against each other, e.g. managed hosting with own-infrastructure data control.'),
  }),
  ranking: z.array(rankedSchema).describe('Every catalog gateway, best first; ineligible ones last.'),
  stacks: z.array(rankedSchema).describe('Combinations whose members are all eligible.'),
  sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string(), publisher: z.string(), published: z.string().optional() })),
  cost: z.unknown().optional().describe('The cost model summary, when prices are available (see `schema cost`).'),
  bench: benchRecordSchema.optional().describe('With --bench: the benchmark read, what it replaced, and whether that changed the pick.'),
  drill: drillRecordSchema.optional().describe('With --drill: the failover drill read, per drilled gateway what failed, and whether that changed the pick.'),
});
export type RecommendationDocument = z.infer<typeof recommendationDocumentSchema>;

