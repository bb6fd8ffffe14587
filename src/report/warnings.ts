import type { Issue } from '../errors.js';
import type { Warning } from '../warnings.js';
import { FACT_STALE_DAYS } from '../catalog/staleness.js';
import { terminalSafe } from '../text/inert.js';
import { paint } from './paint.js';

/** Warnings about a data file, on stderr, in the same "label: message" style as errors. */
export function renderWarnings(file: string, warnings: readonly Issue[], color: boolean): string {
  const c = paint(color);
  return warnings.map((w) => `${c.yellow.bold('warning:')} ${file}: ${terminalSafe(w.path)}: ${terminalSafe(w.message)}`).join('\n') + '\n';
}

/**
 * A run's warnings for a person, once each on stderr: every kind in its own words, except that stale facts are
 * summed up in one line (how many, the oldest, the command that lists them); `--json` keeps each one. Pure.
 */
export function renderRunWarnings(warnings: readonly Warning[], color: boolean, listCommand: string): string {
  const c = paint(color);
  const label = c.yellow.bold('warning:');
  const stale = warnings.filter((w) => w.code === 'fact-stale');
  const lines = warnings.filter((w) => w.code !== 'fact-stale').map((w) => `${label} ${terminalSafe(w.message)}`);
  if (stale.length === 1) lines.push(`${label} ${stale[0]!.message}`);
  if (stale.length > 1) {
    const checked = stale.map((w) => String(w.checked)).sort();
    const asOf = String(stale[0]!.asOf ?? '');
    lines.push(
      `${label} ${stale.length} facts behind the top two options were checked more than ${FACT_STALE_DAYS} days ago${asOf ? ` (as of ${asOf})` : ''}, the oldest on ${checked[0]}. \`${listCommand}\` lists them; --json names each.`,
    );
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
