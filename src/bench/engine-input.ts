import { loadMode, type BenchConfig, type LoadMode } from './config.js';
import type { EngineOptions, EngineTarget } from './engine.js';
import { promptTokens, requestUsd } from './estimate.js';
import { planJobs, promptFor, requestBodyFor, type Job } from './plan.js';
import { planShape, type PlanShape } from './shape.js';
import { secretValue, type Target } from './targets.js';

/**
 * From a checked config to what the engine runs (pure): the seeded plan and the engine's options. One place, so
 * the single-process run (execute.ts) and each worker thread (bench-worker.ts) send exactly the same requests.
 */

/** What a run needs, all of it plain data (a worker thread receives it as a structured clone). */
export interface RunInput {
  config: BenchConfig;
  targets: readonly Target[];
  /** Environment variable → value, for every secret the targets name that is set. */
  secrets: ReadonlyMap<string, string>;
  prompts: readonly string[];
  maxSpendUsd?: number;
  /** Rounds, deadline and shard (shape.ts); default: `requests` rounds, untimed runs as the config says. */
  shape?: PlanShape;
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

export type BaseEngineOptions = Pick<EngineOptions, 'targets' | 'mode' | 'stream' | 'timeouts' | 'body' | 'estimateUsd' | 'maxSpendUsd' | 'secrets' | 'deadlineMs'>;

/**
 * `jobs` is an array, except for a timed closed loop, whose rounds are drawn as it goes (up to a million per
 * target) and which only ever runs in one thread.
 */
export function engineInput(inp: RunInput): { mode: LoadMode; shape: PlanShape; jobs: Iterable<Job>; options: BaseEngineOptions } {
  const { config, targets } = inp;
  const mode = loadMode(config);
  const shape = inp.shape ?? planShape(config, { requestsGiven: true });
  const plan = planJobs({
    targets: targets.length,
    requests: shape.wholeRounds,
    warmup: config.warmup,
    seed: config.seed,
    ...(mode.kind === 'open' ? { open: { rate: mode.rate, arrival: mode.arrival, ...(mode.ramp ? { ramp: mode.ramp } : {}) } } : {}),
    ...(shape.shard ? { shard: shape.shard } : {}),
  });
  const jobs = shape.deadlineMs !== null ? plan : Array.from(plan);
  const nonce = config.cache === 'bypass';
  const perRequestUsd = targets.map((t, i) => requestUsd(t, promptTokens(config, inp.prompts, i), config.maxTokens) ?? 0);
  const bodies = targets.map((t) => requestBodyFor({ model: t.model, maxTokens: config.maxTokens, stream: config.stream, extra: t.extraBody }));
  const options: BaseEngineOptions = {
    targets: engineTargets(targets, inp.secrets, config.stream),
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
    ...(shape.deadlineMs !== null ? { deadlineMs: shape.deadlineMs } : {}),
  };
  return { mode, shape, jobs, options };
}
