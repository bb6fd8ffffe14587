import { Command } from 'commander';
import type { Ctx } from './commands/context.js';
import { benchCommand } from './commands/bench.js';
import { chooseCommand } from './commands/choose.js';
import { compareCommand } from './commands/compare.js';
import { costCommand } from './commands/cost.js';
import { dataCommand } from './commands/data.js';
import { demoCommand } from './commands/demo.js';
import { emulateCommand } from './commands/emulate.js';
import { schemaCommand } from './commands/schema.js';

export const VERSION = '0.1.0';

const EXIT_HELP = `
Exit codes:
  0    ok
  1    a gate failed (--expect, --min-score, ...)
  2    bad usage or bad input (flags, answers, data files)
  3    the run itself failed
  130  interrupted (Ctrl-C)

Run with no arguments in a terminal to start the questionnaire.`;

/** Every command is registered here; each command file imports its heavy parts lazily in its action. */
export function createProgram(ctx: Ctx): Command {
  const program = new Command('gateway-scout')
    .description('Choose an LLM API gateway (LiteLLM, OpenRouter, Cloudflare AI Gateway) and prove the choice with measurements.')
    .version(VERSION, '-v, --version')
    // Options after a command name belong to that command (so `bench --out DIR` and `bench init --out FILE` differ).
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .addHelpText('after', EXIT_HELP)
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .exitOverride();
  for (const make of [chooseCommand, compareCommand, costCommand, benchCommand, dataCommand, schemaCommand, emulateCommand, demoCommand]) {
    program.addCommand(make(ctx).exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) }));
  }
  return program;
}
