import { effectiveOperations } from '../../catalog/operations.js';
import type { Resource } from '../../catalog/schema.js';
import type { MemberSetup } from '../../advisor/eligibility.js';
import { wantedFeatures } from '../../advisor/wanted.js';
import { rates, type Workload } from '../../advisor/workload.js';
import { DEFAULT_SOURCES } from '../options.js';
import { num, type CostContext, type CostLine } from './types.js';

/**
 * Self-hosting infrastructure for the deployment the served features need: every component of it, priced as the
 * catalog says (`decision.components`): instances sized from the peak rate and the gateway's capacity per
 * instance, Postgres, Redis. Nothing for a managed deployment.
 */
export function infrastructureLines(ctx: CostContext, m: MemberSetup, w: Workload): CostLine[] {
  if (m.hosting !== 'self-hosted') return [];
  const g = m.gateway;
  const ops = effectiveOperations(g, wantedFeatures(m.answers));
  const sh = ctx.options.selfHosting;
  const lines: CostLine[] = [];
  const neededFor = (c: string) => {
    const by = ops.requiredBy[c] ?? [];
    return by.length > 0 ? `needed for ${by.join(', ')}` : 'part of the smallest deployment';
  };
  for (const c of ops.components) {
    const resource: Resource = g.decision.components[c] ?? 'none';
    if (resource === 'instance') lines.push(instanceLine(ctx, m, w));
    if (resource === 'postgres') {
      lines.push({
        kind: 'infrastructure',
        label: 'Postgres',
        usd: sh.postgresUsdMonthly,
        assumption: `${neededFor(c)}; $${sh.postgresUsdMonthly}/month (db.t4g.medium single-AZ + 20 GB storage, assumed)`,
        source: `${ctx.sourceUrl(g.operations.source)}; ${DEFAULT_SOURCES.rdsPricing}`,
      });
    }
    if (resource === 'redis') {
      lines.push({
        kind: 'infrastructure',
        label: 'Redis',
        usd: sh.redisUsdMonthly,
        assumption: `${neededFor(c)}: state shared across instances and workers; $${sh.redisUsdMonthly}/month (cache.t4g.small, assumed)`,
        source: `${ctx.sourceUrl(g.operations.source)}; ${DEFAULT_SOURCES.elasticachePricing}`,
      });
    }
  }
  return lines;
}

/** Instances: max(minInstances, ceil(peak RPS ÷ RPS per instance)), unless a count is set. */
function instanceLine(ctx: CostContext, m: MemberSetup, w: Workload): CostLine {
  const sh = ctx.options.selfHosting;
  const capacity = m.gateway.decision.capacity;
  const rps = sh.rpsPerInstance ?? capacity?.requestsPerSecond;
  const peak = rates(w, m.answers.monthlyRequests).peak;
  const sized = rps === undefined ? sh.minInstances : Math.max(sh.minInstances, Math.ceil(peak / rps));
  const n = sh.instances ?? sized;
  const price = `$${sh.instanceUsdMonthly}/month each (c7i.xlarge on-demand, $0.1785/h × 730 h, assumed)`;
  const perInstance =
    sh.rpsPerInstance !== null
      ? `${sh.rpsPerInstance} RPS per instance (your setting)`
      : capacity !== undefined
        ? `${capacity.requestsPerSecond} RPS per ${capacity.instance} instance (${capacity.note ?? 'catalog'})`
        : `capacity per instance not in the catalog, so sized at the minimum; set --rps-per-instance`;
  return {
    kind: 'infrastructure',
    label: `Gateway instances × ${n}`,
    usd: n * sh.instanceUsdMonthly,
    assumption:
      sh.instances !== null
        ? `${n} instances (your setting) × $${sh.instanceUsdMonthly}/month`
        : `peak ${num(peak)} RPS = ${num(m.answers.monthlyRequests)} requests ÷ 2,592,000 s × peak factor ${w.peakFactor}; ${perInstance}; at least ${sh.minInstances}; ${price}`,
    source:
      sh.instances !== null || sh.rpsPerInstance !== null || capacity === undefined
        ? `${DEFAULT_SOURCES.assumption}; ${DEFAULT_SOURCES.ec2Pricing}`
        : `${ctx.sourceUrl(capacity.source)}; ${DEFAULT_SOURCES.ec2Pricing}`,
  };
}
