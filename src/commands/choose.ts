import { Command } from 'commander';
import { opt } from './help-style.js';
import type { Ctx } from './context.js';
import { addAnswerOptions } from './answer-options.js';
import { addCostOptions, type RawCostFlags } from './cost.js';
import { addAsOfOption } from './as-of-option.js';
import type { RawAnswerFlags } from '../io/answers-input.js';

export interface ChooseFlags extends RawAnswerFlags, RawCostFlags {
  json?: boolean;
  details?: boolean;
  saveAnswers?: string;
  expect?: string;
  minScore?: string;
  dataModels?: string;
  bench?: string;
  drill?: string;
  asOf?: string;
  benchTokens?: boolean;
}

export function chooseCommand(ctx: Ctx): Command {
  const cmd = new Command('choose')
    .description('ask about your requirements and recommend a gateway (or a combination), with reasons')
    .option('--details', 'every reason with its note, every watch-out, the ranking and the answers')
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema recommendation`)')
    .option('--save-answers <file>', 'write the answers to a file (YAML for .yaml/.yml, else JSON) to reuse them')
    .option('--expect <id>', 'gate for CI: exit 1 unless the top pick is this gateway or stack id')
    .option('--min-score <n>', 'gate for CI: exit 1 if the top pick scores below n (0 to 100)')
    .addOption(opt('--data-models <file>', 'model price table to use', 'the built-in data/models.json'))
    .option('--bench <file>', 'a `bench` summary.json (of real gateways, not a demo): your measured overhead and cost differences replace published figures')
    .option('--bench-tokens', "with --bench: use the run's token sizes per request (only if its prompts came from your own file); --avg-*-tokens still win")
    .option('--drill <file>', 'a `drill --json` document (of your gateways, not a demo): a drilled gateway that failed (silent truncation, hang, a 400 resent) no longer counts as having fallbacks');
  return addAsOfOption(addCostOptions(addAnswerOptions(cmd))).action(async (flags: ChooseFlags) => {
    const { runChoose } = await import('./choose-run.js');
    ctx.exit(await runChoose(flags, ctx));
  });
}
