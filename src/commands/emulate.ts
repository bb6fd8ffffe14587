import { Command, Option } from 'commander';
import { opt, withDefault } from './help-style.js';
import type { EmulateOptions } from '../emulator/run.js';
import type { Ctx } from './context.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function emulateCommand(ctx: Ctx): Command {
  return new Command('emulate')
    .description(
      'start local emulators of a model provider (OpenAI-style) and of nine gateways in front of it (LiteLLM, OpenRouter, Cloudflare AI Gateway, Portkey, Vercel AI Gateway, Kong AI Gateway, Bifrost, TensorZero, Helicone), with known latency and injectable faults; runs until Ctrl-C',
    )
    .addOption(opt('--port <n>', 'base port: provider n, litellm n+1, openrouter n+2, cloudflare n+3, then the gateways of data/emulators.json from n+4 in its order; 0 picks free ports', 0))
    .addOption(opt('--profile <name|file>', 'latency profile: realistic, zero, or a profile JSON file', 'realistic'))
    .option(
      '--fault <spec>',
      'inject a fault, repeatable: ENDPOINT:KIND[=ARG][@WHEN], e.g. provider:429=2@every=5, portkey:disconnect=3@rate=0.1 (see docs/emulators.md)',
      collect,
    )
    .addOption(opt('--ttft <ms>', "the provider's time to first token", 'from the profile'))
    .addOption(opt('--tokens-per-second <n>', "the provider's generation speed", 'from the profile'))
    .addOption(opt('--tokens-per-chunk <n>', 'how many tokens go in one streamed chunk', 'from the profile'))
    .addOption(opt('--output-tokens <n>', 'completion length when a request sets no max_tokens', 'from the profile'))
    .addOption(opt('--overhead <list>', 'gateway overheads in ms, e.g. litellm=4,openrouter=40,kong=3', 'from the profile'))
    .addOption(opt('--capacity <list>', 'capacity per endpoint, SLOTSxMS: at most SLOTS requests in service at once, MS each, the rest queue (e.g. litellm=4x50 is 80 requests/s)', 'unlimited'))
    .addOption(opt('--seed <n>', 'seed for generated text, jitter and fault rates', 'from the profile, else 1'))
    .addOption(withDefault(new Option('--hop <mode>', 'how gateways reach the provider: in-process (exact overheads) or http (a real local HTTP hop)').choices(['in-process', 'http']), 'in-process'))
    .addOption(opt('--data-models <file>', 'model price table to use', 'the built-in data/models.json'))
    .option('--json', 'print one JSON document describing the endpoints')
    .action(async (opts: EmulateOptions) => {
      const { runEmulate } = await import('../emulator/run.js');
      ctx.exit(await runEmulate(opts, ctx));
    });
}
