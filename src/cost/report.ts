import type { Answers } from '../advisor/answers.js';
import type { Catalog } from '../catalog/schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import { computeCosts, type CostResult, type GatewayCost } from './model.js';
import type { CostOptions } from './options.js';
import { COST_SCHEMA_VERSION, type CostReport } from './report-schema.js';
import type { DecidingFact } from '../catalog/staleness.js';
import type { Dated } from '../warnings.js';
import { isoDay } from '../catalog/as-of.js';

/** The catalog facts priced by the two cheapest eligible options' lines (fees, plans), for staleness. Pure. */
export function costDecidingFacts(result: CostResult): DecidingFact[] {
  const eligible = [...result.gateways, ...result.stacks].filter((c) => c.eligible).sort((a, b) => a.monthlyUsd.total - b.monthlyUsd.total);
  return eligible
    .slice(0, 2)
    .flatMap((c) => c.lines.filter((l) => l.checked !== undefined).map((l) => ({ option: c.name, gateway: l.gateway ?? c.gateway, what: l.label, source: l.source, checked: l.checked })));
}

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
  dated: Dated = { asOf: isoDay(new Date()), warnings: [] },
): CostReport {
  return {
    schemaVersion: COST_SCHEMA_VERSION,
    asOf: dated.asOf,
    warnings: dated.warnings,
    inputs: {
      answers: { ...answers, needs: [...answers.needs], platforms: [...answers.platforms] },
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
