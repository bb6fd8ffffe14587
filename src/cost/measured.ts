import type { Answers } from '../advisor/answers.js';
import type { Catalog } from '../catalog/schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import { computeCosts, costSummaryForAdvisor, type AdvisorCost, type CostAdjustment, type CostResult, type GatewayCost } from './model.js';
import type { CostOptions } from './options.js';

/**
 * The cost model with what a benchmark measured (`cost --bench`, `choose --bench`). Pure, and outside the model
 * itself: it changes two inputs and re-runs the same model.
 *
 * - Tokens per request: the benchmark's prompt is a probe, not your workload, so its token sizes replace the
 *   answers' averages only when the run's prompts came from your own file and you ask for it (`--bench-tokens`);
 *   token sizes given as flags beat both, always.
 * - Gateway-reported vs computed cost: where the gateway bills the tokens (managed billing), its measured
 *   difference from the price table scales that gateway's token spend (a line says by how much). Where you pay the
 *   provider yourself, a gateway's reported cost is only its own estimate, so it is noted, not applied.
 * - Gateways the benchmark did not measure keep the price table and catalog figures, and say so.
 */

/** Which token sizes may come from the benchmark: decided by the user, read at the command's edge. */
export interface TokenChoice {
  /** `--bench-tokens`: use the measured sizes (allowed only when the run's prompts were the user's own file). */
  benchTokens: boolean;
  /** Token sizes given as flags (--avg-input-tokens, --avg-output-tokens): they beat the benchmark, always. */
  flagged: { input: boolean; output: boolean };
}

export type TokenField = 'input' | 'output';

export interface CostMeasurements {
  file: string;
  date: string;
  tokensPerRequest?: { input: number; output: number };
  /** Whether the run's prompts came from the user's own file; absent: they did not. */
  promptsFromFile?: boolean;
  /** Absent: the benchmark's token sizes are not used. */
  tokenChoice?: TokenChoice;
  /** Gateway id → (reported − computed) / computed × 100. */
  reportedVsComputedPct: ReadonlyMap<string, number>;
  /** Gateways the benchmark measured. */
  gateways: ReadonlySet<string>;
}

/** The token sizes the benchmark replaces: none unless its prompts were the user's own and --bench-tokens was given; never a flag's. */
export function benchTokenFields(m: CostMeasurements): TokenField[] {
  const t = m.tokenChoice;
  if (m.tokensPerRequest === undefined || m.promptsFromFile !== true || t === undefined || !t.benchTokens) return [];
  return (['input', 'output'] as const).filter((f) => !t.flagged[f]);
}

export function measuredAnswers(answers: Answers, m: CostMeasurements): Answers {
  const fields = benchTokenFields(m);
  const out = { ...answers };
  if (fields.includes('input')) out.avgInputTokens = m.tokensPerRequest!.input;
  if (fields.includes('output')) out.avgOutputTokens = m.tokensPerRequest!.output;
  return out;
}

/** Gateways whose measured difference from the price table was applied: each bills the tokens of an option (managed billing). */
export function tokenCostGateways(m: CostMeasurements, options: readonly GatewayCost[]): string[] {
  const out = new Set<string>();
  for (const c of options) {
    const biller = billedBy(c);
    if (biller !== undefined && m.reportedVsComputedPct.has(biller)) out.add(biller);
  }
  return [...out].sort();
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
  const used = measuredAnswers(answers, m);
  const result = computeCosts(used, options, catalog, models, measuredAdjustment(m));
  return { ...result, assumptions: [...result.assumptions, ...assumptionsFor(m, catalog, used)] };
}

/** The same adjustment for the totals `choose` scores on. */
export function withMeasuredAdvisorCosts(answers: Answers, options: CostOptions, catalog: Catalog, models: ModelTable, m: CostMeasurements): Map<string, AdvisorCost> {
  return costSummaryForAdvisor(measuredAnswers(answers, m), options, catalog, models, measuredAdjustment(m));
}

function sign(x: number): string {
  return `${x > 0 ? '+' : ''}${x.toFixed(2)}`;
}

function assumptionsFor(m: CostMeasurements, catalog: Catalog, answers: Answers): { text: string; source: string }[] {
  const measured = catalog.gateways.filter((g) => m.gateways.has(g.id)).map((g) => g.name);
  const others = catalog.gateways.filter((g) => !m.gateways.has(g.id)).map((g) => g.name);
  const out = [
    {
      text: `Measured by you on ${m.date}: ${measured.join(', ') || 'no gateway'}${others.length ? `; ${others.join(', ')} not measured (price table and catalog figures)` : ''}.`,
      source: m.file,
    },
  ];
  const text = m.tokensPerRequest && tokensText(m.tokensPerRequest, benchTokenFields(m), m, answers);
  if (text) out.push({ text, source: m.file });
  return out;
}

/** Where the token sizes came from, and why the benchmark's were or were not used. */
function tokensText(bench: { input: number; output: number }, used: readonly TokenField[], m: CostMeasurements, answers: Answers): string {
  const mine = `${answers.avgInputTokens} input and ${answers.avgOutputTokens} output`;
  if (used.length === 2) return `Tokens per request as measured with your own prompts: ${mine} (--bench-tokens, instead of the answers' averages).`;
  if (used.length === 1) return `Tokens per request: ${used[0]} as measured with your own prompts (--bench-tokens), the other as the flag gave it: ${mine}.`;
  const flagged = m.tokenChoice?.benchTokens === true && m.promptsFromFile === true;
  const why = flagged
    ? 'you gave both as flags, which beat the benchmark'
    : m.promptsFromFile === true
      ? "the run's prompts came from your own file; pass --bench-tokens to use its sizes"
      : "the run's prompt was a built-in probe, not your workload";
  return `Tokens per request from your answers: ${mine}, not the benchmark's ${bench.input} and ${bench.output} (${why}).`;
}
