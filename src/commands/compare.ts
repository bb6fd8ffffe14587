import { Command } from 'commander';
import type { Ctx } from './context.js';
import { EXIT } from '../errors.js';
import { opt } from './help-style.js';

export function compareCommand(ctx: Ctx): Command {
  return new Command('compare')
    .description("the catalog's features and pricing side by side, with sources")
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema compare`)')
    .addOption(opt('--data <file>', 'gateway catalog to use', 'the built-in data/gateways.json'))
    .action(async (flags: { json?: boolean; data?: string }) => {
      const [{ loadCatalog }, { compareDocument }, { renderCompare }, { catalogLastVerified }, { renderWarnings }] = await Promise.all([
        import('../io/data-files.js'),
        import('../report/compare-document.js'),
        import('../report/compare.js'),
        import('../catalog/validate.js'),
        import('../report/warnings.js'),
      ]);
      const catalog = await loadCatalog(flags.data);
      if (catalog.warnings.length > 0) ctx.err(renderWarnings(catalog.file, catalog.warnings, ctx.errColor));
      const doc = compareDocument(catalog.value, catalog.file, catalogLastVerified(catalog.value), new Date());
      if (flags.json) ctx.out(JSON.stringify(doc, null, 2) + '\n');
      else ctx.out(renderCompare(doc, { width: ctx.width, color: ctx.color }));
      ctx.exit(EXIT.ok);
    });
}
