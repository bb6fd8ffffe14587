import { formatNumber } from '../format.js';
import { quantile } from './stats.js';

/**
 * Usage audit (pure): does a gateway report the token usage the provider reported? Each successful request is
 * paired with the baseline's in the same round (the same prompt; with cache bypass the nonce keeps its length,
 * see promptFor in plan.ts), and the gateway's prompt and completion tokens are compared with the baseline's.
 * Completion tokens are read two ways, and the closer reading counts: as they are (two answers capped by
 * max_tokens have the same count) and per character of output (two answers to one prompt may differ in length,
 * while one model's tokens per character differ much less). Thresholds and why: docs/bench.md.
 */

/** Prompt tokens match when within this many tokens… */
export const PROMPT_ABS_TOL = 3;
/** …or this share of the baseline's (a nonce or a message wrapper may tokenise a little differently). */
export const PROMPT_REL_TOL = 0.05;
/** Completion tokens match when within this many tokens of the expected count… */
export const COMPLETION_ABS_TOL = 3;
/** …or this share of it (tokens per character vary a little between two answers). */
export const COMPLETION_REL_TOL = 0.15;
/** Inflated or deflated counts only when more than this share of compared pairs show it (single pairs are noise). */
export const DRIFT_SHARE = 0.1;

export interface UsageRow {
  round: number;
  /** The server reported usage (output tokens at least). */
  reported: boolean;
  inputTokens: number;
  outputTokens: number;
  /** Characters of generated output. */
  outputChars: number;
}

export type UsageVerdict = 'ok' | 'missing' | 'zeroed' | 'inflated' | 'deflated' | 'mixed';

export interface UsageAudit {
  /** Rounds where both succeeded and the baseline reported usage. */
  compared: number;
  matching: number;
  /** The baseline reported usage, this target did not. */
  missing: number;
  /** This target reported 0 prompt or completion tokens where the baseline reported more. */
  zero: number;
  inflated: number;
  deflated: number;
  /** (compared − matching) ÷ compared; null when nothing was compared. */
  mismatchRate: number | null;
  /** Median over compared pairs with usage on both sides of (target − baseline) ÷ baseline × 100. */
  medianPromptDiffPct: number | null;
  /** The same for completion tokens, each pair read as it is or per character of output, whichever is closer. */
  medianCompletionDiffPct: number | null;
  verdict: UsageVerdict | null;
  evidence: string;
}

const empty = (evidence: string): UsageAudit => ({
  compared: 0,
  matching: 0,
  missing: 0,
  zero: 0,
  inflated: 0,
  deflated: 0,
  mismatchRate: null,
  medianPromptDiffPct: null,
  medianCompletionDiffPct: null,
  verdict: null,
  evidence,
});

export const noBaselineAudit = (isBaseline: boolean): UsageAudit =>
  empty(isBaseline ? 'The baseline: the reference the others are compared with.' : 'No baseline: nothing to compare the reported usage with.');

const pct = (x: number): number => Math.round(x * 10_000) / 100;
const signed = (x: number): string => `${x > 0 ? '+' : ''}${formatNumber(x, 1)}%`;

type Kind = 'matching' | 'missing' | 'zero' | 'inflated' | 'deflated';

/** One pair's class and, when both reported non-zero usage, the two relative differences. */
function classify(t: UsageRow, b: UsageRow): { kind: Kind; prompt?: number; completion?: number } {
  if (!t.reported) return { kind: 'missing' };
  if ((t.outputTokens === 0 && b.outputTokens > 0) || (t.inputTokens === 0 && b.inputTokens > 0)) return { kind: 'zero' };
  const dp = t.inputTokens - b.inputTokens;
  const { dc, expected } = completionDiff(t, b);
  const overP = Math.abs(dp) > Math.max(PROMPT_ABS_TOL, PROMPT_REL_TOL * b.inputTokens);
  const overC = Math.abs(dc) > Math.max(COMPLETION_ABS_TOL, COMPLETION_REL_TOL * expected);
  const kind: Kind = (overP && dp > 0) || (overC && dc > 0) ? 'inflated' : overP || overC ? 'deflated' : 'matching';
  return {
    kind,
    ...(b.inputTokens > 0 ? { prompt: dp / b.inputTokens } : {}),
    ...(expected > 0 ? { completion: dc / expected } : {}),
  };
}

/** Completion tokens against the baseline's, as they are or per character of output, whichever is closer. */
function completionDiff(t: UsageRow, b: UsageRow): { dc: number; expected: number } {
  const raw = { dc: t.outputTokens - b.outputTokens, expected: b.outputTokens };
  if (t.outputChars <= 0 || b.outputChars <= 0) return raw;
  const expected = (b.outputTokens * t.outputChars) / b.outputChars;
  const perChar = { dc: t.outputTokens - expected, expected };
  const rel = (x: { dc: number; expected: number }) => (x.expected > 0 ? Math.abs(x.dc / x.expected) : Math.abs(x.dc));
  return rel(perChar) < rel(raw) ? perChar : raw;
}

export function auditUsage(target: readonly UsageRow[], baseline: readonly UsageRow[]): UsageAudit {
  const theirs = new Map<number, UsageRow>();
  for (const b of baseline) if (b.reported) theirs.set(b.round, b);
  const counts: Record<Kind, number> = { matching: 0, missing: 0, zero: 0, inflated: 0, deflated: 0 };
  const prompt: number[] = [];
  const completion: number[] = [];
  for (const t of target) {
    const b = theirs.get(t.round);
    if (b === undefined) continue;
    const c = classify(t, b);
    counts[c.kind]++;
    if (c.prompt !== undefined) prompt.push(c.prompt);
    if (c.completion !== undefined) completion.push(c.completion);
  }
  const compared = Object.values(counts).reduce((a, b) => a + b, 0);
  if (compared === 0) return empty('Nothing to compare: no round where both this target and the baseline succeeded with the baseline reporting usage.');
  const medP = prompt.length ? pct(quantile(prompt, 0.5)) : null;
  const medC = completion.length ? pct(quantile(completion, 0.5)) : null;
  const present: UsageVerdict[] = [];
  if (counts.missing > 0) present.push('missing');
  if (counts.zero > 0) present.push('zeroed');
  if (counts.inflated > DRIFT_SHARE * compared) present.push('inflated');
  if (counts.deflated > DRIFT_SHARE * compared) present.push('deflated');
  const verdict: UsageVerdict = present.length === 0 ? 'ok' : present.length === 1 ? present[0]! : 'mixed';
  return {
    compared,
    ...counts,
    mismatchRate: Math.round(((compared - counts.matching) / compared) * 10_000) / 10_000,
    medianPromptDiffPct: medP,
    medianCompletionDiffPct: medC,
    verdict,
    evidence: evidence(verdict, compared, counts, medP, medC),
  };
}

function evidence(verdict: UsageVerdict, compared: number, c: Record<Kind, number>, medP: number | null, medC: number | null): string {
  const parts = [`${c.matching} of ${compared} rounds match the baseline's usage`];
  const report = (n: number) => `${n} ${n === 1 ? 'reports' : 'report'}`;
  if (c.missing) parts.push(`${report(c.missing)} none where the baseline did`);
  if (c.zero) parts.push(`${report(c.zero)} zero tokens`);
  if (c.inflated) parts.push(`${report(c.inflated)} more`);
  if (c.deflated) parts.push(`${report(c.deflated)} fewer`);
  const medians = [medP !== null && `prompt ${signed(medP)}`, medC !== null && `completion ${signed(medC)}`].filter(Boolean);
  const tail = medians.length ? `; median difference from the baseline: ${medians.join(', ')}` : '';
  const meaning: Record<UsageVerdict, string> = {
    ok: 'Usage as the baseline reports it',
    missing: 'The gateway drops usage the provider reported, so tokens and cost are estimated',
    zeroed: 'The gateway reports zero tokens, so usage-based cost and budgets read nothing',
    inflated: 'The gateway reports more tokens than the provider; check its accounting before trusting its cost',
    deflated: 'The gateway reports fewer tokens than the provider, so its cost and budgets undercount',
    mixed: 'The gateway\'s usage differs from the provider\'s in more than one way',
  };
  return `${parts.join(', ')}${tail}. ${meaning[verdict]}.`;
}
