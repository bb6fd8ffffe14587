import type { Setup } from '../advisor/eligibility.js';
import type { Workload } from '../advisor/workload.js';
import { cacheSavingsLines, tokenLines } from './lines/tokens.js';
import { feeLines, planLines } from './lines/fees.js';
import { infrastructureLines } from './lines/infrastructure.js';
import { licenceLines } from './lines/licence.js';
import { opsLines } from './lines/ops.js';
import { sumOf, type CostContext, type CostLine } from './lines/types.js';

export interface MonthlyUsd {
  /** Sum of all lines with a published price. Excludes lines whose price is not published (see flags). */
  total: number;
  /** Provider token spend after response-cache savings. */
  tokens: number;
  fees: number;
  infrastructure: number;
  /** Published licence and plan prices only. */
  licence: number;
  ops: number;
  /** What the gateway response cache saves on token spend (already deducted from `tokens`). */
  cacheSavings: number;
}

/** The monthly cost of one option (a gateway, or a stack of them), line by line. */
export interface GatewayCost {
  /** The gateway's or the stack's id. */
  gateway: string;
  name: string;
  kind: 'gateway' | 'stack';
  /** How each member runs: one for a gateway, every member of a stack in request order. */
  members: { gateway: string; hosting: 'self-hosted' | 'managed'; billing: 'byok' | 'managed' }[];
  /** Where the first member runs. */
  hosting: 'self-hosted' | 'managed';
  /** How the tokens are paid for: with your keys, or through the credits of the member that bills them. */
  billing: 'byok' | 'managed';
  /** False when the option is not eligible for these answers (see `excludedBecause`); it is still costed as it would run. */
  eligible: boolean;
  excludedBecause: string[];
  monthlyUsd: MonthlyUsd;
  /** Provider token spend before response-cache savings. */
  tokensBeforeCache: number;
  /** A licence is needed and its price is not published: the total excludes it. */
  licenceUnpublished: boolean;
  /** Some line (licence or plan) has no published price: the total excludes it. */
  excludesUnpublished: boolean;
  lines: CostLine[];
  notes: string[];
}

/**
 * Cost one option as the eligibility decision set it up. Token spend is counted once, less the savings of the
 * member that serves the cache; then each member adds its own fees, plans, infrastructure, licence and ops for
 * the part it serves. Pure.
 */
export function costSetup(setup: Setup, ctx: CostContext, w: Workload): GatewayCost {
  const stack = setup.stack !== undefined;
  const [lead] = setup.members;
  if (lead === undefined) throw new Error(`option ${setup.id} has no members`);
  // Provider prompt caching survives only if every hop passes it through.
  const passes = setup.members.every((m) => {
    const l = m.gateway.features['prompt-caching-passthrough']?.level;
    return l === undefined || l === 'yes' || l === 'partial';
  });
  const tokens = tokenLines(ctx, lead.answers, passes);
  const gross = sumOf(tokens, 'tokens');
  const tag = (m: (typeof setup.members)[number], lines: CostLine[]) =>
    stack ? lines.map((l) => ({ ...l, label: `${m.gateway.name}: ${l.label}`, gateway: m.gateway.id })) : lines;
  const savings = setup.members.flatMap((m) => tag(m, cacheSavingsLines(ctx, m, gross)));
  const net = gross + sumOf(savings, 'cache-savings');
  const perMember = setup.members.flatMap((m) =>
    tag(m, [...feeLines(ctx, m, w, net), ...planLines(ctx, m, w), ...infrastructureLines(ctx, m, w), ...licenceLines(ctx, m), ...opsLines(ctx, m)]),
  );
  const lines = [...tokens, ...savings, ...perMember];
  const monthlyUsd: MonthlyUsd = {
    tokens: net,
    cacheSavings: 0 - sumOf(savings, 'cache-savings'), // 0 − 0 is +0, where −0 would print as "-$0.00"
    fees: sumOf(lines, 'fee'),
    infrastructure: sumOf(lines, 'infrastructure'),
    licence: sumOf(lines, 'licence', 'plan'),
    ops: sumOf(lines, 'ops'),
    total: 0,
  };
  monthlyUsd.total = monthlyUsd.tokens + monthlyUsd.fees + monthlyUsd.infrastructure + monthlyUsd.licence + monthlyUsd.ops;
  const billedBy = setup.members.find((m) => m.billing === 'managed') ?? lead;
  return {
    gateway: setup.id,
    name: setup.name,
    kind: stack ? 'stack' : 'gateway',
    members: setup.members.map((m) => ({ gateway: m.gateway.id, hosting: m.hosting, billing: m.billing })),
    hosting: lead.hosting,
    billing: billedBy.billing,
    eligible: setup.eligible,
    excludedBecause: setup.exclusions.map((e) => e.text),
    monthlyUsd,
    tokensBeforeCache: gross,
    licenceUnpublished: lines.some((l) => l.kind === 'licence' && l.usd === null),
    excludesUnpublished: lines.some((l) => l.usd === null),
    lines,
    notes: setup.members.flatMap((m) => m.notes),
  };
}
