import { Command } from 'commander';
import type { Ctx } from './context.js';
import { UsageError } from '../errors.js';
import { nearest } from '../suggest.js';
import { opt } from './help-style.js';

export function dataCommand(ctx: Ctx): Command {
  const data = new Command('data')
    .description('check and maintain the data files (gateway catalog, model prices)')
    .usage('<command> [options]')
    // `data models --json` is the subcommand's --json, not this one's.
    .enablePositionalOptions()
    .argument('[command]')
    .option('--json', 'errors as one JSON document on stdout, like every command')
    // Reached only when no subcommand matched: a missing or unknown subcommand is a usage error.
    .action((name: string | undefined) => {
      const known = data.commands.map((c) => c.name());
      if (name === undefined) throw new UsageError(`data needs a command: ${known.join(', ')}.`, 'Run "gateway-scout data --help" for usage.');
      const near = nearest(name, known, 1);
      throw new UsageError(`data: unknown command "${name}".`, `${near.length > 0 ? `Did you mean ${near[0]}? ` : ''}Commands: ${known.join(', ')}.`);
    });
  data
    .command('validate')
    .description('validate data files; with no file, the built-in catalog, model price table and gateways\' failover behaviour')
    .argument('[files...]', 'catalog or model price files (JSON or YAML); the kind is told from the content')
    .option('--json', 'print one JSON document on stdout')
    .action(async (files: string[], flags: { json?: boolean }) => {
      const { runDataValidate } = await import('./data-validate.js');
      ctx.exit(await runDataValidate(files, flags, ctx));
    });
  data
    .command('sources')
    .description('list every source with the facts resting on it, their check dates and statuses (stalest first)')
    .option('--source <id>', 'only this source')
    .option('--stale', 'list the facts checked longer ago than --days, stalest first')
    .addOption(opt('--days <n>', 'with --stale: the age in days that counts as stale', 180))
    .addOption(opt('--as-of <date>', 'count ages up to this date (YYYY-MM-DD, UTC)', 'today'))
    .addOption(opt('--data <file>', 'gateway catalog to use', 'the built-in data/gateways.json'))
    .addOption(opt('--data-models <file>', 'model price table to use', 'the built-in data/models.json'))
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema sources`)')
    .action(async (flags: { json?: boolean; data?: string; dataModels?: string; source?: string; stale?: boolean; days?: string; asOf?: string }) => {
      const { runDataSources } = await import('./data-sources.js');
      ctx.exit(await runDataSources(flags, ctx));
    });
  data
    .command('models')
    .description('list the model ids and list prices that --models can use')
    .option('--json', 'print one JSON document on stdout (the model price table)')
    .addOption(opt('--data-models <file>', 'model price table to use', 'the built-in data/models.json'))
    .action(async (flags: { json?: boolean; dataModels?: string }) => {
      const { runDataModels } = await import('./data-models.js');
      ctx.exit(await runDataModels(flags, ctx));
    });
  data
    .command('prices')
    .description("import model prices from a saved copy of OpenRouter's public models listing")
    .option('--from-openrouter <file>', 'saved JSON of https://openrouter.ai/api/v1/models (required)')
    .option('--json', 'accepted for symmetry: the table printed without --out is JSON already')
    .addOption(opt('--out <file>', 'write the model price table here, merging into it if it exists', 'print it on stdout'))
    .option('--only-existing', 'only update models already in the --out table; add none')
    .addOption(opt('--checked <date>', 'date to record as "checked" (YYYY-MM-DD)', 'today'))
    .action(async (flags: { fromOpenrouter?: string; out?: string; onlyExisting?: boolean; checked?: string }) => {
      const { runDataPrices } = await import('./data-prices.js');
      ctx.exit(await runDataPrices(flags, ctx));
    });
  return data;
}
