import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseEmulatorsFile, shippedGatewayProfiles } from '../../src/emulator/gateway-profiles.js';
import { EMULATOR_KEYS, modelIdFor, type RunningEmulators } from '../../src/emulator/server.js';
import { loadCatalog } from '../../src/io/data-files.js';
import { MESSAGES, profile, start } from './helpers.js';
import { virtualEmulators } from './virtual.js';

describe('model names by endpoint', () => {
  it('modelIdFor follows each data gateway\'s pattern and keeps the built-in rules', () => {
    expect(modelIdFor('tensorzero', 'openai/gpt-4o-mini')).toBe('tensorzero::model_name::openai::gpt-4o-mini');
    expect(modelIdFor('vercel', 'openai/gpt-4o-mini')).toBe('openai/gpt-4o-mini');
    expect(modelIdFor('kong', 'openai/gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(modelIdFor('litellm', 'openai/gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(modelIdFor('openrouter', 'openai/gpt-4o-mini')).toBe('openai/gpt-4o-mini');
  });
});

describe('data/emulators.json', () => {
  it('loads the six gateways in port order, each behaviour with a source that is no machine path', () => {
    const gps = shippedGatewayProfiles();
    expect(gps.map((g) => g.id)).toEqual(['portkey', 'vercel', 'kong', 'bifrost', 'tensorzero', 'helicone']);
    const text = JSON.stringify(gps);
    expect(text).not.toMatch(/\/work\/|shared\/reference|file:/);
    for (const m of text.matchAll(/"source":"([^"]+)"/g)) expect(m[1]).toMatch(/^https:\/\//);
  });

  it('every key a profile accepts is an obvious fake listed in EMULATOR_KEYS', () => {
    const known = new Set<string>(Object.values(EMULATOR_KEYS));
    for (const g of shippedGatewayProfiles()) {
      const keys = g.auth.mode === 'key' ? [g.auth.key, ...g.auth.otherKeys.map((k) => k.key)] : [];
      for (const k of keys) {
        expect(k.startsWith('test-key-'), `${g.id}: ${k}`).toBe(true);
        expect(known.has(k), `${g.id}: ${k} in EMULATOR_KEYS`).toBe(true);
      }
    }
  });

  it('an invalid file is refused with the file, the field and what is wrong', () => {
    const good = shippedGatewayProfiles()[0]!;
    const bad = JSON.stringify({ gateways: [{ ...good, id: 'litellm' }, { ...good, id: 'x', auth: { ...good.auth, mode: 'key' } }] });
    const e = (() => {
      try {
        parseEmulatorsFile(bad, 'emu.json');
      } catch (err) {
        return err as InputError;
      }
      throw new Error('accepted');
    })();
    expect(e).toBeInstanceOf(InputError);
    expect(e.file).toBe('emu.json');
    expect(e.issues).toEqual([
      { path: 'gateways[0].id', message: '"litellm" is taken (built-in endpoint, "all", or a duplicate)' },
      { path: 'gateways[1].errors.authMissing', message: 'a gateway that checks keys needs its authMissing error' },
    ]);
    expect(() => parseEmulatorsFile('{', 'emu.json')).toThrow(/not valid JSON/);
  });
});

describe('self-reported latency on virtual time (Kong)', () => {
  it('X-Kong-Proxy-Latency is the overhead, X-Kong-Upstream-Latency the wait for the provider\'s headers', async () => {
    const p = profile({
      provider: { ttftMs: 100, interTokenMs: 10, tokensPerChunk: 1, jitter: { kind: 'none', ms: 0 }, chunkJitter: { kind: 'none', ms: 0 } },
      gateways: { kong: { overheadMs: 30, jitter: { kind: 'none', ms: 0 } } },
    });
    const v = virtualEmulators({ profile: p });
    // non-streamed, 2 tokens: the provider answers whole at 100 + 1 × 10 = 110 ms after it got the request
    const plain = await v.send('kong', { model: 'gpt-4o-mini', max_tokens: 2 });
    expect(plain.status).toBe(200);
    expect(plain.headers['x-kong-proxy-latency']).toBe('30');
    expect(plain.headers['x-kong-upstream-latency']).toBe('110');
    expect(plain.head).toBe(30 + 110);
    // streamed: the provider's headers come at once, so the gateway's go out after its overhead alone
    const s = await v.send('kong', { model: 'gpt-4o-mini', max_tokens: 2, stream: true });
    expect(s.headers['x-kong-upstream-latency']).toBe('0');
    expect(s.head).toBe(30);
    expect(s.content).toEqual([130, 140]);
  });

  it('without an entry in the profile, a gateway adds its data default; the zero profile zeroes them all', async () => {
    const realistic = virtualEmulators({ profile: { ...profile(), otherGateways: null } });
    // data/emulators.json: Vercel's illustrative default is 30 ms
    expect((await realistic.send('vercel', { model: 'openai/gpt-4o-mini', stream: true, max_tokens: 1 })).head).toBe(30);
    expect((await virtualEmulators().send('vercel', { model: 'openai/gpt-4o-mini', stream: true, max_tokens: 1 })).head).toBe(0);
  });
});

/**
 * The emulators and the catalog must agree on where a gateway reports its request id, cache status and cost:
 * bench reads them where the catalog says. Data-driven gateways are compared field by field; the three built-in
 * emulators are asked, and their answers checked for the catalog's headers.
 */
describe('emulators agree with the catalog\'s api block', () => {
  let emu: RunningEmulators;
  beforeAll(async () => {
    emu = await start({ cloudflare: { rateLimit: null } });
  });
  afterAll(async () => {
    await emu.close();
  });

  const same = (a: string | undefined, b: string | undefined) => expect(a?.toLowerCase()).toBe(b?.toLowerCase());

  it('for every gateway in both data/emulators.json and data/gateways.json', async () => {
    const catalog = (await loadCatalog()).value;
    let checked = 0;
    for (const gp of shippedGatewayProfiles()) {
      const g = catalog.gateways.find((x) => x.id === gp.id);
      if (!g) continue;
      checked++;
      const api = g.api as typeof g.api & { selfReportedLatency?: { where: string; field: string } };
      if (api.requestId.where === 'header' || api.requestId.where === 'body') {
        expect(gp.requestId.where, `${gp.id} request id`).toBe(api.requestId.where);
        same(gp.requestId.field, api.requestId.field);
      }
      if (api.cacheStatus.where === 'header') same(gp.cache?.header, api.cacheStatus.field);
      if (api.cost.where === 'body') same(gp.cost?.field, api.cost.field);
      if (api.cost.where === 'header') expect(gp.headers.map((h) => h.header.toLowerCase())).toContain(api.cost.field?.toLowerCase());
      if (api.selfReportedLatency?.where === 'header') expect(gp.latencyHeaders.map((h) => h.header.toLowerCase())).toContain(api.selfReportedLatency.field.toLowerCase());
    }
    // The built-in three: a request each, with caching on where it is opt-in.
    const asks: [string, string, Record<string, string>][] = [
      ['litellm', 'gpt-4o-mini', {}],
      ['openrouter', 'openai/gpt-4o-mini', { 'x-openrouter-cache': 'true' }],
      ['cloudflare', 'openai/gpt-4o-mini', { 'cf-aig-cache-ttl': '60' }],
    ];
    for (const [id, model, extra] of asks) {
      const api = catalog.gateways.find((x) => x.id === id)?.api;
      if (!api) continue;
      checked++;
      const ep = emu.byId[id]!;
      const r = await fetch(ep.chatUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ep.apiKey}`, ...ep.headers, ...extra },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: `agree ${Math.random()}` }, ...MESSAGES], max_tokens: 2 }),
      });
      const body = (await r.json()) as Record<string, unknown>;
      expect(r.status).toBe(200);
      if (api.requestId.where === 'header') expect(r.headers.get(api.requestId.field!), `${id} request id`).not.toBeNull();
      if (api.cost.where === 'header') expect(r.headers.get(api.cost.field!), `${id} cost`).not.toBeNull();
      if (api.cost.where === 'body') expect(api.cost.field!.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], body), `${id} cost`).toEqual(expect.any(Number));
      // LiteLLM's cache key header is only on hits, and the LiteLLM emulator has no cache: not checked.
      if (api.cacheStatus.where === 'header' && api.cacheStatus.values.length > 0) expect(r.headers.get(api.cacheStatus.field!), `${id} cache status`).toBe('MISS');
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});
