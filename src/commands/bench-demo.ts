import { priceTableFromModels } from '../emulator/model.js';
import { REALISTIC_PROFILE, type Profile } from '../emulator/profile.js';
import { EMULATOR_KEYS, modelIdFor, startEmulators, type RunningEmulators } from '../emulator/server.js';
import type { ModelTable } from '../catalog/models-schema.js';

/**
 * `bench --demo`: the emulated provider and the three emulated gateways, in this process on 127.0.0.1, with a
 * profile whose true overheads are known (illustrative settings, not the real gateways'), and a short run
 * against them. No keys (the emulators' obvious fakes are passed in as if they were environment variables), no
 * network.
 */

/**
 * The realistic profile's illustrative gateway overheads, on a faster, steadier model so a short run can
 * resolve them. They are settings of the emulators, not claims about the real gateways.
 */
export const DEMO_PROFILE: Profile = {
  ...REALISTIC_PROFILE,
  name: 'demo',
  description:
    'Emulator settings, not measurements: TTFT 150 ms (±3 ms), 100 tokens/s; illustrative gateway overheads LiteLLM +4 ms, OpenRouter +40 ms, Cloudflare +25 ms (not claims about the real gateways).',
  provider: { ttftMs: 150, interTokenMs: 10, tokensPerChunk: 1, jitter: { kind: 'normal', ms: 3 }, chunkJitter: { kind: 'uniform', ms: 1 } },
};

export const DEMO_MODEL = 'openai/gpt-4o-mini';

export interface Demo {
  emulators: RunningEmulators;
  /** A raw config, as if read from a file. */
  config: Record<string, unknown>;
  /**
   * The config as recorded in the summary: the emulators' ports change with every run, so each base URL is
   * recorded as the emulated endpoint it stands for — two demo runs then have the same config and can be merged.
   */
  recorded(config: Record<string, unknown>): Record<string, unknown>;
  env: Record<string, string>;
  describe: string;
  close(): Promise<void>;
}

export async function startDemo(models: ModelTable): Promise<Demo> {
  const emu = await startEmulators({ prices: priceTableFromModels(models), profile: DEMO_PROFILE, seed: 1 });
  const env = {
    DEMO_PROVIDER_KEY: EMULATOR_KEYS.provider,
    DEMO_LITELLM_KEY: EMULATOR_KEYS.litellmMaster,
    DEMO_OPENROUTER_KEY: EMULATOR_KEYS.openrouter,
    DEMO_CF_AIG_TOKEN: EMULATOR_KEYS.cloudflareToken,
  };
  const config = {
    requests: 14,
    warmup: 1,
    concurrency: 4,
    maxTokens: 12,
    stream: true,
    prompt: 'short',
    seed: 1,
    targets: [
      { name: 'direct', gateway: 'openai-compatible', baseUrl: emu.byId.provider.baseUrl, model: modelIdFor('provider', DEMO_MODEL), apiKeyEnv: 'DEMO_PROVIDER_KEY', baseline: true },
      { name: 'litellm', gateway: 'litellm', baseUrl: emu.byId.litellm.baseUrl, model: modelIdFor('provider', DEMO_MODEL), apiKeyEnv: 'DEMO_LITELLM_KEY' },
      { name: 'openrouter', gateway: 'openrouter', baseUrl: emu.byId.openrouter.baseUrl, model: modelIdFor('openrouter', DEMO_MODEL), apiKeyEnv: 'DEMO_OPENROUTER_KEY' },
      {
        name: 'cloudflare',
        gateway: 'cloudflare',
        baseUrl: emu.byId.cloudflare.baseUrl,
        model: modelIdFor('cloudflare', DEMO_MODEL),
        apiKeyEnv: 'DEMO_PROVIDER_KEY',
        gatewayTokenEnv: 'DEMO_CF_AIG_TOKEN',
      },
    ],
  };
  const p = DEMO_PROFILE;
  const standIn = new Map(Object.values(emu.byId).map((e) => [e.baseUrl, `demo emulator: ${e.id}`]));
  return {
    emulators: emu,
    config,
    recorded: (c) => ({
      ...c,
      targets: (c.targets as Array<Record<string, unknown>>).map((t) => ({ ...t, baseUrl: standIn.get(String(t.baseUrl)) ?? t.baseUrl })),
    }),
    env,
    describe: `Demo: an emulated provider and emulated LiteLLM, OpenRouter and Cloudflare AI Gateway on 127.0.0.1 (profile "${p.name}": TTFT ${p.provider.ttftMs} ms, ${Math.round(1000 / p.provider.interTokenMs)} tokens/s; the emulators add LiteLLM +${p.litellm.overheadMs} ms, OpenRouter +${p.openrouter.overheadMs} ms, Cloudflare +${p.cloudflare.overheadMs} ms — illustrative settings, not claims about the real gateways). No keys, no network.`,
    close: () => emu.close(),
  };
}
