import { appendFile } from 'node:fs/promises';
import { RunError } from '../errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** GitHub sets GITHUB_ACTIONS=true in every step; outside it nothing Actions-specific is printed or written. */
export const inGitHubActions = (env: Env): boolean => env.GITHUB_ACTIONS === 'true';

/** The values of the named environment variables that are set (to be masked before anything is printed). */
export const secretValues = (env: Env, names: readonly string[]): string[] => names.map((n) => env[n]).filter((v): v is string => typeof v === 'string' && v !== '');

/** Append to the step summary file GitHub names in $GITHUB_STEP_SUMMARY (each step has its own). */
export async function appendStepSummary(env: Env, markdown: string): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  try {
    await appendFile(file, markdown.endsWith('\n') ? markdown : markdown + '\n');
    return true;
  } catch (e) {
    throw new RunError(`Cannot append to the step summary ${file}: ${(e as Error).message}`);
  }
}
