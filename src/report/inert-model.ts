import type { GateResult } from '../gates/result.js';
import { controlSafe, mapStrings, markdownSafe, terminalSafe } from '../text/inert.js';
import type { BenchView } from './bench-input.js';

/**
 * A bench result made inert for one output (pure). Everything in a summary.json is untrusted — it may come from
 * someone else's run, and its error examples, warnings and verdicts quote what gateways sent — so every string
 * of the view is passed through the output's escape (src/text/inert.ts) before a renderer sees it. Enum values
 * and plain names come through unchanged, so the renderers' comparisons still hold.
 */

/** The gate's own expression is the user's (shown in a code span in markdown); its target and origin are the run's. */
const gateNames = (gates: readonly GateResult[] | undefined, safe: (s: string) => string): GateResult[] | undefined =>
  gates?.map((g) => ({ ...g, target: safe(g.target), ...(g.origin !== undefined ? { origin: safe(g.origin) } : {}), message: safe(g.message) }));

/** HTML escapes markup itself (src/report/html/escape.ts); it only needs the control characters shown. */
const SAFE = { terminal: terminalSafe, markdown: markdownSafe, html: controlSafe } as const;

export function inertFor<M extends { bench?: BenchView | undefined; gates?: readonly GateResult[] | undefined }>(m: M, output: keyof typeof SAFE): M {
  const safe = SAFE[output];
  const gates = gateNames(m.gates, safe);
  // A choose, cost or drill document given to `report` is a file too, maybe someone else's: its text as well
  // (a drill's errorText quotes what the gateway sent; its target names and URLs are the config's).
  const docs = m as { choose?: unknown; cost?: unknown; drills?: unknown };
  const other = {
    ...(docs.choose !== undefined ? { choose: mapStrings(docs.choose, safe) } : {}),
    ...(docs.cost !== undefined ? { cost: mapStrings(docs.cost, safe) } : {}),
    ...(docs.drills !== undefined ? { drills: mapStrings(docs.drills, safe) } : {}),
  };
  return { ...m, ...(m.bench !== undefined ? { bench: mapStrings(m.bench, safe) } : {}), ...(gates !== undefined ? { gates } : {}), ...other };
}
