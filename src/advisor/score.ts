import type { Catalog, Gateway } from '../catalog/schema.js';
import { formatInt } from '../format.js';
import type { Answers } from './answers.js';
import { allHold, describeCondition } from './conditions.js';
import { answerConflicts, type AnswerConflict } from './conflicts.js';
import { CRITERIA, type CriteriaExtras, type Judgement } from './criteria.js';
import { DRILLED_FEATURE, drillWatchOut } from './drill-evidence.js';
import { gatewaySetup, stackSetup, type Setup } from './eligibility.js';
import type { LimitCheck } from './capacity.js';
import { SCALE_OUT_NO_OPS_PENALTY, scaleOutSteps, scaleOutWhy, scaleOutWork } from './scale-out.js';
import { gatewaySubject, stackSubject, type Subject } from './subject.js';
import { stackAssignment } from './wanted.js';
import { workloadFor } from './workload.js';

export interface Reason {
  criterion: string;
  answer: string;
  effect: 'for' | 'against' | 'neutral';
  weight: number;
  text: string;
  gateway?: string | undefined;
  source?: string | undefined;
  status?: 'verified' | 'unverified' | 'conflict' | undefined;
  /** When the fact it rests on was last checked (catalog facts only). */
  checked?: string | undefined;
  /** The catalog note quoted in `text`, so a short report can leave it out. */
  note?: string | undefined;
}

export interface WatchOut {
  gateway: string;
  id: string;
  title: string;
  detail: string;
  severity: 'info' | 'warn' | 'high';
  because: string[];
  source: string;
  status: 'verified' | 'unverified' | 'conflict';
}

export interface Ranked {
  gateway: string;
  name: string;
  members: string[];
  score: number;
  eligible: boolean;
  reasons: Reason[];
  excludedBecause: Reason[];
  watchOuts: WatchOut[];
}

/** high/medium/low: the margin over the runner-up; only-option: nothing else is eligible; none: nothing is. */
export type Confidence = 'high' | 'medium' | 'low' | 'only-option' | 'none';

export interface Advice {
  recommendation: {
    gateway: string | null;
    stack: string[];
    name: string;
    topology: string | null;
    score: number;
    confidence: Confidence;
    /** The confidence in words, with the figures it rests on. */
    confidenceText: string;
    runnerUp: string | null;
    reasons: Reason[];
    watchOuts: WatchOut[];
    /** Answers that pull against each other. */
    conflicts: AnswerConflict[];
  };
  ranking: Ranked[];
  stacks: Ranked[];
  sources: string[];
}

/** Running two systems costs attention that no single criterion captures. */
export const STACK_PENALTY = 5;

/** Code-unit order: the same on every machine and locale (and no ICU start-up cost, unlike localeCompare). */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const effectOf = (v: number): Reason['effect'] => (v >= 0.75 ? 'for' : v <= 0.35 ? 'against' : 'neutral');

const toReason = (j: Judgement): Reason => ({
  criterion: j.criterion,
  answer: j.answer,
  effect: effectOf(j.value),
  weight: j.weight,
  text: j.text,
  gateway: j.fact?.gateway,
  source: j.fact?.source,
  status: j.fact?.status,
  checked: j.fact?.checked,
  note: j.fact?.note,
});

function watchOutsFor(gateways: readonly Gateway[], answers: Answers): WatchOut[] {
  return gateways.flatMap((g) =>
    g.pitfalls
      .filter((p) => allHold(p.when, answers))
      .map((p) => ({
        gateway: g.id,
        id: p.id,
        title: p.title,
        detail: p.detail,
        severity: p.severity,
        because: p.when.map(describeCondition),
        source: p.source,
        status: p.status,
      })),
  );
}

/** What the eligibility decision found on the way: a limit passed by a documented way, managed billing that cannot carry the load. */
function limitWatchOuts(setup: Setup, answers: Answers): WatchOut[] {
  const volume = `monthlyRequests=${answers.monthlyRequests}`;
  return setup.members.flatMap((m) => [
    ...m.limits
      .filter((c) => c.outcome === 'past')
      .map((c): WatchOut => ({
        gateway: m.gateway.id,
        id: `limit-${c.limit.id}`,
        title: c.way?.scopes !== undefined ? `${c.limit.label}: needs ${formatInt(c.way.scopes)} ${c.rule.scope}s at this volume` : `${c.limit.label}: needs a paid plan at this volume`,
        detail: `${c.text}. ${scaleOutDetail(c, answers)}The cost assumes it.`,
        severity: 'warn',
        because: [volume],
        source: c.limit.source,
        status: c.limit.status,
      })),
    ...(m.billingShortfall ?? []).map((c): WatchOut => ({
      gateway: m.gateway.id,
      id: `managed-billing-over-${c.limit.id}`,
      title: `${m.gateway.name}'s managed billing cannot carry this volume`,
      detail: `${c.text}. It is costed and scored with your own provider keys instead, which this limit does not apply to.`,
      severity: 'high',
      because: [volume, `ownProviderKeys=${answers.ownProviderKeys}`],
      source: c.limit.source,
      status: c.limit.status,
    })),
  ]);
}

/** What a scale-out means in practice, and how the score and the cost weigh it; nothing for a plan. */
function scaleOutDetail(c: LimitCheck, answers: Answers): string {
  const scopes = c.way?.scopes;
  if (scopes === undefined) return '';
  const s = { scopes, scope: c.rule.scope, check: c };
  const cache = answers.caching === 'none' ? '' : ` Each ${c.rule.scope} caches on its own: with traffic spread evenly, a repeat is a hit only when it lands on the ${c.rule.scope} that cached it (1 in ${formatInt(scopes)}), so the cost divides the cache hit rate by ${formatInt(scopes)}.`;
  return `That means ${scaleOutWork(s)}; the operations score and ops hours count ${scaleOutSteps(s)}.${cache} `;
}

/** Each member that failed your drill (`choose --drill`). */
function drillWatchOuts(members: readonly Gateway[], answers: Answers, extras: CriteriaExtras): WatchOut[] {
  return members.flatMap((g) => {
    const v = extras.drill?.get(g.id);
    return v !== undefined && v.fails.length > 0 ? [drillWatchOut(v, g.name, answers.needs.includes(DRILLED_FEATURE))] : [];
  });
}

const SEVERITY = { high: 0, warn: 1, info: 2 } as const;

function judge(s: Subject, setup: Setup, gateways: readonly Gateway[], answers: Answers, extras: CriteriaExtras): Ranked {
  const judgements = CRITERIA.flatMap((c) => c(s, answers, extras));
  const totalWeight = judgements.reduce((sum, j) => sum + j.weight, 0);
  // The provider-keys and providers criteria always apply, so the total weight is never zero.
  const raw = judgements.reduce((sum, j) => sum + j.weight * j.value, 0) / totalWeight;
  const penalty = s.isStack ? STACK_PENALTY : 0;
  const split = s.operations(answers).scaleOut;
  const noOps = split !== undefined && answers.opsCapacity === 'none' ? SCALE_OUT_NO_OPS_PENALTY : 0;
  const score = Math.max(0, Math.round(raw * 100) - penalty - noOps);
  const reasons = judgements
    .map(toReason)
    .sort((x, y) => y.weight * effectScore(y) - x.weight * effectScore(x) || byCode(x.criterion, y.criterion));
  if (s.isStack) {
    reasons.push({ criterion: 'stack', answer: '-', effect: 'against', weight: 0, text: `−${STACK_PENALTY} points: ${s.members.length} systems to configure, secure and monitor` });
  }
  if (split !== undefined && noOps > 0) {
    reasons.push({ criterion: 'operations', answer: 'opsCapacity=none', effect: 'against', weight: 0, text: `−${noOps} points: ${scaleOutWhy(split)} means ${scaleOutWork(split)}, which a team with no ops capacity cannot take on` });
  }
  const members = gateways.filter((g) => s.members.includes(g.id));
  return {
    gateway: s.id,
    name: s.name,
    members: [...s.members],
    score,
    eligible: setup.eligible,
    reasons,
    excludedBecause: setup.exclusions.map((e) => ({ criterion: 'constraint', answer: e.answer, effect: 'against', weight: 0, text: e.text, gateway: e.gateway, source: e.source, status: e.status, checked: e.checked })),
    watchOuts: [...limitWatchOuts(setup, answers), ...watchOutsFor(members, answers), ...drillWatchOuts(members, answers, extras)].sort((x, y) => SEVERITY[x.severity] - SEVERITY[y.severity]),
  };
}

/** How much a reason's effect counts when reasons are ordered: a neutral one a fifth of a clear one either way. */
const effectScore = (r: Reason) => (r.effect === 'neutral' ? 0.2 : 1);

/** Eligible first, then the higher score; at equal scores the cheaper (when costed), then the id, so ties are stable. */
const rankOrder =
  (costs: CriteriaExtras['monthlyUsd']) =>
  (x: Ranked, y: Ranked): number => {
    const cost = (r: Ranked) => costs?.get(r.gateway)?.total ?? Infinity;
    const cheaper = cost(x) - cost(y);
    return Number(y.eligible) - Number(x.eligible) || y.score - x.score || (Number.isNaN(cheaper) ? 0 : cheaper) || byCode(x.gateway, y.gateway);
  };

/** Margins over the runner-up, in points, for high and medium confidence. */
export const CONFIDENCE_MARGINS = { high: 12, medium: 5 } as const;
/** Share of the pick's weight on unverified or conflicting facts above which confidence drops a step. */
export const DOUBT_SHARE = 0.25;

function confidenceOf(top: Ranked, next: Ranked | undefined): { confidence: Confidence; confidenceText: string } {
  if (next === undefined) return { confidence: 'only-option', confidenceText: `only eligible option (fit ${top.score}/100)` };
  const margin = top.score - next.score;
  const levels = ['low', 'medium', 'high'] as const;
  let i = margin >= CONFIDENCE_MARGINS.high ? 2 : margin >= CONFIDENCE_MARGINS.medium ? 1 : 0;
  const weight = top.reasons.reduce((s, r) => s + r.weight, 0);
  const doubtful = top.reasons.filter((r) => r.status !== undefined && r.status !== 'verified').reduce((s, r) => s + r.weight, 0);
  // The provider-keys and providers criteria always apply, so the weight is never zero.
  const doubt = doubtful / weight > DOUBT_SHARE;
  if (doubt) i = Math.max(0, i - 1);
  const points = `${margin} point${margin === 1 ? '' : 's'} ahead of ${next.name}`;
  return { confidence: levels[i]!, confidenceText: `${levels[i]}: ${points}${doubt ? '; lowered because much of the score rests on unverified or conflicting facts' : ''}` };
}

/** Rank every catalog gateway and stack against the answers. Deterministic and pure. */
export function advise(catalog: Catalog, answers: Answers, allExtras: CriteriaExtras = {}): Advice {
  const workload = allExtras.workload ?? workloadFor(answers);
  const setups = new Map<string, Setup>([
    ...catalog.gateways.map((g) => [g.id, gatewaySetup(g, answers, workload)] as const),
    ...catalog.stacks.map((st) => [st.id, stackSetup(st, catalog.gateways, answers, workload)] as const),
  ]);
  // Costs compare only what you could choose.
  const choosable = (id: string) => setups.get(id)?.eligible === true;
  const extras: CriteriaExtras = allExtras.monthlyUsd ? { ...allExtras, monthlyUsd: new Map([...allExtras.monthlyUsd].filter(([id]) => choosable(id))) } : allExtras;
  const byRank = rankOrder(extras.monthlyUsd);
  // Each gateway as it would run (its deployment's plans and burden), not the catalog entry as a whole.
  const subjects = new Map(catalog.gateways.map((g) => [g.id, gatewaySubject(setups.get(g.id)!.members[0]!)]));
  const ranking = catalog.gateways.map((g) => judge(subjects.get(g.id)!, setups.get(g.id)!, catalog.gateways, answers, extras)).sort(byRank);
  const stacks = catalog.stacks
    .filter((st) => choosable(st.id))
    .map((st) => {
      const setup = setups.get(st.id)!;
      // Each member is seen as it runs in the stack (what it serves, how it bills).
      const members = setup.members.map((m) => gatewaySubject(m));
      const judged = judge(stackSubject(st, members, stackAssignment(st, catalog.gateways)), setup, catalog.gateways, answers, extras);
      return { ...judged, reasons: [...judged.reasons, { criterion: 'stack', answer: '-', effect: 'neutral' as const, weight: 0, text: st.why, source: st.source, status: st.status, checked: st.checked }] };
    })
    .sort(byRank);

  const bestSingle = ranking.find((r) => r.eligible);
  const bestStack = stacks[0];
  // A stack is two systems to run: it is chosen only when it outscores every eligible single gateway.
  const useStack = bestStack !== undefined && (bestSingle === undefined || bestStack.score > bestSingle.score);
  const chosen = useStack ? bestStack : bestSingle;
  const alternatives = [...ranking, ...stacks].filter((r) => r.eligible && r !== chosen).sort(byRank);
  const stackDef = useStack ? catalog.stacks.find((s) => s.id === bestStack.gateway) : undefined;
  const conflicts = answerConflicts(answers);

  const recommendation: Advice['recommendation'] = chosen
    ? {
        gateway: chosen.members[0]!,
        stack: chosen.members,
        name: chosen.name,
        topology: stackDef?.topology ?? null,
        score: chosen.score,
        ...confidenceOf(chosen, alternatives[0]),
        runnerUp: alternatives[0]?.gateway ?? null,
        reasons: chosen.reasons,
        watchOuts: chosen.watchOuts,
        conflicts,
      }
    : {
        gateway: null,
        stack: [],
        name: 'none',
        topology: null,
        score: 0,
        confidence: 'none',
        confidenceText: 'none: nothing in the catalog meets your hard constraints',
        runnerUp: null,
        reasons: ranking.flatMap((r) => r.excludedBecause),
        watchOuts: [],
        conflicts,
      };

  const cited = new Set<string>();
  for (const r of [...ranking, ...stacks]) {
    for (const x of [...r.reasons, ...r.excludedBecause]) if (x.source) cited.add(x.source);
    for (const w of r.watchOuts) cited.add(w.source);
  }
  return { recommendation, ranking, stacks, sources: [...cited].sort() };
}
