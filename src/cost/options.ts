import { InputError, UsageError, type Issue } from '../errors.js';
import { nearest } from '../suggest.js';
import type { ModelShare, PartialCostOptions } from './options-schema.js';

export type { ModelShare, PartialCostOptions } from './options-schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import { DEFAULT_PEAK_FACTOR } from '../advisor/workload.js';

/**
 * Options of the cost model that are not part of the answers contract. Every field is optional; `COST_DEFAULTS`
 * fills the gaps. Layering (later wins): `COST_DEFAULTS` → the answers file's `cost:` section → flags.
 * Each default is explained, with its source, in docs/cost-model.md and in the `assumptions` of every report.
 */

export const PAYMENT_METHODS = ['card', 'crypto'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Cost options with every field resolved. */
export interface CostOptions {
  models: ModelShare[];
  cacheHitRate: number;
  promptCacheShare: number;
  payment: { method: PaymentMethod; topUpUsd: number | null };
  selfHosting: {
    instanceUsdMonthly: number;
    instances: number | null;
    minInstances: number;
    /** null: each gateway's own capacity per instance from the catalog (decision.capacity). */
    rpsPerInstance: number | null;
    peakFactor: number;
    postgresUsdMonthly: number;
    redisUsdMonthly: number;
  };
  opsHoursPerMonth: number | null;
  opsHourlyUsd: number;
  useManagedBilling: boolean | null;
  logpush: boolean;
  /** Bytes one request's log takes at the gateway; null: derived from the answers' token sizes (`logBytesFor`). */
  logBytesPerRequest: number | null;
}

/**
 * The defaults. Infrastructure prices are list prices of AWS us-east-1 on-demand resources, stated as assumptions
 * (see `DEFAULT_SOURCES`); what one instance serves comes from each gateway's catalog entry.
 */
export const COST_DEFAULTS: CostOptions = {
  models: [{ id: 'openai/gpt-4o-mini', share: 1 }],
  cacheHitRate: 0.1,
  promptCacheShare: 0,
  payment: { method: 'card', topUpUsd: null },
  selfHosting: {
    // c7i.xlarge (4 vCPU / 8 GiB), $0.1785/h on demand × 730 h.
    instanceUsdMonthly: 130.31,
    instances: null,
    minInstances: 1,
    rpsPerInstance: null,
    peakFactor: DEFAULT_PEAK_FACTOR,
    // db.t4g.medium single-AZ Postgres ($0.065/h × 730 h) + 20 GB gp3 storage, rounded.
    postgresUsdMonthly: 50,
    // cache.t4g.small ($0.032/h × 730 h).
    redisUsdMonthly: 23.36,
  },
  opsHoursPerMonth: null,
  opsHourlyUsd: 100,
  useManagedBilling: null,
  logpush: false,
  logBytesPerRequest: null,
};

/**
 * Bounds of every cost option, shared by the flags and the answers file's `cost:` section: wide enough for
 * any real deployment, finite so that no total overflows.
 */
export const COST_BOUNDS = {
  share: { min: 0, max: 1 },
  topUpUsd: { min: 0, max: 1e9, minExclusive: true },
  instanceUsdMonthly: { min: 0, max: 1e6 },
  instances: { min: 1, max: 100_000, integer: true },
  minInstances: { min: 1, max: 100_000, integer: true },
  rpsPerInstance: { min: 0, max: 1e6, minExclusive: true },
  peakFactor: { min: 1, max: 1_000 },
  databaseUsdMonthly: { min: 0, max: 1e6 },
  // 744 h: the longest month, around the clock.
  opsHoursPerMonth: { min: 0, max: 744 },
  opsHourlyUsd: { min: 0, max: 10_000 },
  // 25 MB: the largest request a gateway of the catalog caches; a log is no larger than its request and response.
  logBytesPerRequest: { min: 0, max: 100_000_000 },
} as const;

/** Ops hours a month for a self-hosted gateway, by the answers' opsCapacity, when opsHoursPerMonth is null. */
export const OPS_HOURS_BY_CAPACITY = { dedicated: 4, some: 8, none: 16 } as const;

/** Where the defaults come from; each cost line cites one of these or a catalog/model-table source. */
export const DEFAULT_SOURCES = {
  ec2Pricing: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  rdsPricing: 'https://aws.amazon.com/rds/postgresql/pricing/',
  elasticachePricing: 'https://aws.amazon.com/elasticache/pricing/',
  assumption: 'assumption (override with flags or the answers file\'s cost: section)',
} as const;

const SHARE_TOLERANCE = 1e-6;
const MODELS_HINT = '`gateway-scout data models` lists every model id with its prices.';

/** Merge layers of partial options onto the defaults (later wins), then check them. Pure. */
export function mergeCostOptions(...layers: readonly (PartialCostOptions | undefined)[]): CostOptions {
  const out: CostOptions = structuredClone(COST_DEFAULTS);
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.models !== undefined) out.models = layer.models.map((m) => ({ ...m }));
    if (layer.cacheHitRate !== undefined) out.cacheHitRate = layer.cacheHitRate;
    if (layer.promptCacheShare !== undefined) out.promptCacheShare = layer.promptCacheShare;
    if (layer.payment?.method !== undefined) out.payment.method = layer.payment.method;
    if (layer.payment?.topUpUsd !== undefined) out.payment.topUpUsd = layer.payment.topUpUsd;
    const sh = layer.selfHosting;
    if (sh) {
      for (const key of Object.keys(sh) as (keyof typeof sh)[]) {
        const v = sh[key];
        if (v !== undefined) (out.selfHosting as Record<string, unknown>)[key] = v;
      }
    }
    if (layer.opsHoursPerMonth !== undefined) out.opsHoursPerMonth = layer.opsHoursPerMonth;
    if (layer.opsHourlyUsd !== undefined) out.opsHourlyUsd = layer.opsHourlyUsd;
    if (layer.useManagedBilling !== undefined) out.useManagedBilling = layer.useManagedBilling;
    if (layer.logpush !== undefined) out.logpush = layer.logpush;
    if (layer.logBytesPerRequest !== undefined) out.logBytesPerRequest = layer.logBytesPerRequest;
  }
  return out;
}

/** Problems with a model mix against the price table: unknown ids, duplicates, shares not summing to 1. Pure. */
export function checkModelMix(models: readonly ModelShare[], table: ModelTable, path = 'models'): Issue[] {
  const issues: Issue[] = [];
  const known = new Set(table.models.map((m) => m.id));
  const seen = new Set<string>();
  models.forEach((m, i) => {
    if (!known.has(m.id)) {
      const near = nearest(m.id, [...known]);
      issues.push({
        path: `${path}[${i}].id`,
        message: `unknown model "${m.id}"${near.length > 0 ? `; nearest: ${near.join(', ')}` : ''}`,
      });
    }
    if (seen.has(m.id)) issues.push({ path: `${path}[${i}].id`, message: `model "${m.id}" is listed twice` });
    seen.add(m.id);
  });
  const sum = models.reduce((s, m) => s + m.share, 0);
  if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
    issues.push({ path, message: `model shares must sum to 1, but they sum to ${round(sum, 6)}` });
  }
  return issues;
}

/**
 * Parse the `--models` flag: `id=share,id=share`, or a single `id` (share 1). Pure; throws UsageError.
 * Whether the ids exist is checked later against the price table (`checkModelMix`).
 */
export function parseModelsFlag(text: string): ModelShare[] {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError('--models needs at least one model, e.g. --models openai/gpt-4o-mini=1');
  const out: ModelShare[] = [];
  for (const part of parts) {
    const eq = part.lastIndexOf('=');
    if (eq === -1) {
      if (parts.length > 1) {
        throw new UsageError(
          `--models: "${part}" has no share; with several models write id=share, e.g. ${part}=0.5`,
        );
      }
      out.push({ id: part, share: 1 });
      continue;
    }
    const id = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    const value = raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
    if (id === '') throw new UsageError(`--models: "${part}" has no model id before "="`);
    // An empty share is Number('') = 0, refused as ≤ 0.
    if (!Number.isFinite(value) || value <= 0 || value > 1) {
      throw new UsageError(`--models: share of "${id}" must be a number in (0, 1] or a percentage, got "${raw}"`);
    }
    out.push({ id, share: value });
  }
  const sum = out.reduce((s, m) => s + m.share, 0);
  if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
    throw new UsageError(
      `--models: shares must sum to 1, but they sum to ${round(sum, 6)}`,
      'e.g. --models openai/gpt-4o-mini=0.7,anthropic/claude-sonnet-4-5=0.3',
    );
  }
  return out;
}

/**
 * Resolve the cost options of one run: defaults ← the answers file's `cost:` section (already checked by
 * `parseCostSection`) ← flags (already checked by `costOptionsFromFlags`). Checks the model mix against the
 * price table. Pure.
 */
export function resolveCostOptions(
  fromFile: PartialCostOptions | undefined,
  flags: PartialCostOptions,
  table: ModelTable,
  file?: string,
): CostOptions {
  const merged = mergeCostOptions(fromFile, flags);
  const issues = checkModelMix(merged.models, table, 'cost.models');
  if (issues.length > 0) {
    // A mix from --models is reported by its messages; one from the file by its fields.
    if (flags.models !== undefined) {
      throw new UsageError(`--models: ${issues.map((i) => i.message).join('; ')}.`, MODELS_HINT);
    }
    throw new InputError('The model mix is invalid.', fromFile?.models ? file : undefined, issues, MODELS_HINT);
  }
  return merged;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
