import { narrowPricing } from './narrow.js';
import type { Catalog, Gateway } from './schema.js';

/** A fact's window: both days included; a missing end is open. */
export interface Window {
  validFrom?: string | undefined;
  validUntil?: string | undefined;
}

/** Whether a fact is in force on `day` (YYYY-MM-DD). ISO dates compare as strings. Pure. */
export function inForce(w: Window, day: string): boolean {
  return (w.validFrom === undefined || w.validFrom <= day) && (w.validUntil === undefined || day <= w.validUntil);
}

/** Whether two windows share at least one day. */
export function overlaps(a: Window, b: Window): boolean {
  const startA = a.validFrom ?? '';
  const startB = b.validFrom ?? '';
  const endA = a.validUntil ?? '9999-12-31';
  const endB = b.validUntil ?? '9999-12-31';
  return startA <= endB && startB <= endA;
}

/** `YYYY-MM-DD` of a Date, in UTC. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The day after an ISO day. */
export function nextDay(day: string): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000));
}

function keep<T extends Window>(list: readonly T[], day: string): T[] {
  return list.filter((x) => inForce(x, day));
}

function gatewayAsOf(g: Gateway, day: string): Gateway {
  const narrowed = narrowPricing(g, (f) => inForce(f, day));
  const features = Object.fromEntries(Object.entries(g.features).filter(([, f]) => f !== undefined && inForce(f, day)));
  const capacity = g.decision.capacity && inForce(g.decision.capacity, day) ? g.decision.capacity : undefined;
  return {
    ...narrowed,
    features,
    decision: { ...narrowed.decision, capacity },
    latency: keep(g.latency, day),
    pitfalls: keep(g.pitfalls, day),
    platforms: keep(g.platforms, day),
  };
}

/**
 * The catalog as it stands on `day`: every fact outside its window left out, and the decision rules that read a
 * left-out limit or plan with it. Everything that prices or scores reads this view. Pure.
 */
export function catalogAsOf(c: Catalog, day: string): Catalog {
  return { ...c, gateways: c.gateways.map((g) => gatewayAsOf(g, day)), stacks: keep(c.stacks, day) };
}

/** Every day on which some fact starts or stops being in force: the catalog's view can change only there. Sorted. */
export function boundaryDays(c: Catalog): string[] {
  const days = new Set<string>();
  const visit = (v: unknown): void => {
    // Arrays are objects too: their values are visited the same way.
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.validFrom === 'string') days.add(o.validFrom);
      if (typeof o.validUntil === 'string') days.add(nextDay(o.validUntil));
      Object.values(o).forEach(visit);
    }
  };
  visit(c.gateways);
  visit(c.stacks);
  return [...days].sort();
}
