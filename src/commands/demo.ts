import { Command } from 'commander';
import type { Ctx } from './context.js';

export function demoCommand(ctx: Ctx): Command {
  return new Command('demo')
    .description('a non-interactive tour on the built-in example profiles (no keys, no network)')
    .option('--json', 'print one JSON document on stdout with every profile\'s result')
    .option('--data <file>', 'gateway catalog to use instead of the built-in one')
    .action(async (flags: { json?: boolean; data?: string }) => {
      const { runDemo } = await import('./demo-run.js');
      ctx.exit(await runDemo(flags, ctx));
    });
}
