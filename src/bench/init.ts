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
 * {author}/{provider}/{creator} ← author, {slug}/{model}/{model_name} ← slug. Optional parts ([…], nested too)
 * are dropped, and so are words after the pattern ("{model} (with x-portkey-provider) or …"): the first
 * alternative is the plain one. Undefined when a placeholder is left that the id cannot fill.
 */
export function modelName(pattern: string, catalogId: string): string | undefined {
  const slash = catalogId.indexOf('/');
  const author = catalogId.slice(0, slash);
  const slug = catalogId.slice(slash + 1);
  let p = pattern;
  let before: string;
  // Innermost optional part first, so "{model}[/{provider}[/{id}]]" loses both.
  do {
    before = p;
    p = p.replace(/\[[^[\]]*\]/g, '');
  } while (p !== before);
  const filled = p.trim().split(/[\s,]/)[0]!.replace(/\{(author|provider|creator)\}/g, author).replace(/\{(slug|model|model_name)\}/g, slug);
  return filled === '' || /[{}]/.test(filled) ? undefined : filled;
}

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const q = (s: string) => (/^[\w./:@-]+$/.test(s) && !/^(true|false|null|yes|no|~)$/i.test(s) ? s : JSON.stringify(s));
const fieldsOf = (pattern: string) => [...pattern.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
/** A template field ({config_json_or_id}, always [a-z_]) as the placeholder the config loader refuses. */
const placeholder = (field: string) => `YOUR_${field.toUpperCase()}`;

/**
 * A self-hosted deployment ({host} in the pattern): the user says where it listens. localhost when that is all
 * the pattern needs; with more to fill (Kong's {route}), placeholders inside the URL, which the config is refused
 * with until they are filled.
 */
function selfHostedLines(pattern: string): string[] {
  const local = pattern.replace('{host}', 'localhost');
  const rest = fieldsOf(local);
  if (rest.length === 0) return [`    baseUrl: ${q(local)}   # where your deployment listens`];
  // The other fields as placeholders inside the URL: still a URL, and refused until they are filled.
  const url = rest.reduce((u, f) => u.replace(`{${f}}`, placeholder(f)), local);
  return [`    baseUrl: ${q(url)}   # where your deployment listens (${pattern})`];
}

/** Base URL lines: placeholders for the fields of a managed gateway's URL, and its named endpoints. */
function baseUrlLines(id: string, api: Api): string[] {
  const pattern = api.baseUrl;
  if (fieldsOf(pattern).includes('host')) return selfHostedLines(pattern);
  const lines = fieldsOf(pattern).map((f) => `    ${camel(f)}: ${placeholder(f)}   # fills {${f}} in ${pattern}`);
  const named = Object.entries(api.bench?.endpoints ?? {});
  // A named endpoint on your own host is reached with baseUrl (there is no host field to fill).
  const selfHosted = named.filter(([, p]) => fieldsOf(p).includes('host'));
  const endpoints = named.filter(([, p]) => !fieldsOf(p).includes('host')).map(([e]) => e);
  if (endpoints.length > 1) {
    // Name the endpoint the base URL is; when it is none of them, the base URL stays and the others are offered.
    const current = named.find(([, p]) => p === pattern)?.[0];
    if (current === undefined) lines.push(`    # endpoint: ${endpoints.join(' | ')}   # instead of ${pattern} (see the catalog's api.bench.endpoints)`);
    else lines.push(`    endpoint: ${current}   # or: ${endpoints.filter((e) => e !== current).join(', ')} (see the catalog's api.bench.endpoints)`);
  }
  for (const [e, p] of selfHosted) lines.push(`    # baseUrl: ${q(p.replace('{host}', 'localhost'))}   # ${e}: where your deployment listens, instead of ${pattern}`);
  if (id === DIRECT_GATEWAY) lines.push(`    baseUrl: ${q(pattern)}   # your provider's OpenAI-compatible base URL`);
  return lines;
}

/** Key and gateway-token lines: each credential header names the variable it is read from. */
function keyLines(api: Api): string[] {
  const lines: string[] = [];
  for (const a of api.auth) {
    if (a.required === 'always') {
      // A gateway that passes the provider's key on: the usual provider key variable.
      lines.push(`    apiKeyEnv: ${a.keyEnv ?? 'OPENAI_API_KEY'}   # the ${a.header} key is read from this variable`);
    } else if (a.required === 'when-authenticated' && a.keyEnv) {
      lines.push(`    # gatewayTokenEnv: ${a.keyEnv}   # sent as ${a.header} when set (an authenticated gateway)`);
    }
  }
  return lines;
}

/**
 * Headers the gateway reads besides its credentials (optional auth entries without a key variable, e.g. Portkey's
 * x-portkey-provider and x-portkey-config), as commented lines under `headers:`. The value is what bench sends
 * anyway (api.bench.cacheSkip, the starter's cache mode), else a placeholder named after the template's field.
 */
function headerLines(api: Api): string[] {
  const extra = api.auth.filter((a) => a.required === 'optional' && a.keyEnv === undefined);
  if (extra.length === 0) return [];
  const sent = api.bench?.cacheSkip.headers ?? {};
  const lines = ['    # headers:   # besides the key, this gateway reads these (the catalog\'s api.auth): uncomment the ones your setup uses'];
  for (const a of extra) {
    const given = Object.entries(sent).find(([h]) => h.toLowerCase() === a.header.toLowerCase())?.[1];
    const field = fieldsOf(a.value)[0];
    const value = given ?? (field !== undefined ? placeholder(field) : a.value);
    lines.push(`    #   ${a.header}: ${q(value)}   # ${a.value}${given !== undefined ? `; bench sends ${given} when you set none` : ''}`);
  }
  return lines;
}

/** One target's lines; `what` is the comment on its gateway line. Every key says what it is for. */
function targetLines(id: string, what: string, api: Api, catalogModel: string, baseline: boolean): string[] {
  const model = modelName(api.modelNaming.pattern, catalogModel);
  return [
    `  - name: ${q(id === DIRECT_GATEWAY ? 'direct' : id)}   # how reports and --targets refer to it`,
    `    gateway: ${id}   # ${what}`,
    ...baseUrlLines(id, api),
    `    model: ${model === undefined ? 'YOUR_MODEL' : q(model)}   # ${api.modelNaming.pattern}, e.g. ${api.modelNaming.example}`,
    ...keyLines(api),
    ...headerLines(api),
    ...(baseline ? ['    baseline: true   # the others are compared with this one'] : []),
  ];
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
  const direct = targetLines(DIRECT_GATEWAY, 'straight to the provider', OPENAI_COMPATIBLE_API, inp.model, true);
  const gws = inp.gateways.flatMap((id) => {
    const g = inp.catalog.gateways.find((x) => x.id === id);
    return g ? targetLines(id, g.name, g.api, inp.model, false) : [];
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
