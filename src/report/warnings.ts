import type { Issue } from '../errors.js';
import { paint } from './paint.js';

export function renderWarnings(file: string, warnings: readonly Issue[], color: boolean): string {
  const c = paint(color);
  return warnings.map((w) => `${c.yellow('warning')} ${file}: ${w.path}: ${w.message}`).join('\n') + '\n';
}
