import { z } from 'zod';
import type { Catalog } from '../catalog/schema.js';
import { answersSchema, type Answers } from './answers.js';
import type { Advice } from './score.js';

/** Bump on any breaking change to the `choose --json` document. */
export const RECOMMENDATION_SCHEMA_VERSION = 1;

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
  catalog: z.object({ version: z.string(), lastVerified: z.iso.date(), file: z.string(), warnings: z.array(z.object({ path: z.string(), message: z.string() })) }),
  answers: answersSchema,
  recommendation: z.object({
    gateway: z.string().nullable().describe('The gateway your application calls; null when none is eligible.'),
    stack: z.array(z.string()).describe('Every gateway in the recommended setup, in request order.'),
    name: z.string(),
    topology: z.string().nullable(),
    score: z.number().int().min(0).max(100),
    confidence: z.enum(['high', 'medium', 'low', 'none']),
    runnerUp: z.string().nullable(),
    reasons: z.array(reasonSchema),
    watchOuts: z.array(watchOutSchema),
  }),
  ranking: z.array(rankedSchema).describe('Every catalog gateway, best first; ineligible ones last.'),
  stacks: z.array(rankedSchema).describe('Combinations whose members are all eligible.'),
  sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string(), publisher: z.string(), published: z.string().optional() })),
  cost: z.unknown().optional().describe('The cost model summary, when prices are available (see `schema cost`).'),
});
export type RecommendationDocument = z.infer<typeof recommendationDocumentSchema>;

export function recommendationDocument(
  catalog: Catalog,
  meta: { file: string; lastVerified: string; warnings: { path: string; message: string }[] },
  answers: Answers,
  advice: Advice,
  now: Date,
  cost?: unknown,
): RecommendationDocument {
  const cited = new Set(advice.sources);
  return {
    schemaVersion: RECOMMENDATION_SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    catalog: { version: catalog.version, lastVerified: meta.lastVerified, file: meta.file, warnings: meta.warnings },
    answers,
    recommendation: advice.recommendation,
    ranking: advice.ranking,
    stacks: advice.stacks,
    sources: catalog.sources.filter((s) => cited.has(s.id)),
    ...(cost === undefined ? {} : { cost }),
  };
}
