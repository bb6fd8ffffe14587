import type { Catalog, Gateway } from '../catalog/schema.js';
import type { Answers } from './answers.js';
import { allHold, describeCondition } from './conditions.js';
import { CRITERIA, type CriteriaExtras, type Judgement } from './criteria.js';
import { exclusions } from './constraints.js';
import { gatewaySubject, stackSubject, type Subject } from './subject.js';
import { stackAssignment } from './wanted.js';

export interface Reason {
  criterion: string;
  answer: string;
  effect: 'for' | 'against' | 'neutral';
  weight: number;
  text: string;
  gateway?: string | undefined;
  source?: string | undefined;
  status?: 'verified' | 'unverified' | 'conflict' | undefined;
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

export type Confidence = 'high' | 'medium' | 'low' | 'none';

export interface Advice {
  recommendation: {
    gateway: string | null;
    stack: string[];
    name: string;
    topology: string | null;
    score: number;
    confidence: Confidence;
    runnerUp: string | null;
    reasons: Reason[];
    watchOuts: WatchOut[];
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

const SEVERITY = { high: 0, warn: 1, info: 2 } as const;

function judge(s: Subject, gateways: readonly Gateway[], answers: Answers, extras: CriteriaExtras): Ranked {
  const judgements = CRITERIA.flatMap((c) => c(s, answers, extras));
  const totalWeight = judgements.reduce((sum, j) => sum + j.weight, 0);
  const raw = totalWeight === 0 ? 1 : judgements.reduce((sum, j) => sum + j.weight * j.value, 0) / totalWeight;
  const penalty = s.isStack ? STACK_PENALTY : 0;
  const score = Math.max(0, Math.round(raw * 100) - penalty);
  const excluded = exclusions(s, answers);
  const reasons = judgements
    .map(toReason)
    .sort((x, y) => y.weight * Math.abs(effectScore(y)) - x.weight * Math.abs(effectScore(x)) || byCode(x.criterion, y.criterion));
  if (s.isStack) {
    reasons.push({ criterion: 'stack', answer: '-', effect: 'against', weight: 0, text: `−${STACK_PENALTY} points: ${s.members.length} systems to configure, secure and monitor` });
  }
  const members = gateways.filter((g) => s.members.includes(g.id));
  return {
    gateway: s.id,
    name: s.name,
    members: [...s.members],
    score,
    eligible: excluded.length === 0,
    reasons,
    excludedBecause: excluded.map((e) => ({ criterion: 'constraint', answer: e.answer, effect: 'against', weight: 0, text: e.text, gateway: e.fact.gateway, source: e.fact.source, status: e.fact.status })),
    watchOuts: watchOutsFor(members, answers).sort((x, y) => SEVERITY[x.severity] - SEVERITY[y.severity]),
  };
}

const effectScore = (r: Reason) => (r.effect === 'for' ? 1 : r.effect === 'against' ? -1 : 0.2);

const byRank = (x: Ranked, y: Ranked) =>
  Number(y.eligible) - Number(x.eligible) || y.score - x.score || byCode(x.gateway, y.gateway);

function confidenceOf(top: Ranked, next: Ranked | undefined): Confidence {
  const margin = next === undefined ? 100 : top.score - next.score;
  const levels: Confidence[] = ['low', 'medium', 'high'];
  let i = margin >= 12 ? 2 : margin >= 5 ? 1 : 0;
  const weight = top.reasons.reduce((s, r) => s + r.weight, 0);
  const doubtful = top.reasons.filter((r) => r.status !== undefined && r.status !== 'verified').reduce((s, r) => s + r.weight, 0);
  if (weight > 0 && doubtful / weight > 0.25) i = Math.max(0, i - 1);
  return levels[i]!;
}

/** Rank every catalog gateway and stack against the answers. Deterministic and pure. */
export function advise(catalog: Catalog, answers: Answers, allExtras: CriteriaExtras = {}): Advice {
  const subjects = new Map(catalog.gateways.map((g) => [g.id, gatewaySubject(g)]));
  const eligible = new Set(catalog.gateways.filter((g) => exclusions(subjects.get(g.id)!, answers).length === 0).map((g) => g.id));
  // Costs compare only what you could choose: eligible gateways and stacks made of them.
  const choosable = (id: string) => eligible.has(id) || catalog.stacks.some((st) => st.id === id && st.members.every((m) => eligible.has(m)));
  const extras: CriteriaExtras = allExtras.monthlyUsd ? { ...allExtras, monthlyUsd: new Map([...allExtras.monthlyUsd].filter(([id]) => choosable(id))) } : allExtras;
  const ranking = catalog.gateways.map((g) => judge(subjects.get(g.id)!, catalog.gateways, answers, extras)).sort(byRank);
  const stacks = catalog.stacks
    .filter((st) => st.members.every((m) => eligible.has(m)))
    .map((st) => {
      const judged = judge(stackSubject(st, st.members.map((m) => subjects.get(m)!), stackAssignment(st, catalog.gateways)), catalog.gateways, answers, extras);
      return { ...judged, reasons: [...judged.reasons, { criterion: 'stack', answer: '-', effect: 'neutral' as const, weight: 0, text: st.why, source: st.source, status: st.status }] };
    })
    .sort(byRank);

  const bestSingle = ranking[0];
  const bestStack = stacks[0];
  const useStack = bestStack !== undefined && bestSingle !== undefined && bestSingle.eligible && bestStack.score > bestSingle.score;
  const chosen = useStack ? bestStack : bestSingle?.eligible ? bestSingle : undefined;
  const alternatives = [...ranking, ...stacks].filter((r) => r.eligible && r !== chosen).sort(byRank);
  const stackDef = useStack ? catalog.stacks.find((s) => s.id === bestStack.gateway) : undefined;

  const recommendation: Advice['recommendation'] = chosen
    ? {
        gateway: chosen.members[0]!,
        stack: chosen.members,
        name: chosen.name,
        topology: stackDef?.topology ?? null,
        score: chosen.score,
        confidence: confidenceOf(chosen, alternatives[0]),
        runnerUp: alternatives[0]?.gateway ?? null,
        reasons: chosen.reasons,
        watchOuts: chosen.watchOuts,
      }
    : {
        gateway: null,
        stack: [],
        name: 'none',
        topology: null,
        score: 0,
        confidence: 'none',
        runnerUp: null,
        reasons: ranking.flatMap((r) => r.excludedBecause),
        watchOuts: [],
      };

  const cited = new Set<string>();
  for (const r of [...ranking, ...stacks]) {
    for (const x of [...r.reasons, ...r.excludedBecause]) if (x.source) cited.add(x.source);
    for (const w of r.watchOuts) cited.add(w.source);
  }
  return { recommendation, ranking, stacks, sources: [...cited].sort() };
}
