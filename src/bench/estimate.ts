import type { BenchConfig } from './config.js';
import { estimateTokens, promptFor } from './plan.js';
import { sweepRequestsPerTarget } from './sweep-plan.js';
import type { Target } from './targets.js';

/**
 * What a run will send and roughly cost, before anything is sent (pure): the plan `--dry-run` prints and the
 * estimate a real run shows before it asks. Output tokens are counted at max_tokens, so spend is an upper bound
 * for the prompt as given (a model may stop earlier; none writes more).
 */

export interface TargetEstimate {
  name: string;
  gateway: string;
  url: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** null when no price is known for the model. */
  usd: number | null;
  priceFrom: string | null;
}

export interface RunEstimate {
  targets: TargetEstimate[];
  requests: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  /** Targets whose cost cannot be estimated (no price). */
  unpriced: string[];
}

/** Input tokens of one request to this target (the nonce adds a fixed-length prefix). */
export function promptTokens(config: BenchConfig, prompts: readonly string[], targetIndex: number): number {
  const text = promptFor(prompts, { target: targetIndex, round: 1, seq: 1 }, config.seed, config.cache === 'bypass');
  return estimateTokens(text.length);
}

/** Upper-bound USD of one request to a target: estimated prompt tokens plus max_tokens of output at list price. */
export function requestUsd(target: Target, inputTokens: number, maxTokens: number): number | null {
  const p = target.price;
  return p === null ? null : (inputTokens * p.inputPerMTok + maxTokens * p.outputPerMTok) / 1_000_000;
}

/** `rounds`: measured requests per target on this machine (a timed run's or a shard's, see shape.ts); default `requests`. */
export function estimateRun(config: BenchConfig, targets: readonly Target[], prompts: readonly string[], rounds = config.requests): RunEstimate {
  // A sweep counts every step (and its warm-up) as if no target saturated: an upper bound.
  const sweep = config.sweep === undefined ? undefined : sweepRequestsPerTarget(config.sweep, config.warmup);
  const per = sweep ? sweep.measured + sweep.warmup : rounds + config.warmup;
  const rows = targets.map((t, i): TargetEstimate => {
    const input = promptTokens(config, prompts, i);
    const one = requestUsd(t, input, config.maxTokens);
    return {
      name: t.name,
      gateway: t.gateway,
      url: t.url,
      model: t.model,
      requests: per,
      inputTokens: input * per,
      outputTokens: config.maxTokens * per,
      usd: one === null ? null : one * per,
      priceFrom: t.price?.from ?? null,
    };
  });
  return {
    targets: rows,
    requests: per * targets.length,
    inputTokens: rows.reduce((a, r) => a + r.inputTokens, 0),
    outputTokens: rows.reduce((a, r) => a + r.outputTokens, 0),
    usd: rows.reduce((a, r) => a + (r.usd ?? 0), 0),
    unpriced: rows.filter((r) => r.usd === null).map((r) => r.name),
  };
}
