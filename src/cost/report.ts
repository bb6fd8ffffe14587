import type { Answers } from '../advisor/answers.js';
import type { Catalog } from '../catalog/schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import { computeCosts, type CostResult, type GatewayCost } from './model.js';
import type { CostOptions } from './options.js';
import { COST_SCHEMA_VERSION, type CostReport } from './report-schema.js';

/** Round to cents for the document; the model itself keeps full precision. */
const cents = (x: number): number => Math.round(x * 100) / 100 + 0; // + 0 turns -0 into 0

const rounded = (g: GatewayCost): CostReport['gateways'][number] => ({
  ...g,
  members: g.members.map((m) => ({ ...m })),
  excludedBecause: [...g.excludedBecause],
  monthlyUsd: {
    total: cents(g.monthlyUsd.total),
    tokens: cents(g.monthlyUsd.tokens),
    fees: cents(g.monthlyUsd.fees),
    infrastructure: cents(g.monthlyUsd.infrastructure),
    licence: cents(g.monthlyUsd.licence),
    ops: cents(g.monthlyUsd.ops),
    cacheSavings: cents(g.monthlyUsd.cacheSavings),
  },
  tokensBeforeCache: cents(g.tokensBeforeCache),
  lines: g.lines.map((l) => ({ ...l, usd: l.usd === null ? null : cents(l.usd) })),
  notes: [...g.notes],
});

/** Build the `cost --json` document. Pure. */
export function buildCostReport(
  answers: Answers,
  options: CostOptions,
  catalog: { value: Catalog; file: string },
  models: { value: ModelTable; file: string },
  result: CostResult = computeCosts(answers, options, catalog.value, models.value),
): CostReport {
  return {
    schemaVersion: COST_SCHEMA_VERSION,
    inputs: {
      answers: { ...answers, needs: [...answers.needs] },
      cost: structuredClone(options),
      catalog: { file: catalog.file, version: catalog.value.version },
      models: { file: models.file, version: models.value.version },
    },
    gateways: result.gateways.map(rounded),
    stacks: result.stacks.map(rounded),
    cheapest: result.cheapest ? { ...result.cheapest, totalUsd: cents(result.cheapest.totalUsd) } : null,
    breakEven: result.breakEven.map((b) => ({ ...b, crossings: [...b.crossings] })),
    curve: {
      monthlyRequests: [...result.curve.monthlyRequests],
      series: result.curve.series.map((s) => ({ gateway: s.gateway, totalUsd: s.totalUsd.map((x) => (x === null ? null : cents(x))) })),
    },
    assumptions: result.assumptions.map((a) => ({ ...a })),
  };
}
