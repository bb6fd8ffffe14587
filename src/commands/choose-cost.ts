import type { Answers } from '../advisor/answers.js';
import { servedAnswers, stackAssignment } from '../advisor/wanted.js';
import type { CriteriaExtras, SubjectCost } from '../advisor/criteria.js';
import type { Catalog } from '../catalog/schema.js';
import type { PartialCostOptions } from '../cost/options.js';
import { loadModels } from '../io/data-files.js';

export interface CostInputs {
  /** The answers file's `cost:` section, unchecked. */
  section: Record<string, unknown> | undefined;
  /** Cost flags, already checked. */
  flags: PartialCostOptions;
  answersFile?: string | undefined;
  modelsFile?: string | undefined;
  /** A benchmark's measurements (`choose --bench`): tokens per request and gateway-vs-price-table cost differences. */
  measured?: import('../cost/measured.js').CostMeasurements | undefined;
}

/**
 * The cost model's contribution to `choose`: monthly totals per gateway and per stack for the cost criterion.
 * A stack's total adds its members' fees, infrastructure, licences and ops, each member costed for what it
 * serves, and counts token spend once.
 */
export async function costExtras(answered: Answers, catalog: Catalog, inputs: CostInputs): Promise<{ extras: CriteriaExtras; summary: unknown }> {
  const [models, { resolveCostOptions }, model, measuredCost] = await Promise.all([
    loadModels(inputs.modelsFile),
    import('../cost/options.js'),
    import('../cost/model.js'),
    inputs.measured ? import('../cost/measured.js') : undefined,
  ]);
  const m = inputs.measured;
  const answers = m && measuredCost ? measuredCost.measuredAnswers(answered, m) : answered;
  const fromFile = inputs.section === undefined ? undefined : (await import('../cost/options-schema.js')).parseCostSection(inputs.section, inputs.answersFile);
  const options = resolveCostOptions(fromFile, inputs.flags, models.value, inputs.answersFile);
  const costSummaryForAdvisor: typeof model.costSummaryForAdvisor = (a, o, c, t) => {
    const costs = model.costSummaryForAdvisor(a, o, c, t);
    return m && measuredCost ? measuredCost.withMeasuredAdvisorCosts(costs, a, o, c, t, m) : costs;
  };
  const perGateway = costSummaryForAdvisor(answers, options, catalog, models.value);
  const costs = new Map<string, SubjectCost>();
  for (const [id, c] of perGateway) costs.set(id, { name: c.name, total: c.total, licenceUnpublished: c.licenceUnpublished, eligible: c.eligible });
  for (const st of catalog.stacks) {
    // Each member is costed for the part of the workload it serves (e.g. no Redis cache behind an edge cache).
    const assignment = stackAssignment(st, catalog.gateways);
    // Cost only the member itself, not the whole catalog again.
    const member = (m: string) => ({ ...catalog, gateways: catalog.gateways.filter((g) => g.id === m) });
    const members = st.members.map((m) => costSummaryForAdvisor(servedAnswers(st, assignment, m, answers), options, member(m), models.value).get(m));
    if (members.some((m) => m === undefined)) continue;
    const ms = members as NonNullable<(typeof members)[number]>[];
    const tokens = Math.min(...ms.map((m) => m.monthlyUsd.tokens));
    const rest = ms.reduce((sum, m) => sum + m.monthlyUsd.fees + m.monthlyUsd.infrastructure + m.monthlyUsd.licence + m.monthlyUsd.ops, 0);
    // A stack can serve what its lead cannot alone (e.g. LiteLLM without keys, through OpenRouter).
    costs.set(st.id, { name: st.name, total: tokens + rest, licenceUnpublished: ms.some((m) => m.licenceUnpublished), eligible: ms.slice(1).some((m) => m.eligible) || ms[0]!.eligible });
  }
  const summary = {
    modelMix: options.models,
    monthlyUsd: Object.fromEntries([...costs].map(([id, c]) => [id, { total: Math.round(c.total * 100) / 100, licenceUnpublished: c.licenceUnpublished, costable: c.eligible }])),
    note: 'Stack totals add the members\' fees, infrastructure, licences and ops and count token spend once. `gateway-scout cost` has every line.',
  };
  return { extras: { monthlyUsd: costs }, summary };
}
