/**
 * The benchmark's built-in defaults and limits, in a module of their own so that `--help` can show them
 * without loading the config schema.
 */

/** Limits of the load settings, for the config file and the flags that override it alike. */
export const LOAD_BOUNDS = {
  requests: { min: 1, max: 1_000_000, integer: true },
  warmup: { min: 0, max: 1_000, integer: true },
  concurrency: { min: 1, max: 10_000, integer: true },
  rate: { min: 0, max: 100_000, minExclusive: true },
  maxTokens: { min: 1, max: 100_000, integer: true },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
} as const;

/** `bench --workers`: worker threads that split an open-loop schedule. */
export const WORKERS_BOUNDS = { min: 1, max: 64, integer: true } as const;
/** Open-loop rate (all targets together, requests a second) from which `bench` uses worker threads unasked. */
export const AUTO_WORKERS_FROM_RPS = 3000;

/** Built-in defaults of the load settings (shown in `bench --help`). */
export const LOAD_DEFAULTS = { requests: 50, warmup: 3, concurrency: 4, maxTokens: 128, seed: 1 } as const;

/** The model `bench init` writes a config for unless told otherwise. */
export const DEFAULT_INIT_MODEL = 'openai/gpt-4o-mini';
