import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_INIT_MODEL } from '../bench/defaults.js';
import { gatewaysFromRecommendation, initConfig } from '../bench/init.js';
import { EXIT, InputError, UsageError, type ExitCode } from '../errors.js';
import { loadModels } from '../io/data-files.js';
import { loadCatalogAsOf } from './as-of.js';
import { readStructured, writeText } from '../io/files.js';
import type { BenchInitFlags } from './bench.js';
import type { Ctx } from './context.js';

/** `gateway-scout bench init`: a commented config to edit, instead of one to write from nothing. */
export async function runBenchInit(flags: BenchInitFlags, ctx: Ctx): Promise<ExitCode> {
  // The starter config names today's endpoints and prices.
  const catalog = (await loadCatalogAsOf(flags.data, undefined)).value;
  const models = (await loadModels(flags.dataModels)).value;
  const model = flags.model ?? DEFAULT_INIT_MODEL;
  if (!models.models.some((m) => m.id === model)) {
    throw new UsageError(`--model ${model} is not in the model price table.`, `Use an id such as ${models.models.slice(0, 3).map((m) => m.id).join(', ')} (gateway-scout data validate lists the table).`);
  }
  let gateways = catalog.gateways.map((g) => g.id);
  let why = `Direct to the provider (the baseline) and every gateway in the catalog: ${gateways.join(', ')}.`;
  if (flags.from !== undefined) {
    const file = resolve(ctx.cwd, flags.from);
    const doc = (await readStructured(file, 'recommendation')) as Parameters<typeof gatewaysFromRecommendation>[0];
    if (!doc || typeof doc !== 'object' || !doc.recommendation || !Array.isArray(doc.ranking)) {
      throw new InputError(`${file} is not a \`choose --json\` document.`, file, [{ path: 'recommendation', message: 'expected the recommendation object of `gateway-scout choose --json`' }]);
    }
    gateways = gatewaysFromRecommendation({ ...doc, stacks: doc.stacks ?? [] }).filter((id) => catalog.gateways.some((g) => g.id === id));
    why = `Direct to the provider (the baseline) and the recommendation's pick and runner-up from ${flags.from}: ${gateways.join(', ') || 'none'}.`;
  }
  const text = initConfig({ catalog, gateways, model, why });
  if (flags.out === undefined) {
    ctx.out(text);
  } else {
    const file = resolve(ctx.cwd, flags.out);
    const exists = await access(file).then(() => true, () => false);
    if (exists) throw new UsageError(`${file} already exists; bench init does not overwrite a config.`, 'Choose another --out, or remove the file first.');
    await writeText(file, text);
    ctx.err(`Wrote ${file}. Fill in the YOUR_… values and the keys' environment variables, then: gateway-scout bench --config ${flags.out} --dry-run\n`);
  }
  return EXIT.ok;
}
