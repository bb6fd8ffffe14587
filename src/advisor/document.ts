import type { BenchRecord } from '../bench/bench-record.js';
import type { Catalog } from '../catalog/schema.js';
import type { Dated } from '../warnings.js';
import { isoDay } from '../catalog/as-of.js';
import type { Answers } from './answers.js';
import type { DrillRecord } from './drill-record.js';
import type { RecommendationDocument } from './document-schema.js';
import type { Advice } from './score.js';

/** Bump on any breaking change to the `choose --json` document (schema: document-schema.ts). */
export const RECOMMENDATION_SCHEMA_VERSION = 2;

export type { RecommendationDocument } from './document-schema.js';

export function recommendationDocument(
  catalog: Catalog,
  meta: { file: string; lastVerified: string; warnings: { path: string; message: string }[] },
  answers: Answers,
  advice: Advice,
  now: Date,
  cost?: unknown,
  bench?: BenchRecord,
  dated: Dated = { asOf: isoDay(now), warnings: [] },
  drill?: DrillRecord,
): RecommendationDocument {
  const cited = new Set(advice.sources);
  return {
    schemaVersion: RECOMMENDATION_SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    asOf: dated.asOf,
    warnings: dated.warnings,
    catalog: { version: catalog.version, lastVerified: meta.lastVerified, file: meta.file, warnings: meta.warnings },
    answers,
    recommendation: advice.recommendation,
    ranking: advice.ranking,
    stacks: advice.stacks,
    sources: catalog.sources.filter((s) => cited.has(s.id)),
    ...(cost === undefined ? {} : { cost }),
    ...(bench === undefined ? {} : { bench }),
    ...(drill === undefined ? {} : { drill }),
  };
}
