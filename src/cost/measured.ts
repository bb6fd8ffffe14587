import type { Answers } from '../advisor/answers.js';
import type { Catalog } from '../catalog/schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import { computeCosts, costSummaryForAdvisor, type AdvisorCost, type CostAdjustment, type CostResult, type GatewayCost } from './model.js';
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

/**
 * The measured difference that applies to an option: that of the member billing the tokens through its credits
 * (managed billing). Where you pay the provider yourself, a gateway's reported cost is only its own estimate.
 */
function billedBy(c: GatewayCost): string | undefined {
  // An option's billing is managed exactly when one of its members bills the tokens (option-cost.ts).
  return c.members.find((x) => x.billing === 'managed')?.gateway;
}

/** The adjustment the cost model applies to every option at every volume: extra token spend, with a line and a note. */
export function measuredAdjustment(m: CostMeasurements): CostAdjustment {
  return (c) => {
    const biller = billedBy(c);
    const pct = biller === undefined ? undefined : m.reportedVsComputedPct.get(biller);
    const extra = pct === undefined ? 0 : (c.monthlyUsd.tokens * pct) / 100;
    const notes = [...c.notes];
    const lines = [...c.lines];
    const own = c.kind === 'gateway' ? m.reportedVsComputedPct.get(c.gateway) : undefined;
    if (c.kind === 'gateway') {
      if (!m.gateways.has(c.gateway)) notes.push('Not measured by you: price table and catalog figures.');
      else if (own === undefined) notes.push(`Measured by you on ${m.date} (${m.file}), but it reported no cost to compare with the price table.`);
      else if (biller === undefined) {
        notes.push(`Measured by you on ${m.date}: it reported ${sign(own)}% against the price table, but you pay the provider directly, so that is its estimate, not your bill; not applied.`);
      }
    }
    if (pct !== undefined) {
      lines.push({
        kind: 'tokens',
        label: 'Measured: gateway-reported vs price-table cost',
        usd: extra,
        assumption: `${c.kind === 'stack' ? `${biller}, which bills the tokens, ` : 'It '}reported ${sign(pct)}% against the price table in your benchmark of ${m.date}; applied to the token spend of $${c.monthlyUsd.tokens.toFixed(2)}.`,
        source: m.file,
      });
    }
    return { ...c, lines, notes, monthlyUsd: { ...c.monthlyUsd, tokens: c.monthlyUsd.tokens + extra, total: c.monthlyUsd.total + extra } };
  };
}

/** The cost model re-run with the measurements: tokens per request replaced, measured differences applied. */
export function withMeasuredCosts(answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable, m: CostMeasurements): CostResult {
  const result = computeCosts(measuredAnswers(answers, m), options, catalog, models, measuredAdjustment(m));
  return { ...result, assumptions: [...result.assumptions, ...assumptionsFor(m, catalog)] };
}

/** The same adjustment for the totals `choose` scores on. */
export function withMeasuredAdvisorCosts(answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable, m: CostMeasurements): Map<string, AdvisorCost> {
  return costSummaryForAdvisor(measuredAnswers(answers, m), options, catalog, models, measuredAdjustment(m));
}

function sign(x: number): string {
  return `${x > 0 ? '+' : ''}${x.toFixed(2)}`;
}

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
