import type { Issue } from '../errors.js';
import { paint } from './paint.js';

/** Warnings about a data file, on stderr, in the same "label: message" style as errors. */
export function renderWarnings(file: string, warnings: readonly Issue[], color: boolean): string {
  const c = paint(color);
  return warnings.map((w) => `${c.yellow.bold('warning:')} ${file}: ${w.path}: ${w.message}`).join('\n') + '\n';
}
