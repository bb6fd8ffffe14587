import { hang, shellLines, table, visibleWidth } from './layout.js';
import { paint } from './paint.js';

/** A command to run next and what it gives. */
export interface NextStep {
  command: string;
  why: string;
}

/** Commands on the left, what they do on the right, aligned; one under the other when the width is short. */
export function renderNext(steps: readonly NextStep[], width: number, color: boolean): string[] {
  const c = paint(color);
  const widest = Math.max(0, ...steps.map((s) => visibleWidth(s.command)));
  // Side by side while the commands leave room for their reasons; otherwise each reason under its command,
  // and a command too long for the line continued with " \" so that it still pastes whole.
  if (widest + 2 + 24 <= width - 2) {
    return table([{ header: '', fixed: true }, { header: '' }], steps.map((s) => [s.command, { text: s.why, style: c.dim }]), width, { headless: true });
  }
  return steps.flatMap((s, i) => [...(i > 0 ? [''] : []), ...shellLines(s.command, width, 2), ...hang('      ', s.why, width, c.dim)]);
}
