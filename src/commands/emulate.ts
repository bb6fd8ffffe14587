import { Command } from 'commander';
import type { EmulateOptions } from '../emulator/run.js';
import type { Ctx } from './context.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function emulateCommand(ctx: Ctx): Command {
  return new Command('emulate')
    .description(
      'Start local emulators of a model provider (OpenAI-style) and of LiteLLM, OpenRouter and Cloudflare AI Gateway in front of it, with known latency and injectable faults; runs until Ctrl-C.',
    )
    .option('--port <n>', 'base port: provider n, litellm n+1, openrouter n+2, cloudflare n+3 (0 = random free ports)', '0')
    .option('--profile <name|file>', 'latency profile: "realistic", "zero", or a profile JSON file', 'realistic')
    .option(
      '--fault <spec>',
      'inject a fault, repeatable: ENDPOINT:KIND[=ARG][@WHEN], e.g. provider:429=2@every=5, openrouter:disconnect=3@rate=0.1 (see docs/emulators.md)',
      collect,
    )
    .option('--ttft <ms>', 'override the provider\'s time to first token')
    .option('--tokens-per-second <n>', 'override the provider\'s generation speed')
    .option('--tokens-per-chunk <n>', 'override how many tokens go in one streamed chunk')
    .option('--output-tokens <n>', 'completion length when a request sets no max_tokens')
    .option('--overhead <list>', 'override gateway overheads, e.g. litellm=4,openrouter=40,cloudflare=25 (ms)')
    .option('--seed <n>', 'seed for generated text, jitter and fault rates')
    .option('--hop <mode>', 'how gateways reach the provider: in-process (default, exact overheads) or http (a real local HTTP hop)', 'in-process')
    .option('--data-models <file>', 'model price table (default: the bundled data/models.json)')
    .option('--json', 'print one JSON document describing the endpoints')
    .action(async (opts: EmulateOptions) => {
      const { runEmulate } = await import('../emulator/run.js');
      ctx.exit(await runEmulate(opts, ctx));
    });
}
