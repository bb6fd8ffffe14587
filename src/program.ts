import { Command } from 'commander';
import type { Ctx } from './commands/context.js';
import { benchCommand } from './commands/bench.js';
import { chooseCommand } from './commands/choose.js';
import { compareCommand } from './commands/compare.js';
import { costCommand } from './commands/cost.js';
import { dataCommand } from './commands/data.js';
import { demoCommand } from './commands/demo.js';
import { drillCommand } from './commands/drill.js';
import { emulateCommand } from './commands/emulate.js';
import { helpCommand } from './commands/help.js';
import { styleHelp } from './commands/help-style.js';
import { reportCommand } from './commands/report.js';
import { schemaCommand } from './commands/schema.js';

export const VERSION = '0.1.0';

const EXIT_HELP = `
Exit codes:
  0    ok
  1    a gate failed (--expect, --min-score, --fail-on)
  2    bad usage or bad input (flags, answers, data files)
  3    the run itself failed
  130  interrupted (Ctrl-C, or Ctrl-D at a prompt)

Run with no arguments in a terminal to start the questionnaire.`;

/** Every command is registered here; each command file imports its heavy parts lazily in its action. */
export function createProgram(ctx: Ctx): Command {
  const program = new Command('gateway-scout')
    .description('choose an LLM API gateway (LiteLLM, OpenRouter, Cloudflare AI Gateway) and prove the choice with measurements')
    .version(VERSION, '-v, --version', 'print the version')
    // Options after a command name belong to that command (so `bench --out DIR` and `bench init --out FILE` differ).
    .showSuggestionAfterError(true)
    .enablePositionalOptions()
    .addHelpText('after', EXIT_HELP)
    .helpCommand(false);
  for (const make of [chooseCommand, compareCommand, costCommand, benchCommand, drillCommand, reportCommand, dataCommand, schemaCommand, emulateCommand, demoCommand]) program.addCommand(make(ctx));
  program.addCommand(helpCommand(program, ctx));
  configure(program, ctx);
  styleHelp(program);
  return program;
}

/**
 * Every command, however deep, throws instead of exiting (cli.ts maps errors to exit codes) and writes
 * through ctx. The parser's own error line is not printed here: cli.ts renders it like any other error.
 */
function configure(cmd: Command, ctx: Ctx): void {
  cmd
    .exitOverride()
    .helpOption('-h, --help', 'show help for this command')
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s), outputError: () => undefined });
  for (const sub of cmd.commands) configure(sub, ctx);
}
