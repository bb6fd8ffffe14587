import type { Answers } from '../advisor/answers.js';
import type { Catalog } from '../catalog/schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import { breakEvenPoints, sensitivityCurve } from './break-even.js';
import { gatewayCostAt, type AdvisorCost, type CostResult } from './model.js';
import type { CostOptions } from './options.js';

/**
 * The cost model with what a benchmark measured (`cost --bench`, `choose --bench`). Pure, and outside the model
 * itself: it changes two inputs and re-runs the same model.
 *
 * - Tokens per request: the measured means replace the answers' averages.
 * - Gateway-reported vs computed cost: where the gateway bills the tokens (managed billing), its measured
 *   difference from the price table scales that gateway's token spend (a line says by how much). Where you pay the
 *   provider yourself, a gateway's reported cost is only its own estimate, so it is noted, not applied.
 * - Gateways the benchmark did not measure keep the price table and catalog figures, and say so.
 */

export interface CostMeasurements {
  file: string;
  date: string;
  tokensPerRequest?: { input: number; output: number };
  /** Gateway id → (reported − computed) / computed × 100. */
  reportedVsComputedPct: ReadonlyMap<string, number>;
  /** Gateways the benchmark measured. */
  gateways: ReadonlySet<string>;
}

export function measuredAnswers(answers: Answers, m: CostMeasurements): Answers {
  return m.tokensPerRequest ? { ...answers, avgInputTokens: m.tokensPerRequest.input, avgOutputTokens: m.tokensPerRequest.output } : answers;
}

/** Extra token spend (USD/month) from a measured difference, when the gateway is the one billing the tokens. */
function adjustment(billing: 'byok' | 'managed', tokensUsd: number, pct: number | undefined): number {
  return billing === 'managed' && pct !== undefined ? (tokensUsd * pct) / 100 : 0;
}

export function withMeasuredCosts(result: CostResult, answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable, m: CostMeasurements): CostResult {
  const pctOf = (id: string) => m.reportedVsComputedPct.get(id);
  const total = (id: string, requests: number): number => {
    const g = catalog.gateways.find((x) => x.id === id)!;
    const c = gatewayCostAt(g, { ...answers, monthlyRequests: requests }, options, catalog, models);
    return c.monthlyUsd.total + adjustment(c.billing, c.monthlyUsd.tokens, pctOf(id));
  };
  const gateways = result.gateways.map((g) => {
    const pct = pctOf(g.gateway);
    const extra = adjustment(g.billing, g.monthlyUsd.tokens, pct);
    const notes = [...g.notes];
    const lines = [...g.lines];
    if (!m.gateways.has(g.gateway)) notes.push(`Not measured by you: price table and catalog figures.`);
    else if (pct === undefined) notes.push(`Measured by you on ${m.date} (${m.file}), but it reported no cost to compare with the price table.`);
    else if (extra === 0 && g.billing !== 'managed') {
      notes.push(`Measured by you on ${m.date}: it reported ${sign(pct)}% against the price table, but you pay the provider directly, so that is its estimate, not your bill; not applied.`);
    }
    if (extra !== 0 || (pct !== undefined && g.billing === 'managed')) {
      lines.push({
        kind: 'tokens',
        label: 'Measured: gateway-reported vs price-table cost',
        usd: extra,
        assumption: `It reported ${sign(pct!)}% against the price table in your benchmark of ${m.date}; applied to its token spend of $${g.monthlyUsd.tokens.toFixed(2)}.`,
        source: m.file,
      });
    }
    return { ...g, lines, notes, monthlyUsd: { ...g.monthlyUsd, tokens: g.monthlyUsd.tokens + extra, total: g.monthlyUsd.total + extra } };
  });
  const eligible = gateways.filter((g) => g.eligible);
  let cheapest: CostResult['cheapest'] = null;
  for (const g of eligible) if (!cheapest || g.monthlyUsd.total < cheapest.totalUsd) cheapest = { gateway: g.gateway, totalUsd: g.monthlyUsd.total, excludesUnpublished: g.excludesUnpublished };
  const eligibleGateways = catalog.gateways.filter((g) => eligible.some((e) => e.gateway === g.id));
  const byGateway = (g: { id: string }, requests: number) => total(g.id, requests);
  return {
    gateways,
    cheapest,
    breakEven: breakEvenPoints(eligibleGateways, byGateway, answers.monthlyRequests),
    curve: sensitivityCurve(catalog.gateways, byGateway),
    assumptions: [...result.assumptions, ...assumptionsFor(m, catalog)],
  };
}

/** The same adjustment for the totals `choose` scores on. */
export function withMeasuredAdvisorCosts(costs: Map<string, AdvisorCost>, answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable, m: CostMeasurements): Map<string, AdvisorCost> {
  const out = new Map<string, AdvisorCost>();
  for (const [id, c] of costs) {
    const g = catalog.gateways.find((x) => x.id === id);
    const pct = pctOfGateway(m, id);
    const billing = g && pct !== undefined ? gatewayCostAt(g, answers, options, catalog, models).billing : 'byok';
    const extra = adjustment(billing, c.monthlyUsd.tokens, pct);
    out.set(id, extra === 0 ? c : { ...c, total: c.total + extra, monthlyUsd: { ...c.monthlyUsd, tokens: c.monthlyUsd.tokens + extra, total: c.monthlyUsd.total + extra } });
  }
  return out;
}

const pctOfGateway = (m: CostMeasurements, id: string) => m.reportedVsComputedPct.get(id);
const sign = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(2)}`;

function assumptionsFor(m: CostMeasurements, catalog: Catalog): { text: string; source: string }[] {
  const measured = catalog.gateways.filter((g) => m.gateways.has(g.id)).map((g) => g.name);
  const others = catalog.gateways.filter((g) => !m.gateways.has(g.id)).map((g) => g.name);
  const out = [
    {
      text: `Measured by you on ${m.date}: ${measured.join(', ') || 'no gateway'}${others.length ? `; ${others.join(', ')} not measured (price table and catalog figures)` : ''}.`,
      source: m.file,
    },
  ];
  if (m.tokensPerRequest) {
    out.push({ text: `Tokens per request as measured: ${m.tokensPerRequest.input} input and ${m.tokensPerRequest.output} output (instead of the answers' averages).`, source: m.file });
  }
  return out;
}
