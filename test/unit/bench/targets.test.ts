import { describe, expect, it } from 'vitest';
import type { ModelTable } from '../../../src/catalog/models-schema.js';
import { benchConfigSchema } from '../../../src/bench/config.js';
import { engineTargets } from '../../../src/bench/execute.js';
import { findModel, namedEnv, optionalEnv, requiredEnv, resolveTargets, type Target } from '../../../src/bench/targets.js';
import { loadCatalog, loadModels } from '../../../src/io/data-files.js';
import { makeCatalog, makeGateway } from '../../helpers/builders.js';

const catalog = (await loadCatalog()).value;
const models = (await loadModels()).value;
const resolve = (targets: object[], cat = catalog) => resolveTargets(benchConfigSchema.parse({ targets }), cat, models);

describe('what a config gets told about its targets', () => {
  it('a placeholder left in: which one, and that it needs a value', () => {
    const r = resolve([{ name: 'cf', gateway: 'cloudflare', accountId: 'YOUR_ACCOUNT_ID', gatewayId: 'g', model: 'x' }]);
    expect(r.issues).toEqual([{ path: 'targets[0].accountId', message: 'replace the placeholder YOUR_ACCOUNT_ID with your value' }]);
  });

  it('a URL field missing: the base URL it fills and every field it needs', () => {
    const r = resolve([{ name: 'cf', gateway: 'cloudflare', model: 'x' }]);
    expect(r.issues).toEqual([
      {
        path: 'targets[0].accountId',
        message: "cloudflare's base URL is https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/{provider}: set accountId and gatewayId and provider on the target, or give baseUrl",
      },
    ]);
  });

  it('an endpoint the gateway does not have: the ones it has, or that it has none', () => {
    const r = resolve([
      { name: 'cf', gateway: 'cloudflare', accountId: 'a', gatewayId: 'g', endpoint: 'universal', model: 'x' },
      { name: 'd', gateway: 'openai-compatible', endpoint: 'compat', model: 'gpt-4o-mini' },
    ]);
    expect(r.issues).toEqual([
      { path: 'targets[0].endpoint', message: '"universal" is not an endpoint of cloudflare: expected provider or compat or rest-api' },
      { path: 'targets[1].endpoint', message: '"compat" is not an endpoint of openai-compatible (it has none besides its base URL)' },
    ]);
  });

  it('warns of settings that will be ignored, and of nothing when every target is complete and priced', () => {
    const r = resolve([
      { name: 'cf', gateway: 'cloudflare', baseUrl: 'http://127.0.0.1:9000/v1', endpoint: 'provider', model: 'openai/gpt-4o-mini' },
      { name: 'or', gateway: 'openrouter', gatewayTokenEnv: 'OR_TOKEN', model: 'openai/gpt-4o-mini' },
    ]);
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual(['cf: endpoint "provider" is ignored because baseUrl is set.', 'or: gatewayTokenEnv is ignored: openrouter takes no gateway token.']);
    // OpenRouter's optional headers (HTTP-Referer, X-OpenRouter-Title) are not credentials: only its key is sent
    expect(r.targets[1]!.secrets).toEqual([{ header: 'Authorization', template: 'Bearer {key}', env: 'OPENROUTER_API_KEY' }]);
    const clean = resolve([
      { name: 'd', gateway: 'openai-compatible', model: 'gpt-4o-mini', baseline: true },
      { name: 'cf', gateway: 'cloudflare', accountId: 'a', gatewayId: 'g', provider: 'openai', gatewayTokenEnv: 'CF_TOKEN', model: 'gpt-4o-mini' },
    ]);
    expect(clean.issues).toEqual([]);
    expect(clean.warnings).toEqual([]);
  });

  it('Cloudflare\'s gateway token is sent only when the target names its variable', () => {
    const [cf] = resolve([{ name: 'cf', gateway: 'cloudflare', accountId: 'a', gatewayId: 'g', provider: 'openai', model: 'gpt-4o-mini' }]).targets;
    expect(cf!.secrets.map((s) => s.header)).toEqual(['Authorization']);
  });

  it('direct targets: their display name, no cache header to read, the request id header', () => {
    const r = resolve([{ name: 'd', gateway: 'openai-compatible', baseUrl: 'http://127.0.0.1:9000/v1//', model: 'gpt-4o-mini' }]);
    // a baseUrl without an endpoint is nothing to warn about
    expect(r.warnings).toEqual([]);
    const [d] = r.targets;
    expect(d!.gatewayName).toBe('direct (OpenAI-compatible)');
    // every trailing slash of the base URL goes before the path is added
    expect(d!.url).toBe('http://127.0.0.1:9000/v1/chat/completions');
    expect(d!.cacheStatus).toStrictEqual({});
    expect(d!.requestIdHeader).toBe('x-request-id');
    const [or] = resolve([{ name: 'or', gateway: 'openrouter', model: 'openai/gpt-4o-mini' }]).targets;
    expect(or!.gatewayName).toBe('OpenRouter');
  });

  it('lists each key variable with the targets that need it; a gateway token is optional, not required', () => {
    const { targets } = resolve([
      { name: 'd', gateway: 'openai-compatible', model: 'gpt-4o-mini' },
      { name: 'cf', gateway: 'cloudflare', accountId: 'a', gatewayId: 'g', provider: 'openai', gatewayTokenEnv: 'CF_TOKEN', model: 'gpt-4o-mini' },
    ]);
    expect([...requiredEnv(targets)]).toEqual([['OPENAI_API_KEY', ['d', 'cf']]]);
    expect([...optionalEnv(targets)]).toEqual([['CF_TOKEN', ['cf']]]);
    expect([...namedEnv(targets)]).toEqual([
      ['OPENAI_API_KEY', ['d', 'cf']],
      ['CF_TOKEN', ['cf']],
    ]);
    expect(targets[1]!.secrets.find((x) => x.env === 'CF_TOKEN')).toEqual({ header: 'cf-aig-authorization', template: 'Bearer {cf_token}', env: 'CF_TOKEN', optional: true });
    // a variable one target requires and another reads as its token is required, and listed once
    const both = resolve([
      { name: 'd', gateway: 'openai-compatible', model: 'gpt-4o-mini', apiKeyEnv: 'SHARED' },
      { name: 'cf', gateway: 'cloudflare', accountId: 'a', gatewayId: 'g', provider: 'openai', gatewayTokenEnv: 'SHARED', model: 'gpt-4o-mini' },
    ]).targets;
    expect([...requiredEnv(both)]).toEqual([['SHARED', ['d']], ['OPENAI_API_KEY', ['cf']]]);
    expect([...optionalEnv(both)]).toEqual([]);
  });

  it('the gateway token header is sent when its variable is set, and left out (not sent empty) when it is not', () => {
    const { targets } = resolve([{ name: 'cf', gateway: 'cloudflare', accountId: 'a', gatewayId: 'g', provider: 'openai', gatewayTokenEnv: 'CF_TOKEN', model: 'gpt-4o-mini' }]);
    const set = engineTargets(targets, new Map([['OPENAI_API_KEY', 'test-key'], ['CF_TOKEN', 'test-token']]), true)[0]!.headers;
    expect(set['cf-aig-authorization']).toBe('Bearer test-token');
    expect(set.Authorization).toBe('Bearer test-key');
    const unset = engineTargets(targets, new Map([['OPENAI_API_KEY', 'test-key']]), true)[0]!.headers;
    expect(Object.keys(unset)).not.toContain('cf-aig-authorization');
    expect(unset.Authorization).toBe('Bearer test-key');
  });
});

describe('targets of a gateway the code has never heard of: everything from its catalog entry', () => {
  const gw = (id: string, api: object) => makeGateway(id, { api: { ...makeGateway(id).api, ...api } as ReturnType<typeof makeGateway>['api'] });
  const cat = () =>
    makeCatalog([
      gw('nokey', {}),
      gw('streamcost', {
        cost: { where: 'stream-final-chunk', field: 'usage.cost', streaming: 'stream-final-chunk' },
        cacheStatus: { where: 'body', field: 'cached' },
        requestId: { where: 'body', field: 'id' },
      }),
      gw('headers', {
        cost: { where: 'header', field: 'X-Cost', streaming: 'header' },
        cacheStatus: { where: 'header', field: 'X-Cache' },
        requestId: { where: 'header', field: 'X-Req' },
        selfReportedLatency: { where: 'header', field: 'X-Proxy-Latency', unit: 's', meaning: 'time the proxy spent' },
      }),
      gw('logs', { cost: { where: 'logs', field: 'cost', streaming: 'logs' } }),
      gw('gwkey', {
        auth: [
          { header: 'x-gw-auth', value: 'Bearer {key}', required: 'always' },
          { header: 'x-gw-key', value: '{key}', required: 'when-authenticated', keyEnv: 'GW_KEY' },
          { header: 'x-team-key', value: '{key}', required: 'optional', keyEnv: 'TEAM_KEY' },
          { header: 'x-team', value: '{team}', required: 'optional' },
        ],
      }),
    ]);
  const one = (t: object): Target => {
    const r = resolve([{ name: 't', model: 'm', ...t }], cat());
    expect(r.issues).toEqual([]);
    return r.targets[0]!;
  };

  it("a header the catalog names as the gateway's credential is refused in the file, whatever its name", () => {
    // a key header (with or without a default variable), a gateway token, an optional header that takes a key
    const headers = { 'X-GW-Key': 'test-key-in-file', 'x-gw-auth': 'Bearer test-key', 'x-team-key': 'test-key-2', 'x-team': 'blue' };
    const r = resolve([{ name: 't', model: 'm', gateway: 'gwkey', apiKeyEnv: 'K', headers }], cat());
    const says = (h: string) => ({ path: `targets[0].headers.${h}`, message: `"${h}" carries gwkey's credential: name the environment variable in apiKeyEnv or gatewayTokenEnv instead` });
    expect(r.issues).toEqual([says('X-GW-Key'), says('x-gw-auth'), says('x-team-key')]);
    // an optional plain header (no key variable) is the user's to set
    expect(resolve([{ name: 't', model: 'm', gateway: 'gwkey', apiKeyEnv: 'K', headers: { 'x-team': 'blue' } }], cat()).issues).toEqual([]);
  });

  it('a key header with no default variable: the target must name one', () => {
    expect(resolve([{ name: 't', gateway: 'nokey', model: 'm' }], cat()).issues).toEqual([
      { path: 'targets[0].apiKeyEnv', message: 'name the environment variable holding the key for the Authorization header' },
    ]);
    expect(one({ gateway: 'nokey', apiKeyEnv: 'MY_KEY' }).secrets).toEqual([{ header: 'Authorization', template: 'Bearer {key}', env: 'MY_KEY' }]);
  });

  it('reads cost, cache status and request ids where the catalog says, and headers only when they are headers', () => {
    const s = one({ gateway: 'streamcost', apiKeyEnv: 'K' });
    expect(s.cost).toStrictEqual({ bodyPath: ['usage', 'cost'] });
    expect(s.cacheStatus).toStrictEqual({});
    expect(s).not.toHaveProperty('requestIdHeader');
    // header names compared in lower case, as undici gives them
    const h = one({ gateway: 'headers', apiKeyEnv: 'K' });
    expect(h.cost).toStrictEqual({ header: 'x-cost' });
    expect(h.cacheStatus).toStrictEqual({ header: 'x-cache' });
    expect(h.requestIdHeader).toBe('x-req');
    // the gateway's own latency header: matched in lower case, named in reports as the catalog spells it
    expect(h.selfReported).toStrictEqual({ header: 'x-proxy-latency', field: 'X-Proxy-Latency', unit: 's' });
    expect(engineTargets([h], new Map([['K', 'test-key']]), true)[0]!.selfReported).toStrictEqual({ header: 'x-proxy-latency', unit: 's' });
    expect(s).not.toHaveProperty('selfReported');
    // a cost only in the gateway's logs cannot be read from the response
    expect(one({ gateway: 'logs', apiKeyEnv: 'K' }).cost).toStrictEqual({});
  });
});

describe('prices for a model name', () => {
  // Two providers with the same model slug, and one with a slug of its own.
  const table = { models: [{ id: 'openai/gpt-4o' }, { id: 'azure/gpt-4o' }, { id: 'anthropic/claude-haiku-4-5' }] } as unknown as ModelTable;
  const id = (model: string, provider?: string) => findModel(table, model, provider)?.id;

  it('an exact id wins over a shared slug; a :variant is dropped; a provider makes {provider}/{model}', () => {
    expect(id('azure/gpt-4o')).toBe('azure/gpt-4o');
    expect(id('azure/gpt-4o:free')).toBe('azure/gpt-4o');
    expect(id('gpt-4o', 'azure')).toBe('azure/gpt-4o');
  });

  it('a slug alone is enough when only one model has it, with or without a prefix; a shared slug is no match', () => {
    expect(id('claude-haiku-4-5')).toBe('anthropic/claude-haiku-4-5');
    expect(id('my-proxy/claude-haiku-4-5')).toBe('anthropic/claude-haiku-4-5');
    expect(id('gpt-4o')).toBeUndefined();
    expect(id('my-proxy/gpt-4o')).toBeUndefined();
  });

  it('only a :variant at the end is dropped, not a colon earlier in the name (an ARN)', () => {
    expect(id('arn:aws:bedrock:us-east-1::foundation-model/claude-haiku-4-5:0')).toBe('anthropic/claude-haiku-4-5');
  });
});
