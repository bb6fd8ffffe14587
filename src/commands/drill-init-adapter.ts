import { UsageError, type ExitCode } from '../errors.js';
import { numberFlag } from '../io/flag-numbers.js';
import type { Ctx } from './context.js';
import { INIT_PORTS, type DrillInitFlags } from './drill-init-ports.js';

/**
 * `drill init`: the flags checked here, the snippet by drill-init.ts (written with the catalog's fallback
 * configurations), imported lazily.
 */

const PORT = { min: 1, max: 65_535, integer: true };

export async function drillInit(flags: DrillInitFlags, ctx: Ctx): Promise<ExitCode> {
  const primaryPort = flags.primaryPort === undefined ? INIT_PORTS.primary : numberFlag('--primary-port', flags.primaryPort, PORT, { count: true });
  const secondaryPort = flags.secondaryPort === undefined ? INIT_PORTS.secondary : numberFlag('--secondary-port', flags.secondaryPort, PORT, { count: true });
  if (primaryPort === secondaryPort) throw new UsageError(`--primary-port and --secondary-port are both ${primaryPort}: the secondary needs a port of its own.`);
  const { runDrillInit } = await import('./drill-init.js');
  return runDrillInit({ gateway: flags.gateway.trim(), primaryPort, secondaryPort, json: flags.json === true }, ctx);
}
