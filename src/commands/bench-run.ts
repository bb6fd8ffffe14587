import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { applyOverrides, benchConfigSchema, secretLiterals, type BenchConfig, type BenchFlagOverrides } from '../bench/config.js';
import type { BenchDocument } from '../bench/document.js';
import { WORKERS_BOUNDS } from '../bench/defaults.js';
import { estimateRun } from '../bench/estimate.js';
import { executeBench, publicConfig } from '../bench/execute.js';
import { PROMPT_TEXTS } from '../bench/plan.js';
import type { Shard } from '../bench/shard.js';
import { planShape, recordedConfig, timedConflict, timedTooMany } from '../bench/shape.js';
import { redact } from '../bench/redact.js';
import { benchExitCode, failureMessage } from '../bench/status.js';
import { checkEnv, requireKeys, tokenWarnings } from '../bench/env.js';
import { namedEnv, resolveTargets } from '../bench/targets.js';
import { zodIssues } from '../catalog/validate.js';
import { EXIT, InputError, RunError, UsageError, type ExitCode } from '../errors.js';
import { formatUsd } from '../format.js';
import { evaluateGates, failedGates } from '../gates/evaluate.js';
import { checkGateTargets, parseGates, type Gate } from '../gates/parse.js';
import { loadModels } from '../io/data-files.js';
import { loadCatalogAsOf } from './as-of.js';
import { numberFlag } from '../io/flag-numbers.js';
import { keyVariableNames } from '../report/bench-input.js';
import { JsonlWriter } from '../io/jsonl.js';
import { readStructured, readText, writeText } from '../io/files.js';
import type { BenchFlags } from './bench.js';
import { describeConfig, labelFlag, overridesFrom, planDocument, workerCount } from './bench-flags.js';
import { shardFlag, startAtFlag, waitForStart } from './bench-time.js';
import { benchWarnings, maskKeys, printFailedGates, publishToActions } from './ci-output.js';
import type { Ctx } from './context.js';

/**
 * `gateway-scout bench`: read and check everything (flags, gates, config, catalog, keys) before a single request
 * is sent, show the plan and its estimated spend, ask (or require --yes), run, write results as they arrive, then
 * evaluate the gates.
 */

async function loadPrompts(config: BenchConfig, configDir: string): Promise<string[]> {
  if (typeof config.prompt === 'string') return [PROMPT_TEXTS[config.prompt]];
  const file = resolve(configDir, config.prompt.file);
  const lines = (await readText(file, 'prompt file'))
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) throw new InputError(`The prompt file ${file} has no prompts.`, file, [], 'Write one prompt per line.');
  return lines;
}

async function checkOutDir(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.includes('requests.jsonl') || entries.includes('summary.json')) {
    throw new UsageError(`${dir} already holds a benchmark run (requests.jsonl or summary.json); results are never overwritten.`, 'Choose another --out directory.');
  }
  const s = await stat(dir).catch(() => undefined);
  if (s && !s.isDirectory()) throw new UsageError(`--out ${dir} is a file, not a directory.`);
}

export async function runBench(flags: BenchFlags, ctx: Ctx): Promise<ExitCode> {
  return (await benchRun(flags, ctx, { out: ctx.out, pipeline: true })).code;
}

/** `gateway-scout demo` ends with this: the --demo run, its report on stdout, and its document. */
export async function demoBenchmark(ctx: Ctx, json: boolean): Promise<BenchDocument | undefined> {
  // With --json the tour prints one document holding this run, so the run's own report is not printed.
  return (await benchRun({ demo: true }, ctx, { out: json ? () => undefined : (s) => ctx.out('\n' + s), pipeline: false })).doc;
}

interface Sinks {
  /** Where the result goes (stdout; nowhere inside `demo --json`, whose one document carries it). */
  out(s: string): void;
  /** Gates and GitHub Actions output: `bench` itself, not the tour that ends with a demo run. */
  pipeline: boolean;
}

/** Everything from the flags, checked before a config is read or an emulator started. */
interface Checked {
  overrides: BenchFlagOverrides;
  maxSpend: number | undefined;
  label: string | undefined;
  gates: Gate[] | undefined;
  shard: Shard | undefined;
  /** --start-at, epoch ms. */
  startAt: number | undefined;
  workers: number | undefined;
}

async function benchRun(flags: BenchFlags, ctx: Ctx, io: Sinks): Promise<{ code: ExitCode; doc?: BenchDocument }> {
  if (flags.demo && flags.config) throw new UsageError('Use either --demo (built-in emulators) or --config FILE, not both.');
  if (!flags.demo && !flags.config) {
    throw new UsageError('bench needs --config FILE, or --demo to try it on built-in emulators.', 'Write a starting config with: gateway-scout bench init --out bench.yaml');
  }
  const checked: Checked = {
    overrides: overridesFrom(flags),
    maxSpend: flags.maxSpend === undefined ? undefined : numberFlag('--max-spend', flags.maxSpend.trim().replace(/^\$/, ''), { min: 0, max: 1_000_000, minExclusive: true }),
    label: labelFlag(flags.label),
    gates: flags.failOn === undefined ? undefined : parseGates(flags.failOn),
    shard: shardFlag(flags.shard),
    startAt: startAtFlag(flags.startAt, Date.now()),
    workers: flags.workers === undefined ? undefined : numberFlag('--workers', flags.workers, WORKERS_BOUNDS, { count: true }),
  };
  // A run is priced and addressed with the facts in force today.
  const [catalog, models] = await Promise.all([loadCatalogAsOf(flags.data, undefined), loadModels(flags.dataModels)]);

  if (flags.config) {
    const file = resolve(ctx.cwd, flags.config);
    const raw = await readStructured(file, 'bench config');
    return runWith({ raw, file, env: ctx.env, notice: undefined, recorded: (c) => c }, checked, flags, ctx, io, catalog.value, models.value);
  }
  const { startDemo } = await import('./bench-demo.js');
  const demo = await startDemo(models.value, catalog.value, { sweep: flags.sweep !== undefined && flags.sweep !== false });
  try {
    return await runWith({ raw: demo.config, file: undefined, env: demo.env, notice: demo.describe, recorded: demo.recorded }, checked, flags, ctx, io, catalog.value, models.value);
  } finally {
    await demo.close();
  }
}

interface Source {
  raw: unknown;
  /** The config file; undefined for the demo. */
  file: string | undefined;
  /** Where the keys are read from: the process's environment, or the demo's stand-ins. */
  env: Ctx['env'];
  /** What to say first on stderr (the demo describes itself). */
  notice: string | undefined;
  /** The config as the summary and config.json record it. */
  recorded(config: Record<string, unknown>): Record<string, unknown>;
}

async function runWith(
  src: Source,
  checked: Checked,
  flags: BenchFlags,
  ctx: Ctx,
  io: Sinks,
  catalog: Parameters<typeof resolveTargets>[1],
  models: Parameters<typeof resolveTargets>[2],
): Promise<{ code: ExitCode; doc?: BenchDocument }> {
  const { raw, file, env } = src;
  const where = file ?? 'the demo config';
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`The bench config ${where} must be an object.`, file, [], 'See gateway-scout schema bench-config, or start from gateway-scout bench init.');
  const literals = secretLiterals(raw);
  if (literals.length > 0) throw new InputError(`The bench config ${where} contains a key.`, file, literals);
  const rawSweep = (raw as { sweep?: unknown }).sweep;
  // `--sweep` without rates runs the config's sweep; with none there, an auto sweep.
  const overrides: BenchFlagOverrides = flags.sweep === true && rawSweep === undefined ? { ...checked.overrides, sweep: 'auto' } : checked.overrides;
  if (overrides.stepDurationS !== undefined && overrides.sweep === undefined && rawSweep === undefined) {
    throw new UsageError('--step-duration sets the length of a sweep\'s steps: add --sweep (or sweep: in the config).', 'For a single run of a given length use --requests (rate × seconds).');
  }
  const { config: merged, unknownTargets } = applyOverrides(raw as Record<string, unknown>, overrides);
  if (unknownTargets.length > 0) {
    const names = ((raw as { targets?: { name?: unknown }[] }).targets ?? []).map((t) => String(t?.name));
    throw new UsageError(`--targets: no target named ${unknownTargets.map((n) => `"${n}"`).join(', ')} in ${where}.`, `Targets: ${names.join(', ')}.`);
  }
  const parsed = benchConfigSchema.safeParse(merged);
  if (!parsed.success) throw new InputError(`The bench config ${where} is invalid.`, file, zodIssues(parsed.error), 'See gateway-scout schema bench-config.');
  const config = parsed.data;
  // A sweep's steps are separate plans, each judged on all of its requests: a shard would judge a part of a step.
  if (config.sweep && checked.shard) throw new UsageError('--shard cannot split a sweep: each step is judged on all of its requests, so one machine must send them.', 'Run the sweep from one machine (--workers adds cores), or shard a run at one rate.');
  // The flag's --duration already dropped the file's requests (config.ts applyOverrides); what is left was asked for.
  const requestsGiven = (merged as { requests?: unknown }).requests !== undefined;
  const conflict = timedConflict(config, requestsGiven);
  if (conflict) throw new UsageError(conflict, 'Drop --requests (or requests: in the file) for a timed open-loop run, or --duration for a counted one.');
  const shape = planShape(config, { requestsGiven, shard: checked.shard });
  const tooMany = timedTooMany(shape);
  if (tooMany) throw new UsageError(tooMany, 'Shorten the duration or lower the rate; for a long soak, a lower rate shows drift as well.');
  if (shape.rounds === 0) {
    throw new UsageError(`--shard ${checked.shard!.index}/${checked.shard!.count} has no requests: the plan has only ${shape.wholeRounds} round${shape.wholeRounds === 1 ? '' : 's'}.`, 'Use fewer shards than rounds (requests per target).');
  }
  const resolved = resolveTargets(config, catalog, models);
  if (resolved.issues.length > 0) throw new InputError(`The bench config ${where} has targets that cannot be reached as written.`, file, resolved.issues);
  if (checked.gates) checkGateTargets(checked.gates, resolved.targets.map((t) => t.name));
  // In GitHub Actions, before anything else is printed: the value of every key variable the config names (a
  // catalog default included), even one this run ends up not sending.
  if (io.pipeline) maskKeys(ctx, [...new Set([...namedEnv(resolved.targets).keys(), ...keyVariableNames(publicConfig(config, resolved.targets))])], env);
  if (src.notice) ctx.err(src.notice + '\n');
  const prompts = await loadPrompts(config, file ? dirname(file) : ctx.cwd);
  const estimate = estimateRun(config, resolved.targets, prompts, shape.rounds);
  const maxSpend = checked.maxSpend;
  const workers = workerCount(config, resolved.targets.length, checked.workers);

  const envCheck = checkEnv(resolved.targets, env);
  const warnings = [...resolved.warnings, ...tokenWarnings(envCheck.missing)];
  if (flags.dryRun) {
    // Nothing is sent, so no key is needed: the plan lists the variables a real run would miss (names only).
    if (flags.json) io.out(JSON.stringify(planDocument(config, shape, estimate, maxSpend, envCheck.missing), null, 2) + '\n');
    else {
      const { renderPlan } = await import('../report/bench-plan.js');
      io.out(renderPlan(estimate, describeConfig(config, shape), maxSpend, { width: ctx.width, color: ctx.color }, envCheck.missing));
    }
    for (const w of warnings) ctx.err(`warning ${w}\n`);
    return { code: EXIT.ok };
  }
  requireKeys(envCheck.missing);
  const secrets = envCheck.secrets;
  const values = [...secrets.values()];
  const scrub = (s: string) => redact(s, values);
  const out = (s: string) => io.out(scrub(s));
  const err = (s: string) => ctx.err(scrub(s));

  const outDir = flags.out !== undefined ? resolve(ctx.cwd, flags.out) : undefined;
  if (outDir) await checkOutDir(outDir);
  for (const w of warnings) err(`warning ${w}\n`);

  if (src.file !== undefined && !flags.yes) {
    const line = `About to send ${estimate.requests} request${estimate.requests === 1 ? '' : 's'} (${describeConfig(config, shape)}); estimated spend at most ${formatUsd(estimate.usd)}${estimate.unpriced.length ? ` plus unpriced targets (${estimate.unpriced.join(', ')})` : ''}${maxSpend !== undefined ? `, capped at $${maxSpend}` : ''}.`;
    if (!(ctx.tty.stdin && ctx.tty.stderr)) {
      throw new UsageError(`${line} Without a terminal to confirm on, pass --yes to run.`, 'Check the plan first with --dry-run.');
    }
    err(line + '\n');
    const { confirmOnTerminal } = await import('../ui/confirm.js');
    if (!(await confirmOnTerminal('Send them?', { ...ctx.prompt, signal: ctx.signal }))) {
      err('Nothing sent.\n');
      return { code: EXIT.ok };
    }
  }

  if (checked.startAt !== undefined && !(await waitForStart(checked.startAt, err, ctx.signal))) {
    err('Interrupted while waiting for --start-at: nothing sent.\n');
    return { code: EXIT.interrupted };
  }

  let writer: JsonlWriter | undefined;
  if (outDir) {
    try {
      await mkdir(outDir, { recursive: true });
    } catch (e) {
      throw new RunError(`Cannot create --out ${outDir}: ${(e as Error).message}`);
    }
    await writeText(join(outDir, 'config.json'), scrub(JSON.stringify(src.recorded(recordedConfig(publicConfig(config, resolved.targets), config, shape)), null, 2)) + '\n');
    writer = new JsonlWriter(join(outDir, 'requests.jsonl'), scrub);
  }
  const { BenchProgress } = await import('../ui/bench-progress.js');
  let progress = new BenchProgress(err, ctx.tty.stderr, ctx.errColor, config.sweep ? [] : resolved.targets.map((t) => t.name), shape.rounds, shape.deadlineMs !== null ? shape.durationS! : undefined);
  err(`Benchmarking ${describeConfig(config, shape)}${workers > 1 ? ` from ${workers} worker threads` : ''}${outDir ? `; records → ${join(outDir, 'requests.jsonl')}` : ''}\n`);
  let doc: BenchDocument;
  const run = config.sweep ? (await import('../bench/execute-sweep.js')).executeSweep : executeBench;
  try {
    doc = await run({
      onStep: (s) => {
        progress.stop();
        err(`Step ${s.step}/${s.steps}: ${s.rate}/s per target × ${s.requests} requests, ${s.targets.length} target${s.targets.length === 1 ? '' : 's'} (${s.targets.join(', ')})\n`);
        progress = new BenchProgress(err, ctx.tty.stderr, ctx.errColor, s.targets, s.requests);
      },
      onStepDone: (rows) => {
        progress.stop();
        const hit = rows.filter((r) => r.saturated).map((r) => `${r.target} (${r.saturatedBy.join(', ')})`);
        if (hit.length > 0) err(`  saturated: ${hit.join('; ')}: their higher steps are skipped\n`);
      },
      config,
      targets: resolved.targets,
      secrets,
      prompts,
      warnings,
      ...(maxSpend !== undefined ? { maxSpendUsd: maxSpend } : {}),
      ...(checked.label !== undefined ? { label: checked.label } : {}),
      shape,
      workers,
      signal: ctx.signal,
      onEvent: (e) => {
        if (e.type === 'done' && !e.job.warmup) writer?.write(e.record);
        progress.on(e);
      },
    });
  } finally {
    progress.stop();
    await writer?.close();
  }
  doc.config = src.recorded(doc.config);
  if (checked.gates && io.pipeline) doc.gates = evaluateGates(checked.gates, doc);
  if (outDir) await writeText(join(outDir, 'summary.json'), scrub(JSON.stringify(doc, null, 2)) + '\n');
  if (flags.json) out(JSON.stringify(doc, null, 2) + '\n');
  else {
    const { renderBenchTerminal } = await import('../report/bench-terminal.js');
    out(renderBenchTerminal({ bench: doc, ...(checked.gates ? { gates: doc.gates } : {}) }, { width: ctx.width, color: ctx.color }));
  }
  if (outDir) err(`Wrote ${join(outDir, 'requests.jsonl')}, summary.json and config.json.\n`);

  if (io.pipeline) {
    const scrubbed = { err, env: ctx.env };
    printFailedGates(scrubbed, doc.gates);
    const { VERSION } = await import('../program.js');
    const model = { bench: doc, gates: doc.gates, sources: [outDir ?? file ?? 'bench --demo'], generatedAt: doc.finishedAt, version: VERSION };
    const markdown = ctx.env.GITHUB_STEP_SUMMARY ? scrub((await import('../report/markdown.js')).renderMarkdown(model)) : undefined;
    await publishToActions(scrubbed, model, benchWarnings(doc.warnings), markdown);
  }

  // The summary is written and the report printed whatever the outcome; then the exit code (src/bench/status.ts:
  // interrupted 130, a target not measured 3, a failed gate 1).
  const code = benchExitCode(doc.status, failedGates(doc.gates).length);
  if (code === EXIT.runFailed) err(`error ${failureMessage(doc.status, doc.targets.length, doc.run.sentRequests)}\n`);
  return { code, doc };
}
