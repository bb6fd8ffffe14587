import { formatDuration } from '../bench/duration.js';
import type { BenchView } from './bench-input.js';

/**
 * The run's shape in one line, the same under the title of every format (pure): what was run and how it was
 * loaded, how much was sent in how long, and where it came from.
 */

/** How the prompt was chosen: a built-in size, or a file of prompts (its name as the config gives it). */
function promptText(p: unknown): string | undefined {
  if (typeof p === 'string') return `prompt ${p}`;
  if (typeof p === 'object' && p !== null && typeof (p as { file?: unknown }).file === 'string') return `prompts from ${(p as { file: string }).file}`;
  return undefined;
}

/** "4 targets × 14 requests, closed loop, concurrency 4, streamed, max_tokens 12, prompt short". */
export function describeRun(b: BenchView): string {
  const c = b.config as { stream?: boolean; maxTokens?: number; requests?: number; prompt?: unknown };
  const r = b.run ?? b.merge?.runs[0]?.run;
  const names = new Set(b.targets.map((t) => t.name)).size;
  const prompt = promptText(c.prompt);
  const tail = [c.stream === false ? 'not streamed' : 'streamed', c.maxTokens === undefined ? undefined : `max_tokens ${c.maxTokens}`, prompt].filter((x) => x !== undefined).join(', ');
  if (b.sweep) return `${names} target${names === 1 ? '' : 's'}, rate sweep ${b.sweep.rates.join(', ')}/s per target (${r?.arrival ?? 'open loop'}), ${tail}`;
  const rate = r?.ramp ? `${r.ramp.from}→${r.ramp.to}/s per target over ${formatDuration(r.ramp.overS)}` : `${r?.ratePerTarget}/s per target`;
  const load = r === undefined ? '' : r.mode === 'closed' ? `, closed loop, concurrency ${r.concurrency}` : `, open loop, ${rate} (${r.arrival})`;
  // A timed run's count is not the config's (requests is then absent, or a closed loop's cap).
  const count = r?.plannedDurationS ? `${c.requests !== undefined && r.mode === 'closed' ? ` × up to ${c.requests} requests` : ''} for ${formatDuration(r.plannedDurationS)}` : ` × ${c.requests} requests`;
  const shard = r?.shard ? `, shard ${r.shard.index}/${r.shard.count}` : '';
  return `${names} target${names === 1 ? '' : 's'}${count}${load}${shard}, ${tail}`;
}

/** "240 requests in 42.9 s" for one run (a merge by label has no single duration); '' when unknown. */
export const runDone = (b: BenchView): string => (b.run ? `${b.run.sentRequests} requests in ${b.run.durationS.toFixed(1)} s` : '');

/** "3 runs merged by label (eu, us, ap)", "from eu-west", or '' without a label. */
export const runOrigin = (b: BenchView): string =>
  b.merge ? `${b.merge.runs.length} runs merged by ${b.merge.by} (${b.merge.runs.map((r) => r.label).join(', ')})` : b.environment?.label ? `from ${b.environment.label}` : '';

/** The whole line: shape; requests and duration; origin. */
export const runShape = (b: BenchView): string => [describeRun(b), runDone(b), runOrigin(b)].filter((s) => s !== '').join('; ');
