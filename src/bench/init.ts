import type { Catalog } from '../catalog/schema.js';
import { DIRECT_GATEWAY } from './config.js';
import { OPENAI_COMPATIBLE_API, type Api } from './targets.js';

/**
 * `gateway-scout bench init`: a commented starting config (pure, returns YAML text). Base URLs, model naming and
 * key variable names come from the catalog's `api` facts, so a new gateway in the catalog appears here with no
 * code change. Values the user must supply are written as YOUR_… placeholders, which the config loader refuses,
 * so an unedited file cannot send requests to a wrong URL.
 */

/**
 * Fill a catalog model-naming pattern for a model-table id (always author/slug, the table's schema says so):
 * {author}/{provider} ← author, {slug}/{model}/{model_name} ← slug.
 */
export function modelName(pattern: string, catalogId: string): string {
  const slash = catalogId.indexOf('/');
  const author = catalogId.slice(0, slash);
  const slug = catalogId.slice(slash + 1);
  return pattern
    .replace(/\[[^\]]*\]/g, '') // optional parts such as [:{variant}]
    .replace(/\{(author|provider)\}/g, author)
    .replace(/\{(slug|model|model_name)\}/g, slug);
}

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const q = (s: string) => (/^[\w./:@-]+$/.test(s) && !/^(true|false|null|yes|no|~)$/i.test(s) ? s : JSON.stringify(s));

/** One target's lines; `what` is the comment on its gateway line. Every key says what it is for. */
function targetLines(id: string, what: string, api: Api, model: string, baseline: boolean): string[] {
  const lines = [`  - name: ${q(id === DIRECT_GATEWAY ? 'direct' : id)}   # how reports and --targets refer to it`, `    gateway: ${id}   # ${what}`];
  const endpoints = Object.keys(api.bench?.endpoints ?? {});
  const pattern = api.baseUrl;
  const fields = [...pattern.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
  if (fields.includes('host')) {
    // A self-hosted deployment: the user says where it listens.
    lines.push(`    baseUrl: ${q(pattern.replace('{host}', 'localhost'))}   # where your deployment listens`);
  } else {
    for (const f of fields) lines.push(`    ${camel(f)}: YOUR_${f.toUpperCase()}   # fills {${f}} in ${pattern}`);
    if (endpoints.length > 1) {
      // Name the endpoint the base URL is; when it is none of them, the base URL stays and the others are offered.
      const current = Object.entries(api.bench!.endpoints).find(([, p]) => p === pattern)?.[0];
      if (current === undefined) lines.push(`    # endpoint: ${endpoints.join(' | ')}   # instead of ${pattern} (see the catalog's api.bench.endpoints)`);
      else lines.push(`    endpoint: ${current}   # or: ${endpoints.filter((e) => e !== current).join(', ')} (see the catalog's api.bench.endpoints)`);
    }
    if (id === DIRECT_GATEWAY) lines.push(`    baseUrl: ${q(pattern)}   # your provider's OpenAI-compatible base URL`);
  }
  lines.push(`    model: ${q(model)}   # ${api.modelNaming.pattern}, e.g. ${api.modelNaming.example}`);
  for (const a of api.auth) {
    if (a.required === 'always') {
      // A gateway that passes the provider's key on: the usual provider key variable.
      const env = a.keyEnv ?? 'OPENAI_API_KEY';
      lines.push(`    apiKeyEnv: ${env}   # the ${a.header} key is read from this variable`);
    } else if (a.required === 'when-authenticated' && a.keyEnv) {
      lines.push(`    # gatewayTokenEnv: ${a.keyEnv}   # sent as ${a.header} when set (an authenticated gateway)`);
    }
  }
  if (baseline) lines.push('    baseline: true   # the others are compared with this one');
  return lines;
}

export interface InitInput {
  catalog: Catalog;
  gateways: readonly string[];
  /** A model-table id, e.g. openai/gpt-4o-mini. */
  model: string;
  /** Why these gateways (a comment line). */
  why: string;
}

export function initConfig(inp: InitInput): string {
  const direct = targetLines(DIRECT_GATEWAY, 'straight to the provider', OPENAI_COMPATIBLE_API, modelName(OPENAI_COMPATIBLE_API.modelNaming.pattern, inp.model), true);
  const gws = inp.gateways.flatMap((id) => {
    const g = inp.catalog.gateways.find((x) => x.id === id);
    return g ? targetLines(id, g.name, g.api, modelName(g.api.modelNaming.pattern, inp.model), false) : [];
  });
  return [
    '# gateway-scout bench configuration (gateway-scout schema bench-config describes every field).',
    `# ${inp.why}`,
    '# Keys are read from the environment variables named below, never from this file.',
    '# Check the plan and its estimated spend first:  gateway-scout bench --config THIS_FILE --dry-run',
    '',
    'requests: 50            # measured requests per target, after warmup',
    'warmup: 3               # per target, not measured (also warms connections and TLS)',
    'concurrency: 4          # closed loop; or rate: 5 (requests/s per target, open loop) with arrival: poisson|constant',
    'stream: true            # false: whole responses, so e2e only (no TTFT or ITL)',
    'maxTokens: 128          # max_tokens sent with every request; the spend estimate counts every request at it',
    'prompt: short           # short | medium | long, or {file: prompts.txt}',
    'cache: bypass           # bypass: a nonce per request + skip-cache headers; allow: repeat prompts, count hits',
    'timeoutsMs: { connect: 5000, firstByte: 60000, idle: 30000, total: 120000 }   # connect; sent → headers; longest silence in the body; sent → end',
    'seed: 1                 # seeds the run order, arrival times, nonces and the bootstrap: same seed, same plan',
    'targets:                # each is measured; the baseline is what the others are compared with',
    ...direct,
    ...gws,
    '',
  ].join('\n');
}

/** The gateways a `choose --json` document recommends: the pick's setup, then the runner-up's. */
export function gatewaysFromRecommendation(doc: {
  recommendation: { stack: string[]; runnerUp: string | null };
  ranking: { gateway: string; members: string[] }[];
  stacks: { gateway: string; members: string[] }[];
}): string[] {
  const out = [...doc.recommendation.stack];
  const runner = doc.recommendation.runnerUp;
  if (runner !== null) {
    const entry = [...doc.ranking, ...doc.stacks].find((r) => r.gateway === runner);
    out.push(...(entry?.members.length ? entry.members : [runner]));
  }
  return [...new Set(out)];
}
