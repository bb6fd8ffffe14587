import { formatNumber, formatUsd } from '../format.js';
import { markdownSafe } from '../text/inert.js';

/**
 * The step summary of `choose` and `cost` inside GitHub Actions (pure): the pick, its score or monthly total, and
 * the gates. Names can come from a `--data` catalog the reader did not write, so they are made inert for markdown.
 */

/** The little of a `choose --json` document the summary reads. */
export interface PickDocument {
  recommendation: { gateway: string | null; stack: readonly string[]; name: string; score: number; confidenceText: string; runnerUp: string | null };
  ranking: ReadonlyArray<{ gateway: string; name: string; score: number; eligible: boolean }>;
  stacks: ReadonlyArray<{ gateway: string; name: string; members: readonly string[]; score: number; eligible: boolean }>;
}

/**
 * The top pick's id, as `--expect` takes it: the stack's id when the pick is a combination, else the gateway's;
 * null when nothing is eligible.
 */
export function pickId(doc: PickDocument): string | null {
  const top = doc.recommendation;
  // A stack has two members or more, so a single gateway (or none: an empty stack) matches no stack.
  return doc.stacks.find((s) => s.members.join() === top.stack.join())?.gateway ?? top.gateway;
}

const code = (id: string): string => `\`${id.replace(/`/g, "'")}\``;
const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** `### gateway-scout choose`, the pick with its score and confidence, the next options, and the gates' outcome. */
export function chooseSummaryMarkdown(doc: PickDocument, failures: readonly string[], gated: boolean): string {
  const id = pickId(doc);
  const top = doc.recommendation;
  const lines = ['### gateway-scout choose', ''];
  if (id === null) lines.push('**No option is eligible for these answers.**', '');
  else lines.push(`**Pick: ${markdownSafe(top.name)}** (${code(id)}), score **${top.score}**/100; confidence ${markdownSafe(top.confidenceText)}.`, '');
  const options = [...doc.ranking, ...doc.stacks].filter((o) => o.eligible).sort((a, b) => b.score - a.score).slice(0, 5);
  if (options.length > 0) {
    lines.push('| option | id | score |', '| --- | --- | ---: |');
    for (const o of options) lines.push(`| ${cell(markdownSafe(o.name))} | ${code(o.gateway)} | ${o.score} |`);
    lines.push('');
  }
  if (failures.length > 0) lines.push(`**Gates: ❌ ${failures.length} failed**`, '', ...failures.map((f) => `- ${markdownSafe(f)}`), '');
  else if (gated) lines.push('**Gates: ✅ passed**', '');
  // A blank line after, so whatever a later step appends starts a block of its own.
  return lines.join('\n') + '\n';
}

/** The little of a `cost --json` document the summary reads. */
export interface CostPickDocument {
  inputs: { answers: { monthlyRequests: number } };
  gateways: ReadonlyArray<{ gateway: string; name: string }>;
  stacks: ReadonlyArray<{ gateway: string; name: string }>;
  cheapest: { gateway: string; totalUsd: number; excludesUnpublished: boolean } | null;
}

/** `### gateway-scout cost`: the cheapest eligible option and its monthly total at the answers' volume. */
export function costSummaryMarkdown(doc: CostPickDocument): string {
  const lines = ['### gateway-scout cost', ''];
  const c = doc.cheapest;
  const volume = `${formatNumber(doc.inputs.answers.monthlyRequests)} requests/month`;
  if (c === null) lines.push(`**No option is eligible at ${volume}.**`);
  else {
    const name = [...doc.gateways, ...doc.stacks].find((o) => o.gateway === c.gateway)?.name ?? c.gateway;
    const excludes = c.excludesUnpublished ? ' (excluding fees whose amount is not published)' : '';
    lines.push(`**Cheapest: ${markdownSafe(name)}** (${code(c.gateway)}), ${formatUsd(c.totalUsd)}/month at ${volume}${excludes}.`);
  }
  return lines.join('\n') + '\n\n';
}
