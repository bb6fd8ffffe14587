import { availableParallelism } from 'node:os';
import { baselineIndex, LOAD_BOUNDS, loadMode, type BenchConfig, type BenchFlagOverrides } from '../bench/config.js';
import { formatDuration } from '../bench/duration.js';
import type { MissingEnv } from '../bench/env.js';
import type { RunEstimate } from '../bench/estimate.js';
import type { PlanShape } from '../bench/shape.js';
import { parseSloFlag } from '../bench/slo-flag.js';
import { parseStepDuration, parseSweepRates, stepRequests, sweepRates, sweepRequestsPerTarget } from '../bench/sweep-plan.js';
import { defaultWorkers } from '../bench/worker-split.js';
import { UsageError } from '../errors.js';
import { numberFlag } from '../io/flag-numbers.js';
import type { BenchFlags } from './bench.js';
import { timeOverrides } from './bench-time.js';

/**
 * `gateway-scout bench`'s flags and plan, before anything is read or sent: the overrides of the config (each
 * checked against the config's own limits), the label, the worker count, and how the run is described (the
 * progress line, the confirmation, the dry run).
 */

const B = LOAD_BOUNDS;

/** Flag overrides of the config, each checked against the same limits as the file (the common number rules). */
export function overridesFrom(flags: BenchFlags): BenchFlagOverrides {
  const o: BenchFlagOverrides = {};
  const count = (flag: string, raw: string | undefined, bounds: (typeof B)[keyof typeof B]) => (raw === undefined ? undefined : numberFlag(flag, raw, bounds, { count: true }));
  const set = <K extends keyof BenchFlagOverrides>(k: K, v: BenchFlagOverrides[K] | undefined) => {
    if (v !== undefined) o[k] = v;
  };
  set('requests', count('--requests', flags.requests, B.requests));
  set('warmup', count('--warmup', flags.warmup, B.warmup));
  set('concurrency', count('--concurrency', flags.concurrency, B.concurrency));
  set('rate', flags.rate === undefined ? undefined : numberFlag('--rate', flags.rate, B.rate));
  set('maxTokens', count('--max-tokens', flags.maxTokens, B.maxTokens));
  set('seed', count('--seed', flags.seed, B.seed));
  set('stream', flags.stream);
  if (flags.slo !== undefined) o.slo = parseSloFlag(flags.slo);
  Object.assign(o, timeOverrides(flags));
  if (o.ramp !== undefined && (o.rate !== undefined || o.concurrency !== undefined)) throw new UsageError(`Use either --ramp or ${o.rate !== undefined ? '--rate' : '--concurrency'}, not both: a ramp sets the open-loop rate itself.`);
  if (flags.targets !== undefined) o.targets = flags.targets.split(',').map((t) => t.trim()).filter(Boolean);
  if (o.rate !== undefined && o.concurrency !== undefined) throw new UsageError('Use either --concurrency (closed loop) or --rate (open loop), not both.');
  sweepOverrides(flags, o);
  return o;
}

/** `--sweep [rates]` and `--step-duration`; a sweep is open loop, so --concurrency (and --rate) cannot go with it. */
function sweepOverrides(flags: BenchFlags, o: BenchFlagOverrides): void {
  if (flags.sweep !== undefined && flags.sweep !== false) {
    if (o.concurrency !== undefined) throw new UsageError('A sweep is open loop (each step sends at its own rate): --concurrency cannot go with --sweep.', 'Drop --concurrency; the rates per step come from --sweep.');
    if (o.rate !== undefined) throw new UsageError('--sweep sets the rate of each step: --rate cannot go with it.', 'Give the rates to --sweep, e.g. --sweep 20,40,80.');
    if (o.duration !== undefined || o.ramp !== undefined) throw new UsageError(`--sweep times its own steps: ${o.duration !== undefined ? '--duration' : '--ramp'} cannot go with it.`, "Set each step's length with --step-duration.");
    if (typeof flags.sweep === 'string') {
      const rates = parseSweepRates(flags.sweep);
      if (rates === undefined) throw new UsageError(`--sweep expects rates per target separated by commas (e.g. 20,40,80,160) or auto, got "${flags.sweep}".`);
      const fall = rates === 'auto' ? -1 : rates.findIndex((r, i) => i > 0 && r <= rates[i - 1]!);
      if (rates !== 'auto' && fall > 0) throw new UsageError(`--sweep: rates must rise step by step, but ${rates[fall]} follows ${rates[fall - 1]} in "${flags.sweep}".`, 'For example --sweep 20,40,80,160.');
      o.sweep = rates;
    }
  }
  if (flags.stepDuration !== undefined) {
    const d = parseStepDuration(flags.stepDuration);
    if (d === undefined) throw new UsageError(`--step-duration expects a time up to an hour, e.g. 10s, 500ms or 2m, got "${flags.stepDuration}".`);
    o.stepDurationS = d;
  }
}

const LABEL = /^[\p{L}\p{N}][\p{L}\p{N} ._:/@+-]{0,63}$/u;

/** `--label`: a name people give a machine or region; kept in the summary, shown in merged reports. */
export function labelFlag(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const label = raw.trim();
  if (!LABEL.test(label)) {
    throw new UsageError(`--label expects up to 64 letters, digits, spaces or . _ : / @ + -, starting with a letter or digit, got "${raw}".`, 'For example --label us-east or --label "eu-west runner 2".');
  }
  return label;
}

/** `--workers`, else the default for this load (worker-split.ts); more than one only for an open loop. */
export function workerCount(config: BenchConfig, targets: number, asked: number | undefined): number {
  if (config.sweep) {
    if (asked !== undefined && asked > 1) throw new UsageError('--workers does not split a sweep yet: each step runs in one thread.', 'Leave --workers out; for rates one process cannot send, shard a run at one rate across machines.');
    return 1;
  }
  const mode = loadMode(config);
  if (asked !== undefined && asked > 1 && mode.kind !== 'open') {
    throw new UsageError('--workers splits an open-loop schedule; this run is a closed loop (--concurrency).', 'Give a --rate (or rate: in the config), or leave --workers out.');
  }
  return asked ?? defaultWorkers(mode, targets, availableParallelism());
}

export function describeConfig(config: BenchConfig, shape: PlanShape): string {
  const mode = loadMode(config);
  const base = baselineIndex(config);
  const s = config.sweep;
  const n = config.targets.length;
  if (!s) {
    const rate = mode.kind === 'closed' ? `concurrency ${mode.concurrency}` : mode.ramp ? `${mode.ramp.from}→${mode.ramp.to}/s per target over ${formatDuration(mode.ramp.overS)} (${mode.arrival})` : `${mode.rate}/s per target (${mode.arrival})`;
    const n = shape.deadlineMs !== null ? `up to ${shape.rounds} requests for ${formatDuration(shape.durationS!)}` : `${shape.rounds} requests${shape.durationS !== null ? ` over ${formatDuration(shape.durationS)}` : ''}`;
    const shard = shape.shard ? `, shard ${shape.shard.index}/${shape.shard.count} of ${shape.wholeRounds} rounds` : '';
    return `${config.targets.length} target${config.targets.length === 1 ? '' : 's'} × ${n} (+${config.warmup} warmup), ${rate}${shard}, ${config.stream ? 'streamed' : 'not streamed'}, max_tokens ${config.maxTokens}${base !== undefined ? `, baseline ${config.targets[base]!.name}` : ''}`;
  }
  const load = `, rate sweep ${sweepRates(s).join(', ')}/s per target (${config.arrival}), ${s.stepRequests !== undefined ? `${s.stepRequests} requests` : `${s.stepDurationS ?? 10} s`} a step (+${s.warmup ?? config.warmup} warmup)`;
  return `${n} target${n === 1 ? '' : 's'}${load}, ${config.stream ? 'streamed' : 'not streamed'}, max_tokens ${config.maxTokens}${base !== undefined ? `, baseline ${config.targets[base]!.name}` : ''}`;
}

export function planDocument(config: BenchConfig, shape: PlanShape, e: RunEstimate, maxSpend: number | undefined, missing: readonly MissingEnv[]): object {
  const s = config.sweep;
  // A sweep's counts assume every step runs for every target: an upper bound, since saturated targets skip the rest.
  const sweep = s === undefined ? {} : { sweep: { rates: sweepRates(s), requestsPerStep: sweepRates(s).map((r) => stepRequests(s, r)), ...sweepRequestsPerTarget(s, config.warmup) } };
  return {
    schemaVersion: 1,
    dryRun: true,
    mode: s ? { kind: 'sweep', arrival: config.arrival } : loadMode(config),
    requests: s ? config.requests : shape.rounds,
    warmup: config.warmup,
    durationS: s ? null : shape.durationS,
    shard: shape.shard,
    ...sweep,
    maxSpendUsd: maxSpend ?? null,
    estimate: e,
    missingEnv: missing,
  };
}
