import type { MissingEnv as UnsetVariable } from '../bench/env.js';
import type { RunEstimate } from '../bench/estimate.js';
import { formatInt, formatUsd } from '../format.js';
import { hang, visibleWidth } from './layout.js';
import { paint } from './paint.js';

/**
 * `bench --dry-run`: what would be sent, where, and what it would cost at most (pure), fitted to `width`. A
 * URL longer than the width keeps a line of its own rather than being cut.
 */

/** The variables a real run would miss: an API key stops it (exit 2); an unset gateway token is simply not sent. */
function unsetLines(unset: readonly UnsetVariable[], w: number, c: ReturnType<typeof paint>): string[] {
  if (unset.length === 0) return [];
  const lines = ['', ...hang('', c.bold('Not set in this environment (names only):'), w, undefined, 2)];
  for (const v of unset) {
    const what = v.required
      ? `API key for ${v.targets.join(', ')}: a real run needs it and stops before sending anything (exit 2) without it`
      : `gateway token for ${v.targets.join(', ')}: not sent; fine for a gateway without authentication, an authenticated one answers 401`;
    lines.push(...hang(`  ${v.required ? c.red('✗') : c.yellow('!')} `, `${v.name} (${what})`, w));
  }
  return lines;
}

export function renderPlan(e: RunEstimate, describe: string, maxSpend: number | undefined, o: { width: number; color: boolean }, unset: readonly UnsetVariable[] = []): string {
  const c = paint(o.color);
  const w = Math.max(20, o.width);
  const lines = [...hang('', `${c.bold('Plan')}: ${describe}`, w, undefined, 2), ''];
  for (const t of e.targets) {
    lines.push(...hang('', `${c.bold(t.name)} (${t.gateway}) ${t.model}`, w, undefined, 2));
    // A URL is never cut: when it does not fit beside POST, it gets a line of its own (to click or copy whole).
    lines.push(...(visibleWidth(`  POST ${t.url}`) <= w ? [`  POST ${t.url}`] : ['  POST', `    ${t.url}`]));
    const price = t.priceFrom ? ` at ${t.priceFrom} prices` : ' (no price known)';
    lines.push(...hang('  ', `${t.requests} requests (warmup included), ≈${formatInt(t.inputTokens)} input + ≤${formatInt(t.outputTokens)} output tokens, ≤${formatUsd(t.usd)}${price}`, w, undefined, 4));
  }
  const unpriced = e.unpriced.length ? ` plus unpriced targets (${e.unpriced.join(', ')})` : '';
  const cap = maxSpend !== undefined ? `; --max-spend stops sending at $${maxSpend}` : '';
  lines.push('', ...hang('', `Total: ${e.requests} requests, at most ${formatUsd(e.usd)}${unpriced}${cap}.`, w, undefined, 2));
  lines.push(...unsetLines(unset, w, c));
  return lines.join('\n') + '\n';
}
