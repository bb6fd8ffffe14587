/**
 * Colour follows the usual conventions: FORCE_COLOR (non-empty, not "0") forces it on, NO_COLOR (non-empty)
 * turns it off, otherwise colour only when the stream is a terminal.
 */
export function wantsColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (force === '0' || force === 'false') return false;
  return isTTY && env.TERM !== 'dumb';
}

/** Columns for the human report: the terminal's width, else $COLUMNS, else 100 (a pipe or a file). */
export function outputWidth(env: Readonly<Record<string, string | undefined>>, columns: number | undefined): number {
  if (columns !== undefined && Number.isInteger(columns) && columns > 0) return columns;
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return 100;
}
