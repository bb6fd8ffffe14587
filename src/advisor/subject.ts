import { effectiveOperations } from '../catalog/operations.js';
import type { Burden, FeatureId, Gateway, LatencyFigure, Platform, Stack, Support, SupportLevel } from '../catalog/schema.js';
import type { Answers } from './answers.js';
import type { MemberSetup } from './eligibility.js';
import { burdenSteps, scaleOutOf, type ScaleOut } from './scale-out.js';
import { servedAnswers, wantedFeatures } from './wanted.js';

/** A fact as the advisor cites it: the claim, where it comes from, and how sure we are. */
export interface CitedFact<T> {
  value: T;
  gateway: string;
  source: string;
  status: 'verified' | 'unverified' | 'conflict';
  note?: string | undefined;
  /** When the fact was last checked against its source (catalog facts; not measurements). */
  checked?: string | undefined;
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
  /**
   * What running it takes for these answers' features: burden (cited), the components you run, and the scale-out a
   * limit forces (N gateways instead of one), which adds to the burden.
   */
  operations(a: Answers): { burden: CitedFact<Burden>; components: string[]; scaleOut?: ScaleOut | undefined };
  providersReach: CitedFact<number | null>;
  /** Typical added latency, summed over the members; undefined when any member has no verified figure. */
  overheadMs: CitedFact<number> | undefined;
  /** Who bills the tokens and how, as the eligibility decision set it up. */
  billing: { gateway: string; mode: 'byok' | 'managed'; shortfall?: string | undefined };
  /** Platforms it fits (a stack: any member's), each with why, as the vendor documents it. */
  platforms: readonly CitedFact<Platform>[];
}

const cite = <T>(gateway: string, value: T, f: { source: string; status: CitedFact<T>['status']; note?: string | undefined; checked?: string }): CitedFact<T> => ({
  value,
  gateway,
  source: f.source,
  status: f.status,
  note: f.note,
  checked: f.checked,
});

const TYPICAL_STATS = new Set(['p50', 'mean', 'typical']);

/**
 * A gateway's typical overhead: the median of its verified typical-case overhead figures (a range counts as its
 * midpoint). A claim nobody could confirm, or one with no stated method, never drives the score: without a
 * verified figure the overhead is unknown (undefined) until it is measured.
 */
export function typicalOverhead(g: Gateway): CitedFact<number> | undefined {
  const pool = g.latency.filter((l) => l.metric === 'overhead' && TYPICAL_STATS.has(l.stat) && l.status === 'verified');
  if (pool.length === 0) return undefined;
  const mid = (l: LatencyFigure) => (l.valueMsHigh === undefined ? l.valueMs : (l.valueMs + l.valueMsHigh) / 2);
  const sorted = [...pool].sort((a, b) => mid(a) - mid(b));
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return cite(g.id, mid(median), { ...median, note: median.conditions });
}

/** A gateway as its setup runs it: the deployment's plans, limits and burden (`MemberSetup.gateway`). */
export function gatewaySubject(setup: MemberSetup): Subject {
  const g = setup.gateway;
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
    operations: (a) => {
      const eff = effectiveOperations(g, wantedFeatures(a));
      const why = Object.entries(eff.requiredBy).map(([c, fs]) => `${c} for ${fs.join(', ')}`);
      const note = eff.minimal && g.operations.base?.note ? g.operations.base.note : [g.operations.note, why.length > 0 ? `Here: ${why.join('; ')}.` : ''].filter(Boolean).join(' ');
      return { burden: cite(g.id, eff.burden, { ...g.operations, note }), components: eff.components, scaleOut: scaleOutOf(setup.limits) };
    },
    providersReach: cite(g.id, g.reach.providers, g.reach),
    overheadMs: typicalOverhead(g),
    billing: { gateway: g.id, mode: setup.billing, shortfall: setup.billingShortfall?.map((c) => c.text).join('; ') },
    platforms: g.platforms.map((p) => cite(g.id, p.platform, { ...p, note: p.why })),
  };
}

/**
 * A stack seen as one system: the leading member's facts, except the features assigned to other members (see
 * `stackAssignment`); each member is operated for what it serves (the heaviest burden counts, with the scale-out
 * a member's limits force) and every hop adds its overhead.
 */
export function stackSubject(stack: Stack, members: readonly Subject[], assignment: ReadonlyMap<FeatureId, string>): Subject {
  const billedBy = assignment.get('managed-billing') ?? stack.members[0];
  const [lead] = members;
  if (lead === undefined) throw new Error(`stack ${stack.id} has no members`);
  const server = (f: FeatureId) => members.find((m) => m.id === assignment.get(f)) ?? lead;
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
    feature: (id) => server(id).feature(id),
    operations: (a) => {
      const each = members.map((m) => m.operations(servedAnswers(stack, assignment, m.id, a)));
      const steps = (o: (typeof each)[number]) => burdenSteps(o.burden.value, o.scaleOut);
      const heaviest = each.reduce((x, y) => (steps(y) > steps(x) ? y : x));
      return { burden: heaviest.burden, components: each.flatMap((o, i) => o.components.map((c) => `${members[i]!.id} ${c}`)), scaleOut: heaviest.scaleOut };
    },
    providersReach: members.map((m) => m.providersReach).reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a)),
    overheadMs: total,
    billing: (members.find((m) => m.id === billedBy) ?? lead).billing,
    platforms: members.flatMap((m) => m.platforms),
  };
}
