import type { FeatureId, Gateway, Stack, SupportLevel } from '../catalog/schema.js';
import type { Answers } from './answers.js';

/** The catalog features the answers ask for: the needs, plus the caching wanted. */
export function wantedFeatures(a: Answers): FeatureId[] {
  const out: FeatureId[] = [...a.needs];
  if (a.caching === 'exact') out.push('exact-cache');
  if (a.caching === 'semantic') out.push('semantic-cache');
  return out;
}

const RANK: Record<SupportLevel, number> = { yes: 4, partial: 3, 'enterprise-only': 2, planned: 1, no: 0 };

/**
 * Which member of a stack serves each contributed feature: the contributor, unless the leading gateway does it
 * strictly better (then the lead keeps it, e.g. LiteLLM's per-key rate limits over a gateway-wide one).
 * Features nobody contributes stay with the lead.
 */
export function stackAssignment(stack: Stack, gateways: readonly Gateway[]): Map<FeatureId, string> {
  const byId = new Map(gateways.map((g) => [g.id, g]));
  const lead = byId.get(stack.members[0]!);
  const out = new Map<FeatureId, string>();
  for (const c of stack.contributes) {
    const member = byId.get(c.gateway);
    for (const f of c.features) {
      const theirs = RANK[member?.features[f]?.level ?? 'no'];
      const ours = RANK[lead?.features[f]?.level ?? 'no'];
      out.set(f, theirs >= ours ? c.gateway : stack.members[0]!);
    }
  }
  return out;
}

/** The part of the answers one member of a stack serves, to size its operations and cost. */
export function servedAnswers(stack: Stack, assignment: ReadonlyMap<FeatureId, string>, member: string, a: Answers): Answers {
  const serves = (f: FeatureId) => (assignment.get(f) ?? stack.members[0]) === member;
  // With caching "none" the member's answer is "none" whoever would serve a cache.
  const cacheFeature: FeatureId = a.caching === 'exact' ? 'exact-cache' : 'semantic-cache';
  return {
    ...a,
    needs: a.needs.filter(serves),
    caching: serves(cacheFeature) ? a.caching : 'none',
  };
}
