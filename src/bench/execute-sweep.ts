import { baselineIndex } from './config.js';
import type { BenchDocument, SweepDoc, SweepStepDoc } from './document.js';
import { runEngine, type EngineResult } from './engine.js';
import { engineTargets, environment, publicConfig, type ExecuteInput } from './execute.js';
import { promptTokens, requestUsd } from './estimate.js';
import type { Sample } from './metrics.js';
import { promptFor, requestBody } from './plan.js';
import { SampleTable } from './samples.js';
import { summarize } from './summary.js';
import { judgeStep, skippedRow, stepRequestOf, sweepDocument } from './sweep-doc.js';
import { stepJobs, stepRequests, stepWarmup, sweepRates, SWEEP_DEFAULTS } from './sweep-plan.js';
import { CLIENT_BOUND, LATENCY_CLIMB, MIN_RATE_REQUESTS, type SaturationCriteria } from './sweep-steps.js';

/**
 * A rate sweep, end to end (edge: it runs the engine once per step). Each step is an open-loop run at the step's
 * rate of every target that has not saturated yet, interleaved by round as a single run is, after its own
 * unmeasured warm-up; the engine waits for every request of a step before the next begins, so a queue a step
 * built drains before the next is measured. What each step means is decided in the pure modules.
 */

export interface StepStart {
  step: number;
  steps: number;
  rate: number;
  targets: string[];
  requests: number;
}

export interface SweepInput extends ExecuteInput {
  /** Before each step: the edge shows it and starts a progress display for it. */
  onStep?: (s: StepStart) => void;
  /** After each step, with its rows. */
  onStepDone?: (rows: readonly SweepStepDoc[]) => void;
}

type LoopDelay = EngineResult['eventLoopDelayMs'];

export async function executeSweep(inp: SweepInput): Promise<BenchDocument> {
  const { config, targets } = inp;
  const sweep = config.sweep!;
  const now = inp.now ?? (() => new Date());
  const rates = sweepRates(sweep);
  const warmup = stepWarmup(sweep, config.warmup);
  const criteria: SaturationCriteria = { maxErrorRate: sweep.maxErrorRate, minAchievedRatio: sweep.minAchievedRatio, minRateRequests: MIN_RATE_REQUESTS, latencyClimb: { ...LATENCY_CLIMB }, clientBound: { ...CLIENT_BOUND, ...sweep.clientBound } };
  const eng = engineTargets(targets, inp.secrets, config.stream);
  const nonce = config.cache === 'bypass';
  const perRequestUsd = targets.map((t, i) => requestUsd(t, promptTokens(config, inp.prompts, i), config.maxTokens) ?? 0);
  const samples = new SampleTable();
  const saturated = new Set<number>();
  const rows: SweepStepDoc[] = [];
  const errorExamples = new Map<string, string>();
  const emulated = new Set<string>();
  const warnings = [...(inp.warnings ?? [])];
  let ended: BenchDocument['status']['ended'] = 'completed';
  let clientBound: SweepDoc['clientBound'] = null;
  let spent = 0;
  let worstLoop: LoopDelay = null;
  let roundBase = 0;
  let warmBase = 0;
  const startedAt = now();

  for (let k = 0; k < rates.length; k++) {
    const rate = rates[k]!;
    const step = k + 1;
    const active = targets.map((_, i) => i).filter((i) => !saturated.has(i));
    for (const i of saturated) rows.push(skippedRow(targets[i]!.name, step, rate));
    if (active.length === 0) continue;
    const n = stepRequests(sweep, rate);
    inp.onStep?.({ step, steps: rates.length, rate, targets: active.map((i) => targets[i]!.name), requests: n });
    const jobs = stepJobs({ targets: active.length, requests: n, warmup, seed: config.seed, step, rate, arrival: config.arrival, roundBase, warmBase });
    const mine = new Map<number, Sample[]>(active.map((i) => [i, []]));
    const result = await runEngine({
      targets: active.map((i) => eng[i]!),
      jobs,
      mode: { kind: 'open', rate, arrival: config.arrival },
      stream: config.stream,
      timeouts: config.timeoutsMs,
      body: (job) => {
        const g = active[job.target]!;
        const t = targets[g]!;
        const prompt = promptFor(inp.prompts, { ...job, target: g }, config.seed, nonce);
        return { text: requestBody({ model: t.model, prompt, maxTokens: config.maxTokens, stream: config.stream, extra: t.extraBody }), promptChars: prompt.length };
      },
      estimateUsd: (i) => perRequestUsd[active[i]!]!,
      ...(inp.maxSpendUsd !== undefined ? { maxSpendUsd: Math.max(0, inp.maxSpendUsd - spent) } : {}),
      secrets: [...inp.secrets.values()],
      ...(inp.clock ? { clock: inp.clock } : {}),
      ...(inp.transport ? { transport: inp.transport } : {}),
      ...(inp.signal ? { signal: inp.signal } : {}),
      ...(inp.watchEventLoop !== undefined ? { watchEventLoop: inp.watchEventLoop } : {}),
      onEvent: (e) => {
        if (e.type === 'done' && !e.job.warmup) {
          e.record.step = step;
          samples.push(e.sample);
          mine.get(active[e.job.target]!)!.push(e.sample);
        }
        inp.onEvent?.(e);
      },
    });
    spent += result.spentUsd;
    for (const [key, m] of result.errorExamples) if (!errorExamples.has(key)) errorExamples.set(key, m);
    for (const t of result.emulatedTargets) emulated.add(t);
    if (result.eventLoopDelayMs && (worstLoop === null || result.eventLoopDelayMs.p99 > worstLoop.p99)) worstLoop = result.eventLoopDelayMs;

    const cut = result.status !== 'completed';
    const verdict = judgeStep({
      step,
      rate,
      targets: active.map((i) => ({ name: targets[i]!.name, requests: mine.get(i)!.map(stepRequestOf) })),
      eventLoopP99Ms: result.eventLoopDelayMs?.p99 ?? null,
      cut,
      slo: config.slo,
      criteria,
    });
    for (const i of active) if (verdict.saturated.includes(targets[i]!.name)) saturated.add(i);
    const stepRows = verdict.rows;
    const reason = verdict.clientBound;
    rows.push(...stepRows);
    inp.onStepDone?.(stepRows);
    if (cut) {
      ended = result.status;
      if (k + 1 < rates.length) warnings.push(`The sweep stopped during step ${step} (${rate}/s per target): ${result.status === 'max-spend' ? 'the --max-spend cap was reached' : 'interrupted'}; its figures cover the requests that completed and judge no target, and the higher steps were not run.`);
      break;
    }
    if (reason !== null) {
      clientBound = { atRps: rate, reason };
      warnings.push(`The sweep stopped at ${rate}/s per target because the client could not keep up: ${reason}. No target was judged at that step; run the client on a less busy machine (or split the load across machines) to go higher.`);
      break;
    }
    roundBase += n;
    warmBase += warmup;
  }
  if (inp.maxSpendUsd !== undefined && ended === 'max-spend') {
    warnings.push(`Stopped at the --max-spend cap ($${inp.maxSpendUsd}): $${spent.toFixed(6)} spent.`);
  }

  const doc = summarize({
    startedAt,
    finishedAt: now(),
    ended,
    config: publicConfig(config, targets),
    environment: environment(inp.label),
    run: {
      mode: 'open',
      concurrency: null,
      // Every step has its own rate (sweep.rates): no one rate describes the run.
      ratePerTarget: null,
      arrival: config.arrival,
      plannedRequests: rates.reduce((a, r) => a + stepRequests(sweep, r), 0) * targets.length,
      spentUsd: spent,
      eventLoopDelayMs: worstLoop,
      emulatedTargets: targets.map((t) => t.name).filter((n) => emulated.has(n)),
    },
    targets,
    baseline: baselineIndex(config),
    samples,
    seed: config.seed,
    errorExamples,
    warnings,
    slo: config.slo,
  });
  doc.sweep = sweepDocument({
    rates,
    stepDurationS: sweep.stepRequests !== undefined ? null : (sweep.stepDurationS ?? SWEEP_DEFAULTS.stepDurationS),
    stepRequests: sweep.stepRequests ?? null,
    warmupPerStep: warmup,
    criteria,
    clientBound,
    targets: targets.map((t) => t.name),
    rows,
    sloTarget: config.slo?.attainment,
  });
  return doc;
}
