import type { FeatureId, Gateway, Stack, Support, SupportLevel } from '../catalog/schema.js';
import type { Answers } from './answers.js';
import { checkLimits, type LimitCheck } from './capacity.js';
import { gatewayAsDeployed } from '../catalog/narrow.js';
import { plansNeededByFees, type Billing, type Usage } from './usage.js';
import { servedAnswers, stackAssignment, wantedFeatures } from './wanted.js';
import type { Workload } from './workload.js';

/** A hard constraint an option breaks: it is not eligible, whatever its score. */
export interface Exclusion {
  /** The answer it follows from, e.g. "hosting=self-hosted" or "monthlyRequests=100000000". */
  answer: string;
  text: string;
  gateway: string;
  source: string;
  status: 'verified' | 'unverified' | 'conflict';
  checked?: string | undefined;
}

/**
 * How one gateway would run for this workload: where, who bills the tokens, which plans and limits it meets. An
 * excluded gateway still gets one (as it would run, were it allowed), so that its cost can be shown.
 */
export interface MemberSetup {
  gateway: Gateway;
  /** The part of the answers it serves: all of them, unless it is one member of a stack. */
  answers: Answers;
  hosting: 'self-hosted' | 'managed';
  billing: Billing;
  /** Plans beyond the base plan that its fees or the ways past its limits need. */
  plans: string[];
  /** Why its licence plan is needed: enterprise-only features it serves, or an enterprise-only deployment. */
  licensed: string[];
  limits: LimitCheck[];
  notes: string[];
  /** Managed billing was wanted, but these limits keep it from carrying this workload (then it bills by your keys, or is excluded). */
  billingShortfall?: LimitCheck[] | undefined;
}

/** One option (a gateway, or a stack of them) as it would run for these answers, and whether it can. */
export interface Setup {
  id: string;
  name: string;
  stack?: Stack | undefined;
  members: MemberSetup[];
  eligible: boolean;
  exclusions: Exclusion[];
}

const OFFERED: readonly SupportLevel[] = ['yes', 'partial'];
const level = (g: Gateway, f: FeatureId): SupportLevel | undefined => g.features[f]?.level;
const offered = (l: SupportLevel | undefined) => OFFERED.some((x) => x === l);
const exclusion = (g: Gateway, answer: string, text: string, fact: Pick<Support, 'source' | 'status'> & { checked?: string }): Exclusion => ({
  answer,
  text,
  gateway: g.id,
  source: fact.source,
  status: fact.status,
  checked: fact.checked,
});

/**
 * Where the gateway runs. A deployment at `enterprise-only` is available with the licence; `planned` and `no`
 * are not. Own-infrastructure data control needs self-hosting unless a managed service is explicitly asked for.
 */
function hostingOf(g: Gateway, a: Answers): { mode: MemberSetup['hosting']; licensed?: string } | { exclusions: Exclusion[] } {
  const { selfHosted, managed } = g.deployment;
  const can = (s: Support) => offered(s.level) || s.level === 'enterprise-only';
  const out: Exclusion[] = [];
  if (a.hosting === 'self-hosted' && !can(selfHosted)) {
    out.push(exclusion(g, 'hosting=self-hosted', `You require self-hosting; ${g.name} cannot be self-hosted (${selfHosted.level})`, selfHosted));
  }
  if (a.dataControl === 'own-infrastructure' && !can(selfHosted)) {
    out.push(exclusion(g, 'dataControl=own-infrastructure', `Traffic must stay on your infrastructure; ${g.name} runs on its vendor's infrastructure`, selfHosted));
  }
  if (a.hosting === 'managed' && !can(managed)) {
    out.push(exclusion(g, 'hosting=managed', `You want a managed service; ${g.name} is not offered as one (${managed.level})`, managed));
  }
  if (out.length > 0) return { exclusions: out };
  const as = (mode: MemberSetup['hosting'], s: Support) => (offered(s.level) ? { mode } : { mode, licensed: `${mode} deployment` });
  if (a.hosting === 'managed') return as('managed', managed);
  if (a.hosting === 'self-hosted' || a.dataControl === 'own-infrastructure') return as('self-hosted', selfHosted);
  if (offered(managed.level)) return { mode: 'managed' };
  if (offered(selfHosted.level)) return { mode: 'self-hosted' };
  if (can(managed)) return as('managed', managed);
  if (can(selfHosted)) return as('self-hosted', selfHosted);
  return { exclusions: [exclusion(g, 'hosting=either', `${g.name} has neither a self-hosted nor a managed deployment available (${selfHosted.level} / ${managed.level})`, selfHosted)] };
}

interface Attempt {
  billing: Billing;
  plans: string[];
  limits: LimitCheck[];
}

/**
 * Plans and limit checks for one billing mode, until the plans the ways past need are stable. It ends: each round
 * adds a plan not yet chosen, and a gateway has finitely many.
 */
function attempt(g: Gateway, u: Usage): Attempt {
  let plans = new Set(plansNeededByFees(g, u));
  // A limit passed by moving to a plan no longer applies on that plan; it is kept as the reason for the plan.
  const upgrades: LimitCheck[] = [];
  for (;;) {
    const limits = checkLimits(g, u, plans);
    // Only a limit passed some way has a `way`; one passed by a plan not yet chosen adds that plan.
    const more = limits.filter((c) => c.way?.plan !== undefined && !plans.has(c.way.plan));
    if (more.length === 0) {
      // A plan left behind for a bigger one (Pro past its cap → Enterprise) is no longer one you pay for.
      const left = new Set(upgrades.flatMap((c) => (c.limit.plan !== undefined && c.limit.plan !== c.way!.plan ? [c.limit.plan] : [])));
      return { billing: u.billing, plans: [...plans].filter((p) => !left.has(p)), limits: [...upgrades.filter((c) => !limits.some((l) => l.limit.id === c.limit.id)), ...limits] };
    }
    upgrades.push(...more);
    plans = new Set([...plans, ...more.map((c) => c.way!.plan!)]);
  }
}

/**
 * The billing modes to try, in order. Holding no provider keys is a preference (weighed by the provider-keys
 * criterion), not a constraint: a gateway without managed billing is costed with the accounts you would open.
 */
function billingModes(g: Gateway, a: Answers, w: Workload, servesBilling: boolean): { modes: Billing[]; note?: string } {
  if (!servesBilling) return { modes: ['byok'] };
  const wantsManaged = w.useManagedBilling ?? !a.ownProviderKeys;
  const managedOk = offered(level(g, 'managed-billing'));
  const byok = level(g, 'byok');
  const byokOk = byok === undefined || offered(byok);
  if (wantsManaged) {
    if (managedOk) return { modes: w.useManagedBilling === true ? ['managed'] : ['managed', 'byok'] };
    return { modes: ['byok'], note: a.ownProviderKeys ? 'has no managed billing; costed with your own provider keys' : 'has no managed billing; costed with provider accounts and keys you would open' };
  }
  if (byokOk) return { modes: ['byok'] };
  if (managedOk) return { modes: ['managed'], note: 'does not take your own keys; costed with its credits' };
  return { modes: [] };
}

function memberSetup(catalogEntry: Gateway, a: Answers, w: Workload, servesBilling: boolean): { member: MemberSetup; exclusions: Exclusion[] } {
  const hosting = hostingOf(catalogEntry, a);
  const exclusions = 'exclusions' in hosting ? [...hosting.exclusions] : [];
  // An excluded gateway is still set up as it would run, so that its cost can be shown beside its exclusion.
  const where: { mode: MemberSetup['hosting']; licensed?: string } =
    'exclusions' in hosting ? { mode: offered(catalogEntry.deployment.managed.level) ? 'managed' : 'self-hosted' } : hosting;
  // From here on, the gateway as it runs that way: its fees, plans, limits and burden for that deployment.
  const g = gatewayAsDeployed(catalogEntry, where.mode);
  const { modes, note } = billingModes(g, a, w, servesBilling);
  if (modes.length === 0) {
    exclusions.push(exclusion(g, `ownProviderKeys=${a.ownProviderKeys}`, `${g.name} supports neither your own provider keys nor managed billing`, g.features.byok ?? g.deployment.managed));
  }
  const notes = note ? [`${g.name} ${note}.`] : [];
  // Try each billing mode in turn; what kept an earlier one (managed billing) from carrying the load is recorded.
  let shortfall: LimitCheck[] | undefined;
  let tried = attempt(g, { billing: modes[0] ?? 'byok', answers: a, workload: w });
  for (const billing of modes.slice(1)) {
    const over = tried.limits.filter((c) => c.outcome === 'exceeds');
    if (over.length === 0) break;
    shortfall = over;
    tried = attempt(g, { billing, answers: a, workload: w });
  }
  const over = tried.limits.filter((c) => c.outcome === 'exceeds');
  for (const c of over) {
    exclusions.push(exclusion(g, `monthlyRequests=${a.monthlyRequests}`, `${g.name} cannot carry this load: ${c.text}`, c.limit));
  }
  if (shortfall !== undefined && over.length === 0) {
    notes.push(`${g.name}'s managed billing cannot carry this workload (${shortfall.map((c) => c.text).join('; ')}); costed with your own provider keys, which that limit does not apply to.`);
  }
  const gated = wantedFeatures(a).filter((f) => level(g, f) === 'enterprise-only');
  return {
    member: { gateway: g, answers: a, hosting: where.mode, billing: tried.billing, plans: tried.plans, licensed: [...gated, ...(where.licensed ? [where.licensed] : [])], limits: tried.limits, notes, billingShortfall: shortfall },
    exclusions,
  };
}

function setupOf(id: string, name: string, stack: Stack | undefined, parts: { g: Gateway; a: Answers; servesBilling: boolean }[], w: Workload): Setup {
  const members: MemberSetup[] = [];
  const exclusions: Exclusion[] = [];
  for (const p of parts) {
    const r = memberSetup(p.g, p.a, w, p.servesBilling);
    members.push(r.member);
    exclusions.push(...r.exclusions);
  }
  return { id, name, stack, members, eligible: exclusions.length === 0, exclusions };
}

/**
 * The one eligibility decision: how a gateway would run for these answers and this workload, and whether it can
 * (hosting, data control, provider keys, and every limit it meets). Scoring, cost and stacks all use it. Pure.
 */
export function gatewaySetup(g: Gateway, answers: Answers, w: Workload): Setup {
  return setupOf(g.id, g.name, undefined, [{ g, a: answers, servesBilling: true }], w);
}

/** The same decision for a stack: each member runs for the part it serves; the stack is eligible when every member is. */
export function stackSetup(stack: Stack, gateways: readonly Gateway[], answers: Answers, w: Workload): Setup {
  const assignment = stackAssignment(stack, gateways);
  const billedBy = assignment.get('managed-billing') ?? stack.members[0];
  const parts = stack.members.flatMap((id) => {
    const g = gateways.find((x) => x.id === id);
    return g ? [{ g, a: servedAnswers(stack, assignment, id, answers), servesBilling: id === billedBy }] : [];
  });
  return setupOf(stack.id, stack.name, stack, parts, w);
}

/** Setups of every gateway and every stack of a catalog, gateways first, in catalog order. */
export function allSetups(catalog: { gateways: readonly Gateway[]; stacks: readonly Stack[] }, answers: Answers, w: Workload): Setup[] {
  return [...catalog.gateways.map((g) => gatewaySetup(g, answers, w)), ...catalog.stacks.map((s) => stackSetup(s, catalog.gateways, answers, w))];
}
