import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DrillDocument } from '../drill/document.js';
import { failedGates } from '../gates/evaluate.js';
import { RunError, UsageError } from '../errors.js';
import { appendStepSummary, inGitHubActions } from '../io/github-actions.js';
import { JsonlWriter } from '../io/jsonl.js';
import { writeText } from '../io/files.js';
import { errorCommand, warningCommand } from '../report/github-actions.js';
import { terminalSafe } from '../text/inert.js';
import type { Ctx } from './context.js';

/** Where a drill's results go besides stdout: --out DIR, --markdown FILE, and GitHub Actions. */

/** --out: a new directory, or one without a drill in it (results are never overwritten). */
export async function checkDrillOutDir(dir: string): Promise<void> {
  const s = await stat(dir).catch(() => undefined);
  if (s && !s.isDirectory()) throw new UsageError(`--out ${dir} is a file, not a directory.`);
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.includes('attempts.jsonl') || entries.includes('drill.json')) {
    throw new UsageError(`${dir} already holds a drill (attempts.jsonl or drill.json); results are never overwritten.`, 'Choose another --out directory.');
  }
}

/** attempts.jsonl, opened before the first request: each request's result is appended as it arrives. */
export async function openAttempts(dir: string, scrub: (s: string) => string): Promise<JsonlWriter> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new RunError(`Cannot create --out ${dir}: ${(e as Error).message}`);
  }
  return new JsonlWriter(join(dir, 'attempts.jsonl'), scrub);
}

export const writeDrillJson = (dir: string, doc: DrillDocument, scrub: (s: string) => string): Promise<void> => writeText(join(dir, 'drill.json'), scrub(JSON.stringify(doc, null, 2)) + '\n');

/** Failed gates on stderr everywhere; inside Actions also the step summary, ::error per failed gate, ::warning per warning. */
export async function publishDrill(ctx: Pick<Ctx, 'err' | 'env'>, doc: DrillDocument, markdown: () => string): Promise<void> {
  for (const g of failedGates(doc.gates)) ctx.err(`gate failed: ${terminalSafe(g.message.replace(/^gate /, ''))}\n`);
  if (!inGitHubActions(ctx.env)) return;
  if (ctx.env.GITHUB_STEP_SUMMARY) await appendStepSummary(ctx.env, markdown());
  for (const g of failedGates(doc.gates)) ctx.err(errorCommand('gateway-scout drill gate failed', g.message));
  for (const w of doc.warnings) ctx.err(warningCommand('gateway-scout drill', w));
}
