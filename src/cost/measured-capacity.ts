import { gatewaySetup } from '../advisor/eligibility.js';
import { rates, type Workload } from '../advisor/workload.js';
import type { Answers } from '../advisor/answers.js';
import type { MeasuredKnee } from '../bench/measured-knee.js';
import type { Catalog } from '../catalog/schema.js';
import { formatInt, formatNumber } from '../format.js';
import type { CostOptions } from './options.js';

/**
 * A rate sweep's knee in the cost model and the advice (pure). The knee replaces only what it measured: the
 * catalog's capacity per instance of that gateway (`decision.capacity`), which sizes self-hosted instances from
 * the peak rate. The user's own `--rps-per-instance` or `--instances` still beat it, as flags beat the catalog.
 */

export interface CapacityFinding {
  gateway: string;
  target: string;
  basis: MeasuredKnee['basis'];
  kneeRps: number;
  /** monthly requests ÷ 2,592,000 s × the peak factor. */
  peakRps: number;
  /** ceil(peak ÷ knee), at least the cost model's minimum instances (1 unless set). */
  instances: number;
  instanceUsdMonthly: number;
  monthlyUsd: number;
  /** Whether the knee is below the peak (more than one instance, or the watch-out). */
  belowPeak: boolean;
  text: string;
}

const basisText = (k: MeasuredKnee) => (k.basis === 'maxRpsMeetingSlo' ? 'the highest rate meeting your SLO' : 'the highest rate it sustained before saturating');

/** The catalog with each measured gateway's capacity per instance replaced by its knee. */
export function withMeasuredCapacity(catalog: Catalog, knees: ReadonlyMap<string, MeasuredKnee>, file: string, date: string): Catalog {
  if (knees.size === 0) return catalog;
  return {
    ...catalog,
    gateways: catalog.gateways.map((g) => {
      const k = knees.get(g.id);
      if (k === undefined) return g;
      const capacity = {
        requestsPerSecond: k.rps,
        instance: 'benchmarked',
        // The source of a measurement is the summary it came from, as the user named it.
        source: file,
        checked: date,
        status: 'verified' as const,
        note: `measured by you on ${date}: ${basisText(k)} in a rate sweep of ${k.target}`,
      };
      return { ...g, decision: { ...g.decision, capacity } };
    }),
  };
}

/** For each measured gateway that the user's setup self-hosts: the instances its knee implies at the peak rate, and their cost. */
export function capacityFindings(catalog: Catalog, answers: Answers, w: Workload, sh: CostOptions['selfHosting'], knees: ReadonlyMap<string, MeasuredKnee>, file: string): CapacityFinding[] {
  const peak = rates(w, answers.monthlyRequests).peak;
  const out: CapacityFinding[] = [];
  for (const g of catalog.gateways) {
    const k = knees.get(g.id);
    if (k === undefined || gatewaySetup(g, answers, w).members[0]?.hosting !== 'self-hosted') continue;
    const instances = Math.max(sh.minInstances, Math.ceil(peak / k.rps));
    const monthlyUsd = Math.round(instances * sh.instanceUsdMonthly * 100) / 100;
    const belowPeak = k.rps < peak;
    const own = sh.instances !== null ? ' (the cost keeps your --instances setting)' : sh.rpsPerInstance !== null ? ' (the cost keeps your --rps-per-instance setting)' : '';
    const head = `${g.name}: your rate sweep (${file}) measured ${formatNumber(k.rps, 1)} req/s per instance, ${basisText(k)}`;
    const peakText = `your peak is ${formatNumber(peak, 1)} req/s (${formatInt(answers.monthlyRequests)} requests/month × peak factor ${formatNumber(w.peakFactor)})`;
    const cost = `$${formatNumber(monthlyUsd, 2)}/month at $${formatNumber(sh.instanceUsdMonthly, 2)} each${own}`;
    const text = belowPeak
      ? `${head}; ${peakText}, so ${formatInt(instances)} instances (ceil(${formatNumber(peak, 1)} ÷ ${formatNumber(k.rps, 1)})): ${cost}`
      : `${head}; ${peakText}, so one instance carries it: ${cost}`;
    out.push({ gateway: g.id, target: k.target, basis: k.basis, kneeRps: k.rps, peakRps: Math.round(peak * 1000) / 1000, instances, instanceUsdMonthly: sh.instanceUsdMonthly, monthlyUsd, belowPeak, text });
  }
  return out;
}
