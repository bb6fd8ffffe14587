import { Command } from 'commander';
import type { Ctx } from './context.js';

export function dataCommand(ctx: Ctx): Command {
  const data = new Command('data').description('check and maintain the data files (gateway catalog, model prices)');
  data
    .command('validate')
    .description('validate data files; with no FILE, the built-in catalog and model price table')
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
    .option('--data <file>', 'gateway catalog to use instead of the built-in one')
    .option('--data-models <file>', 'model price table to use instead of the built-in one')
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema sources`)')
    .action(async (flags: { json?: boolean; data?: string; dataModels?: string; source?: string }) => {
      const { runDataSources } = await import('./data-sources.js');
      ctx.exit(await runDataSources(flags, ctx));
    });
  data
    .command('prices')
    .description("import model prices from a saved copy of OpenRouter's public models listing")
    .requiredOption('--from-openrouter <file>', 'saved JSON of https://openrouter.ai/api/v1/models')
    .option('--out <file>', 'write the model price table here, merging into it if it exists (default: stdout)')
    .option('--only-existing', 'only update models already in the --out table; add none')
    .option('--checked <date>', 'date to record as "checked" (YYYY-MM-DD; default today)')
    .action(async (flags: { fromOpenrouter?: string; out?: string; onlyExisting?: boolean; checked?: string }) => {
      const { runDataPrices } = await import('./data-prices.js');
      ctx.exit(await runDataPrices(flags, ctx));
    });
  return data;
}
