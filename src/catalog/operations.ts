import type { Burden, FeatureId, Gateway } from './schema.js';

export interface EffectiveOperations {
  burden: Burden;
  components: string[];
  /** Which wanted features pull in each component beyond the smallest deployment. */
  requiredBy: Record<string, FeatureId[]>;
  /** True when the smallest deployment (operations.base) is enough. */
  minimal: boolean;
}

/**
 * What running a gateway takes for the features actually wanted: its smallest deployment when that serves them,
 * otherwise the full one. A feature the gateway does not have (`no`) requires nothing. Pure.
 */
export function effectiveOperations(g: Gateway, wanted: readonly FeatureId[]): EffectiveOperations {
  const ops = g.operations;
  const requiredBy: Record<string, FeatureId[]> = {};
  for (const f of wanted) {
    const support = g.features[f];
    if (!support || support.level === 'no') continue;
    // Of alternatives, the first is what gets sized and costed; the others are named in the feature's note.
    const needed = [...(support.requires ?? []), ...(support.requiresAnyOf ?? []).slice(0, 1)];
    for (const c of needed) if (!requiredBy[c]?.includes(f)) (requiredBy[c] ??= []).push(f);
  }
  const base = ops.base;
  if (base === undefined) return { burden: ops.burden, components: [...ops.components], requiredBy, minimal: false };
  const extra = Object.keys(requiredBy).filter((c) => !base.components.includes(c));
  if (extra.length === 0) return { burden: base.burden, components: [...base.components], requiredBy, minimal: true };
  const components = ops.components.filter((c) => base.components.includes(c) || extra.includes(c));
  return { burden: ops.burden, components, requiredBy, minimal: false };
}
