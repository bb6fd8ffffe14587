import { Command } from 'commander';
import type { Ctx } from './context.js';
import { opt } from './help-style.js';

export function demoCommand(ctx: Ctx): Command {
  return new Command('demo')
    .description('a non-interactive tour on the built-in example profiles (no keys, no network)')
    .option('--json', "print one JSON document on stdout with every profile's result")
    .option('--no-bench', 'skip the closing `bench --demo` run (the picks alone, at once)')
    .addOption(opt('--data <file>', 'gateway catalog to use', 'the built-in data/gateways.json'))
    .addOption(opt('--data-models <file>', 'model price table to use', 'the built-in data/models.json'))
    .addOption(opt('--as-of <date>', 'use the prices and facts in force on this date (YYYY-MM-DD, UTC)', 'today'))
    .action(async (flags: { json?: boolean; bench?: boolean; data?: string; dataModels?: string; asOf?: string }) => {
      const { runDemo } = await import('./demo-run.js');
      ctx.exit(await runDemo(flags, ctx));
    });
}
