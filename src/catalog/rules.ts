import type { Issue } from '../errors.js';
import type { Catalog } from './schema.js';
import { sourceUrlIssues, thirdPartyVerifiedWarnings } from './provenance.js';
import { boundaryDays, inForce, overlaps, type Window } from './as-of.js';

export type Validated<T> =
  | { ok: true; value: T; warnings: Issue[] }
  | { ok: false; issues: Issue[]; warnings: Issue[] };

/** Data older than this gets a visible warning: prices and features change every few months. */
export const STALE_AFTER_DAYS = 180;

export function daysBetween(isoDay: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${isoDay}T00:00:00Z`)) / 86_400_000);
}

function span(w: Window): string {
  return `${w.validFrom ?? 'open start'} to ${w.validUntil ?? 'open end'}`;
}

/** An id may repeat only as the same fact in windows that never overlap (a price until a date, then its successor). */
function duplicates<T extends object>(items: readonly (T & Window)[], key: (t: T) => string, where: string): Issue[] {
  const seen = new Map<string, number[]>();
  const out: Issue[] = [];
  items.forEach((it, i) => {
    const k = key(it);
    const earlier = seen.get(k) ?? [];
    const clash = earlier.find((j) => overlaps(items[j]!, it));
    if (clash !== undefined) {
      const windowed = it.validFrom !== undefined || it.validUntil !== undefined || items[clash]!.validFrom !== undefined || items[clash]!.validUntil !== undefined;
      out.push({
        path: `${where}[${i}].id`,
        message: windowed
          ? `"${k}" is in force ${span(it)}, which overlaps ${where}[${clash}] (${span(items[clash]!)}): one fact can hold only one value on a day; end one window before the other starts`
          : `duplicate id "${k}" (first used at ${where}[${clash}])`,
      });
    }
    seen.set(k, [...earlier, i]);
  });
  return out;
}

/** Windows that end before they start, and windows where a fact must always exist (deployment). */
function windowIssues(value: unknown): Issue[] {
  const out: Issue[] = [];
  for (const f of facts(value, '')) {
    const w = f.node as Window;
    if (w.validFrom !== undefined && w.validUntil !== undefined && w.validUntil < w.validFrom) {
      out.push({ path: `${f.path}.validUntil`, message: `the window ends (${w.validUntil}) before it starts (${w.validFrom})` });
    }
    if (/\.deployment\.(selfHosted|managed)$/.test(f.path) && (w.validFrom !== undefined || w.validUntil !== undefined)) {
      out.push({ path: f.path, message: 'deployment must hold on every date: give it no validFrom/validUntil (put a dated change in a note or a pitfall)' });
    }
  }
  return out;
}

/** A `{source, checked, status}` fact found in a data file, with its JSON path and the object that holds it. */
export interface FactRef {
  path: string;
  source: string;
  checked: string;
  status: string;
  node: Readonly<Record<string, unknown>>;
}

/** Every `{source, checked}` fact under `value` (catalog or model table), with its JSON path. */
export function* facts(value: unknown, path: string): Generator<FactRef> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* facts(value[i], `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.source === 'string' && typeof o.checked === 'string') {
      yield { path, source: o.source, checked: o.checked, status: typeof o.status === 'string' ? o.status : 'verified', node: o };
    }
    for (const [k, v] of Object.entries(o)) if (typeof v === 'object') yield* facts(v, path === '' ? k : `${path}.${k}`);
  }
}

/** Cross-field rules zod cannot express. Pure: `now` is given. */
export function catalogRules(c: Catalog, now: Date): { issues: Issue[]; warnings: Issue[] } {
  const issues: Issue[] = [
    ...duplicates(c.sources, (s) => s.id, 'sources'),
    ...duplicates(c.gateways, (g) => g.id, 'gateways'),
    ...duplicates(c.stacks, (s) => s.id, 'stacks'),
  ];
  issues.push(...windowIssues({ gateways: c.gateways, stacks: c.stacks }));
  const warnings: Issue[] = [];
  const sourceIds = new Set(c.sources.map((s) => s.id));
  const used = new Set<string>();
  for (const f of facts({ gateways: c.gateways, stacks: c.stacks }, '')) {
    used.add(f.source);
    if (!sourceIds.has(f.source)) issues.push({ path: `${f.path}.source`, message: `unknown source "${f.source}": add it to "sources" or fix the id` });
    if (daysBetween(f.checked, now) < 0) issues.push({ path: `${f.path}.checked`, message: `date ${f.checked} is in the future` });
  }
  c.sources.forEach((s, i) => {
    if (!used.has(s.id)) warnings.push({ path: `sources[${i}]`, message: `source "${s.id}" is not cited by any fact` });
  });
  issues.push(...sourceUrlIssues(c.sources));
  warnings.push(...thirdPartyVerifiedWarnings(c.sources, facts({ gateways: c.gateways, stacks: c.stacks }, '')));

  const gatewayIds = new Set(c.gateways.map((g) => g.id));
  c.gateways.forEach((g, gi) => {
    const at = `gateways[${gi}]`;
    const lists: [readonly ({ id: string } & Window)[], string][] = [[g.pricing.fees, 'pricing.fees'], [g.pricing.plans, 'pricing.plans'], [g.pricing.limits, 'pricing.limits'], [g.pitfalls, 'pitfalls']];
    for (const [list, name] of lists) issues.push(...duplicates(list, (x) => x.id, `${at}.${name}`));
    const components = new Set(g.operations.components);
    for (const c of g.operations.base?.components ?? []) {
      if (!components.has(c)) issues.push({ path: `${at}.operations.base.components`, message: `"${c}" is not in operations.components` });
    }
    for (const [id, f] of Object.entries(g.features)) {
      for (const c of f?.requires ?? []) {
        if (!components.has(c)) issues.push({ path: `${at}.features.${id}.requires`, message: `"${c}" is not in operations.components (${[...components].join(', ') || 'none'})` });
      }
      const assumed = f?.requiresAnyOf?.[0];
      if (assumed !== undefined && !components.has(assumed)) {
        issues.push({ path: `${at}.features.${id}.requiresAnyOf`, message: `the first alternative, "${assumed}", is the one costed and must be in operations.components (${[...components].join(', ') || 'none'})` });
      }
    }
    issues.push(...referenceRules(g, at, components));
    if (g.deployment.selfHosted.level !== 'no' && g.deployment.selfHosted.level !== 'planned') {
      const unpriced = [...components].filter((x) => g.decision.components[x] === undefined);
      if (unpriced.length > 0) warnings.push({ path: `${at}.decision.components`, message: `${unpriced.map((x) => `"${x}"`).join(', ')} has no price (instance, postgres, redis or none): the cost model leaves it out of self-hosting costs` });
      if (g.decision.capacity === undefined && Object.values(g.decision.components).includes('instance')) {
        warnings.push({ path: `${at}.decision.capacity`, message: 'no capacity per instance: self-hosting is sized at the minimum instance count unless --rps-per-instance is given' });
      }
    }
    const oldest = [...facts(g, at)].map((f) => f.checked).sort()[0];
    if (oldest !== undefined && g.lastVerified > oldest) {
      issues.push({ path: `${at}.lastVerified`, message: `${g.lastVerified} is later than the oldest fact check (${oldest}); lastVerified must be the oldest "checked" date` });
    }
    const age = daysBetween(g.lastVerified, now);
    if (age > STALE_AFTER_DAYS) {
      warnings.push({ path: `${at}.lastVerified`, message: `${g.name} was last verified ${age} days ago (${g.lastVerified}); re-check its facts before trusting prices and features` });
    }
  });

  c.stacks.forEach((s, si) => {
    s.members.forEach((m, mi) => {
      if (!gatewayIds.has(m)) issues.push({ path: `stacks[${si}].members[${mi}]`, message: `unknown gateway "${m}"` });
    });
    s.contributes.forEach((x, xi) => {
      if (!s.members.includes(x.gateway)) issues.push({ path: `stacks[${si}].contributes[${xi}].gateway`, message: `"${x.gateway}" is not a member of this stack` });
    });
  });
  issues.push(...boundaryIssues(c));
  return { issues, warnings };
}

/** References by id (plans, limits) inside one gateway must resolve. */
function referenceRules(g: Catalog['gateways'][number], at: string, components: ReadonlySet<string>): Issue[] {
  const plans = new Set(g.pricing.plans.map((p) => p.id));
  return [...decisionRules(g, at, components, plans), ...planReferences(g, at, plans, () => true)];
}

/** Fees and limits that name a plan: on a given day, only those in force, against the plans in force. */
function planReferences(g: Catalog['gateways'][number], at: string, plans: ReadonlySet<string>, live: (w: Window) => boolean): Issue[] {
  const issues: Issue[] = [];
  g.pricing.fees.forEach((f, i) => {
    if (live(f) && f.plan !== undefined && !plans.has(f.plan)) issues.push({ path: `${at}.pricing.fees[${i}].plan`, message: `unknown plan "${f.plan}" (plans: ${[...plans].join(', ') || 'none'})` });
  });
  g.pricing.limits.forEach((l, i) => {
    if (live(l) && l.plan !== undefined && !plans.has(l.plan)) issues.push({ path: `${at}.pricing.limits[${i}].plan`, message: `unknown plan "${l.plan}"` });
  });
  return issues;
}

/**
 * The catalog as of each day a window opens or closes must hold together too: a fee in force must not name a plan
 * that has ended, nor the licence plan be one that has. Views change only on those days, so checking them checks
 * every date. (A limit rule or a way past a limit that has ended simply stops applying.)
 */
function boundaryIssues(c: Catalog): Issue[] {
  const out: Issue[] = [];
  for (const day of boundaryDays(c)) {
    const live = (w: Window) => inForce(w, day);
    c.gateways.forEach((g, gi) => {
      const at = `gateways[${gi}]`;
      const plans = new Set(g.pricing.plans.filter(live).map((p) => p.id));
      const found = planReferences(g, at, plans, live);
      const licence = g.decision.licencePlan;
      if (licence !== undefined && !plans.has(licence)) found.push({ path: `${at}.decision.licencePlan`, message: `unknown plan "${licence}" (plans: ${[...plans].join(', ') || 'none'})` });
      for (const i of found) out.push({ ...i, message: `as of ${day}: ${i.message}` });
    });
  }
  return out;
}

/** References inside `decision` (licence plan, priced components, limit rules and their ways past) must resolve. */
function decisionRules(g: Catalog['gateways'][number], at: string, components: ReadonlySet<string>, plans: ReadonlySet<string>): Issue[] {
  const d = g.decision;
  const out: Issue[] = [];
  const known = (set: ReadonlySet<string>) => [...set].join(', ') || 'none';
  if (d.licencePlan !== undefined && !plans.has(d.licencePlan)) {
    out.push({ path: `${at}.decision.licencePlan`, message: `unknown plan "${d.licencePlan}" (plans: ${known(plans)})` });
  }
  for (const c of Object.keys(d.components)) {
    if (!components.has(c)) out.push({ path: `${at}.decision.components.${c}`, message: `"${c}" is not in operations.components (${known(components)})` });
  }
  const limits = new Set(g.pricing.limits.map((l) => l.id));
  d.limits.forEach((r, i) => {
    const here = `${at}.decision.limits[${i}]`;
    if (!limits.has(r.limit)) out.push({ path: `${here}.limit`, message: `unknown limit "${r.limit}" (pricing.limits: ${known(limits)})` });
    r.pastBy.forEach((w, j) => {
      if ('plan' in w && !plans.has(w.plan)) out.push({ path: `${here}.pastBy[${j}].plan`, message: `unknown plan "${w.plan}" (plans: ${known(plans)})` });
      if ('scaleOut' in w) {
        w.scaleOut.forEach((id, k) => {
          if (!limits.has(id)) out.push({ path: `${here}.pastBy[${j}].scaleOut[${k}]`, message: `unknown limit "${id}" (pricing.limits: ${known(limits)})` });
        });
      }
    });
  });
  return out;
}

/** The catalog's overall freshness: its stalest gateway. */
export function catalogLastVerified(c: Catalog): string {
  return c.gateways.map((g) => g.lastVerified).sort()[0] ?? '';
}
