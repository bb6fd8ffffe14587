/**
 * The catalog's feature ids, free of zod. The first eight are the ones a team can name as needs in the answers
 * (`needs`); the rest describe caching, billing and data handling, which other answers ask about.
 */
export const NEED_FEATURES = [
  'fallbacks',
  'load-balancing',
  'rate-limiting',
  'budgets',
  'virtual-keys',
  'observability',
  'guardrails',
  'sso',
] as const;

export const FEATURE_IDS = [
  ...NEED_FEATURES,
  'exact-cache',
  'semantic-cache',
  'prompt-caching-passthrough',
  'streaming',
  'byok',
  'managed-billing',
  'zero-data-retention',
  'data-residency',
  'openai-compatible',
] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

/**
 * Platforms a team may already run, asked in the questionnaire (`platforms`): a gateway that plugs into one of
 * them (catalog `platforms`) saves the team a new vendor or a new service to operate.
 */
export const PLATFORMS = ['kubernetes', 'vercel', 'cloudflare', 'kong', 'aws', 'azure', 'gcp'] as const;
export type Platform = (typeof PLATFORMS)[number];
