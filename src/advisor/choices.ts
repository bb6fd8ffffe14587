import { NEED_FEATURES } from '../catalog/features.js';

/** The answers' vocabulary and defaults, kept free of zod so that `--help` and flag parsing load fast. */
export const HOSTING = ['self-hosted', 'managed', 'either'] as const;
export const CACHING = ['none', 'exact', 'semantic'] as const;
export const OPS_CAPACITY = ['none', 'some', 'dedicated'] as const;
export const DATA_CONTROL = ['standard', 'zero-retention', 'own-infrastructure'] as const;
export const LATENCY = ['relaxed', 'sensitive', 'critical'] as const;
/** The needs a team can name are the catalog's first eight features. */
export const NEEDS = NEED_FEATURES;
export type Need = (typeof NEEDS)[number];
export { PLATFORMS, type Platform } from '../catalog/features.js';

/** Defaults used by the questionnaire, by `--answers` files that omit a field, and by the README. */
export const ANSWER_DEFAULTS = {
  hosting: 'either',
  providers: 2,
  ownProviderKeys: true,
  caching: 'none',
  monthlyRequests: 1_000_000,
  avgInputTokens: 1_000,
  avgOutputTokens: 300,
  opsCapacity: 'some',
  dataControl: 'standard',
  latency: 'sensitive',
  needs: ['fallbacks', 'observability'],
  platforms: [],
} as const satisfies Record<string, unknown>;

/**
 * Bounds of the numeric answers: generous, but finite, so that no figure derived from them overflows.
 * A trillion requests a month is about 385,000 requests per second, day and night.
 */
export const ANSWER_BOUNDS = {
  providers: { min: 1, max: 1_000 },
  monthlyRequests: { min: 0, max: 1_000_000_000_000 },
  avgInputTokens: { min: 0, max: 10_000_000 },
  avgOutputTokens: { min: 0, max: 1_000_000 },
} as const;
