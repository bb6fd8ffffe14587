import type { BenchConfig } from './config.js';
import { baselineIndex, loadMode } from './config.js';
import type { BenchDocument } from './document.js';
import type { RequestRecord } from './record.js';
import type { Sample } from './metrics.js';
import { SampleTable } from './samples.js';
import { planShape } from './shape.js';
import { defaultSliceS } from './slices.js';
import { streamShape } from './stream-fidelity.js';
import { summarize } from './summary.js';
import type { Target } from './targets.js';

/**
 * A run killed outright (SIGKILL, a lost machine) leaves config.json and requests.jsonl but no summary.json. This
 * rebuilds the summary from what was recorded, through the same `summarize` bench uses (pure). What a record does
 * not hold is left unknown rather than guessed: the environment, the event-loop delay, the gateway's self-reported
 * header name, each request's output characters (the usage audit then compares tokens only) and the computed cost
 * of a request the gateway priced (so no reported-vs-computed comparison).
 */

const ms3 = (x: number): number => Math.round(x * 1000) / 1000;

/** One record back to the numbers the summary keeps, as src/bench/metrics.ts buildRecord derived them. */
export function recordToSample(r: RequestRecord): Sample {
  const ok = r.errorClass === null;
  const decode = r.e2eMs - (r.ttftMs ?? 0);
  const lag = ms3(r.startedAt - r.scheduledAt);
  // The stream's shape from its chunk times, as bench worked it out: gaps are between consecutive token-bearing
  // chunks (n gaps, n + 1 chunks); a TTFT alone means one chunk.
  const times: number[] = r.chunkGapsMs.length > 0 || r.ttftMs !== null ? [0] : [];
  for (const g of r.chunkGapsMs) times.push(times[times.length - 1]! + g);
  const shape = streamShape(times);
  return {
    target: r.target,
    round: r.round,
    ok,
    errorClass: r.errorClass,
    headersMs: r.headersMs,
    ttftMs: ok ? r.ttftMs : null,
    e2eMs: r.e2eMs,
    itlMs: ok ? r.itlMs : null,
    tokensPerSecond: ok && r.outputTokens > 0 && decode > 0 ? (r.outputTokens * 1000) / decode : null,
    lagMs: lag,
    ttftFromScheduledMs: ok && r.ttftMs !== null ? ms3(r.ttftMs + lag) : null,
    e2eFromScheduledMs: ms3(r.e2eMs + lag),
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    usageReported: r.tokensSource === 'usage',
    costUsd: r.costUsd,
    costSource: r.costSource,
    gatewayCostUsd: r.costSource === 'gateway' ? r.costUsd : null,
    computedCostUsd: r.costSource === 'computed' ? r.costUsd : null,
    cacheStatus: r.cacheStatus,
    selfReportedMs: r.selfReportedMs ?? null,
    startedAt: r.startedAt,
    endedAtEpoch: r.startedAt + r.e2eMs,
    tokenChunks: shape.chunks,
    tokenSpanMs: shape.spanMs === null ? null : ms3(shape.spanMs),
    finalBurstShare: shape.finalBurstShare,
  };
}

/** A target as far as config.json tells it: no catalog is consulted, so nothing is filled in from today's data. */
function targetOf(t: BenchConfig['targets'][number], recordedBaseUrl: unknown): Target {
  return {
    name: t.name,
    gateway: t.gateway,
    gatewayName: t.gateway,
    model: t.model,
    url: typeof recordedBaseUrl === 'string' ? recordedBaseUrl : 'not recorded (the catalog base URL at run time)',
    headers: {},
    secrets: [],
    extraBody: {},
    cost: {},
    cacheStatus: {},
    price: t.pricing ? { inputPerMTok: t.pricing.inputUsdPerMTok, outputPerMTok: t.pricing.outputUsdPerMTok, cachedInputPerMTok: null, from: `targets.${t.name}.pricing` } : null,
  };
}

export interface RebuildInput {
  /** config.json parsed with the bench config schema. */
  config: BenchConfig;
  /** config.json as written (recorded in the summary as it is, stand-in base URLs included). */
  recorded: Record<string, unknown>;
  records: readonly RequestRecord[];
  /** Line numbers of requests.jsonl that were skipped (a last line cut off mid-write). */
  skippedLines: readonly number[];
}

/** The sentence every format shows for a rebuilt run. */
export function cutShortWarning(records: number, skippedLines: readonly number[]): string {
  const skipped = skippedLines.length === 0 ? '' : ` Line ${skippedLines.join(', ')} of requests.jsonl was cut off mid-write and skipped.`;
  return `Cut short: the run left no summary.json (killed before it finished); this summary was rebuilt from the ${records} request${records === 1 ? '' : 's'} in requests.jsonl. Not recorded there, so unknown: the environment, the event-loop delay, warmup spend.${skipped}`;
}

/** The summary of a run cut short, from its records; null when there is no record to rebuild from. */
export function rebuildSummary(inp: RebuildInput): (Omit<BenchDocument, 'environment'> & { environment: null }) | null {
  const { config, records } = inp;
  if (records.length === 0) return null;
  const samples = new SampleTable();
  for (const r of records) samples.push(recordToSample(r));
  const span = samples.span()!;
  const rawTargets = Array.isArray(inp.recorded.targets) ? (inp.recorded.targets as Array<Record<string, unknown>>) : [];
  const targets = config.targets.map((t, i) => targetOf(t, rawTargets[i]?.baseUrl));
  const mode = loadMode(config);
  const shape = planShape(config, { requestsGiven: inp.recorded.requests !== undefined });
  const sliceS = config.sliceS ?? (shape.durationS !== null ? defaultSliceS(shape.durationS) : undefined);
  const doc = summarize({
    startedAt: new Date(span.first),
    finishedAt: new Date(span.last),
    ended: 'interrupted',
    config: inp.recorded,
    // Replaced by null below: the environment the run measured from was never written to disk.
    environment: { label: null, node: '', os: '', arch: '', cpus: 0, undici: '' },
    run: {
      mode: mode.kind,
      concurrency: mode.kind === 'closed' ? mode.concurrency : null,
      ratePerTarget: mode.kind === 'open' ? mode.rate : null,
      arrival: mode.kind === 'open' ? mode.arrival : null,
      // From the config; a --shard or --requests flag given at run time is not in config.json.
      plannedRequests: shape.rounds * targets.length,
      // Measured requests only: warmups are not recorded.
      spentUsd: records.reduce((s, r) => s + (r.costUsd ?? 0), 0),
      eventLoopDelayMs: null,
      plannedDurationS: shape.durationS,
      ramp: mode.kind === 'open' && mode.ramp ? { ...mode.ramp } : null,
    },
    targets,
    baseline: baselineIndex(config),
    samples,
    seed: config.seed,
    slo: config.slo,
    errorExamples: new Map(),
    warnings: [cutShortWarning(records.length, inp.skippedLines)],
    ...(sliceS !== undefined ? { slices: { sliceS, plannedS: shape.durationS } } : {}),
  });
  return { ...doc, environment: null };
}
