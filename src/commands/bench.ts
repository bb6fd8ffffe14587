import { Command } from 'commander';
import type { Ctx } from './context.js';

/** Flags as commander hands them over (strings), before validation. */
export interface BenchFlags {
  config?: string;
  demo?: boolean;
  requests?: string;
  warmup?: string;
  concurrency?: string;
  rate?: string;
  stream?: boolean;
  maxTokens?: string;
  targets?: string;
  seed?: string;
  dryRun?: boolean;
  yes?: boolean;
  maxSpend?: string;
  json?: boolean;
  out?: string;
  data?: string;
  dataModels?: string;
}

export interface BenchInitFlags {
  from?: string;
  out?: string;
  model?: string;
  data?: string;
  dataModels?: string;
}

export function benchCommand(ctx: Ctx): Command {
  const bench = new Command('bench')
    // `bench init --out FILE` and `bench --out DIR` are different options: each belongs to its own command.
    .enablePositionalOptions()
    .description('measure latency, errors, cost and overhead through each gateway and direct to the provider, with your keys (or --demo: local emulators, no keys)')
    .option('--config <file>', 'benchmark configuration, YAML or JSON (write one with `bench init`; schema: `schema bench-config`)')
    .option('--demo', 'benchmark built-in emulators of a provider and the three gateways on 127.0.0.1: no keys, no network')
    .option('--requests <n>', 'measured requests per target (overrides the file)')
    .option('--warmup <n>', 'unmeasured requests per target first')
    .option('--concurrency <n>', 'closed loop: requests in flight at once')
    .option('--rate <r>', 'open loop: requests per second per target, sent on schedule')
    .option('--stream', 'stream responses (SSE)')
    .option('--no-stream', 'ask for whole responses')
    .option('--max-tokens <n>', 'max_tokens of every request')
    .option('--targets <names>', 'only these targets, e.g. direct,openrouter')
    .option('--seed <n>', 'seed for the run order, arrivals, nonces and the bootstrap')
    .option('--dry-run', 'print the plan (targets, URLs, requests, estimated tokens and spend) and send nothing')
    .option('-y, --yes', 'run without asking (required when there is no terminal)')
    .option('--max-spend <usd>', 'hard cap: stop sending before spent + in-flight estimate would pass it')
    .option('--json', 'print one JSON document on stdout (`schema bench`)')
    .option('--out <dir>', 'write requests.jsonl (as requests complete), summary.json and config.json to DIR')
    .option('--data <file>', 'gateway catalog to use')
    .option('--data-models <file>', 'model price table to use')
    .action(async (flags: BenchFlags) => {
      const { runBench } = await import('./bench-run.js');
      ctx.exit(await runBench(flags, ctx));
    });
  bench
    .command('init')
    .description('write a commented bench config for direct plus the gateways you are weighing')
    .option('--from <file>', 'a `choose --json` document: its pick and runner-up (default: every catalog gateway)')
    .option('--out <file>', 'where to write it (default: print on stdout)')
    .option('--model <id>', 'model from the price table, e.g. openai/gpt-4o-mini (default)')
    .option('--data <file>', 'gateway catalog to use')
    .option('--data-models <file>', 'model price table to check --model against')
    .action(async (flags: BenchInitFlags) => {
      const { runBenchInit } = await import('./bench-init.js');
      ctx.exit(await runBenchInit(flags, ctx));
    });
  return bench;
}
