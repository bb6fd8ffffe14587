import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/schema.js';
import { startDemo } from '../../src/commands/bench-demo.js';
import { loadModels } from '../../src/io/data-files.js';

/** `bench --demo`'s config for the data-driven gateways, against a catalog that knows three of them. */

type Api = Catalog['gateways'][number]['api'];
const api = (chatPath: string, auth: Partial<Api['auth'][number]>[]): Api => ({ chatPath, auth }) as unknown as Api;

describe('bench --demo with data-driven gateways in the catalog', () => {
  it('benches each one the catalog has, reaching the emulator where the catalog says the gateway is', async () => {
    const catalog = {
      gateways: [
        { id: 'litellm', api: api('/v1/chat/completions', []) },
        { id: 'kong', api: api('/chat/completions', [{ header: 'apikey', value: '{key}', required: 'when-authenticated' }]) },
        { id: 'tensorzero', api: api('/chat/completions', [{ header: 'Authorization', value: 'Bearer {key}', required: 'when-authenticated' }]) },
        { id: 'helicone', api: api('/chat/completions', [{ header: 'Authorization', value: 'Bearer {key}', required: 'always' }]) },
      ],
    } as unknown as Catalog;
    const demo = await startDemo((await loadModels()).value, catalog);
    try {
      const targets = demo.config.targets as Record<string, unknown>[];
      expect(targets.map((t) => t.name)).toEqual(['direct', 'litellm', 'openrouter', 'cloudflare', 'kong', 'tensorzero', 'helicone']);
      // one request in flight per target: 4 + 3 data-driven gateways
      expect(demo.config.concurrency).toBe(7);
      const [kong, tz, helicone] = targets.slice(4);
      const origin = (id: string) => new URL(demo.emulators.byId[id]!.chatUrl).origin;
      // base URL + the catalog's chat path = the emulator's chat path
      expect(kong).toMatchObject({ gateway: 'kong', baseUrl: `${origin('kong')}/v1`, model: 'gpt-4o-mini', apiKeyEnv: 'DEMO_KONG_KEY', gatewayTokenEnv: 'DEMO_KONG_KEY' });
      expect(tz).toMatchObject({ baseUrl: `${origin('tensorzero')}/openai/v1`, model: 'tensorzero::model_name::openai::gpt-4o-mini' });
      // gpt-4o-mini in data/models.json: $0.15 / $0.60 per million tokens; the templated name needs them spelled out
      expect(tz!.pricing).toEqual({ inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6 });
      expect(tz).not.toHaveProperty('gatewayTokenEnv');
      expect(helicone).toMatchObject({ baseUrl: `${origin('helicone')}/v1`, model: 'gpt-4o-mini' });
      expect(helicone).not.toHaveProperty('pricing');
      expect(demo.env).toMatchObject({ DEMO_KONG_KEY: 'test-key-kong-consumer', DEMO_HELICONE_KEY: 'test-key-helicone' });
      expect(demo.describe).toContain('emulated LiteLLM, OpenRouter, Cloudflare AI Gateway, Kong AI Gateway, TensorZero and Helicone AI Gateway');
      expect(demo.describe).toContain('Kong AI Gateway +3 ms, TensorZero +2 ms, Helicone AI Gateway +20 ms');
      // recorded configs name the emulators, not their ports
      const recorded = demo.recorded(demo.config).targets as { baseUrl: string }[];
      expect(recorded.map((t) => t.baseUrl).slice(4)).toEqual(['demo emulator: kong', 'demo emulator: tensorzero', 'demo emulator: helicone']);
    } finally {
      await demo.close();
    }
  });
});
