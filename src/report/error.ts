import { CliError, InputError } from '../errors.js';
import { controlSafe, terminalSafe } from '../text/inert.js';
import { paint } from './paint.js';

export const ERROR_SCHEMA_VERSION = 1;

/**
 * The human form of every error: "error: what went wrong", the problems by path, then "hint: what to do".
 * Never a stack trace. Written to stderr, so it is not laid out to stdout's width.
 */
export function renderError(e: CliError, color: boolean): string {
  const c = paint(color);
  // A message can quote a file's keys and values (a summary.json from someone else): control characters escaped.
  const lines = [`${c.red.bold('error:')} ${controlSafe(e.message)}`];
  if (e instanceof InputError) {
    const shown = e.issues.slice(0, 50);
    for (const i of shown) lines.push(`  ${c.bold(terminalSafe(i.path))}: ${terminalSafe(i.message)}`);
    if (e.issues.length > shown.length) lines.push(`  … and ${e.issues.length - shown.length} more`);
  }
  if (e.hint) lines.push(`${c.dim('hint:')} ${controlSafe(e.hint)}`);
  return lines.join('\n') + '\n';
}

/** The --json form: one document on stdout, so a pipeline can read why it failed. */
export function errorDocument(e: CliError): object {
  return {
    schemaVersion: ERROR_SCHEMA_VERSION,
    error: {
      code: e.code,
      exitCode: e.exitCode,
      message: e.message,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e instanceof InputError ? { file: e.file ?? null, issues: e.issues } : {}),
    },
  };
}
