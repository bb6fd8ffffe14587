import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { applyOverrides, baselineIndex, benchConfigSchema, isPlaceholder, loadMode, placeholderIn, secretLiterals } from '../../../src/bench/config.js';
import { zodIssues } from '../../../src/catalog/validate.js';
import { estimateRun } from '../../../src/bench/estimate.js';
import { gatewaysFromRecommendation, initConfig, modelName } from '../../../src/bench/init.js';
import { arrivalTimes, buildPlan, PROMPT_TEXTS, promptFor, requestBody } from '../../../src/bench/plan.js';
import { findModel, resolveTargets, secretValue } from '../../../src/bench/targets.js';
import { loadCatalog, loadModels } from '../../../src/io/data-files.js';

const catalog = (await loadCatalog()).value;
const models = (await loadModels()).value;

const direct = { name: 'direct', gateway: 'openai-compatible', model: 'gpt-4o-mini', baseline: true };
const parse = (c: object) => benchConfigSchema.parse({ targets: [direct], ...c });

describe('bench config', () => {
  it('fills the documented defaults', () => {
    const c = parse({});
    expect(c).toMatchObject({ requests: 50, warmup: 3, stream: true, maxTokens: 128, prompt: 'short', cache: 'bypass', arrival: 'poisson', seed: 1 });
    expect(c.timeoutsMs).toEqual({ connect: 5000, firstByte: 60000, idle: 30000, total: 120000 });
    expect(loadMode(c)).toEqual({ kind: 'closed', concurrency: 4 });
    expect(loadMode(parse({ rate: 5, arrival: 'constant' }))).toEqual({ kind: 'open', rate: 5, arrival: 'constant' });
  });

  it('refuses both load models at once, duplicate names, two baselines and credential headers', () => {
    const bad = benchConfigSchema.safeParse({
      rate: 5,
      concurrency: 2,
      targets: [direct, { ...direct }, { name: 'x', gateway: 'litellm', model: 'm', baseline: true, headers: { Authorization: 'Bearer sk-live' } }],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'rate: set either concurrency (closed loop) or rate (open loop), not both',
        'targets.1.name: "direct" is already the name of targets[0]',
        'targets.1.baseline: only one target can be the baseline',
        'targets.2.headers.Authorization: "Authorization" carries a credential: name the environment variable in apiKeyEnv or gatewayTokenEnv instead',
      ]),
    );
    // The key itself is never echoed.
    expect(JSON.stringify(bad.error!.issues)).not.toContain('sk-live');
  });

  it('points at a key written into the file without repeating it', () => {
    const issues = secretLiterals({ targets: [{ name: 'a', apiKey: 'sk-secret-123' }] });
    expect(issues).toEqual([{ path: 'targets[0].apiKey', message: expect.stringContaining('apiKeyEnv') }]);
    expect(JSON.stringify(issues)).not.toContain('sk-secret-123');
  });

  it('flags override the file; --rate and --concurrency switch the load model; --targets filters', () => {
    const raw = { concurrency: 8, targets: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    expect(applyOverrides(raw, { rate: 3 }).config).toEqual({ rate: 3, targets: raw.targets });
    expect(applyOverrides({ rate: 3 }, { concurrency: 2 }).config).toEqual({ concurrency: 2 });
    const f = applyOverrides(raw, { targets: ['c', 'a', 'zz'], requests: 7 });
    expect(f.config).toMatchObject({ requests: 7, targets: [{ name: 'a' }, { name: 'c' }] });
    expect(f.unknownTargets).toEqual(['zz']);
  });

  it('the baseline is the marked target, else the only direct one, else none', () => {
    const gw = { name: 'or', gateway: 'openrouter', model: 'openai/gpt-4o-mini' };
    expect(baselineIndex(parse({ targets: [gw, direct] }))).toBe(1);
    expect(baselineIndex(parse({ targets: [gw, { ...direct, baseline: false }] }))).toBe(1);
    expect(baselineIndex(parse({ targets: [gw, { ...direct, baseline: false }, { ...direct, name: 'd2', baseline: false }] }))).toBeUndefined();
  });
});

describe('bench config, rule by rule', () => {
  const issues = (c: object) => {
    const r = benchConfigSchema.safeParse(c);
    return r.success ? [] : zodIssues(r.error).map((i) => `${i.path}: ${i.message}`);
  };

  it('refuses every header that carries a credential, in any letter case, and accepts ordinary ones', () => {
    for (const h of ['Authorization', 'Proxy-Authorization', 'cf-aig-authorization', 'X-API-Key', 'api-key', 'x-litellm-api-key']) {
      expect(issues({ targets: [{ ...direct, headers: { [h]: 'v' } }] })).toEqual([
        `targets[0].headers.${h}: "${h}" carries a credential: name the environment variable in apiKeyEnv or gatewayTokenEnv instead`,
      ]);
    }
    expect(issues({ targets: [{ ...direct, headers: { 'HTTP-Referer': 'https://example.com', 'X-Title': 'bench' } }] })).toEqual([]);
  });

  it('says what a name and an environment variable name must look like', () => {
    expect(issues({ targets: [{ ...direct, name: 'my target', apiKeyEnv: 'my-key' }] })).toEqual([
      'targets[0].name: letters, digits, ".", "_" or "-", e.g. "openrouter"',
      'targets[0].apiKeyEnv: an environment variable name, e.g. OPENAI_API_KEY',
    ]);
  });

  it('a value is a placeholder only when it is YOUR_ and capitals, digits or underscores, nothing else', () => {
    expect(['YOUR_ACCOUNT_ID', 'YOUR_X1'].map(isPlaceholder)).toEqual([true, true]);
    expect(['MY_YOUR_ID', 'YOUR_Team-7', 'YOUR_', 'your_account_id', 'acc1'].map(isPlaceholder)).toEqual([false, false, false, false, false]);
  });

  it('a placeholder inside a value is found too (a base URL bench init left half filled), by the same rule', () => {
    expect(placeholderIn('http://localhost:8000/YOUR_ROUTE')).toBe('YOUR_ROUTE');
    expect(placeholderIn('http://localhost:8000/YOUR_ROUTE/v1')).toBe('YOUR_ROUTE');
    expect(placeholderIn('YOUR_CONFIG_JSON_OR_ID')).toBe('YOUR_CONFIG_JSON_OR_ID');
    expect(['MY_YOUR_ID', 'YOUR_Team-7', 'YOUR_X1abc', 'YOUR_', 'http://h/your_route', 'acc1'].map(placeholderIn)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('a target marked as the baseline is the baseline wherever it is, even when another goes direct', () => {
    const gw = { name: 'or', gateway: 'openrouter', model: 'openai/gpt-4o-mini', baseline: true };
    expect(baselineIndex(parse({ targets: [gw, { ...direct, baseline: false }] }))).toBe(0);
  });

  it('a flag not given leaves the file as it is; each flag given replaces its key, 0 and false included', () => {
    const raw = { requests: 9, warmup: 5, maxTokens: 64, stream: true, seed: 3, concurrency: 2, targets: [{ name: 'a' }] };
    expect(applyOverrides(raw, {})).toStrictEqual({ config: raw, unknownTargets: [] });
    expect(applyOverrides(raw, { requests: 1, warmup: 0, maxTokens: 1, stream: false, seed: 0 }).config).toStrictEqual({
      requests: 1,
      warmup: 0,
      maxTokens: 1,
      stream: false,
      seed: 0,
      concurrency: 2,
      targets: [{ name: 'a' }],
    });
  });

  it('--targets on a file with an empty target entry filters it out rather than failing', () => {
    // YAML "targets: [~, {name: a}]"
    expect(applyOverrides({ targets: [null, { name: 'a' }] }, { targets: ['a'] })).toStrictEqual({ config: { targets: [{ name: 'a' }] }, unknownTargets: [] });
  });

  it('finds every field a key might have been written in, and looks only inside target objects', () => {
    const t = { name: 'a', apiKey: 1, api_key: 1, key: 1, token: 1, gatewayToken: 1, secret: 1, password: 1 };
    expect(secretLiterals({ targets: [null, 'text', t] }).map((i) => i.path)).toEqual([
      'targets[2].apiKey',
      'targets[2].api_key',
      'targets[2].key',
      'targets[2].token',
      'targets[2].gatewayToken',
      'targets[2].secret',
      'targets[2].password',
    ]);
    for (const raw of [null, {}, { targets: 'x' }, { targets: [{ name: 'a', apiKeyEnv: 'K' }] }]) expect(secretLiterals(raw)).toEqual([]);
  });
});

describe('targets from the catalog api facts', () => {
  const resolve = (targets: object[], cache: 'bypass' | 'allow' = 'bypass') => resolveTargets(benchConfigSchema.parse({ cache, targets }), catalog, models);

  it('builds URLs and headers from the catalog, not from code', () => {
    const r = resolve([
      { name: 'cf', gateway: 'cloudflare', accountId: 'acc1', gatewayId: 'gw1', provider: 'openai', model: 'gpt-4o-mini', gatewayTokenEnv: 'CF_TOKEN' },
      { name: 'cfp', gateway: 'cloudflare', accountId: 'acc1', gatewayId: 'gw1', endpoint: 'compat', model: 'openai/gpt-4o-mini' },
      { name: 'or', gateway: 'openrouter', model: 'openai/gpt-4o-mini:nitro' },
      { name: 'll', gateway: 'litellm', baseUrl: 'http://localhost:4000/', model: 'gpt-4o-mini' },
      { name: 'cfr', gateway: 'cloudflare', accountId: 'acc1', endpoint: 'rest-api', apiKeyEnv: 'CLOUDFLARE_API_TOKEN', model: 'openai/gpt-4o-mini' },
    ]);
    expect(r.issues).toEqual([]);
    const [cf, cfp, or, ll, cfr] = r.targets;
    // the default is the provider-native endpoint: …/{account_id}/{gateway_id}/{provider}
    expect(cf!.url).toBe('https://gateway.ai.cloudflare.com/v1/acc1/gw1/openai/chat/completions');
    expect(cf!.price?.from).toBe('openai/gpt-4o-mini');
    expect(cf!.secrets).toEqual([
      { header: 'Authorization', template: 'Bearer {provider_key}', env: 'OPENAI_API_KEY' },
      // the gateway token: sent when its variable is set
      { header: 'cf-aig-authorization', template: 'Bearer {cf_token}', env: 'CF_TOKEN', optional: true },
    ]);
    expect(cf!.headers).toEqual({ 'cf-aig-skip-cache': 'true' });
    expect(cf!.cacheStatus).toEqual({ header: 'cf-aig-cache-status', hitValue: 'HIT' });
    expect(cf!.requestIdHeader).toBe('cf-aig-log-id');
    expect(cfp!.url).toBe('https://gateway.ai.cloudflare.com/v1/acc1/gw1/compat/chat/completions');
    // the REST API needs only the account; its key variable is the target's (a Cloudflare API token)
    expect(cfr!.url).toBe('https://api.cloudflare.com/client/v4/accounts/acc1/ai/v1/chat/completions');
    expect(cfr!.secrets).toEqual([{ header: 'Authorization', template: 'Bearer {provider_key}', env: 'CLOUDFLARE_API_TOKEN' }]);
    expect(or!.url).toBe('https://openrouter.ai/api/v1/chat/completions');
    expect(or!.cost).toEqual({ bodyPath: ['usage', 'cost'] });
    expect(or!.price?.from).toBe('openai/gpt-4o-mini');
    expect(ll!.url).toBe('http://localhost:4000/v1/chat/completions');
    expect(ll!.cost).toEqual({ header: 'x-litellm-response-cost' });
    expect(ll!.extraBody).toEqual({ cache: { 'no-cache': true } });
    expect(ll!.secrets[0]!.env).toBe('LITELLM_API_KEY');
  });

  it('with cache: allow, sends each gateway\'s use-cache headers instead', () => {
    const r = resolve([{ name: 'or', gateway: 'openrouter', model: 'openai/gpt-4o-mini' }], 'allow');
    expect(r.targets[0]!.headers).toEqual({ 'X-OpenRouter-Cache': 'true' });
  });

  it('says which field is missing, unknown or still a placeholder, by JSON path', () => {
    const r = resolve([
      { name: 'cf', gateway: 'cloudflare', model: 'openai/gpt-4o-mini' },
      { name: 'll', gateway: 'litellm', model: 'gpt-4o-mini' },
      { name: 'k', gateway: 'acme', model: 'x' },
      { name: 'e', gateway: 'cloudflare', accountId: 'a', gatewayId: 'g', endpoint: 'universal', model: 'x' },
      { name: 'p', gateway: 'cloudflare', accountId: 'YOUR_ACCOUNT_ID', gatewayId: 'g', model: 'x' },
    ]);
    expect(r.issues.map((i) => i.path)).toEqual(['targets[0].accountId', 'targets[1].host', 'targets[2].gateway', 'targets[3].endpoint', 'targets[4].accountId']);
    expect(r.issues[2]!.message).toContain('openai-compatible, litellm, openrouter, cloudflare, portkey, vercel, kong, bifrost, tensorzero, helicone');
  });

  it('finds prices by id, without a :variant, as {provider}/{model}, or by a unique slug; warns when none', () => {
    expect(findModel(models, 'openai/gpt-4o-mini:floor')?.id).toBe('openai/gpt-4o-mini');
    expect(findModel(models, 'gpt-4o-mini', 'openai')?.id).toBe('openai/gpt-4o-mini');
    expect(findModel(models, 'claude-haiku-4-5')?.id).toBe('anthropic/claude-haiku-4-5');
    expect(findModel(models, 'no-such-model')).toBeUndefined();
    const r = resolve([{ name: 'x', gateway: 'openai-compatible', model: 'my-finetune' }]);
    expect(r.targets[0]!.price).toBeNull();
    expect(r.warnings[0]).toContain('no price for model "my-finetune"');
    const own = resolve([{ name: 'x', gateway: 'openai-compatible', model: 'my-finetune', pricing: { inputUsdPerMTok: 1, outputUsdPerMTok: 2 } }]);
    expect(own.targets[0]!.price).toEqual({ inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null, from: 'targets.x.pricing' });
  });

  it('fills a secret header template with the key', () => {
    expect(secretValue({ header: 'Authorization', template: 'Bearer {key}', env: 'K' }, 'abc')).toBe('Bearer abc');
    expect(secretValue({ header: 'x-api-key', template: '{key}', env: 'K' }, 'abc')).toBe('abc');
  });
});

describe('the plan', () => {
  it('interleaves: every round sends to every target once, in a seeded order, warmups first', () => {
    const jobs = buildPlan({ targets: 4, requests: 25, warmup: 2, seed: 7 });
    expect(jobs).toHaveLength(4 * 27);
    expect(jobs.slice(0, 8).every((j) => j.warmup)).toBe(true);
    for (let r = 1; r <= 25; r++) {
      const round = jobs.filter((j) => j.round === r);
      expect(round.map((j) => j.target).sort()).toEqual([0, 1, 2, 3]);
      expect(round.every((j) => j.seq === r && !j.warmup)).toBe(true);
    }
    expect(buildPlan({ targets: 4, requests: 25, warmup: 2, seed: 7 })).toEqual(jobs);
    const orders = new Set(jobs.filter((j) => !j.warmup).reduce<string[]>((acc, j, i) => (i % 4 === 0 ? [...acc, `${j.target}`] : [...acc.slice(0, -1), acc.at(-1)! + j.target]), []));
    // 25 rounds of 4! = 24 possible orders: a fresh shuffle gives many distinct ones, not one repeated order.
    expect(orders.size).toBeGreaterThan(10);
  });

  it('open loop: evenly spaced, or Poisson with the right mean gap', () => {
    // 10 requests/s overall: one every 100 ms
    expect(arrivalTimes(4, 10, 'constant', 1)).toEqual([0, 100, 200, 300]);
    const t = arrivalTimes(20_001, 50, 'poisson', 3);
    // mean gap of an exponential with rate 50/s is 20 ms; over 20,000 gaps the mean is within ±0.5 ms (SE 0.14 ms)
    expect(t[20_000]! / 20_000).toBeGreaterThan(19.5);
    expect(t[20_000]! / 20_000).toBeLessThan(20.5);
    const jobs = buildPlan({ targets: 2, requests: 3, warmup: 1, seed: 1, open: { rate: 5, arrival: 'constant' } });
    // rate is per target: 2 targets × 5/s = a send every 100 ms overall
    expect(jobs.filter((j) => !j.warmup).map((j) => j.atMs)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(jobs.filter((j) => j.warmup).every((j) => j.atMs === undefined)).toBe(true);
  });

  it('a nonce makes every prompt unique at the same length; without it prompts repeat', () => {
    const job = (target: number, seq: number) => ({ target, round: seq, seq, warmup: false });
    const a = promptFor([PROMPT_TEXTS.short], job(0, 1), 1, true);
    const b = promptFor([PROMPT_TEXTS.short], job(1, 1), 1, true);
    expect(a).not.toBe(b);
    expect(a.length).toBe(b.length);
    expect(a.endsWith(PROMPT_TEXTS.short)).toBe(true);
    expect(promptFor(['p1', 'p2'], job(0, 3), 1, false)).toBe('p1');
    expect(promptFor(['p1', 'p2'], job(0, 2), 1, false)).toBe('p2');
  });

  it('always asks for usage on streams', () => {
    expect(JSON.parse(requestBody({ model: 'm', prompt: 'p', maxTokens: 9, stream: true, extra: { cache: { 'no-cache': true } } }))).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'p' }],
      max_tokens: 9,
      stream: true,
      stream_options: { include_usage: true },
      cache: { 'no-cache': true },
    });
  });

  it('estimates spend as an upper bound: prompt tokens plus max_tokens at list price', () => {
    const config = benchConfigSchema.parse({ requests: 10, warmup: 0, maxTokens: 100, cache: 'allow', targets: [direct] });
    const { targets } = resolveTargets(config, catalog, models);
    const e = estimateRun(config, targets, ['x'.repeat(400)]);
    // 400 chars → 100 tokens; per request (100 × 0.15 + 100 × 0.6) / 1e6 = 7.5e-5; × 10 requests
    expect(e.requests).toBe(10);
    expect(e.usd).toBeCloseTo(7.5e-4, 12);
    expect(e.inputTokens).toBe(1000);
  });
});

describe('bench init', () => {
  it('writes a config whose targets come from the catalog and that refuses to run until edited', () => {
    const text = initConfig({ catalog, gateways: ['litellm', 'openrouter', 'cloudflare'], model: 'openai/gpt-4o-mini', why: 'test' });
    const raw = load(text) as { targets: Record<string, unknown>[] };
    expect(raw.targets.map((t) => t.name)).toEqual(['direct', 'litellm', 'openrouter', 'cloudflare']);
    expect(raw.targets.map((t) => t.model)).toEqual(['gpt-4o-mini', 'gpt-4o-mini', 'openai/gpt-4o-mini', 'gpt-4o-mini']);
    expect(raw.targets.map((t) => t.apiKeyEnv)).toEqual(['OPENAI_API_KEY', 'LITELLM_API_KEY', 'OPENROUTER_API_KEY', 'OPENAI_API_KEY']);
    expect(raw.targets[3]).toMatchObject({ accountId: 'YOUR_ACCOUNT_ID', gatewayId: 'YOUR_GATEWAY_ID', provider: 'YOUR_PROVIDER', endpoint: 'provider' });
    expect(text).toContain('# gatewayTokenEnv: CLOUDFLARE_AIG_TOKEN');
    const config = benchConfigSchema.parse(raw);
    const r = resolveTargets(config, catalog, models);
    expect(r.issues.map((i) => i.path)).toEqual(['targets[3].accountId', 'targets[3].gatewayId', 'targets[3].provider']);
  });

  it('fills model naming patterns', () => {
    expect(modelName('{author}/{slug}[:{variant}]', 'openai/gpt-4o')).toBe('openai/gpt-4o');
    expect(modelName('{provider}/{model}', 'anthropic/claude-haiku-4-5')).toBe('anthropic/claude-haiku-4-5');
    expect(modelName('{model_name}', 'openai/gpt-4o')).toBe('gpt-4o');
  });

  it('takes the pick\'s setup and the runner-up (a stack\'s members) from a recommendation', () => {
    const doc = {
      recommendation: { stack: ['litellm', 'cloudflare'], runnerUp: 'openrouter-stack' },
      ranking: [{ gateway: 'openrouter', members: ['openrouter'] }],
      stacks: [{ gateway: 'openrouter-stack', members: ['openrouter', 'cloudflare'] }],
    };
    expect(gatewaysFromRecommendation(doc)).toEqual(['litellm', 'cloudflare', 'openrouter']);
  });
});
