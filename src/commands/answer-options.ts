import { Option, type Command } from 'commander';
import { ANSWER_DEFAULTS, CACHING, DATA_CONTROL, HOSTING, LATENCY, NEEDS, OPS_CAPACITY, PLATFORMS } from '../advisor/choices.js';
import { formatInt } from '../format.js';
import { opt, withDefault } from './help-style.js';

const choices = (flags: string, description: string, values: readonly string[], shown: string) => withDefault(new Option(flags, description).choices(values), shown);

/** The answer flags, shared by every command that takes answers. Defaults are shown, not applied: a file may set them. */
export function addAnswerOptions(cmd: Command): Command {
  const d = ANSWER_DEFAULTS;
  return cmd
    .option('--answers <file>', 'answers file (JSON or YAML); the flags below override its fields')
    .option('--defaults', 'take the default of every answer not given, and never prompt')
    .addOption(choices('--hosting <where>', 'where the gateway may run', HOSTING, d.hosting))
    .addOption(opt('--providers <n>', 'how many LLM providers you call', d.providers))
    .addOption(opt('--own-provider-keys', 'you already hold provider accounts and keys', 'yes'))
    .option('--no-own-provider-keys', 'you hold no provider keys')
    .addOption(choices('--caching <kind>', 'response caching wanted at the gateway', CACHING, d.caching))
    .addOption(opt('--monthly-requests <n>', 'requests per month, e.g. 5000000, 5,000,000 or 5M', formatInt(d.monthlyRequests)))
    .addOption(opt('--avg-input-tokens <n>', 'average input tokens per request', formatInt(d.avgInputTokens)))
    .addOption(opt('--avg-output-tokens <n>', 'average output tokens per request', d.avgOutputTokens))
    .addOption(choices('--ops-capacity <level>', 'whether your team can run a service with Postgres and Redis', OPS_CAPACITY, d.opsCapacity))
    .addOption(choices('--data-control <level>', 'what must happen to prompts and completions', DATA_CONTROL, d.dataControl))
    .addOption(choices('--latency <level>', 'how much added latency matters', LATENCY, d.latency))
    .addOption(opt('--needs <list>', `features you need, comma-separated, or "none": ${NEEDS.join(', ')}`, d.needs.join(',')))
    .addOption(opt('--platforms <list>', `platforms you already run, comma-separated, or "none": ${PLATFORMS.join(', ')}`, 'none'))
    .addOption(opt('--data <file>', 'gateway catalog to use', 'the built-in data/gateways.json'));
}
