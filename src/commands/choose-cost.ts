import type { Answers } from '../advisor/answers.js';
import type { CriteriaExtras, SubjectCost } from '../advisor/criteria.js';
import type { Catalog } from '../catalog/schema.js';
import type { CostOptions, PartialCostOptions } from '../cost/options.js';
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
 * The cost model's contribution to `choose`: monthly totals per gateway and per stack for the cost criterion, and
 * the workload (peak factor, billing, ...) the eligibility decision reads, both from the same cost options.
 */
export async function costExtras(answered: Answers, catalog: Catalog, inputs: CostInputs): Promise<{ extras: CriteriaExtras; summary: unknown; tokenCost: string[]; options: CostOptions }> {
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
  // A benchmark's measured cost differences adjust the gateways it measured; the rest keep the price table.
  const perOption = m && measuredCost ? measuredCost.withMeasuredAdvisorCosts(answers, options, catalog, models.value, m) : model.costSummaryForAdvisor(answers, options, catalog, models.value);
  const costs = new Map<string, SubjectCost>(
    [...perOption].map(([id, c]) => [id, { name: c.name, total: c.total, licenceUnpublished: c.licenceUnpublished, excludesUnpublished: c.excludesUnpublished, eligible: c.eligible, why: c.why }]),
  );
  const summary = {
    modelMix: options.models,
    monthlyUsd: Object.fromEntries([...costs].map(([id, c]) => [id, { total: Math.round(c.total * 100) / 100, licenceUnpublished: c.licenceUnpublished, costable: c.eligible }])),
    note: 'Stack totals count token spend once and add each member\'s fees, plans, infrastructure, licences and ops for what it serves. `gateway-scout cost` has every line.',
  };
  // Which gateways' measured cost differences were applied (`bench.replaced`): those billing an option's tokens.
  const tokenCost = m && measuredCost ? measuredCost.tokenCostGateways(m, model.costAllOptions(answers, options, catalog, models.value)) : [];
  return { extras: { monthlyUsd: costs, workload: model.workloadFrom(answers, options, models.value) }, summary, tokenCost, options };
}
