import type { Catalog, Gateway } from '../catalog/schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import type { GatewayProfile } from '../emulator/gateway-profile.js';
import { shippedGatewayProfiles } from '../emulator/gateway-profiles.js';
import { priceTableFromModels } from '../emulator/model.js';
import { capacityRps } from '../emulator/capacity.js';
import { REALISTIC_PROFILE, gatewayTiming, type Profile } from '../emulator/profile.js';
import { formatNumber } from '../format.js';
import { EMULATOR_KEYS, modelIdFor, startEmulators, type EndpointInfo, type RunningEmulators } from '../emulator/server.js';

/**
 * `bench --demo`: the emulated provider and every emulated gateway, in this process on 127.0.0.1, with a
 * profile whose true overheads are known (illustrative settings, not the real gateways'), and a short run
 * against them: direct, LiteLLM, OpenRouter, Cloudflare and each data-driven gateway (data/emulators.json) that
 * the catalog has an entry for (bench reads a gateway's API facts from there). No keys (the emulators' obvious
 * fakes are passed in as if they were environment variables), no network.
 */

/**
 * The realistic profile's illustrative gateway overheads, on a faster, steadier model so a short run can
 * resolve them. They are settings of the emulators, not claims about the real gateways.
 */
/** The overheads the demo's emulators add, named: illustrative settings. */
export function overheadList(profile: Profile, gateways: readonly GatewayProfile[]): string {
  const builtin = [`LiteLLM +${profile.litellm.overheadMs} ms`, `OpenRouter +${profile.openrouter.overheadMs} ms`, `Cloudflare +${profile.cloudflare.overheadMs} ms`];
  const data = gateways.map((g) => `${g.label.split(' (')[0]} +${gatewayTiming(profile, g.id, g.overheadMs).overheadMs} ms`);
  return [...builtin, ...data].join(', ');
}

function demoDescription(gateways: readonly GatewayProfile[]): string {
  return `Emulator settings, not measurements: TTFT 150 ms (±3 ms), 100 tokens/s; illustrative gateway overheads ${overheadList(REALISTIC_PROFILE, gateways)} (not claims about the real gateways).`;
}

export const DEMO_PROFILE: Profile = {
  ...REALISTIC_PROFILE,
  name: 'demo',
  description: demoDescription(shippedGatewayProfiles()),
  provider: { ttftMs: 150, interTokenMs: 10, tokensPerChunk: 1, jitter: { kind: 'normal', ms: 3 }, chunkJitter: { kind: 'uniform', ms: 1 } },
};

export const DEMO_MODEL = 'openai/gpt-4o-mini';

/**
 * `bench --demo --sweep`: the demo profile with a capacity on two gateways (illustrative settings), so a short
 * sweep finds a knee where the profile puts it — LiteLLM 2 slots × 200 ms = 10 requests/s, OpenRouter 1 slot ×
 * 200 ms = 5 requests/s — while direct and Cloudflare, unlimited, do not saturate. Low rates and 2-second steps
 * keep the sweep to about 15 seconds.
 */
export const DEMO_SWEEP_CAPACITY = { litellm: { slots: 2, serviceMs: 200 }, openrouter: { slots: 1, serviceMs: 200 } } as const;
export const DEMO_SWEEP = { rates: [2, 4, 8, 16], stepDurationS: 2, warmup: 1 } as const;

export function demoSweepProfile(base: Profile): Profile {
  return {
    ...base,
    name: `${base.name}+capacity`,
    capacity: { ...base.capacity, litellm: { ...DEMO_SWEEP_CAPACITY.litellm }, openrouter: { ...DEMO_SWEEP_CAPACITY.openrouter } },
  };
}

const capacityText = (c: { slots: number; serviceMs: number }) => `${formatNumber(capacityRps(c), 1)} requests/s (${c.slots} slot${c.slots === 1 ? '' : 's'} × ${c.serviceMs} ms)`;

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

type Api = Gateway['api'];

/** The environment variable the demo passes a data-driven gateway's fake key in. */
const keyEnv = (id: string): string => `DEMO_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_KEY`;

/**
 * A demo target for a data-driven gateway. Its base URL is the emulator's chat URL less the catalog's chat
 * path, so that bench, which appends that path, reaches the emulator as the catalog says the real one is reached.
 */
function dataTarget(ep: EndpointInfo, gp: GatewayProfile, api: Api, models: ModelTable): Record<string, unknown> {
  const baseUrl = ep.chatUrl.endsWith(api.chatPath) ? ep.chatUrl.slice(0, -api.chatPath.length) : ep.baseUrl;
  // The gateway's own key, when the catalog calls it "when-authenticated" (Kong's apikey), goes only with gatewayTokenEnv.
  const own = gp.auth.mode === 'key' && api.auth.some((a) => a.required === 'when-authenticated' && a.header.toLowerCase() === gp.auth.header.toLowerCase());
  const token = own ? { gatewayTokenEnv: keyEnv(gp.id) } : {};
  const model = modelIdFor(gp.id, DEMO_MODEL, [gp]);
  // A templated name (TensorZero's tensorzero::model_name::…) is no key of the price table: price it explicitly.
  const m = models.models.find((x) => x.id === DEMO_MODEL);
  const templated = model !== DEMO_MODEL && model !== modelIdFor('provider', DEMO_MODEL);
  const pricing = templated && m ? { pricing: { inputUsdPerMTok: m.inputPerMTok, outputUsdPerMTok: m.outputPerMTok } } : {};
  return { name: gp.id, gateway: gp.id, baseUrl, model, apiKeyEnv: keyEnv(gp.id), ...token, ...pricing, headers: { ...(gp.selection?.send ?? {}) } };
}

export async function startDemo(models: ModelTable, catalog: Pick<Catalog, 'gateways'>, opts: { sweep?: boolean } = {}): Promise<Demo> {
  const profile = opts.sweep ? demoSweepProfile(DEMO_PROFILE) : DEMO_PROFILE;
  const emu = await startEmulators({ prices: priceTableFromModels(models), profile, seed: 1 });
  // A data-driven gateway is benched when the catalog knows it: bench reads its paths, auth and headers there.
  // The sweep demo benches direct and the three built-in gateways only: four targets at 16/s is 64 requests/s, which
  // a busy laptop still sends on time (ten would be 160/s from one process, emulators included).
  const benched = (opts.sweep ? [] : emu.gateways).flatMap((gp) => {
    const entry = catalog.gateways.find((g) => g.id === gp.id);
    const ep = emu.byId[gp.id];
    return entry && ep ? [{ gp, ep, api: entry.api }] : [];
  });
  const env: Record<string, string> = {
    DEMO_PROVIDER_KEY: EMULATOR_KEYS.provider,
    DEMO_LITELLM_KEY: EMULATOR_KEYS.litellmMaster,
    DEMO_OPENROUTER_KEY: EMULATOR_KEYS.openrouter,
    DEMO_CF_AIG_TOKEN: EMULATOR_KEYS.cloudflareToken,
    ...Object.fromEntries(benched.map(({ gp, ep }) => [keyEnv(gp.id), ep.apiKey])),
  };
  // A sweep is open loop: its rates replace the closed loop's concurrency.
  const load = opts.sweep
    ? { sweep: { ...DEMO_SWEEP, rates: [...DEMO_SWEEP.rates] } }
    : // One request in flight per target (at least 4): with nine gateways the run takes about as long as with three.
      { concurrency: Math.max(4, 4 + benched.length) };
  const config = {
    requests: 14,
    warmup: 1,
    ...load,
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
      ...benched.map(({ gp, ep, api }) => dataTarget(ep, gp, api, models)),
    ],
  };
  const p = profile;
  const capacity = opts.sweep ? ` Capacity (sweep demo): LiteLLM ${capacityText(DEMO_SWEEP_CAPACITY.litellm)}, OpenRouter ${capacityText(DEMO_SWEEP_CAPACITY.openrouter)}, the others unlimited; a request holds its slot for the service time, so it adds that to the overhead.` : '';
  const standIn = new Map<string, string>();
  for (const e of emu.endpoints) standIn.set(e.baseUrl, `demo emulator: ${e.id}`);
  for (const t of config.targets) if (!standIn.has(String(t.baseUrl))) standIn.set(String(t.baseUrl), `demo emulator: ${String(t.name)}`);
  const names = ['LiteLLM', 'OpenRouter', 'Cloudflare AI Gateway', ...benched.map(({ gp }) => gp.label.split(' (')[0]!)];
  return {
    emulators: emu,
    config,
    recorded: (c) => ({
      ...c,
      targets: (c.targets as Array<Record<string, unknown>>).map((t) => ({ ...t, baseUrl: standIn.get(String(t.baseUrl)) ?? t.baseUrl })),
    }),
    env,
    describe: `Demo: an emulated provider and emulated ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} on 127.0.0.1 (profile "${p.name}": TTFT ${p.provider.ttftMs} ms, ${Math.round(1000 / p.provider.interTokenMs)} tokens/s; the emulators add ${overheadList(p, benched.map(({ gp }) => gp))} — illustrative settings, not claims about the real gateways).${capacity} No keys, no network.`,
    close: () => emu.close(),
  };
}
