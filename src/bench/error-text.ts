import { clipText } from '../format.js';
import { terminalSafe } from '../text/inert.js';
import { redact } from './redact.js';

/** The longest error message kept for display (the notes, the failed targets, the report), in characters. */
export const ERROR_TEXT_MAX = 200;

/**
 * A request's error message as it may be shown (pure): the keys taken out first, then cut to ERROR_TEXT_MAX
 * ending in "…". In that order, because a key cut in two would no longer be recognised and half of it shown.
 * Control characters are shown escaped and line breaks as "⏎" (src/text/inert.ts): the message came from a
 * gateway, and is kept in the summary and printed on terminals.
 */
export function displayError(message: string, secrets: readonly string[]): string {
  return clipText(terminalSafe(redact(message, secrets)), ERROR_TEXT_MAX);
}
