import { DIRECT_GATEWAY } from './config.js';
import type { SweepDoc } from './document.js';

/**
 * The capacity a rate sweep measured, per catalog gateway (pure): the knee of its first target that saturated.
 * With an slo the knee is the highest step whose attainment reached the target (`maxRpsMeetingSlo`), else the
 * highest sustained step (`maxSustainedRps`); the basis is kept so every sentence can say which. A target that did
 * not saturate measured only a lower bound, and one that saturated at the first step measured no sustained rate:
 * neither gives a capacity.
 */

export interface MeasuredKnee {
  gateway: string;
  target: string;
  rps: number;
  basis: 'maxSustainedRps' | 'maxRpsMeetingSlo';
}

export function kneesByGateway(targets: readonly { name: string; gateway: string }[], sweep: SweepDoc | null | undefined, sloSet: boolean): Map<string, MeasuredKnee> {
  const out = new Map<string, MeasuredKnee>();
  if (!sweep) return out;
  const gatewayOf = new Map(targets.map((t) => [t.name, t.gateway]));
  for (const k of sweep.knees) {
    const gateway = gatewayOf.get(k.target);
    if (gateway === undefined || gateway === DIRECT_GATEWAY || out.has(gateway) || !k.saturated) continue;
    const bySlo = sloSet && k.maxRpsMeetingSlo !== null;
    const rps = bySlo ? k.maxRpsMeetingSlo : k.maxSustainedRps;
    if (rps === null || !(rps > 0)) continue;
    out.set(gateway, { gateway, target: k.target, rps, basis: bySlo ? 'maxRpsMeetingSlo' : 'maxSustainedRps' });
  }
  return out;
}
