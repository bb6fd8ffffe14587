import { EXIT, type ExitCode } from '../errors.js';
import { writeText } from '../io/files.js';
import { readResults } from '../io/results-input.js';
import { mergeRuns } from '../merge/merge-runs.js';
import { terminalSafe } from '../text/inert.js';
import type { Ctx } from './context.js';
import type { MergeFlags } from './report.js';

export async function runMerge(paths: string[], flags: MergeFlags, ctx: Ctx): Promise<ExitCode> {
  const results = await readResults(paths);
  const merged = mergeRuns(results.bench.map((r) => ({ file: r.file, summary: r.summary })), flags.by);
  const text = JSON.stringify(merged, null, 2) + '\n';
  await writeText(flags.out, text);
  if (flags.json) ctx.out(text);
  else ctx.out(`Merged ${merged.merge.runs.length} runs (${merged.merge.runs.map((r) => terminalSafe(r.label)).join(', ')}) by ${flags.by} into ${flags.out}: ${merged.targets.length} rows.\nNext: gateway-scout report ${flags.out} --html report.html\n`);
  return EXIT.ok;
}
