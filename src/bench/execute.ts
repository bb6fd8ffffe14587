import { createRequire } from 'node:module';
import { arch, availableParallelism, release, type } from 'node:os';
import { baselineIndex, type BenchConfig } from './config.js';
import type { BenchDocument } from './document.js';
import { runEngine, type Clock, type EngineEvent, type Transport } from './engine.js';
import { engineInput, type RunInput } from './engine-input.js';
import { SampleTable } from './samples.js';
import { defaultSliceS } from './slices.js';
import { recordedConfig, type PlanShape } from './shape.js';
import { summarize } from './summary.js';
import type { Target } from './targets.js';

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
  /** Rounds, deadline and shard (shape.ts); default: `requests` rounds, untimed runs as the config says. */
  shape?: PlanShape;
  /**
   * Open loop: worker threads that split the schedule (workers.ts); 1 or absent runs in this thread. A closed
   * loop always runs in one thread. A test's clock and transport apply only to the one-thread run.
   */
  workers?: number;
}

export { engineTargets, USER_AGENT } from './engine-input.js';

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
  const run: RunInput = {
    config,
    targets,
    secrets: inp.secrets,
    prompts: inp.prompts,
    ...(inp.maxSpendUsd !== undefined ? { maxSpendUsd: inp.maxSpendUsd } : {}),
    ...(inp.shape ? { shape: inp.shape } : {}),
  };
  const { mode, shape, jobs, options } = engineInput(run);
  const workers = mode.kind === 'open' ? (inp.workers ?? 1) : 1;
  const planned = shape.rounds * targets.length;
  const sliceS = config.sliceS ?? (shape.durationS !== null ? defaultSliceS(shape.durationS) : undefined);
  const samples = new SampleTable();
  const startedAt = now();
  const onEvent = (e: EngineEvent) => {
    if (e.type === 'done' && !e.job.warmup) samples.push(e.sample);
    inp.onEvent?.(e);
  };
  const result =
    workers > 1
      ? await (await import('./workers.js')).runWorkers({ run, count: workers, onEvent, ...(inp.signal ? { signal: inp.signal } : {}) })
      : await runEngine({
          ...options,
          jobs,
          ...(inp.clock ? { clock: inp.clock } : {}),
          ...(inp.transport ? { transport: inp.transport } : {}),
          ...(inp.signal ? { signal: inp.signal } : {}),
          ...(inp.watchEventLoop !== undefined ? { watchEventLoop: inp.watchEventLoop } : {}),
          onEvent,
        });
  const warnings = [...(inp.warnings ?? [])];
  if (result.status === 'max-spend') {
    warnings.push(
      `Stopped at the --max-spend cap ($${inp.maxSpendUsd}): $${result.spentUsd.toFixed(6)} spent, ${samples.length} of ${planned} measured requests sent; requests in flight were finished.`,
    );
  }
  return summarize({
    startedAt,
    finishedAt: now(),
    ended: result.status,
    config: recordedConfig(publicConfig(config, targets), config, shape),
    environment: environment(inp.label),
    run: {
      mode: mode.kind,
      concurrency: mode.kind === 'closed' ? mode.concurrency : null,
      ratePerTarget: mode.kind === 'open' ? mode.rate : null,
      arrival: mode.kind === 'open' ? mode.arrival : null,
      plannedRequests: planned,
      spentUsd: result.spentUsd,
      eventLoopDelayMs: result.eventLoopDelayMs,
      // In the order of the config, so two runs of one config record the same list.
      emulatedTargets: targets.map((t) => t.name).filter((n) => result.emulatedTargets.includes(n)),
      shard: shape.shard,
      plannedDurationS: shape.durationS,
      ramp: mode.kind === 'open' && mode.ramp ? { ...mode.ramp } : null,
      workers,
    },
    targets,
    baseline: baselineIndex(config),
    samples,
    seed: config.seed,
    slo: config.slo,
    errorExamples: result.errorExamples,
    warnings,
    ...(sliceS !== undefined ? { slices: { sliceS, plannedS: shape.durationS } } : {}),
  });
}
