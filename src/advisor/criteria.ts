import type { FeatureId, SupportLevel } from '../catalog/schema.js';
import type { Answers } from './answers.js';
import type { CitedFact, Subject } from './subject.js';
import { formatInt, formatNumber } from '../format.js';
import type { Workload } from './workload.js';
import { DRILLED_FEATURE, verdictText, type DrillVerdict } from './drill-evidence.js';
import { burdenSteps, scaleOutSteps, scaleOutWhy, scaleOutWork } from './scale-out.js';

/** How much each support level satisfies a wanted feature. Enterprise-only counts less: it costs a licence. */
export const LEVEL_VALUE: Record<SupportLevel, number> = {
  yes: 1,
  partial: 0.6,
  'enterprise-only': 0.4,
  planned: 0.1,
  no: 0,
};

/** One weighed comparison of a subject against one answer, with the fact behind it. */
export interface Judgement {
  criterion: string;
  /** The answer this judgement follows from, e.g. "caching=exact". */
  answer: string;
  weight: number;
  /** 0..1: how well the subject meets it. */
  value: number;
  text: string;
  fact?: CitedFact<unknown> | undefined;
}

/** Optional inputs computed elsewhere (the cost model, a benchmark) that criteria may use. */
export interface CriteriaExtras {
  /** Monthly cost by gateway or stack id, from the cost model. */
  monthlyUsd?: ReadonlyMap<string, SubjectCost>;
  /** The workload as the cost options describe it (peak factor, billing, ...); defaults when absent. */
  workload?: Workload;
  /** Overhead the user measured (`choose --bench`), by gateway or stack id; others keep the catalog's figures. */
  measuredOverheadMs?: ReadonlyMap<string, { valueMs: number; text: string }>;
  /** Your failover drill (`choose --drill`), by catalog gateway id; gateways not drilled keep the catalog's word. */
  drill?: ReadonlyMap<string, DrillVerdict>;
}

export interface SubjectCost {
  name: string;
  total: number;
  licenceUnpublished: boolean;
  /** Some other line (a fee, a plan) has no published price, so the total leaves it out. */
  excludesUnpublished?: boolean;
  /** False when the cost model cannot cost it for this workload (it is not eligible); `why` says what stops it. */
  eligible: boolean;
  why?: string | undefined;
}

type Criterion = (s: Subject, a: Answers, extras: CriteriaExtras) => Judgement[];

const featureJudgement = (
  s: Subject,
  id: FeatureId,
  criterion: string,
  answer: string,
  weight: number,
  wanted: string,
): Judgement => {
  const f = s.feature(id);
  if (f === undefined) {
    return { criterion, answer, weight, value: 0, text: `${wanted}: the catalog does not say whether ${s.name} has ${id}` };
  }
  const detail = f.note ? ` (${f.note})` : '';
  return { criterion, answer, weight, value: LEVEL_VALUE[f.value], text: `${wanted}: ${id} is ${f.value}${detail}`, fact: f };
};

const hosting: Criterion = (s, a) => {
  if (a.hosting === 'either') return [];
  const f = a.hosting === 'self-hosted' ? s.selfHosted : s.managed;
  const value = LEVEL_VALUE[f.value];
  return [{ criterion: 'hosting', answer: `hosting=${a.hosting}`, weight: 3, value, text: `You want ${a.hosting}: ${a.hosting} is ${f.value}${f.note ? ` (${f.note})` : ''}`, fact: f }];
};

/** Without keys the gateway must sell model access; a limit that keeps its managed billing from your load counts as none. */
const keys: Criterion = (s, a) => {
  if (a.ownProviderKeys) return [featureJudgement(s, 'byok', 'provider-keys', 'ownProviderKeys=true', 1, 'You hold provider keys')];
  const j = featureJudgement(s, 'managed-billing', 'provider-keys', 'ownProviderKeys=false', 4, 'You hold no provider keys, so the gateway must sell you model access');
  const shortfall = s.billing.shortfall;
  return [shortfall === undefined ? j : { ...j, value: 0, text: `${j.text}, but not for this load: ${shortfall}; you would need your own provider keys` }];
};

/** log10 scale: 10 providers → 0.5, 100 → 1. Breadth matters more the more providers you call. */
const providers: Criterion = (s, a) => {
  const reach = s.providersReach;
  const weight = a.providers >= 3 ? 2 : a.providers === 2 ? 1 : 0.5;
  const value = reach.value === null ? 0.5 : Math.min(1, Math.log10(Math.max(1, reach.value)) / 2);
  const text = reach.value === null
    ? `You call ${a.providers} provider(s): provider count not published`
    : `You call ${a.providers} provider(s): about ${reach.value} providers reachable`;
  return [{ criterion: 'providers', answer: `providers=${a.providers}`, weight, value, text, fact: reach }];
};

const caching: Criterion = (s, a) => {
  if (a.caching === 'none') return [];
  if (a.caching === 'exact') return [featureJudgement(s, 'exact-cache', 'caching', 'caching=exact', 3, 'You want exact-match caching')];
  const semantic = featureJudgement(s, 'semantic-cache', 'caching', 'caching=semantic', 3, 'You want semantic caching');
  const exact = s.feature('exact-cache');
  // Exact-match caching still catches repeated prompts, so it is worth something when semantic is missing.
  if (exact && LEVEL_VALUE[exact.value] * 0.3 > semantic.value) {
    return [{ ...semantic, value: LEVEL_VALUE[exact.value] * 0.3, text: `${semantic.text}; only exact-match caching (${exact.value})`, fact: semantic.fact ?? exact }];
  }
  return [semantic];
};

const needs: Criterion = (s, a, extras) =>
  a.needs.map((n) => {
    const j = featureJudgement(s, n, 'needs', `needs includes ${n}`, 2, `You need ${n}`);
    return n === DRILLED_FEATURE ? drilledNeed(s, j, extras) : j;
  });

/** The drill of the gateway that serves fallbacks (a stack's member), if it was drilled. */
const drillOf = (s: Subject, extras: CriteriaExtras): DrillVerdict | undefined => extras.drill?.get(s.feature(DRILLED_FEATURE)?.gateway ?? s.members[0]!);

/**
 * A need for fallbacks against your drill: a failed row means the fallbacks, as configured, do not work, so the
 * need counts as unmet (value 0, as a missing feature); a drill with no failure confirms the catalog's level.
 */
function drilledNeed(s: Subject, j: Judgement, extras: CriteriaExtras): Judgement {
  const v = drillOf(s, extras);
  if (v === undefined) return j;
  if (v.fails.length > 0) return { criterion: j.criterion, answer: j.answer, weight: j.weight, value: 0, text: `You need fallbacks: ${verdictText(v)}` };
  return { ...j, text: `${j.text}; ${verdictText(v)}` };
}

/** Without a need for fallbacks the drill weighs nothing, but is still said (weight 0), for or against. */
const drilled: Criterion = (s, a, extras) => {
  const v = drillOf(s, extras);
  if (v === undefined || a.needs.includes(DRILLED_FEATURE)) return [];
  return [{ criterion: 'drill', answer: 'drill', weight: 0, value: v.fails.length > 0 ? 0 : 1, text: verdictText(v) }];
};

// A team with no ops capacity can still keep a dashboard configured (a "low" burden); it cannot run services.
const CAPACITY = { none: 1, some: 2, dedicated: 3 } as const;
const OPS_WEIGHT = { none: 4, some: 2, dedicated: 1 } as const;

/**
 * Burden in steps (none 0 … high 3, plus SCALE_OUT_STEP_PER_EXTRA_SCOPE per extra gateway a limit forces) against
 * capacity: each step beyond what the team can carry costs 0.45 of the criterion.
 */
const operations: Criterion = (s, a) => {
  const { burden, components, scaleOut } = s.operations(a);
  const gap = burdenSteps(burden.value, scaleOut) - CAPACITY[a.opsCapacity];
  const value = Math.max(0, 1 - 0.45 * Math.max(0, gap));
  const running = components.length > 0 ? ` (${components.join(', ')})` : '';
  const what = burden.value === 'none' ? `${s.name} leaves you nothing to run` : `running ${s.name} as you need it${running} is a ${burden.value} burden`;
  const split = scaleOut ? `; at this volume it takes ${scaleOutWhy(scaleOut)}: ${scaleOutWork(scaleOut)} (${scaleOutSteps(scaleOut)})` : '';
  const text = `Your ops capacity is ${a.opsCapacity}: ${what}${burden.note ? ` (${burden.note})` : ''}${split}`;
  return [{ criterion: 'operations', answer: `opsCapacity=${a.opsCapacity}`, weight: OPS_WEIGHT[a.opsCapacity], value, text, fact: burden }];
};

const dataControl: Criterion = (s, a) => {
  if (a.dataControl === 'zero-retention') {
    return [featureJudgement(s, 'zero-data-retention', 'data-control', 'dataControl=zero-retention', 3, 'You need zero retention')];
  }
  if (a.dataControl === 'own-infrastructure') {
    return [featureJudgement(s, 'data-residency', 'data-control', 'dataControl=own-infrastructure', 2, 'Traffic must stay on your infrastructure')];
  }
  return [];
};

/** 1/(1 + ms/25): 2 ms → 0.93, 12 ms → 0.68, 40 ms → 0.38, 75 ms → 0.25. */
const latency: Criterion = (s, a, extras) => {
  if (a.latency === 'relaxed') return [];
  const weight = a.latency === 'critical' ? 4 : 2;
  // What the user measured outranks any published figure; when others were measured, say this one was not.
  const measured = extras.measuredOverheadMs?.get(s.id);
  if (measured) return [{ criterion: 'latency', answer: `latency=${a.latency}`, weight, value: 1 / (1 + measured.valueMs / 25), text: `Latency is ${a.latency}: ${measured.text}` }];
  const unmeasured = extras.measuredOverheadMs ? '; not measured by you: catalog figure' : '';
  const o = s.overheadMs;
  if (o === undefined) {
    // Unknown is neutral (0.5): neither rewarded nor penalised; a measurement is the way to know.
    const text =
      `Latency is ${a.latency}: ${s.name}'s added latency is unknown (no verified figure), so it counts as neutral; ` +
      `measure it with \`gateway-scout bench\` and give the results to \`choose --bench\`${unmeasured}`;
    return [{ criterion: 'latency', answer: `latency=${a.latency}`, weight, value: 0.5, text }];
  }
  const value = 1 / (1 + o.value / 25);
  return [{ criterion: 'latency', answer: `latency=${a.latency}`, weight, value, text: `Latency is ${a.latency}: typical added latency about ${round(o.value)} ms (${o.note ?? 'published figure'}${unmeasured})`, fact: o }];
};

/** Cost weighs more as volume grows: 10k requests/month → 0, 1M → 2, 100M and above → 4. */
export const costWeight = (monthlyRequests: number): number =>
  Math.min(4, Math.max(0, Math.log10(Math.max(1, monthlyRequests) / 1e4)));

const usd = (x: number) => `$${formatNumber(round(x))}`;

const cost: Criterion = (s, a, extras) => {
  const costs = extras.monthlyUsd;
  const mine = costs?.get(s.id);
  const weight = costWeight(a.monthlyRequests);
  if (!costs || !mine || weight === 0) return [];
  const answer = `monthlyRequests=${a.monthlyRequests}`;
  const volume = `At ${formatInt(a.monthlyRequests)} requests/month`;
  if (!mine.eligible) {
    return [{ criterion: 'cost', answer, weight, value: 0.5, text: `${volume} ${s.name} cannot be costed on its own for this workload${mine.why ? `: ${mine.why}` : ''}` }];
  }
  const others = [...costs.entries()].filter(([id, c]) => id !== s.id && c.eligible).map(([, c]) => c).sort((x, y) => x.total - y.total);
  const cheapest = others[0];
  const licence = mine.licenceUnpublished
    ? ' (plus an enterprise licence whose price is not published)'
    : mine.excludesUnpublished
      ? ' (plus a fee or plan whose price is not published)'
      : '';
  if (cheapest === undefined) {
    return [{ criterion: 'cost', answer, weight, value: 1, text: `${volume} ${s.name} is the only option: about ${usd(mine.total)}/month${licence}, with nothing eligible to compare it with` }];
  }
  if (mine.total <= cheapest.total) {
    const saving = cheapest.total - mine.total;
    const margin = saving < 0.5 ? `, as cheap as ${cheapest.name}` : `, ${usd(saving)}/month less than ${cheapest.name}`;
    return [{ criterion: 'cost', answer, weight, value: 1, text: `${volume} ${s.name} is the cheapest: about ${usd(mine.total)}/month${margin}${licence}` }];
  }
  const value = Math.min(1, Math.max(cheapest.total, 0.01) / mine.total);
  return [{ criterion: 'cost', answer, weight, value, text: `${volume} ${s.name} costs about ${usd(mine.total)}/month, ${usd(mine.total - cheapest.total)}/month more than ${cheapest.name}${licence}` }];
};

/**
 * Each platform the team runs: a gateway documented to plug into it scores 1 (no new vendor or service to take on),
 * others 0. Weight 1 per platform: a convenience, never enough alone to outweigh a missing need (weight 2).
 */
const platforms: Criterion = (s, a) =>
  a.platforms.map((p) => {
    const fit = s.platforms.find((f) => f.value === p);
    const answer = `platforms includes ${p}`;
    if (fit === undefined) return { criterion: 'platform', answer, weight: 1, value: 0, text: `You run ${p}: ${s.name} has no documented way to plug into it` };
    return { criterion: 'platform', answer, weight: 1, value: 1, text: `You run ${p}: ${fit.note ?? `${s.name} fits it`}`, fact: fit };
  });

export const CRITERIA: readonly Criterion[] = [hosting, keys, providers, caching, needs, operations, dataControl, latency, platforms, cost, drilled];

function round(x: number): number {
  return x >= 100 ? Math.round(x) : Math.round(x * 10) / 10;
}
