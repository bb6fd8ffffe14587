import { emulatedTargets, overheadByGateway, type MeasuredOverhead } from '../bench/measured.js';
import { fmtDelta, fmtMs, intervalDecimals } from '../bench/stats.js';
import type { RecommendationDocument } from '../advisor/document-schema.js';
import type { BenchView } from './bench-input.js';

type Reason = RecommendationDocument['recommendation']['reasons'][number];

/**
 * A report holds a benchmark and, often, a `choose` document made without it. Where the recommendation's latency
 * reason rests on the catalog (no figure: "unknown, measure it"; or a published figure) but the report's own run
 * measured every gateway of the pick, the report shows that measurement instead of asking for one, and says the
 * score did not use it (pure).
 */
export function reasonsWithReportMeasurements(reasons: readonly Reason[], stack: readonly string[], bench: BenchView): Reason[] {
  const measured = overheadByGateway(bench.targets, bench.overhead);
  const parts = stack.map((g) => measured.get(g));
  if (stack.length === 0 || parts.some((p) => p === undefined)) return [...reasons];
  const emulated = new Set([...emulatedTargets(bench), ...(bench.merge?.runs.flatMap((r) => r.run.emulatedTargets ?? []) ?? [])]);
  const what = describe(parts as MeasuredOverhead[], bench.overhead[0]?.baseline);
  const fake = (parts as MeasuredOverhead[]).filter((p) => emulated.has(p.target)).map((p) => p.target);
  return reasons.map((x) => (x.criterion !== 'latency' || /measured by you/.test(x.text) ? x : rewrite(x, what, fake)));
}

function describe(ps: readonly MeasuredOverhead[], baseline: string | undefined): string {
  const one = (p: MeasuredOverhead) => `${fmtDelta(p.p50DeltaMs, p.ci95)} to ${p.metric === 'ttft' ? 'TTFT' : 'e2e'}`;
  const vs = `p50 vs ${baseline ?? 'the baseline'}, 95% interval`;
  if (ps.length === 1) return `${one(ps[0]!)} (${vs}, n=${ps[0]!.n}, target ${ps[0]!.target})`;
  const total = ps.reduce((s, p) => s + p.p50DeltaMs, 0);
  const d = intervalDecimals(...ps[0]!.ci95);
  return `${ps.map((p) => `${p.target} ${one(p)}`).join(' + ')} = ${total > 0 ? '+' : ''}${fmtMs(total, d)} ms (${vs})`;
}

function rewrite(x: Reason, what: string, emulated: readonly string[]): Reason {
  const level = x.answer.replace(/^latency=/, '');
  // An emulator's overhead is a setting, not the gateway's: say what was measured, and that it is not a measurement of it.
  const caveat = emulated.length > 0 ? ` — against gateway-scout's emulators (${emulated.join(', ')}), not the real gateway, so an illustrative setting` : '';
  // criteria.ts words it so when the catalog has no verified figure for the option.
  const unknown = /added latency is unknown/.test(x.text);
  const scored = unknown
    ? 'the score above did not use it (neutral: the choose document was made without this run)'
    : `the score above used the catalog figure (${x.text.slice(x.text.indexOf(':') + 1).trim()})`;
  const next = emulated.length > 0 ? 'benchmark the real gateways to score with a measurement' : 'pass this run\'s summary.json to `choose --bench` to score with it';
  // The quoted note belongs to the old text; the figure's source stays cited when the score used it.
  const { note: _note, ...rest } = x;
  return { ...rest, text: `Latency is ${level}: measured in this report: ${what}${caveat}; ${scored}; ${next}.` };
}
