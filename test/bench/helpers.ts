import { benchConfigSchema, type BenchConfig, type BenchConfigInput } from '../../src/bench/config.js';
import { executeBench, type ExecuteInput } from '../../src/bench/execute.js';
import type { RequestRecord } from '../../src/bench/metrics.js';
import { PROMPT_TEXTS } from '../../src/bench/plan.js';
import { resolveTargets } from '../../src/bench/targets.js';
import { loadCatalog, loadModels } from '../../src/io/data-files.js';
import { EMULATOR_KEYS, type RunningEmulators } from '../../src/emulator/server.js';

/** Bench targets pointing at running emulators: direct (baseline) and the three gateways. */
export function emulatorTargets(emu: RunningEmulators, only?: readonly string[]): BenchConfigInput['targets'] {
  const all: BenchConfigInput['targets'] = [
    { name: 'direct', gateway: 'openai-compatible', baseUrl: emu.byId.provider.baseUrl, model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY', baseline: true },
    { name: 'litellm', gateway: 'litellm', baseUrl: emu.byId.litellm.baseUrl, model: 'gpt-4o-mini', apiKeyEnv: 'LITELLM_KEY' },
    { name: 'openrouter', gateway: 'openrouter', baseUrl: emu.byId.openrouter.baseUrl, model: 'openai/gpt-4o-mini', apiKeyEnv: 'OPENROUTER_KEY' },
    { name: 'cloudflare', gateway: 'cloudflare', baseUrl: emu.byId.cloudflare.baseUrl, model: 'openai/gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY', gatewayTokenEnv: 'CF_TOKEN' },
  ];
  return only ? all.filter((t) => only.includes(t.name)) : all;
}

export const EMULATOR_ENV = new Map([
  ['PROVIDER_KEY', EMULATOR_KEYS.provider],
  ['LITELLM_KEY', EMULATOR_KEYS.litellmMaster],
  ['OPENROUTER_KEY', EMULATOR_KEYS.openrouter],
  ['CF_TOKEN', EMULATOR_KEYS.cloudflareToken],
]);

export interface BenchRun {
  doc: Awaited<ReturnType<typeof executeBench>>;
  records: RequestRecord[];
  config: BenchConfig;
}

/** Resolve a config against the shipped catalog and price table and run it, collecting the records. */
export async function bench(input: BenchConfigInput, extra: Partial<ExecuteInput> = {}): Promise<BenchRun> {
  const config = benchConfigSchema.parse(input);
  const [catalog, models] = await Promise.all([loadCatalog(), loadModels()]);
  const resolved = resolveTargets(config, catalog.value, models.value);
  if (resolved.issues.length) throw new Error(JSON.stringify(resolved.issues));
  const records: RequestRecord[] = [];
  const doc = await executeBench({
    config,
    targets: resolved.targets,
    secrets: EMULATOR_ENV,
    prompts: [PROMPT_TEXTS.short],
    warnings: resolved.warnings,
    watchEventLoop: false,
    ...extra,
    onEvent: (e) => {
      if (e.type === 'done' && !e.job.warmup) records.push(e.record);
      extra.onEvent?.(e);
    },
  });
  return { doc, records, config };
}
