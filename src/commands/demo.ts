import { Command } from 'commander';
import type { Ctx } from './context.js';
import { opt } from './help-style.js';
import { addAsOfOption } from './as-of-option.js';

export function demoCommand(ctx: Ctx): Command {
  const cmd = new Command('demo')
    .description('a non-interactive tour on the built-in example profiles (no keys, no network)')
    .option('--json', "print one JSON document on stdout with every profile's result")
    .option('--no-bench', 'skip the closing `bench --demo` run (the picks alone, at once)')
    .addOption(opt('--data <file>', 'gateway catalog to use', 'the built-in data/gateways.json'))
    .addOption(opt('--data-models <file>', 'model price table to use', 'the built-in data/models.json'));
  return addAsOfOption(cmd).action(async (flags: { json?: boolean; bench?: boolean; data?: string; dataModels?: string; asOf?: string }) => {
    const { runDemo } = await import('./demo-run.js');
    ctx.exit(await runDemo(flags, ctx));
  });
}
