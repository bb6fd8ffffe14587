import { join, resolve } from 'node:path';
import { redact } from '../bench/redact.js';
import type { DrillDocument } from '../drill/document.js';
import { withGates } from '../drill/gates.js';
import { buildDrillDocument } from '../drill/summarize.js';
import type { DrillRequestResult } from '../drill/types.js';
import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { unreachedTargets } from '../drill/warnings.js';
import { checkGateTargets } from '../gates/grammar.js';
import type { JsonlWriter } from '../io/jsonl.js';
import { unwritable, writeText } from '../io/files.js';
import { maskKeys } from './ci-output.js';
import type { Ctx } from './context.js';
import type { DrillFlags } from './drill.js';
import { checkDrillFlags, describeDrill, modesFor, requestsPerTarget, type CheckedDrillFlags } from './drill-flags.js';
import { checkDrillOutDir, openAttempts, publishDrill, writeDrillJson } from './drill-output.js';
import { planFromConfig, planFromDemo, type DrillPlan } from './drill-plan.js';
import { liveRunner, type DrillRunner, type RunnerOutput } from './drill-runner.js';

/**
 * `gateway-scout drill`: check everything (flags, gates, config, key, output paths) before a port is opened, ask
 * (or require --yes) before sending through a real gateway, run the scenarios through `runner` (the live one by
 * default; tests pass a fake), write each result as it arrives, then build the document, evaluate the gates,
 * print, and map the outcome to an exit code: interrupted 130, a failed gate 1, else 0.
 */
export async function runDrillCommand(flags: DrillFlags, ctx: Ctx, runner: DrillRunner = liveRunner): Promise<ExitCode> {
  const checked = checkDrillFlags(flags);
  const plan = flags.config ? await planFromConfig(flags.config, ctx, checked) : await planFromDemo(checked);
  if (checked.gates && plan.knownTargets) checkGateTargets(checked.gates, plan.knownTargets);
  if (requestsPerTarget(plan.config) === 0) {
    throw new UsageError(`Nothing to send: ${plan.config.scenarios.join(', ')} ${plan.config.scenarios.length === 1 ? 'has' : 'have'} no ${modesFor(plan.config.stream).join(' or ')} form.`, 'no-done is a streamed scenario only: drop --stream false, or add other scenarios.');
  }
  maskKeys(ctx, plan.keyNames);
  const scrub = (s: string) => redact(s, plan.secrets);
  const err = (s: string) => ctx.err(scrub(s));
  const outDir = flags.out === undefined ? undefined : resolve(ctx.cwd, flags.out);
  if (outDir) await checkDrillOutDir(outDir);
  const markdownFile = flags.markdown === undefined ? undefined : resolve(ctx.cwd, flags.markdown);
  const problem = markdownFile && (await unwritable(markdownFile));
  if (problem) throw new UsageError(`Cannot write --markdown: ${problem}.`);
  if (!(await confirmed(plan, flags, ctx, err))) return EXIT.ok;

  const writer = outDir ? await openAttempts(outDir, scrub) : undefined;
  let ran: RunnerOutput;
  try {
    ran = await execute(plan, checked, ctx, runner, err, writer);
  } finally {
    await writer?.close();
  }
  const { VERSION } = await import('../program.js');
  const built = buildDrillDocument({ ...ran, config: plan.config, demo: plan.file === undefined, generatedAt: new Date().toISOString(), version: VERSION });
  const doc = checked.gates ? withGates(built, checked.gates) : built;
  return finish(doc, { flags, ctx, outDir, markdownFile, scrub, err });
}

/** A real gateway is sent requests only after a yes on a terminal, or --yes; the demo sends to itself. */
async function confirmed(plan: DrillPlan, flags: DrillFlags, ctx: Ctx, err: (s: string) => void): Promise<boolean> {
  if (plan.file === undefined || flags.yes) return true;
  const p = plan.upstreams;
  const line = `About to drill ${plan.knownTargets?.join(', ')}: ${describeDrill(plan.config)}, with the upstreams on ${p.primary.host}:${p.primary.port} (primary) and ${p.secondary.host}:${p.secondary.port} (secondary).`;
  if (!(ctx.tty.stdin && ctx.tty.stderr)) throw new UsageError(`${line} Without a terminal to confirm on, pass --yes to run.`);
  err(line + '\n');
  const { confirmOnTerminal } = await import('../ui/confirm.js');
  if (await confirmOnTerminal('Send them?', { ...ctx.prompt, signal: ctx.signal })) return true;
  err('Nothing sent.\n');
  return false;
}

async function execute(plan: DrillPlan, checked: CheckedDrillFlags, ctx: Ctx, runner: DrillRunner, err: (s: string) => void, writer: JsonlWriter | undefined): Promise<RunnerOutput> {
  const c = plan.config;
  const seen = new Set<string>();
  const onResult = (r: DrillRequestResult) => {
    writer?.write(r);
    // One progress line per scenario and mode, when its first result comes in.
    const key = `${r.scenario} ${r.stream}`;
    if (!seen.has(key)) err(`  ${r.scenario} (${r.stream ? 'stream' : 'non-stream'})\n`);
    seen.add(key);
  };
  const targets: DrillPlan['targets'] = async (urls) => {
    const set = await plan.targets(urls);
    // The demo's targets are known only now: a gate naming another one stops the drill before it sends.
    if (checked.gates) {
      try {
        checkGateTargets(checked.gates, set.targets.map((t) => t.name));
      } catch (e) {
        await set.close();
        throw e;
      }
    }
    err(`Drilling ${set.targets.map((t) => t.name).join(', ')}: ${describeDrill(c)}${writer ? `; results → ${writer.file}` : ''}\n`);
    return set;
  };
  return runner({ upstreams: plan.upstreams, targets, scenarios: c.scenarios, modes: modesFor(c.stream), requests: c.requests, timeoutMs: c.timeoutsMs.request, faults: c.faults, pauseMs: c.pauseMs, signal: ctx.signal, onResult });
}

interface Finish {
  flags: DrillFlags;
  ctx: Ctx;
  outDir: string | undefined;
  markdownFile: string | undefined;
  scrub(s: string): string;
  err(s: string): void;
}

async function finish(doc: DrillDocument, o: Finish): Promise<ExitCode> {
  const { flags, ctx, scrub } = o;
  if (o.outDir) await writeDrillJson(o.outDir, doc, scrub);
  let markdown: string | undefined;
  const md = async () => (markdown ??= scrub((await import('../report/drill-markdown.js')).renderDrillMarkdown(doc)));
  if (o.markdownFile) await writeText(o.markdownFile, await md(), '--markdown');
  if (flags.json) ctx.out(scrub(JSON.stringify(doc, null, 2)) + '\n');
  else {
    const { renderDrillTerminal } = await import('../report/drill-terminal.js');
    ctx.out(scrub(renderDrillTerminal(doc, { width: ctx.width, color: ctx.color })));
  }
  if (o.outDir) o.err(`Wrote ${join(o.outDir, 'attempts.jsonl')} and drill.json.\n`);
  const summary = ctx.env.GITHUB_STEP_SUMMARY ? await md() : '';
  await publishDrill({ err: o.err, env: ctx.env }, doc, () => summary);
  if (doc.status === 'interrupted') {
    o.err('Interrupted: the report holds what was measured.\n');
    return EXIT.interrupted;
  }
  // Nothing reached an upstream: the set-up is wrong, and the run measured nothing (the warning says what to check).
  if (doc.drill.scenarios.length > 0 && unreachedTargets(doc.drill.scenarios).length === doc.targets.length) {
    o.err('error: no request reached either upstream, so the drill measured nothing (see the warning above the table).\n');
    return EXIT.runFailed;
  }
  return doc.passed ? EXIT.ok : EXIT.gateFailed;
}
