import { z } from 'zod';

export * from './choices.js';
import { ANSWER_BOUNDS, CACHING, DATA_CONTROL, HOSTING, LATENCY, NEEDS, OPS_CAPACITY, PLATFORMS } from './choices.js';

const count = (b: { min: number; max: number }) => z.number().int().min(b.min).max(b.max);

/** The answers contract: what the questionnaire, `--answers FILE` and per-field flags all produce. */
export const answersSchema = z.strictObject({
  hosting: z.enum(HOSTING).describe('Where the gateway may run.'),
  providers: count(ANSWER_BOUNDS.providers).describe('How many LLM providers will be called.'),
  ownProviderKeys: z.boolean().describe('Whether the team already holds provider accounts and keys.'),
  caching: z.enum(CACHING).describe('Response caching wanted at the gateway.'),
  monthlyRequests: count(ANSWER_BOUNDS.monthlyRequests).describe('Requests per month through the gateway.'),
  avgInputTokens: count(ANSWER_BOUNDS.avgInputTokens).describe('Average input (prompt) tokens per request.'),
  avgOutputTokens: count(ANSWER_BOUNDS.avgOutputTokens).describe('Average output (completion) tokens per request.'),
  opsCapacity: z.enum(OPS_CAPACITY).describe('Can the team run and upgrade a service with Postgres/Redis?'),
  dataControl: z.enum(DATA_CONTROL).describe('What must happen to prompts and completions.'),
  latency: z.enum(LATENCY).describe('How much added latency matters.'),
  needs: z
    .array(z.enum(NEEDS))
    .transform((xs) => NEEDS.filter((n) => xs.includes(n)))
    .describe('Gateway features the team needs.'),
  platforms: z
    .array(z.enum(PLATFORMS))
    .default([])
    .transform((xs) => PLATFORMS.filter((p) => xs.includes(p)))
    .describe('Platforms the team already runs (a gateway that plugs into one is a vendor and a service fewer); empty: none of these.'),
});
export type Answers = z.output<typeof answersSchema>;

/** A file or flag set may leave fields out; defaults fill them in. */
export const partialAnswersSchema = answersSchema.partial();
export type PartialAnswers = z.output<typeof partialAnswersSchema>;

export { mergeAnswers } from './answers-check.js';
