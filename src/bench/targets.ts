import type { Catalog, Gateway } from '../catalog/schema.js';
import { modelIdFromName } from './model-name.js';
import type { ModelTable } from '../catalog/models-schema.js';
import type { Issue } from '../errors.js';
import { DIRECT_GATEWAY, placeholderIn, type BenchConfig, type TargetConfig } from './config.js';

/**
 * Resolve each configured target into what the engine sends and what it reads back, from the catalog's `api`
 * facts (paths, auth headers, where cost, cache status and request ids appear, skip-cache headers) — never from
 * code that knows a gateway by name. Pure: secrets stay as environment variable names here.
 */

export type Api = Gateway['api'];

/**
 * Plain OpenAI-compatible chat completions, for targets that go direct to a provider. Not a gateway, so not in
 * the catalog: this is the protocol every gateway in it also speaks.
 */
export const OPENAI_COMPATIBLE_API: Api = {
  baseUrl: 'https://api.openai.com/v1',
  chatPath: '/chat/completions',
  alternatePaths: [],
  auth: [{ header: 'Authorization', value: 'Bearer {key}', required: 'always', keyEnv: 'OPENAI_API_KEY' }],
  modelNaming: { pattern: '{slug}', example: 'gpt-4o-mini' },
  cost: { where: 'none', streaming: 'none' },
  cacheStatus: { where: 'none', values: [] },
  requestId: { where: 'header', field: 'x-request-id' },
  source: 'openai-compatible',
  checked: '2026-11-26',
  status: 'verified',
};

export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
  /** null: cached input tokens are billed at the input price. */
  cachedInputPerMTok: number | null;
  /** Where the price came from: the target's `pricing`, or the model table entry's id. */
  from: string;
}

/** A secret header: the value template (e.g. "Bearer {key}") is filled from an environment variable. */
export interface SecretHeader {
  header: string;
  template: string;
  env: string;
  /**
   * A gateway token (`gatewayTokenEnv`): sent when its variable is set, left out when not. An unauthenticated
   * gateway needs none; an authenticated one answers 401 without it, which the run reports as auth errors.
   */
  optional?: boolean;
}

export interface Target {
  name: string;
  gateway: string;
  gatewayName: string;
  model: string;
  /** The full chat-completions URL. */
  url: string;
  /** Non-secret headers sent with every request (skip/use-cache headers, the user's extras). */
  headers: Record<string, string>;
  secrets: SecretHeader[];
  /** Merged into every request body (e.g. LiteLLM's per-request cache control). */
  extraBody: Record<string, unknown>;
  /** Gateway-reported cost: a response header, or a dotted path into the body or a stream chunk. */
  cost: { header?: string; bodyPath?: string[] };
  cacheStatus: { header?: string; hitValue?: string };
  requestIdHeader?: string;
  /** The header in which the gateway reports its own added latency (api.selfReportedLatency): lower-cased, and as the catalog spells it. */
  selfReported?: { header: string; field: string; unit: 'ms' | 's' };
  price: Price | null;
}

/** `{account_id}` ← target.accountId; any `{snake_case}` placeholder ← the camelCase target field. */
function fillPlaceholders(pattern: string, t: TargetConfig): { url: string; missing: string[] } {
  const missing: string[] = [];
  const url = pattern.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const field = name.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase()) as keyof TargetConfig;
    const v = t[field];
    // The schema takes no empty strings, so any string is a value.
    if (typeof v === 'string') return encodeURIComponent(v);
    missing.push(field);
    return whole;
  });
  return { url, missing };
}

const joinUrl = (base: string, path: string) => base.replace(/\/+$/, '') + path;

/** The model-table entry for a target's model name: exact id, without a `:variant`, `{provider}/{model}`, or a unique bare slug. */
export function findModel(models: ModelTable, model: string, provider?: string): ModelTable['models'][number] | undefined {
  const bare = model.replace(/:[^/]*$/, '');
  const byId = new Map(models.models.map((m) => [m.id, m]));
  const direct = byId.get(model) ?? byId.get(bare) ?? (provider ? byId.get(`${provider}/${bare}`) : undefined);
  if (direct) return direct;
  const slug = bare.slice(bare.lastIndexOf('/') + 1);
  const bySlug = models.models.filter((m) => m.id.slice(m.id.indexOf('/') + 1) === slug);
  return bySlug.length === 1 ? bySlug[0] : undefined;
}

function priceFor(t: TargetConfig, models: ModelTable, naming: string): Price | null {
  if (t.pricing) return { inputPerMTok: t.pricing.inputUsdPerMTok, outputPerMTok: t.pricing.outputUsdPerMTok, cachedInputPerMTok: null, from: `targets.${t.name}.pricing` };
  // The name as sent, else read back through the gateway's naming pattern (tensorzero::model_name::openai::…).
  const read = modelIdFromName(naming, t.model);
  const m = findModel(models, t.model, t.provider) ?? (read === undefined ? undefined : findModel(models, read, t.provider));
  return m ? { inputPerMTok: m.inputPerMTok, outputPerMTok: m.outputPerMTok, cachedInputPerMTok: m.cachedInputPerMTok, from: m.id } : null;
}

export interface Resolved {
  targets: Target[];
  issues: Issue[];
  warnings: string[];
}

export function apiFor(gateway: string, catalog: Catalog): { api: Api; name: string } | undefined {
  if (gateway === DIRECT_GATEWAY) return { api: OPENAI_COMPATIBLE_API, name: 'direct (OpenAI-compatible)' };
  const g = catalog.gateways.find((x) => x.id === gateway);
  return g ? { api: g.api, name: g.name } : undefined;
}

export function resolveTargets(config: BenchConfig, catalog: Catalog, models: ModelTable): Resolved {
  const issues: Issue[] = [];
  const warnings: string[] = [];
  const targets: Target[] = [];
  const known = [DIRECT_GATEWAY, ...catalog.gateways.map((g) => g.id)];
  config.targets.forEach((t, i) => {
    const at = (field: string) => `targets[${i}].${field}`;
    // Fields and header values `bench init` left as YOUR_… (whole, or inside a URL): refused until filled.
    const values = [...Object.entries(t), ...Object.entries(t.headers).map(([h, v]) => [`headers.${h}`, v] as const)];
    const unfilled = values.flatMap(([k, v]) => {
      const p = typeof v === 'string' ? placeholderIn(v) : undefined;
      return p === undefined ? [] : [[k, p] as const];
    });
    if (unfilled.length > 0) {
      for (const [k, p] of unfilled) issues.push({ path: at(k), message: `replace the placeholder ${p} with your value` });
      return;
    }
    const found = apiFor(t.gateway, catalog);
    if (!found) {
      issues.push({ path: at('gateway'), message: `unknown gateway "${t.gateway}": expected one of ${known.join(', ')}` });
      return;
    }
    const { api } = found;
    // The gateway's own credential headers (x-portkey-api-key, Kong's apikey) are secrets too: never from the file.
    const secretHeaders = api.auth.filter((a) => a.required !== 'optional' || a.keyEnv !== undefined).map((a) => a.header.toLowerCase());
    const leaked = Object.keys(t.headers).filter((h) => secretHeaders.includes(h.toLowerCase()));
    if (leaked.length > 0) {
      for (const h of leaked) issues.push({ path: at(`headers.${h}`), message: `"${h}" carries ${t.gateway}'s credential: name the environment variable in apiKeyEnv or gatewayTokenEnv instead` });
      return;
    }
    const bench = api.bench;
    let base = t.baseUrl;
    if (base === undefined) {
      let pattern = api.baseUrl;
      if (t.endpoint !== undefined) {
        const named = bench?.endpoints[t.endpoint];
        if (named === undefined) {
          const names = Object.keys(bench?.endpoints ?? {});
          issues.push({ path: at('endpoint'), message: `"${t.endpoint}" is not an endpoint of ${t.gateway}${names.length ? `: expected ${names.join(' or ')}` : ' (it has none besides its base URL)'}` });
          return;
        }
        pattern = named;
      }
      const filled = fillPlaceholders(pattern, t);
      if (filled.missing.length > 0) {
        issues.push({
          path: at(filled.missing[0]!),
          message: `${t.gateway}'s base URL is ${pattern}: set ${filled.missing.join(' and ')} on the target, or give baseUrl`,
        });
        return;
      }
      base = filled.url;
    } else if (t.endpoint !== undefined) {
      warnings.push(`${t.name}: endpoint "${t.endpoint}" is ignored because baseUrl is set.`);
    }

    const secrets: SecretHeader[] = [];
    for (const a of api.auth) {
      if (a.required === 'always') {
        const env = t.apiKeyEnv ?? a.keyEnv;
        if (env === undefined) {
          issues.push({ path: at('apiKeyEnv'), message: `name the environment variable holding the key for the ${a.header} header` });
          return;
        }
        secrets.push({ header: a.header, template: a.value, env });
      } else if (a.required === 'when-authenticated' && t.gatewayTokenEnv !== undefined) {
        secrets.push({ header: a.header, template: a.value, env: t.gatewayTokenEnv, optional: true });
      }
    }
    if (t.gatewayTokenEnv !== undefined && !api.auth.some((a) => a.required === 'when-authenticated')) {
      warnings.push(`${t.name}: gatewayTokenEnv is ignored: ${t.gateway} takes no gateway token.`);
    }

    const extras = config.cache === 'bypass' ? bench?.cacheSkip : bench?.cacheUse;
    const price = priceFor(t, models, api.modelNaming.pattern);
    if (price === null) {
      warnings.push(`${t.name}: no price for model "${t.model}" in the model table and no pricing on the target: cost is what the gateway reports, or unknown.`);
    }
    const costField = api.cost.field;
    targets.push({
      name: t.name,
      gateway: t.gateway,
      gatewayName: found.name,
      model: t.model,
      url: joinUrl(base, api.chatPath),
      headers: { ...(extras?.headers ?? {}), ...t.headers },
      secrets,
      extraBody: { ...(extras?.body ?? {}) },
      cost: {
        ...(api.cost.where === 'header' && costField ? { header: costField.toLowerCase() } : {}),
        ...((api.cost.where === 'body' || api.cost.where === 'stream-final-chunk') && costField ? { bodyPath: costField.split('.') } : {}),
      },
      cacheStatus: {
        ...(api.cacheStatus.where === 'header' && api.cacheStatus.field ? { header: api.cacheStatus.field.toLowerCase() } : {}),
        ...(bench?.cacheHitValue !== undefined ? { hitValue: bench.cacheHitValue } : {}),
      },
      ...(api.requestId.where === 'header' && api.requestId.field ? { requestIdHeader: api.requestId.field.toLowerCase() } : {}),
      ...(api.selfReportedLatency ? { selfReported: { header: api.selfReportedLatency.field.toLowerCase(), field: api.selfReportedLatency.field, unit: api.selfReportedLatency.unit } } : {}),
      price,
    });
  });
  return { targets, issues, warnings };
}

function envOf(targets: readonly Target[], keep: (s: SecretHeader) => boolean): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const t of targets) for (const s of t.secrets) if (keep(s)) m.set(s.env, [...(m.get(s.env) ?? []), t.name]);
  return m;
}

/** Environment variables the run cannot do without (API keys), each with the targets that use it. */
export const requiredEnv = (targets: readonly Target[]): Map<string, string[]> => envOf(targets, (s) => !s.optional);

/** Variables read when set (gateway tokens), each with the targets that use it; a variable some target requires is not listed. */
export function optionalEnv(targets: readonly Target[]): Map<string, string[]> {
  const required = requiredEnv(targets);
  // Every variable of a required secret is in `required`: what is left is read only by optional ones.
  return envOf(targets, (s) => !required.has(s.env));
}

/** Every variable named, required or not: all of them are masked in CI and redacted from output. */
export const namedEnv = (targets: readonly Target[]): Map<string, string[]> => envOf(targets, () => true);

/** Fill a secret header's template ("Bearer {key}") with the secret. */
export function secretValue(s: SecretHeader, secret: string): string {
  return /\{[a-z_]+\}/.test(s.template) ? s.template.replace(/\{[a-z_]+\}/, secret) : secret;
}
