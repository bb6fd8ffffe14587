import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { applyOverrides, benchConfigSchema, baselineIndex, loadMode, secretLiterals, type BenchConfig, type BenchFlagOverrides } from '../bench/config.js';
import type { BenchDocument } from '../bench/document.js';
import { estimateRun, type RunEstimate } from '../bench/estimate.js';
import { executeBench, publicConfig } from '../bench/execute.js';
import { PROMPT_TEXTS } from '../bench/plan.js';
import { redact } from '../bench/redact.js';
import { fmtUsd, renderPlan, renderReport } from '../bench/render.js';
import { requiredEnv, resolveTargets, type Target } from '../bench/targets.js';
import { zodIssues } from '../catalog/validate.js';
import { EXIT, InputError, RunError, UsageError, type ExitCode } from '../errors.js';
import { loadCatalog, loadModels } from '../io/data-files.js';
import { JsonlWriter } from '../io/jsonl.js';
import { readStructured, readText, writeText } from '../io/files.js';
import type { BenchFlags } from './bench.js';
import type { Ctx } from './context.js';

/**
 * `gateway-scout bench`: read and check everything (config, catalog, keys) before a single request is sent,
 * show the plan and its estimated spend, ask (or require --yes), run, and write results as they arrive.
 */

function intFlag(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim().replace(/_/g, '');
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, got "${raw}".`);
  return Number(s);
}

function numberFlag(flag: string, raw: string | undefined, want: string, ok: (n: number) => boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim().replace(/^\$/, ''));
  if (raw.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`${flag} expects ${want}, got "${raw}".`);
  return n;
}

export function overridesFrom(flags: BenchFlags): BenchFlagOverrides {
  const o: BenchFlagOverrides = {};
  const set = <K extends keyof BenchFlagOverrides>(k: K, v: BenchFlagOverrides[K] | undefined) => {
    if (v !== undefined) o[k] = v;
  };
  set('requests', intFlag('--requests', flags.requests, 1, 1_000_000));
  set('warmup', intFlag('--warmup', flags.warmup, 0, 1_000));
  set('concurrency', intFlag('--concurrency', flags.concurrency, 1, 10_000));
  set('rate', numberFlag('--rate', flags.rate, 'requests per second > 0', (n) => n > 0 && n <= 100_000));
  set('maxTokens', intFlag('--max-tokens', flags.maxTokens, 1, 100_000));
  set('seed', intFlag('--seed', flags.seed, 0, 2 ** 32 - 1));
  set('stream', flags.stream);
  if (flags.targets !== undefined) o.targets = flags.targets.split(',').map((t) => t.trim()).filter(Boolean);
  if (o.rate !== undefined && o.concurrency !== undefined) throw new UsageError('Use either --concurrency (closed loop) or --rate (open loop), not both.');
  return o;
}

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

/** Keys from the environment, checked before anything is sent; a missing one is a usage error (exit 2). */
function readSecrets(targets: readonly Target[], env: Ctx['env']): Map<string, string> {
  const need = requiredEnv(targets);
  const missing = [...need].filter(([name]) => !env[name]);
  if (missing.length > 0) {
    const list = missing.map(([name, ts]) => `${name} (for ${ts.join(', ')})`).join(', ');
    throw new UsageError(
      `Missing environment variable${missing.length > 1 ? 's' : ''} holding API keys: ${list}. Nothing was sent.`,
      'Export them (keys are never read from the config file or flags), or change apiKeyEnv / gatewayTokenEnv in the config.',
    );
  }
  return new Map([...need.keys()].map((name) => [name, env[name]!]));
}

async function checkOutDir(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.includes('requests.jsonl') || entries.includes('summary.json')) {
    throw new UsageError(`${dir} already holds a benchmark run (requests.jsonl or summary.json); results are never overwritten.`, 'Choose another --out directory.');
  }
  const s = await stat(dir).catch(() => undefined);
  if (s && !s.isDirectory()) throw new UsageError(`--out ${dir} is a file, not a directory.`);
}

function planDocument(config: BenchConfig, e: RunEstimate, maxSpend: number | undefined): object {
  return { schemaVersion: 1, dryRun: true, mode: loadMode(config), requests: config.requests, warmup: config.warmup, maxSpendUsd: maxSpend ?? null, estimate: e };
}

export async function runBench(flags: BenchFlags, ctx: Ctx): Promise<ExitCode> {
  return (await benchRun(flags, ctx, { out: ctx.out, err: ctx.err })).code;
}

/** `gateway-scout demo` ends with this: the --demo run, its report on stderr (where the tour writes), and its document. */
export async function demoBenchmark(ctx: Ctx, json: boolean): Promise<BenchDocument | undefined> {
  // With --json the tour prints one document holding this run, so the run's own report is not printed.
  return (await benchRun({ demo: true }, ctx, { out: json ? () => undefined : ctx.out, err: ctx.err })).doc;
}

interface Sinks {
  /** Where the result goes (stdout; nowhere inside `demo --json`, whose one document carries it). */
  out(s: string): void;
  err(s: string): void;
}

async function benchRun(flags: BenchFlags, ctx: Ctx, io: Sinks): Promise<{ code: ExitCode; doc?: BenchDocument }> {
  if (flags.demo && flags.config) throw new UsageError('Use either --demo (built-in emulators) or --config FILE, not both.');
  if (!flags.demo && !flags.config) {
    throw new UsageError('bench needs --config FILE, or --demo to try it on built-in emulators.', 'Write a starting config with: gateway-scout bench init --out bench.yaml');
  }
  const overrides = overridesFrom(flags);
  const maxSpend = numberFlag('--max-spend', flags.maxSpend, 'US dollars > 0, e.g. 2.50', (n) => n > 0);
  const [catalog, models] = await Promise.all([loadCatalog(flags.data), loadModels(flags.dataModels)]);

  let raw: unknown;
  let file: string | undefined;
  let env: Ctx['env'] = ctx.env;
  let demo: Awaited<ReturnType<typeof import('./bench-demo.js').startDemo>> | undefined;
  if (flags.config) {
    file = resolve(ctx.cwd, flags.config);
    raw = await readStructured(file, 'bench config');
  } else {
    const { startDemo } = await import('./bench-demo.js');
    demo = await startDemo(models.value);
    raw = demo.config;
    env = demo.env;
    io.err(demo.describe + '\n');
  }
  try {
    return await runWith(raw, file, env, demo !== undefined, overrides, maxSpend, flags, ctx, io, catalog.value, models.value);
  } finally {
    await demo?.close();
  }
}

async function runWith(
  raw: unknown,
  file: string | undefined,
  env: Ctx['env'],
  isDemo: boolean,
  overrides: BenchFlagOverrides,
  maxSpend: number | undefined,
  flags: BenchFlags,
  ctx: Ctx,
  io: Sinks,
  catalog: Parameters<typeof resolveTargets>[1],
  models: Parameters<typeof resolveTargets>[2],
): Promise<{ code: ExitCode; doc?: BenchDocument }> {
  const where = file ?? 'the demo config';
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`The bench config ${where} must be an object.`, file, [], 'See gateway-scout schema bench-config, or start from gateway-scout bench init.');
  const literals = secretLiterals(raw);
  if (literals.length > 0) throw new InputError(`The bench config ${where} contains a key.`, file, literals);
  const { config: merged, unknownTargets } = applyOverrides(raw as Record<string, unknown>, overrides);
  if (unknownTargets.length > 0) {
    const names = ((raw as { targets?: { name?: unknown }[] }).targets ?? []).map((t) => String(t?.name));
    throw new UsageError(`--targets: no target named ${unknownTargets.map((n) => `"${n}"`).join(', ')} in ${where}.`, `Targets: ${names.join(', ')}.`);
  }
  const parsed = benchConfigSchema.safeParse(merged);
  if (!parsed.success) throw new InputError(`The bench config ${where} is invalid.`, file, zodIssues(parsed.error), 'See gateway-scout schema bench-config.');
  const config = parsed.data;
  const resolved = resolveTargets(config, catalog, models);
  if (resolved.issues.length > 0) throw new InputError(`The bench config ${where} has targets that cannot be reached as written.`, file, resolved.issues);
  const prompts = await loadPrompts(config, file ? dirname(file) : ctx.cwd);
  const estimate = estimateRun(config, resolved.targets, prompts);

  if (flags.dryRun) {
    // A missing key fails a dry run as it would a real one (exit 2); with --json the error is the one document.
    if (flags.json) {
      readSecrets(resolved.targets, env);
      io.out(JSON.stringify(planDocument(config, estimate, maxSpend), null, 2) + '\n');
    } else {
      io.out(renderPlan(estimate, describeConfig(config), maxSpend, { width: ctx.width, color: false }));
      readSecrets(resolved.targets, env);
    }
    for (const w of resolved.warnings) io.err(`warning ${w}\n`);
    return { code: EXIT.ok };
  }
  const secrets = readSecrets(resolved.targets, env);
  const values = [...secrets.values()];
  const scrub = (s: string) => redact(s, values);
  const out = (s: string) => io.out(scrub(s));
  const err = (s: string) => io.err(scrub(s));

  const outDir = flags.out !== undefined ? resolve(ctx.cwd, flags.out) : undefined;
  if (outDir) await checkOutDir(outDir);
  for (const w of resolved.warnings) err(`warning ${w}\n`);

  if (!isDemo && !flags.yes) {
    const line = `About to send ${estimate.requests} request${estimate.requests === 1 ? '' : 's'} (${describeConfig(config)}); estimated spend at most ${fmtUsd(estimate.usd)}${estimate.unpriced.length ? ` plus unpriced targets (${estimate.unpriced.join(', ')})` : ''}${maxSpend !== undefined ? `, capped at $${maxSpend}` : ''}.`;
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

  let writer: JsonlWriter | undefined;
  if (outDir) {
    try {
      await mkdir(outDir, { recursive: true });
    } catch (e) {
      throw new RunError(`Cannot create --out ${outDir}: ${(e as Error).message}`);
    }
    await writeText(join(outDir, 'config.json'), scrub(JSON.stringify(publicConfig(config), null, 2)) + '\n');
    writer = new JsonlWriter(join(outDir, 'requests.jsonl'), scrub);
  }
  const { BenchProgress } = await import('../ui/bench-progress.js');
  const progress = new BenchProgress(err, ctx.tty.stderr, ctx.color, resolved.targets.map((t) => t.name), config.requests);
  err(`Benchmarking ${describeConfig(config)}${outDir ? `; records → ${join(outDir, 'requests.jsonl')}` : ''}\n`);
  let doc: BenchDocument;
  try {
    doc = await executeBench({
      config,
      targets: resolved.targets,
      secrets,
      prompts,
      warnings: resolved.warnings,
      ...(maxSpend !== undefined ? { maxSpendUsd: maxSpend } : {}),
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
  if (outDir) await writeText(join(outDir, 'summary.json'), scrub(JSON.stringify(doc, null, 2)) + '\n');
  if (flags.json) out(JSON.stringify(doc, null, 2) + '\n');
  else out(renderReport(doc, { width: ctx.width, color: io.out === ctx.err ? ctx.color : ctx.color && ctx.tty.stdout }));
  if (outDir) err(`Wrote ${join(outDir, 'requests.jsonl')}, summary.json and config.json.\n`);

  if (doc.status === 'interrupted') return { code: EXIT.interrupted, doc };
  if (doc.targets.every((t) => t.requests.ok === 0)) {
    err(`error No request succeeded (${doc.run.sentRequests} sent): see the notes above for each target's errors.\n`);
    return { code: EXIT.runFailed, doc };
  }
  return { code: EXIT.ok, doc };
}

function describeConfig(config: BenchConfig): string {
  const mode = loadMode(config);
  const base = baselineIndex(config);
  return `${config.targets.length} target${config.targets.length === 1 ? '' : 's'} × ${config.requests} requests (+${config.warmup} warmup), ${
    mode.kind === 'closed' ? `concurrency ${mode.concurrency}` : `${mode.rate}/s per target (${mode.arrival})`
  }, ${config.stream ? 'streamed' : 'not streamed'}, max_tokens ${config.maxTokens}${base !== undefined ? `, baseline ${config.targets[base]!.name}` : ''}`;
}

