import { describeFailure } from '../bench/status.js';
import { failedGates } from '../gates/evaluate.js';
import type { GateResult } from '../gates/result.js';
import { appendStepSummary, inGitHubActions, secretValues } from '../io/github-actions.js';
import { errorCommand, maskCommands, warningCommand } from '../report/github-actions.js';
import type { AnyReportModel } from '../report/report-model.js';
import { terminalSafe } from '../text/inert.js';
import type { Ctx } from './context.js';

/** The little of the context this needs: stderr and the environment. */
type Io = Pick<Ctx, 'err' | 'env'>;

/**
 * What `bench` and `report` tell a pipeline, the same way: failed gates on stderr everywhere; inside GitHub
 * Actions (GITHUB_ACTIONS=true) also the key masks first, the markdown step summary, and annotations. Outside
 * Actions none of the Actions part is printed or written.
 */

/**
 * Inside Actions, before anything else is printed: register the value of every named key variable that is set
 * (in `env`: the process's, or the demo's stand-ins).
 */
export function maskKeys(ctx: Io, names: readonly string[], env: Ctx['env'] = ctx.env): void {
  if (inGitHubActions(ctx.env)) ctx.err(maskCommands(secretValues(env, names)));
}

/** One stderr line per failed gate, naming the gate, the target, the measured value and the limit. */
export function printFailedGates(ctx: Io, gates: readonly GateResult[]): void {
  // The message names the target, whose name comes from the result file: control characters shown escaped.
  for (const g of failedGates(gates)) ctx.err(`gate failed: ${terminalSafe(g.message.replace(/^gate /, ''))}\n`);
}

export interface Annotation {
  title: string;
  message: string;
}

/**
 * Inside Actions: append the markdown summary to $GITHUB_STEP_SUMMARY (rendered here unless the caller already
 * has it), turn each target the run could not measure and each failed gate into ::error, and the given warnings
 * into ::warning.
 */
export async function publishToActions(ctx: Io, model: AnyReportModel, warnings: readonly Annotation[], markdown?: string): Promise<void> {
  if (!inGitHubActions(ctx.env)) return;
  // Drills alone come with their markdown: the bench's renderer is for a model with a bench.
  const summary = markdown ?? (model.bench !== undefined ? (await import('../report/markdown.js')).renderMarkdown(model) : undefined);
  if (ctx.env.GITHUB_STEP_SUMMARY && summary !== undefined) await appendStepSummary(ctx.env, summary);
  for (const f of model.bench?.status.failedTargets ?? []) ctx.err(errorCommand('gateway-scout target not measured', describeFailure(f)));
  for (const g of failedGates(model.gates ?? [])) ctx.err(errorCommand('gateway-scout gate failed', g.message));
  for (const w of warnings) ctx.err(warningCommand(w.title, w.message));
}

/**
 * `choose` and `cost` inside Actions: their summary (the pick) appended to $GITHUB_STEP_SUMMARY, and each failed
 * gate as ::error. They read no keys, so there is nothing to mask.
 */
export async function publishPick(ctx: Io, markdown: string, failures: readonly string[]): Promise<void> {
  if (!inGitHubActions(ctx.env)) return;
  if (ctx.env.GITHUB_STEP_SUMMARY) await appendStepSummary(ctx.env, markdown);
  for (const f of failures) ctx.err(errorCommand('gateway-scout gate failed', f));
}

/** A benchmark's own warnings, as annotations. */
export const benchWarnings = (warnings: readonly string[]): Annotation[] => warnings.map((message) => ({ title: 'gateway-scout benchmark', message }));
