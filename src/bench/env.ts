import { UsageError } from '../errors.js';
import { namedEnv, optionalEnv, requiredEnv, type Target } from './targets.js';

/**
 * The environment variables a bench config names, checked before anything is sent (pure: the environment comes
 * in as a record). API keys are required; a gateway token (`gatewayTokenEnv`) is read when set and otherwise
 * not sent. Names only ever leave here, never values, except in the map the engine sends from.
 */

/** A variable the config names that is not set: its name and the targets that use it, never a value. */
export interface MissingEnv {
  name: string;
  targets: string[];
  /** true: an API key, without which nothing is sent (exit 2); false: a gateway token, then simply not sent. */
  required: boolean;
}

export interface EnvCheck {
  /** Variable → value, for every named variable that is set. */
  secrets: Map<string, string>;
  missing: MissingEnv[];
}

/** Which named variables are set, read before anything is sent. */
export function checkEnv(targets: readonly Target[], env: Readonly<Record<string, string | undefined>>): EnvCheck {
  const missing: MissingEnv[] = [];
  for (const [required, vars] of [[true, requiredEnv(targets)], [false, optionalEnv(targets)]] as const) {
    for (const [name, ts] of vars) if (!env[name]) missing.push({ name, targets: ts, required });
  }
  const secrets = new Map([...namedEnv(targets).keys()].filter((name) => env[name]).map((name) => [name, env[name]!]));
  return { secrets, missing };
}

/** A missing API key is a usage error (exit 2) before anything is sent. */
export function requireKeys(missing: readonly MissingEnv[]): void {
  const keys = missing.filter((m) => m.required);
  if (keys.length === 0) return;
  const list = keys.map((m) => `${m.name} (for ${m.targets.join(', ')})`).join(', ');
  throw new UsageError(
    `Missing environment variable${keys.length > 1 ? 's' : ''} holding API keys: ${list}. Nothing was sent.`,
    'Export them (keys are never read from the config file or flags), or change apiKeyEnv in the config. `--dry-run` shows the plan without them.',
  );
}

/** An unset gateway token is not an error (the gateway may not be authenticated), but worth a line. */
export const tokenWarnings = (missing: readonly MissingEnv[]): string[] =>
  missing
    .filter((m) => !m.required)
    .map((m) => `${m.targets.join(', ')}: ${m.name} is not set, so no gateway token is sent; an authenticated gateway answers 401 (auth errors).`);
