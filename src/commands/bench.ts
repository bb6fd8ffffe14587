import { Command } from 'commander';
import { AUTO_WORKERS_FROM_RPS, DEFAULT_INIT_MODEL, LOAD_DEFAULTS } from '../bench/defaults.js';
import type { Ctx } from './context.js';
import { opt } from './help-style.js';

/** Flags as commander hands them over (strings), before validation. */
export interface BenchFlags {
  config?: string;
  demo?: boolean;
  requests?: string;
  warmup?: string;
  concurrency?: string;
  rate?: string;
  sweep?: string | boolean;
  stepDuration?: string;
  stream?: boolean;
  maxTokens?: string;
  targets?: string;
  seed?: string;
  slo?: string;
  duration?: string;
  ramp?: string;
  slice?: string;
  shard?: string;
  startAt?: string;
  label?: string;
  failOn?: string;
  dryRun?: boolean;
  yes?: boolean;
  maxSpend?: string;
  workers?: string;
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

/** Load settings come from the config file; a flag overrides it, and the built-in default applies when neither sets one. */
const fromConfig = (builtIn: string | number) => `from the config, else ${builtIn}`;

export function benchCommand(ctx: Ctx): Command {
  const d = LOAD_DEFAULTS;
  const bench = new Command('bench')
    // `bench init --out FILE` and `bench --out DIR` are different options: each belongs to its own command.
    .enablePositionalOptions()
    .description('measure latency, errors, cost and overhead through each gateway and direct to the provider, with your keys (or --demo: local emulators, no keys)')
    .option('--config <file>', 'benchmark configuration, YAML or JSON (write one with `gateway-scout bench init`; see `gateway-scout schema bench-config`)')
    .option('--demo', 'benchmark built-in emulators of a provider and the three gateways on 127.0.0.1: no keys, no network')
    .addOption(opt('--requests <n>', 'measured requests per target', fromConfig(d.requests)))
    .addOption(opt('--warmup <n>', 'unmeasured requests per target before measuring', fromConfig(d.warmup)))
    .addOption(opt('--concurrency <n>', 'closed loop: requests in flight at once', fromConfig(d.concurrency)))
    .addOption(opt('--rate <r>', 'open loop: requests per second per target, sent on schedule', 'from the config, else closed loop'))
    .addOption(opt('--sweep [rates]', 'rate sweep: one open-loop step per rate (per target), e.g. 20,40,80,160, or auto (doubling until saturation); without a value, the config\'s sweep, else auto', 'no sweep'))
    .addOption(opt('--step-duration <time>', 'sweep: how long each step sends, e.g. 10s, 500ms, 2m', 'from the config, else 10s'))
    .addOption(opt('--stream', 'stream responses as server-sent events', fromConfig('streamed')))
    .option('--no-stream', 'ask for whole responses')
    .addOption(opt('--max-tokens <n>', 'max_tokens of every request', fromConfig(d.maxTokens)))
    .addOption(opt('--targets <names>', 'only these targets, comma-separated, e.g. direct,openrouter', 'every target in the config'))
    .addOption(opt('--duration <time>', 'timed run, e.g. 90s, 10m, 1h: with a rate the request count follows (rate × duration); in the closed loop requests go until it has passed', 'from the config, else a request count'))
    .addOption(opt('--ramp <from..to/over>', 'open loop with a linear ramp of the rate per target, e.g. 1..20/60s (then 20/s)', 'from the config, else a fixed rate'))
    .addOption(opt('--slice <time>', 'results per time slice of the measured phase, e.g. 60s, so drift shows', 'from the config, else a tenth of --duration; none for untimed runs'))
    .addOption(opt('--shard <i/n>', 'run the i-th (1-based) of n disjoint parts of one seeded plan; `report merge --by pooled` adds the n summaries up', 'the whole plan'))
    .addOption(opt('--start-at <time>', 'wait until this ISO time (with its zone, e.g. 2026-12-06T18:30:00Z) before sending, so shards begin together', 'start at once'))
    .addOption(opt('--seed <n>', 'seed for the run order, arrivals, nonces and the bootstrap', fromConfig(d.seed)))
    .addOption(opt('--slo <objective>', 'latency objective for goodput, e.g. "ttft=500ms,e2e=3s,attainment=99%" (replaces the config\'s slo)', 'from the config, else none'))
    .option('--label <name>', 'where this run comes from, e.g. a region: kept in the summary for `report merge` (the host name never is)')
    .option('--fail-on <expr>', 'gate: exit 1 when a comparison holds after the run, e.g. "ttft.p95 > 800ms, errors.rate > 2%" (README "Gates"); checked before anything is sent')
    .option('--dry-run', 'print the plan (targets, URLs, requests, estimated tokens and spend) and send nothing; needs no keys, and names the key variables that are not set')
    .option('-y, --yes', 'run without asking (required when there is no terminal)')
    .addOption(opt('--max-spend <usd>', 'hard cap: stop sending before spent + in-flight estimate would pass it', 'no cap'))
    .addOption(
      opt(
        '--workers <n>',
        'open loop: worker threads that split the schedule by round (1 = this process only); for rates one process cannot hold',
        `the cores less one from ${AUTO_WORKERS_FROM_RPS} requests/s (all targets), else 1`,
      ),
    )
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema bench`)')
    .option('--out <dir>', 'write requests.jsonl (as requests complete), summary.json and config.json to a new directory')
    .addOption(opt('--data <file>', 'gateway catalog to use', 'the built-in data/gateways.json'))
    .addOption(opt('--data-models <file>', 'model price table to use', 'the built-in data/models.json'))
    .action(async (flags: BenchFlags) => {
      const { runBench } = await import('./bench-run.js');
      ctx.exit(await runBench(flags, ctx));
    });
  bench
    .command('init')
    .description('write a commented bench config for direct plus the gateways you are weighing')
    .addOption(opt('--from <file>', 'a `choose --json` document: bench its pick and runner-up', 'every catalog gateway'))
    .addOption(opt('--out <file>', 'where to write the config', 'print it on stdout'))
    .addOption(opt('--model <id>', 'model from the price table', DEFAULT_INIT_MODEL))
    .addOption(opt('--data <file>', 'gateway catalog to use', 'the built-in data/gateways.json'))
    .addOption(opt('--data-models <file>', 'model price table to check --model against', 'the built-in data/models.json'))
    .action(async (flags: BenchInitFlags) => {
      const { runBenchInit } = await import('./bench-init.js');
      ctx.exit(await runBenchInit(flags, ctx));
    });
  return bench;
}
