import { Command } from 'commander';
import type { Ctx } from './context.js';
import { EXIT } from '../errors.js';
import { opt } from './help-style.js';

export function compareCommand(ctx: Ctx): Command {
  return new Command('compare')
    .description("the catalog's features and pricing side by side, with sources")
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema compare`)')
    .addOption(opt('--data <file>', 'gateway catalog to use', 'the built-in data/gateways.json'))
    .addOption(opt('--gateways <ids>', 'only these gateways, comma-separated, in this order (e.g. litellm,portkey,bifrost)', 'all'))
    .addOption(opt('--as-of <date>', 'show the prices and facts in force on this date (YYYY-MM-DD, UTC)', 'today'))
    .action(async (flags: { json?: boolean; data?: string; asOf?: string; gateways?: string }) => {
      const [{ loadCatalogAsOf, stalenessWarnings, showWarnings }, { compareDocument }, { renderCompare }, { catalogLastVerified }, { renderWarnings }, { selectGateways }] = await Promise.all([
        import('./as-of.js'),
        import('../report/compare-document.js'),
        import('../report/compare.js'),
        import('../catalog/validate.js'),
        import('../report/warnings.js'),
        import('../catalog/select.js'),
      ]);
      const catalog = await loadCatalogAsOf(flags.data, flags.asOf);
      if (catalog.warnings.length > 0) ctx.err(renderWarnings(catalog.file, catalog.warnings, ctx.errColor));
      const warnings = stalenessWarnings(catalog.value, catalog.asOf);
      const chosen = selectGateways(catalog.value, flags.gateways);
      const doc = compareDocument(chosen, catalog.file, catalogLastVerified(chosen), new Date(), { asOf: catalog.asOf, warnings });
      showWarnings(ctx, warnings, flags.json);
      if (flags.json) ctx.out(JSON.stringify(doc, null, 2) + '\n');
      else ctx.out(renderCompare(doc, { width: ctx.width, color: ctx.color }));
      ctx.exit(EXIT.ok);
    });
}
