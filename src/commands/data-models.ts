import { EXIT, type ExitCode } from '../errors.js';
import { DEFAULT_MODELS, loadModels } from '../io/data-files.js';
import type { Ctx } from './context.js';

/** `gateway-scout data models`: every model id the cost model knows, with its list prices. */
export async function runDataModels(flags: { json?: boolean; dataModels?: string }, ctx: Ctx): Promise<ExitCode> {
  const models = await loadModels(flags.dataModels ?? DEFAULT_MODELS);
  if (flags.json) ctx.out(JSON.stringify(models.value, null, 2) + '\n');
  else ctx.out((await import('../report/data-files.js')).renderModels(models.value, models.file, ctx.width, ctx.color));
  return EXIT.ok;
}
