import { resolve } from 'node:path';
import { benchDocumentSchema, upgradeBenchDocument } from '../bench/document.js';
import { measurementsFrom, type Measurements } from '../bench/measured.js';
import { zodIssues } from '../catalog/validate.js';
import { InputError, UsageError } from '../errors.js';
import { readStructured } from '../io/files.js';
import { benchTokenFields, type CostMeasurements } from '../cost/measured.js';

export interface BenchFlags {
  bench?: string;
  benchTokens?: boolean;
  avgInputTokens?: unknown;
  avgOutputTokens?: unknown;
}

/** `--bench` and `--bench-tokens` (choose, cost): the measurements, with the user's choice of token sizes; undefined without --bench. */
export async function benchFromFlags(flags: BenchFlags, cwd: string): Promise<Measurements | undefined> {
  if (flags.bench === undefined) {
    if (flags.benchTokens) throw new UsageError('--bench-tokens needs --bench FILE: it uses the token sizes that benchmark measured.');
    return undefined;
  }
  const m = await loadMeasurements(flags.bench, cwd);
  if (flags.benchTokens && !m.promptsFromFile) {
    throw new UsageError(
      `--bench-tokens: ${flags.bench} was run with a built-in prompt (short, medium or long), a probe, not your workload: its token sizes say nothing about your requests.`,
      'Run bench with your own prompts (prompt: {file: prompts.txt} in the config, one real prompt per line) to measure your token sizes, or give them with --avg-input-tokens and --avg-output-tokens.',
    );
  }
  return { ...m, tokenChoice: { benchTokens: flags.benchTokens === true, flagged: { input: flags.avgInputTokens !== undefined, output: flags.avgOutputTokens !== undefined } } };
}

/** `--bench summary.json` (choose, cost): a benchmark's result document, checked against `schema bench`. */
export async function loadMeasurements(file: string, cwd: string): Promise<Measurements> {
  const path = resolve(cwd, file);
  const raw = await readStructured(path, 'benchmark summary');
  if (typeof raw === 'object' && raw !== null && 'merge' in raw) {
    // A merged document holds several runs (regions, labels): which one describes your traffic is your call.
    throw new InputError(
      `${path} is a merged document (report merge), not one benchmark run.`,
      path,
      [],
      'Pass the summary.json of the run that matches where your traffic runs (one of the files you merged); `report` reads merged documents.',
    );
  }
  const parsed = benchDocumentSchema.safeParse(upgradeBenchDocument(raw));
  if (!parsed.success) {
    throw new InputError(`${path} is not a benchmark summary.`, path, zodIssues(parsed.error), 'Pass the summary.json that `gateway-scout bench --out DIR` wrote, or the output of `bench --json`.');
  }
  const m = measurementsFrom(parsed.data, file);
  if (m.emulatedTargets.length > 0) {
    // Emulators answer with overheads someone set by hand: using them would present a setting as a measurement.
    throw new InputError(
      `${file} is a demo, not a measurement: ${m.emulatedTargets.join(', ')} answered from gateway-scout's built-in emulators (bench --demo or emulate), whose overheads and costs are illustrative settings, not the real gateways'.`,
      path,
      [],
      'Measure the real gateways: `gateway-scout bench init --out bench.yaml`, fill in your endpoints, `gateway-scout bench --config bench.yaml --out results`, then pass results/summary.json to --bench.',
    );
  }
  return m;
}

/** One line for stderr: what the measurements change and what they leave alone. */
export function describeMeasurements(m: Measurements & CostMeasurements, gatewayNames: ReadonlyMap<string, string>): string {
  const name = (id: string) => gatewayNames.get(id) ?? id;
  const measured = [...m.overhead.keys()].map(name);
  const others = [...gatewayNames.keys()].filter((id) => !m.overhead.has(id)).map(name);
  const used = benchTokenFields(m);
  const tokens = m.tokensPerRequest && used.length > 0 ? `; tokens per request from your prompts: ${used.map((f) => `${m.tokensPerRequest![f]} ${f}`).join(', ')}` : '';
  return `Using your benchmark of ${m.date} (${m.file}): measured overhead for ${measured.join(', ') || 'no gateway'}${tokens}; ${others.length ? `${others.join(', ')} keep${others.length === 1 ? 's' : ''} the catalog's figures` : 'every gateway measured'}.\n`;
}
