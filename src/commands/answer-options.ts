import { Option, type Command } from 'commander';
import { CACHING, DATA_CONTROL, HOSTING, LATENCY, NEEDS, OPS_CAPACITY } from '../advisor/choices.js';

export function addAnswerOptions(cmd: Command): Command {
  return cmd
    .option('--answers <file>', 'answers file (JSON or YAML); flags override its fields')
    .option('--defaults', 'use the documented defaults for every answer not given (no prompts)')
    .addOption(new Option('--hosting <where>', 'where the gateway may run').choices(HOSTING))
    .option('--providers <n>', 'how many LLM providers you call')
    .option('--own-provider-keys', 'you already hold provider accounts and keys')
    .option('--no-own-provider-keys', 'you hold no provider keys')
    .addOption(new Option('--caching <kind>', 'response caching wanted').choices(CACHING))
    .option('--monthly-requests <n>', 'requests per month')
    .option('--avg-input-tokens <n>', 'average input tokens per request')
    .option('--avg-output-tokens <n>', 'average output tokens per request')
    .addOption(new Option('--ops-capacity <level>', 'can you run a service with Postgres/Redis').choices(OPS_CAPACITY))
    .addOption(new Option('--data-control <level>', 'what must happen to prompts and completions').choices(DATA_CONTROL))
    .addOption(new Option('--latency <level>', 'how much added latency matters').choices(LATENCY))
    .option('--needs <list>', `comma-separated features: ${NEEDS.join(',')} (or "none")`)
    .option('--data <file>', 'gateway catalog to use instead of the built-in one');
}

