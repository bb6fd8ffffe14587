import type { Answers } from '../advisor/answers.js';
import { benchRecord, type BenchRecord } from '../bench/bench-record.js';
import type { Measurements } from '../bench/measured.js';
import { costChange, type CheapestOption } from '../bench/pick-change.js';
import type { ModelTable } from '../catalog/models-schema.js';
import type { Catalog } from '../catalog/schema.js';
import { benchTokenFields, tokenCostGateways } from '../cost/measured.js';
import { computeCosts, type CostResult } from '../cost/model.js';
import type { CostOptions } from '../cost/options.js';

/**
 * `cost --bench`: what the benchmark replaced, and the cheapest option without it (the same model on the price
 * table and the answers alone), so the document can say whether the measurements changed it.
 */
export function costBenchRecord(answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable, m: Measurements, measured: CostResult): BenchRecord {
  const plain = computeCosts(answers, options, catalog, models);
  // A knee replaced the capacity of a gateway the options self-host (its instance line is sized from it).
  const capacity = [...(m.knees?.keys() ?? [])].filter((g) => measured.gateways.some((c) => c.members.some((x) => x.gateway === g && x.hosting === 'self-hosted')));
  const replaced = { tokens: benchTokenFields(m), overhead: [], tokenCost: tokenCostGateways(m, [...measured.gateways, ...measured.stacks]), capacity };
  const cheapest = (r: CostResult): CheapestOption | undefined => {
    const c = r.cheapest && [...r.gateways, ...r.stacks].find((g) => g.gateway === r.cheapest!.gateway);
    return c ? { gateway: c.gateway, name: c.name, totalUsd: c.monthlyUsd.total, members: c.members.map((x) => x.gateway) } : undefined;
  };
  const totals = (r: CostResult) => new Map([...r.gateways, ...r.stacks].map((g) => [g.gateway, g.monthlyUsd.total]));
  const names = new Map([...catalog.gateways, ...catalog.stacks].map((g) => [g.id, g.name]));
  return benchRecord(m, replaced, costChange(cheapest(plain), cheapest(measured), { without: totals(plain), with: totals(measured) }, m, replaced, names));
}
