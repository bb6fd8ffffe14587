import { actionsData } from '../text/inert.js';

/**
 * GitHub Actions workflow commands, formatted (pure). Printing them, and only inside Actions, is the edge's
 * job (src/io/github-actions.ts). Escaping follows the runner's rules: data escapes %, CR and LF; property
 * values also escape ":" and ",".
 */

// Control characters in a message (gateway text among them) are shown escaped first (src/text/inert.ts).
const data = actionsData;
const property = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::add-mask::` for each secret value; a multi-line value is masked line by line, as the runner matches lines. */
export function maskCommands(values: readonly string[]): string {
  const lines = [...new Set(values.flatMap((v) => v.split(/\r?\n/)).map((v) => v.trim()).filter((v) => v.length > 0))];
  return lines.map((v) => `::add-mask::${v}\n`).join('');
}

export function errorCommand(title: string, message: string): string {
  return `::error title=${property(title)}::${data(message)}\n`;
}

export function warningCommand(title: string, message: string): string {
  return `::warning title=${property(title)}::${data(message)}\n`;
}
