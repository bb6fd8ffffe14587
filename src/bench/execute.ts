import { createRequire } from 'node:module';
import { arch, availableParallelism, release, type } from 'node:os';
import { baselineIndex, loadMode, type BenchConfig } from './config.js';
import type { BenchDocument } from './document.js';
import { runEngine, type Clock, type EngineEvent, type EngineTarget, type Transport } from './engine.js';
import { promptTokens, requestUsd } from './estimate.js';
import { buildPlan, promptFor, requestBodyFor } from './plan.js';
import { SampleTable } from './samples.js';
import { summarize } from './summary.js';
import { secretValue, type Target } from './targets.js';

/**
 * One benchmark run, end to end: plan → engine → summary. Edge code (it runs the engine); everything it
 * decides is in the pure modules it calls. Secrets arrive here as values and leave only inside request headers.
 */

export interface ExecuteInput {
  config: BenchConfig;
  targets: readonly Target[];
  /** Environment variable → value, for every secret the targets name that is set (an unset gateway token is absent). */
  secrets: ReadonlyMap<string, string>;
  prompts: readonly string[];
  warnings?: readonly string[];
  maxSpendUsd?: number;
  signal?: AbortSignal;
  clock?: Clock;
  transport?: Transport;
  onEvent?: (e: EngineEvent) => void;
  watchEventLoop?: boolean;
  now?: () => Date;
  /** `bench --label`: where this run came from (never the host name). */
  label?: string;
}

export const USER_AGENT = 'gateway-scout-bench';

export function engineTargets(targets: readonly Target[], secrets: ReadonlyMap<string, string>, stream: boolean): EngineTarget[] {
  return targets.map((t) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
      'user-agent': USER_AGENT,
      ...t.headers,
    };
    for (const s of t.secrets) {
      const value = secrets.get(s.env);
      // A gateway token whose variable is unset is not sent at all (rather than sent empty).
      if (value === undefined && s.optional) continue;
      headers[s.header] = secretValue(s, value ?? '');
    }
    return {
      name: t.name,
      url: t.url,
      headers,
      cost: t.cost,
      cacheStatus: t.cacheStatus,
      ...(t.requestIdHeader ? { requestIdHeader: t.requestIdHeader } : {}),
      ...(t.selfReported ? { selfReported: { header: t.selfReported.header, unit: t.selfReported.unit } } : {}),
      price: t.price,
    };
  });
}

export function environment(label: string | undefined): BenchDocument['environment'] {
  const undici = (createRequire(import.meta.url)('undici/package.json') as { version: string }).version;
  return { label: label ?? null, node: process.version, os: `${type()} ${release()}`, arch: arch(), cpus: availableParallelism(), undici };
}

/**
 * The configuration as written to config.json and the summary: it holds variable names, never keys — each
 * target's effective ones, catalog defaults included, so whoever reads the summary (`report` in GitHub Actions)
 * knows every variable whose value to mask.
 */
export function publicConfig(config: BenchConfig, targets: readonly Target[]): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(config)) as BenchConfig;
  for (const t of out.targets) {
    if (t.apiKeyEnv !== undefined) continue;
    const key = targets.find((r) => r.name === t.name)?.secrets.find((s) => s.env !== t.gatewayTokenEnv);
    if (key) t.apiKeyEnv = key.env;
  }
  return out as unknown as Record<string, unknown>;
}

export async function executeBench(inp: ExecuteInput): Promise<BenchDocument> {
  const { config, targets } = inp;
  const now = inp.now ?? (() => new Date());
  const mode = loadMode(config);
  const jobs = buildPlan({
    targets: targets.length,
    requests: config.requests,
    warmup: config.warmup,
    seed: config.seed,
    ...(mode.kind === 'open' ? { open: { rate: mode.rate, arrival: mode.arrival } } : {}),
  });
  const nonce = config.cache === 'bypass';
  const perRequestUsd = targets.map((t, i) => requestUsd(t, promptTokens(config, inp.prompts, i), config.maxTokens) ?? 0);
  const bodies = targets.map((t) => requestBodyFor({ model: t.model, maxTokens: config.maxTokens, stream: config.stream, extra: t.extraBody }));
  const samples = new SampleTable();
  const startedAt = now();
  const result = await runEngine({
    targets: engineTargets(targets, inp.secrets, config.stream),
    jobs,
    mode,
    stream: config.stream,
    timeouts: config.timeoutsMs,
    body: (job) => {
      const prompt = promptFor(inp.prompts, job, config.seed, nonce);
      return { text: bodies[job.target]!(prompt), promptChars: prompt.length };
    },
    estimateUsd: (i) => perRequestUsd[i]!,
    ...(inp.maxSpendUsd !== undefined ? { maxSpendUsd: inp.maxSpendUsd } : {}),
    secrets: [...inp.secrets.values()],
    ...(inp.clock ? { clock: inp.clock } : {}),
    ...(inp.transport ? { transport: inp.transport } : {}),
    ...(inp.signal ? { signal: inp.signal } : {}),
    ...(inp.watchEventLoop !== undefined ? { watchEventLoop: inp.watchEventLoop } : {}),
    onEvent: (e) => {
      if (e.type === 'done' && !e.job.warmup) samples.push(e.sample);
      inp.onEvent?.(e);
    },
  });
  const warnings = [...(inp.warnings ?? [])];
  if (result.status === 'max-spend') {
    warnings.push(
      `Stopped at the --max-spend cap ($${inp.maxSpendUsd}): $${result.spentUsd.toFixed(6)} spent, ${samples.length} of ${config.requests * targets.length} measured requests sent; requests in flight were finished.`,
    );
  }
  return summarize({
    startedAt,
    finishedAt: now(),
    ended: result.status,
    config: publicConfig(config, targets),
    environment: environment(inp.label),
    run: {
      mode: mode.kind,
      concurrency: mode.kind === 'closed' ? mode.concurrency : null,
      ratePerTarget: mode.kind === 'open' ? mode.rate : null,
      arrival: mode.kind === 'open' ? mode.arrival : null,
      plannedRequests: config.requests * targets.length,
      spentUsd: result.spentUsd,
      eventLoopDelayMs: result.eventLoopDelayMs,
      // In the order of the config, so two runs of one config record the same list.
      emulatedTargets: targets.map((t) => t.name).filter((n) => result.emulatedTargets.includes(n)),
    },
    targets,
    baseline: baselineIndex(config),
    samples,
    seed: config.seed,
    errorExamples: result.errorExamples,
    warnings,
  });
}
