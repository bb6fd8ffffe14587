import { Command } from 'commander';
import type { Ctx } from './context.js';
import { addAnswerOptions } from './answer-options.js';
import { addCostOptions, type RawCostFlags } from './cost.js';
import type { RawAnswerFlags } from '../io/answers-input.js';

export interface ChooseFlags extends RawAnswerFlags, RawCostFlags {
  json?: boolean;
  saveAnswers?: string;
  expect?: string;
  minScore?: string;
  dataModels?: string;
  bench?: string;
}

export function chooseCommand(ctx: Ctx): Command {
  const cmd = new Command('choose')
    .description('ask about your requirements and recommend a gateway (or a combination), with reasons')
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema recommendation`)')
    .option('--save-answers <file>', 'write the answers to FILE (JSON, or YAML for .yaml/.yml) for reuse in CI')
    .option('--expect <gateway>', 'CI gate: exit 1 unless the top pick is GATEWAY (a gateway or stack id)')
    .option('--min-score <n>', 'CI gate: exit 1 if the top pick scores below N (0-100)')
    .option('--data-models <file>', 'model price table to use instead of the built-in one')
    .option('--bench <file>', 'a `bench` summary.json: your measured overhead, tokens and cost differences replace published figures');
  return addCostOptions(addAnswerOptions(cmd)).action(async (flags: ChooseFlags) => {
    const { runChoose } = await import('./choose-run.js');
    ctx.exit(await runChoose(flags, ctx));
  });
}
