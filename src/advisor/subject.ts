import type { FeatureId, Gateway, LatencyFigure, Stack, Support, SupportLevel } from '../catalog/schema.js';

/** A fact as the advisor cites it: the claim, where it comes from, and how sure we are. */
export interface CitedFact<T> {
  value: T;
  gateway: string;
  source: string;
  status: 'verified' | 'unverified' | 'conflict';
  note?: string | undefined;
}

/**
 * What gets scored: one gateway, or a stack of them seen as one system. Criteria only read this view,
 * so a stack is scored by exactly the same rules as a single gateway.
 */
export interface Subject {
  id: string;
  name: string;
  members: readonly string[];
  isStack: boolean;
  selfHosted: CitedFact<SupportLevel>;
  managed: CitedFact<SupportLevel>;
  feature(id: FeatureId): CitedFact<SupportLevel> | undefined;
  burden: CitedFact<'none' | 'low' | 'moderate' | 'high'>;
  providersReach: CitedFact<number | null>;
  /** Typical added latency, summed over the members; undefined when no member has a figure. */
  overheadMs: CitedFact<number> | undefined;
}

const cite = <T>(gateway: string, value: T, f: { source: string; status: CitedFact<T>['status']; note?: string | undefined }): CitedFact<T> => ({
  value,
  gateway,
  source: f.source,
  status: f.status,
  note: f.note,
});

const TYPICAL_STATS = new Set(['p50', 'mean', 'typical']);

/**
 * A gateway's typical overhead: the median of its published typical-case overhead figures, preferring
 * verified ones; a range counts as its midpoint.
 */
export function typicalOverhead(g: Gateway): CitedFact<number> | undefined {
  const typical = g.latency.filter((l) => l.metric === 'overhead' && TYPICAL_STATS.has(l.stat));
  const verified = typical.filter((l) => l.status === 'verified');
  const pool = verified.length > 0 ? verified : typical;
  if (pool.length === 0) return undefined;
  const mid = (l: LatencyFigure) => (l.valueMsHigh === undefined ? l.valueMs : (l.valueMs + l.valueMsHigh) / 2);
  const sorted = [...pool].sort((a, b) => mid(a) - mid(b));
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return cite(g.id, mid(median), { ...median, note: median.conditions });
}

export function gatewaySubject(g: Gateway): Subject {
  return {
    id: g.id,
    name: g.name,
    members: [g.id],
    isStack: false,
    selfHosted: cite(g.id, g.deployment.selfHosted.level, g.deployment.selfHosted),
    managed: cite(g.id, g.deployment.managed.level, g.deployment.managed),
    feature: (id) => {
      const f: Support | undefined = g.features[id];
      return f && cite(g.id, f.level, f);
    },
    burden: cite(g.id, g.operations.burden, g.operations),
    providersReach: cite(g.id, g.reach.providers, g.reach),
    overheadMs: typicalOverhead(g),
  };
}

const LEVEL_RANK: Record<SupportLevel, number> = { yes: 4, partial: 3, 'enterprise-only': 2, planned: 1, no: 0 };
const BURDEN_RANK = { none: 0, low: 1, moderate: 2, high: 3 } as const;

const better = <T>(a: CitedFact<T> | undefined, b: CitedFact<T> | undefined, rank: (v: T) => number) =>
  a === undefined ? b : b === undefined ? a : rank(b.value) > rank(a.value) ? b : a;

/**
 * A stack seen as one system: the leading member's facts, improved by the features other members contribute;
 * it must be operated as a whole (the heaviest burden) and every hop adds its overhead.
 */
export function stackSubject(stack: Stack, members: readonly Subject[]): Subject {
  const [lead] = members;
  if (lead === undefined) throw new Error(`stack ${stack.id} has no members`);
  const contributed = new Map<FeatureId, Subject[]>();
  for (const c of stack.contributes) {
    const m = members.find((s) => s.id === c.gateway);
    if (m) for (const f of c.features) contributed.set(f, [...(contributed.get(f) ?? []), m]);
  }
  const overheads = members.map((m) => m.overheadMs);
  const total = overheads.every((o) => o !== undefined)
    ? { ...overheads[0]!, value: overheads.reduce((s, o) => s + o!.value, 0), gateway: stack.id }
    : undefined;
  return {
    id: stack.id,
    name: stack.name,
    members: members.map((m) => m.id),
    isStack: true,
    selfHosted: lead.selfHosted,
    managed: lead.managed,
    feature: (id) =>
      (contributed.get(id) ?? []).reduce((best, m) => better(best, m.feature(id), (v) => LEVEL_RANK[v]), lead.feature(id)),
    burden: members.map((m) => m.burden).reduce((a, b) => (BURDEN_RANK[b.value] > BURDEN_RANK[a.value] ? b : a)),
    providersReach: members.map((m) => m.providersReach).reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a)),
    overheadMs: total,
  };
}
