import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { benchConfigSchema } from '../../../src/bench/config.js';
import { gatewaysFromRecommendation, initConfig, modelName } from '../../../src/bench/init.js';
import { resolveTargets } from '../../../src/bench/targets.js';
import type { CatalogInput } from '../../../src/catalog/schema.js';
import { loadCatalog, loadModels } from '../../../src/io/data-files.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

const catalog = (await loadCatalog()).value;
const models = (await loadModels()).value;
type Raw = Record<string, unknown> & { targets: Record<string, unknown>[] };
const starter = (gateways: string[], model = 'openai/gpt-4o-mini', cat = catalog) => initConfig({ catalog: cat, gateways, model, why: 'Why these: a test.' });

describe('the starter config', () => {
  it('sets every load setting to the built-in default, so editing it starts from what a run without it would do', () => {
    const raw = load(starter([])) as Raw;
    const { targets, ...settings } = raw;
    // the defaults of `bench --help` and the config schema: 50 requests, 3 warmup, 4 in flight, 128 max_tokens, seed 1
    expect(settings).toStrictEqual({
      requests: 50,
      warmup: 3,
      concurrency: 4,
      stream: true,
      maxTokens: 128,
      prompt: 'short',
      cache: 'bypass',
      timeoutsMs: { connect: 5000, firstByte: 60000, idle: 30000, total: 120000 },
      seed: 1,
    });
    expect(targets).toHaveLength(1);
  });

  it('says what every key is for, on its own line', () => {
    const text = starter(['litellm', 'openrouter', 'cloudflare']);
    const keyLines = text.split('\n').filter((l) => /^\s*(- )?[A-Za-z]+:/.test(l));
    // 9 settings + "targets:" + direct 6 + litellm 5 + openrouter 4 + cloudflare 8 (name, gateway, accountId,
    // gatewayId, provider, endpoint, model, apiKeyEnv; its gatewayTokenEnv is a commented-out suggestion) = 33
    expect(keyLines).toHaveLength(33);
    for (const l of keyLines) expect(l, l).toMatch(/\s#\s*\S/);
  });

  it('says where keys come from, how to check the plan first, and why these targets', () => {
    const text = starter([]);
    expect(text).toContain('never from this file');
    expect(text).toContain('--dry-run');
    expect(text).toContain('gateway-scout schema bench-config');
    expect(text).toContain('# Why these: a test.');
  });

  it('targets from the catalog: direct is the baseline with its base URL, a self-hosted gateway at localhost, a managed one with its placeholders', () => {
    const raw = load(starter(['litellm', 'nope', 'cloudflare'])) as Raw;
    // "nope" is not in the catalog: left out
    expect(raw.targets).toStrictEqual([
      { name: 'direct', gateway: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY', baseline: true },
      { name: 'litellm', gateway: 'litellm', baseUrl: 'http://localhost:4000', model: 'gpt-4o-mini', apiKeyEnv: 'LITELLM_API_KEY' },
      // the provider-native endpoint: {provider} is a placeholder too, and the model goes without its author
      { name: 'cloudflare', gateway: 'cloudflare', accountId: 'YOUR_ACCOUNT_ID', gatewayId: 'YOUR_GATEWAY_ID', provider: 'YOUR_PROVIDER', endpoint: 'provider', model: 'gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY' },
    ]);
  });

  it('validates as a config, and once its placeholders are filled every target resolves', () => {
    const text = starter(['litellm', 'openrouter', 'cloudflare']).replace('YOUR_ACCOUNT_ID', 'acc1').replace('YOUR_GATEWAY_ID', 'gw1').replace('YOUR_PROVIDER', 'openai');
    const config = benchConfigSchema.parse(load(text));
    const r = resolveTargets(config, catalog, models);
    expect(r.issues).toEqual([]);
    expect(r.targets.map((t) => t.url)).toEqual([
      'https://api.openai.com/v1/chat/completions',
      'http://localhost:4000/v1/chat/completions',
      'https://openrouter.ai/api/v1/chat/completions',
      'https://gateway.ai.cloudflare.com/v1/acc1/gw1/openai/chat/completions',
    ]);
  });

  it('does not start Cloudflare on /compat, which the catalog calls deprecated, and offers it and the REST API instead', () => {
    const text = starter(['cloudflare']);
    const cf = (load(text) as Raw).targets[1]!;
    expect(cf.endpoint).toBe('provider');
    expect(cf).not.toHaveProperty('baseUrl');
    expect(text).toContain('    endpoint: provider   # or: compat, rest-api ');
    // the catalog is what calls /compat deprecated: the default must not be the endpoint it says that of
    const api = catalog.gateways.find((g) => g.id === 'cloudflare')!.api;
    expect(catalog.gateways.find((g) => g.id === 'cloudflare')!.features['openai-compatible']!.note).toMatch(/\/compat[^.]*marked deprecated/);
    expect(api.bench!.endpoints[cf.endpoint as string]).not.toMatch(/\/compat$/);
  });

  it('any model name reads back as written: quoted where YAML would change it, plain where it would not', () => {
    const direct = (model: string) => (load(starter([], model)) as Raw).targets[0]!.model;
    // the direct target's naming is {slug}: the part after the author
    for (const [id, slug] of [
      ['acme/true', 'true'],
      ['acme/null', 'null'],
      ['acme/~', '~'],
      ['acme/my model #2', 'my model #2'],
      ['acme/a: b', 'a: b'],
    ]) {
      expect(direct(id!)).toBe(slug);
    }
    // names that only begin or end like a YAML keyword need no quotes
    expect(starter([], 'acme/nova')).toContain('    model: nova   #');
    expect(starter([], 'acme/mono')).toContain('    model: mono   #');
    expect(starter([], 'acme/gpt-4o-mini')).toContain('  - name: direct   #');
  });
});

describe('the starter config for a gateway known only from its catalog entry', () => {
  type Api = CatalogInput['gateways'][number]['api'];
  const gw = (id: string, api: Partial<Api>) => makeGateway(id, { api: { ...makeGateway(id).api, ...api } });
  const cat = () =>
    makeCatalog([
      // three named base URLs; the default is the second
      gw('multi', {
        baseUrl: 'https://multi.example/{account_id}/b',
        bench: { endpoints: { a: 'https://multi.example/{account_id}/a', b: 'https://multi.example/{account_id}/b', c: 'https://multi.example/c' }, cacheSkip: {}, cacheUse: {}, ...fact },
      }),
      // named base URLs, none of them the base URL: the base URL stays, the others are offered
      gw('other', {
        baseUrl: 'https://other.example/v1',
        bench: { endpoints: { x: 'https://other.example/x', y: 'https://other.example/y' }, cacheSkip: {}, cacheUse: {}, ...fact },
      }),
      // one named base URL: nothing to choose between
      gw('single', { baseUrl: 'https://single.example/v1', bench: { endpoints: { only: 'https://single.example/v1' }, cacheSkip: {}, cacheUse: {}, ...fact } }),
      // a key header without a default variable, and an optional header that names one
      gw('plain', {
        auth: [
          { header: 'Authorization', value: 'Bearer {key}', required: 'always' },
          { header: 'X-Team', value: '{key}', required: 'optional', keyEnv: 'TEAM_ID' },
        ],
      }),
    ]);

  it('names the endpoint its base URL is, and the others to choose from; an unnamed base URL is kept', () => {
    const text = starter(['multi'], 'openai/gpt-4o-mini', cat());
    const t = (load(text) as Raw).targets[1]!;
    expect(t).toMatchObject({ accountId: 'YOUR_ACCOUNT_ID', endpoint: 'b' });
    expect(text).toContain('    endpoint: b   # or: a, c ');
    const other = starter(['other'], 'openai/gpt-4o-mini', cat());
    expect((load(other) as Raw).targets[1]).not.toHaveProperty('endpoint');
    expect(other).toContain('    # endpoint: x | y   # instead of https://other.example/v1 ');
  });

  it('no endpoint line when there is only one; the provider key variable for a key without a default; no optional headers', () => {
    const raw = load(starter(['single', 'plain'], 'openai/gpt-4o-mini', cat())) as Raw;
    expect(raw.targets[1]).not.toHaveProperty('endpoint');
    expect(raw.targets[2]).toMatchObject({ apiKeyEnv: 'OPENAI_API_KEY' });
    expect(starter(['plain'], 'openai/gpt-4o-mini', cat())).not.toContain('TEAM_ID');
    // a key header is no plain header, nor is an optional one with a key variable: no headers block at all
    expect(starter(['plain'], 'openai/gpt-4o-mini', cat())).not.toContain('# headers:');
  });
});

describe('the starter config for gateways whose requests need more than a key (Portkey-, Kong-, Vercel-, Helicone-like entries)', () => {
  type Api = CatalogInput['gateways'][number]['api'];
  const gw = (id: string, api: Partial<Api>) => makeGateway(id, { api: { ...makeGateway(id).api, ...api } });
  const cat = () =>
    makeCatalog([
      // Portkey-like: hosted base URL, a self-hosted endpoint on your host, the provider key passed on, an optional
      // gateway key, and two plain headers that choose the provider; bench sends one of them anyway.
      gw('pk', {
        baseUrl: 'https://pk.example/v1',
        auth: [
          { header: 'Authorization', value: 'Bearer {provider_key}', required: 'always', keyEnv: 'OPENAI_API_KEY' },
          { header: 'x-pk-api-key', value: '{key}', required: 'when-authenticated', keyEnv: 'PK_API_KEY' },
          { header: 'x-pk-provider', value: '{provider}', required: 'optional' },
          { header: 'x-pk-config', value: '{config_json_or_id}', required: 'optional' },
        ],
        modelNaming: { pattern: '{model} (with x-pk-provider) or @{provider_slug}/{model} (Model Catalog)', example: 'gpt-4o-mini' },
        bench: { endpoints: { hosted: 'https://pk.example/v1', 'self-hosted': 'http://{host}:8787/v1' }, cacheSkip: { headers: { 'x-pk-provider': 'openai' } }, cacheUse: { headers: { 'x-pk-provider': 'openai' } }, ...fact },
      }),
      // Kong-like: self-hosted on a route of your own; only a gateway key, no provider key.
      gw('kg', { baseUrl: 'http://{host}:8000/{route}', auth: [{ header: 'apikey', value: '{key}', required: 'when-authenticated', keyEnv: 'KG_API_KEY' }], modelNaming: { pattern: '{model_name}', example: 'gpt-4o' } }),
      // Vercel-like {creator}/{model}; Helicone-like nested optional parts and words after the pattern.
      gw('vc', { modelNaming: { pattern: '{creator}/{model}', example: 'anthropic/claude-sonnet-4.6' } }),
      gw('hc', { modelNaming: { pattern: '{model}[/{provider}[/{deployment_id}]], comma-separated for a fallback chain', example: 'gpt-4o-mini' } }),
      // A pattern the model id cannot fill: the user writes the name.
      gw('odd', { modelNaming: { pattern: 'deployments/{deployment_id}', example: 'deployments/prod-1' } }),
      // Plain headers and no bench block: a placeholder from the template's field, or the literal value.
      gw('attrib', {
        auth: [
          { header: 'Authorization', value: 'Bearer {key}', required: 'always', keyEnv: 'ATTRIB_KEY' },
          { header: 'HTTP-Referer', value: '{app_url}', required: 'optional' },
          { header: 'x-flag', value: 'true', required: 'optional' },
        ],
      }),
    ]);
  const text = (ids: string[]) => starter(ids, 'openai/gpt-4o-mini', cat());
  const lines = (t: string, id: string) => t.slice(t.indexOf(`  - name: ${id} `)).split('\n').slice(0, 12);

  it('Portkey-like: the key, the gateway key, and the headers that choose the provider as commented lines from api.auth', () => {
    const pk = lines(text(['pk']), 'pk');
    expect(pk.slice(0, 9)).toEqual([
      '  - name: pk   # how reports and --targets refer to it',
      '    gateway: pk   # PK',
      // one named endpoint besides your own host: nothing to choose; your own host by baseUrl
      '    # baseUrl: http://localhost:8787/v1   # self-hosted: where your deployment listens, instead of https://pk.example/v1',
      // the first form of the pattern, filled
      '    model: gpt-4o-mini   # {model} (with x-pk-provider) or @{provider_slug}/{model} (Model Catalog), e.g. gpt-4o-mini',
      '    apiKeyEnv: OPENAI_API_KEY   # the Authorization key is read from this variable',
      '    # gatewayTokenEnv: PK_API_KEY   # sent as x-pk-api-key when set (an authenticated gateway)',
      "    # headers:   # besides the key, this gateway reads these (the catalog's api.auth): uncomment the ones your setup uses",
      '    #   x-pk-provider: openai   # {provider}; bench sends openai when you set none',
      '    #   x-pk-config: YOUR_CONFIG_JSON_OR_ID   # {config_json_or_id}',
    ]);
  });

  it('Portkey-like, uncommented: self-hosted with its headers resolves; a header left as YOUR_… is refused', () => {
    const open = text(['pk']).replace(/^( *)# (baseUrl|headers|  x-pk-provider|  x-pk-config)/gm, '$1$2');
    const config = benchConfigSchema.parse(load(open));
    const refused = resolveTargets(config, cat(), models);
    expect(refused.issues).toEqual([{ path: 'targets[1].headers.x-pk-config', message: 'replace the placeholder YOUR_CONFIG_JSON_OR_ID with your value' }]);
    const filled = resolveTargets(benchConfigSchema.parse(load(open.replace('YOUR_CONFIG_JSON_OR_ID', 'pc-1'))), cat(), models);
    expect(filled.issues).toEqual([]);
    expect(filled.targets[1]).toMatchObject({ url: 'http://localhost:8787/v1/chat/completions', headers: { 'x-pk-provider': 'openai', 'x-pk-config': 'pc-1' } });
  });

  it('Kong-like: a base URL with a route of yours is written with a placeholder inside, refused until it is filled', () => {
    const t = text(['kg']);
    expect(lines(t, 'kg').slice(2, 5)).toEqual([
      '    baseUrl: http://localhost:8000/YOUR_ROUTE   # where your deployment listens (http://{host}:8000/{route})',
      '    model: gpt-4o-mini   # {model_name}, e.g. gpt-4o',
      '    # gatewayTokenEnv: KG_API_KEY   # sent as apikey when set (an authenticated gateway)',
    ]);
    const config = benchConfigSchema.parse(load(t));
    expect(resolveTargets(config, cat(), models).issues).toEqual([{ path: 'targets[1].baseUrl', message: 'replace the placeholder YOUR_ROUTE with your value' }]);
    const filled = resolveTargets(benchConfigSchema.parse(load(t.replace('YOUR_ROUTE', 'openai'))), cat(), models);
    expect(filled.targets[1]!.url).toBe('http://localhost:8000/openai/chat/completions');
  });

  it('plain headers of a gateway without a bench block: a placeholder named after the field, or the literal value', () => {
    expect(lines(text(['attrib']), 'attrib').slice(4, 7)).toEqual([
      "    # headers:   # besides the key, this gateway reads these (the catalog's api.auth): uncomment the ones your setup uses",
      '    #   HTTP-Referer: YOUR_APP_URL   # {app_url}',
      '    #   x-flag: "true"   # true',
    ]);
  });

  it('a self-hosted base URL with nothing else to fill is written at localhost as it is', () => {
    const t = starter(['litellm']);
    expect(t).toContain('\n    baseUrl: http://localhost:4000   # where your deployment listens\n');
  });

  it('model names from patterns with other words for the author, nested optional parts, words after them; else YOUR_MODEL', () => {
    const models_ = (load(text(['vc', 'hc', 'odd'])) as Raw).targets.map((x) => x.model);
    expect(models_).toEqual(['gpt-4o-mini', 'openai/gpt-4o-mini', 'gpt-4o-mini', 'YOUR_MODEL']);
  });
});

describe('model naming patterns', () => {
  it('fills author and slug, and drops optional parts', () => {
    expect(modelName('{author}/{slug}[:{variant}]', 'openai/gpt-4o')).toBe('openai/gpt-4o');
    expect(modelName('{provider}/{model}', 'anthropic/claude-haiku-4-5')).toBe('anthropic/claude-haiku-4-5');
    expect(modelName('{model_name}', 'openai/gpt-4o')).toBe('gpt-4o');
    expect(modelName('{slug}', 'meta-llama/llama-3.3-70b-instruct')).toBe('llama-3.3-70b-instruct');
    expect(modelName('{creator}/{model}', 'anthropic/claude-haiku-4-5')).toBe('anthropic/claude-haiku-4-5');
    expect(modelName('{model}[/{provider}[/{deployment_id}]], comma-separated', 'openai/gpt-4o')).toBe('gpt-4o');
    expect(modelName('{model} (with a header) or @{slug_of}/{model}', 'openai/gpt-4o')).toBe('gpt-4o');
    expect(modelName('{deployment}', 'openai/gpt-4o')).toBeUndefined();
    expect(modelName('', 'openai/gpt-4o')).toBeUndefined();
    // words before the pattern are not part of it either; [] inside an optional part goes with it
    expect(modelName('  {model}', 'openai/gpt-4o')).toBe('gpt-4o');
    expect(modelName('[x{variant}]{author}[y[z]]/{slug}', 'openai/gpt-4o')).toBe('openai/gpt-4o');
  });
});

describe('gateways from a recommendation', () => {
  const doc = (runnerUp: string | null) => ({
    recommendation: { stack: ['litellm'], runnerUp },
    ranking: [
      { gateway: 'litellm', members: ['litellm'] },
      { gateway: 'openrouter', members: ['openrouter'] },
    ],
    stacks: [{ gateway: 'litellm-behind-cloudflare', members: ['litellm', 'cloudflare'] }],
  });

  it('the pick, then the runner-up\'s members, each once; no runner-up, only the pick', () => {
    expect(gatewaysFromRecommendation(doc('openrouter'))).toEqual(['litellm', 'openrouter']);
    expect(gatewaysFromRecommendation(doc('litellm-behind-cloudflare'))).toEqual(['litellm', 'cloudflare']);
    expect(gatewaysFromRecommendation(doc(null))).toEqual(['litellm']);
  });

  it('a runner-up not listed, or listed without members, is taken as a gateway id', () => {
    expect(gatewaysFromRecommendation(doc('kong'))).toEqual(['litellm', 'kong']);
    expect(gatewaysFromRecommendation({ ...doc('solo'), ranking: [{ gateway: 'solo', members: [] }] })).toEqual(['litellm', 'solo']);
  });
});
