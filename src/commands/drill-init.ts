import { buildDrillInit, renderDrillInit } from '../drill/init-snippet.js';
import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { loadCatalogAsOf } from './as-of.js';
import type { Ctx } from './context.js';

/**
 * `gateway-scout drill init --gateway ID`: the drill's two upstream ports, the snippet of that gateway's own
 * fallback configuration pointing at them (from the catalog's api.fallbackConfig), and a drill.yaml to save.
 * With --json, one document (schemaVersion 1, kind "drill-init").
 */
export async function runDrillInit(opts: { gateway: string; primaryPort: number; secondaryPort: number; json: boolean }, ctx: Ctx): Promise<ExitCode> {
  for (const [flag, port] of [['--primary-port', opts.primaryPort], ['--secondary-port', opts.secondaryPort]] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UsageError(`${flag} ${port} is not a port.`, 'Give a whole number from 1 to 65535.');
  }
  if (opts.primaryPort === opts.secondaryPort) throw new UsageError(`The primary and the secondary both on port ${opts.primaryPort}.`, 'Give the secondary a port of its own.');
  const catalog = (await loadCatalogAsOf(undefined, undefined)).value;
  const g = catalog.gateways.find((x) => x.id === opts.gateway);
  if (!g) throw new UsageError(`--gateway ${opts.gateway} is not in the catalog.`, `Use one of: ${catalog.gateways.map((x) => x.id).join(', ')}.`);
  const plan = buildDrillInit(g, catalog.sources, { primaryPort: opts.primaryPort, secondaryPort: opts.secondaryPort });
  if (opts.json) ctx.out(JSON.stringify({ schemaVersion: 1, kind: 'drill-init', ...plan }, null, 2) + '\n');
  else ctx.out(renderDrillInit(plan, ctx.width));
  return EXIT.ok;
}
