import type { Command } from 'commander';
import { opt } from './help-style.js';

/** `--as-of`, for every command that prices or scores. Kept apart from the loading code so `--help` stays light. */
export function addAsOfOption(cmd: Command): Command {
  return cmd.addOption(opt('--as-of <date>', 'use the prices and facts in force on this date (YYYY-MM-DD, UTC)', 'today'));
}
