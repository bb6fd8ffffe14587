import type { Catalog } from '../catalog/schema.js';
import type { TokenChoice } from '../cost/measured.js';
import { DIRECT_GATEWAY } from './config.js';
import type { BenchDocument } from './document.js';
import { kneesByGateway, type MeasuredKnee } from './measured-knee.js';
import { fmtDelta, fmtMs, intervalDecimals } from './stats.js';

/**
 * Close the loop: what a benchmark measured, in the terms `choose` and `cost` use (pure). Only gateways that were
 * measured get measured figures; every other one keeps the catalog's, and the reasons say which is which.
 */

export interface MeasuredOverhead {
  gateway: string;
  target: string;
  metric: 'ttft' | 'e2e';
  p50DeltaMs: number;
  ci95: [number, number];
  n: number;
}

export interface Measurements {
  /** The summary as the user named it (`--bench FILE`), never resolved to a machine path. */
  file: string;
  /** The day the run finished, YYYY-MM-DD. */
  date: string;
  /** When the run finished (ISO date-time). */
  measuredAt: string;
  /** Whether the run's prompts came from the user's own file (`prompt: {file: …}`), not a built-in probe. */
  promptsFromFile: boolean;
  /** Targets that answered from gateway-scout's emulators: such a run measured no real gateway. */
  emulatedTargets: string[];
  /** The user's choice of token sizes (`--bench-tokens`, token flags), set at the command's edge. */
  tokenChoice?: TokenChoice;
  overhead: Map<string, MeasuredOverhead>;
  /** Mean tokens per successful request: the baseline target's, else the mean over targets that succeeded. */
  tokensPerRequest?: { input: number; output: number };
  /** Gateway id → (gateway-reported − computed) / computed × 100, where both were known. */
  reportedVsComputedPct: Map<string, number>;
  /** Catalog gateways the run measured (at least one successful request). */
  gateways: Set<string>;
  /** Gateways whose capacity a rate sweep measured (a saturated knee); absent or empty without a sweep. */
  knees?: Map<string, MeasuredKnee>;
}

/**
 * Each catalog gateway's measured overhead over the baseline: TTFT when the run streamed (what a user waits for
 * first), else e2e; the first target of a gateway wins. Also read by `report` (a merged run's rows too).
 */
export function overheadByGateway(
  targets: readonly { name: string; gateway: string }[],
  rows: readonly Pick<BenchDocument['overhead'][number], 'target' | 'metric' | 'p50DeltaMs' | 'ci95' | 'n'>[],
): Map<string, MeasuredOverhead> {
  const gatewayOf = new Map(targets.map((t) => [t.name, t.gateway]));
  const overhead = new Map<string, MeasuredOverhead>();
  for (const metric of ['ttft', 'e2e'] as const) {
    for (const o of rows) {
      const gateway = gatewayOf.get(o.target);
      if (o.metric !== metric || gateway === undefined || gateway === DIRECT_GATEWAY || overhead.has(gateway)) continue;
      if (o.p50DeltaMs === null || o.ci95 === null) continue;
      overhead.set(gateway, { gateway, target: o.target, metric, p50DeltaMs: o.p50DeltaMs, ci95: o.ci95, n: o.n });
    }
  }
  return overhead;
}

export function measurementsFrom(doc: BenchDocument, file: string): Measurements {
  const overhead = overheadByGateway(doc.targets, doc.overhead);
  const pct = new Map<string, number>();
  for (const t of doc.targets) {
    if (t.gateway !== DIRECT_GATEWAY && t.cost.reportedVsComputedPct !== null && !pct.has(t.gateway)) pct.set(t.gateway, t.cost.reportedVsComputedPct);
  }
  const withTokens = doc.targets.filter((t) => t.tokens.inputPerRequest !== null && t.tokens.outputPerRequest !== null);
  const base = withTokens.find((t) => t.baseline);
  const pool = base ? [base] : withTokens;
  const m: Measurements = {
    file,
    date: doc.finishedAt.slice(0, 10),
    measuredAt: doc.finishedAt,
    promptsFromFile: typeof doc.config.prompt === 'object' && doc.config.prompt !== null && 'file' in doc.config.prompt,
    emulatedTargets: emulatedTargets(doc),
    overhead,
    reportedVsComputedPct: pct,
    // A target with no successful request measured nothing (the run failed for it): its gateway was not measured.
    gateways: new Set(doc.targets.filter((t) => t.requests.ok > 0).map((t) => t.gateway).filter((g) => g !== DIRECT_GATEWAY)),
    knees: kneesByGateway(doc.targets, doc.sweep, isRecord(doc.config.slo) || doc.targets.some((t) => t.slo)),
  };
  if (pool.length > 0) {
    const mean = (f: (t: (typeof pool)[number]) => number) => pool.reduce((s, t) => s + f(t), 0) / pool.length;
    m.tokensPerRequest = { input: Math.round(mean((t) => t.tokens.inputPerRequest!)), output: Math.round(mean((t) => t.tokens.outputPerRequest!)) };
  }
  return m;
}

const isRecord = (x: unknown): boolean => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `bench --demo` records each emulator's base URL as this (src/commands/bench-demo.ts): older demo summaries say so only there. */
const DEMO_STAND_IN = /^demo emulator: /;

/**
 * Targets that answered from gateway-scout's emulators: recorded by the run (`run.emulatedTargets`), or, in a demo
 * summary written before that was recorded, the demo's stand-in base URLs.
 */
export function emulatedTargets(doc: { run: { emulatedTargets?: string[] | undefined } | null; config: Record<string, unknown> }): string[] {
  if (doc.run?.emulatedTargets !== undefined) return [...doc.run.emulatedTargets];
  const targets = Array.isArray(doc.config.targets) ? (doc.config.targets as unknown[]) : [];
  return targets.flatMap((t) => {
    const { name, baseUrl } = (typeof t === 'object' && t !== null ? t : {}) as { name?: unknown; baseUrl?: unknown };
    return typeof name === 'string' && typeof baseUrl === 'string' && DEMO_STAND_IN.test(baseUrl) ? [name] : [];
  });
}

/** What the latency criterion reads for a subject measured by the user. */
export interface MeasuredLatency {
  valueMs: number;
  text: string;
}

/**
 * Measured overhead by subject id: a gateway, or a stack whose every member was measured (their overheads add,
 * as the catalog's typical figures do). The text is the reason a user reads: "measured by you on DATE: +12 ms (9–15)".
 */
export function overheadBySubject(m: Measurements, catalog: Catalog): Map<string, MeasuredLatency> {
  const out = new Map<string, MeasuredLatency>();
  const what = (o: MeasuredOverhead) => `${fmtDelta(o.p50DeltaMs, o.ci95)} to ${o.metric === 'ttft' ? 'TTFT' : 'e2e'}`;
  for (const [id, o] of m.overhead) {
    out.set(id, { valueMs: Math.max(0, o.p50DeltaMs), text: `measured by you on ${m.date}: ${what(o)} (p50 vs direct, 95% interval, n=${o.n}; ${m.file})` });
  }
  for (const st of catalog.stacks) {
    const parts = st.members.map((g) => m.overhead.get(g));
    if (parts.some((p) => p === undefined)) continue;
    const ps = parts as MeasuredOverhead[];
    const total = ps.reduce((s, p) => s + p.p50DeltaMs, 0);
    const d = intervalDecimals(...(ps[0]!.ci95 as [number, number]));
    out.set(st.id, {
      valueMs: Math.max(0, total),
      text: `measured by you on ${m.date}: ${ps.map((p) => `${p.gateway} ${what(p)}`).join(' + ')} = ${total > 0 ? '+' : ''}${fmtMs(total, d)} ms (${m.file})`,
    });
  }
  return out;
}
