import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { BenchView, RequestRecord } from '../report/bench-input.js';
import { fileExists, readStructured } from './files.js';

/**
 * An --out folder of a run killed before it wrote summary.json (edge): read config.json and requests.jsonl and
 * hand them to the pure rebuild (src/bench/rebuild.ts). Undefined when the folder is not such a run (no
 * requests.jsonl or no config.json), so the caller reports the missing summary.json as before.
 */
export async function readPartialRun(
  dir: string,
  readRequests: (file: string) => Promise<{ records: RequestRecord[]; skippedLines: number[] } | undefined>,
): Promise<{ summary: BenchView; requests: RequestRecord[] } | undefined> {
  const configFile = join(dir, 'config.json');
  const requestsFile = join(dir, 'requests.jsonl');
  if (!(await fileExists(configFile)) || !(await fileExists(requestsFile))) return undefined;
  const raw = await readStructured(configFile, 'bench config');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(`${configFile} is not a bench config.`, configFile, [], 'config.json is written by `gateway-scout bench --out DIR` at the start of a run.');
  const [{ benchConfigSchema }, { rebuildSummary }, { zodIssues }] = await Promise.all([import('../bench/config.js'), import('../bench/rebuild.js'), import('../catalog/validate.js')]);
  const recorded = raw as Record<string, unknown>;
  // bench --demo records each emulator's base URL as a stand-in ("demo emulator: litellm"), not a URL: the schema
  // checks the rest; the stand-in is kept as recorded.
  const checkable = { ...recorded, targets: Array.isArray(recorded.targets) ? recorded.targets.map(withoutStandIn) : recorded.targets };
  const parsed = benchConfigSchema.safeParse(checkable);
  if (!parsed.success) throw new InputError(`${configFile} is not a valid bench config, so the run cannot be rebuilt.`, configFile, zodIssues(parsed.error), 'config.json is written by `gateway-scout bench --out DIR` at the start of a run; see `gateway-scout schema bench-config`.');
  if (parsed.data.sweep !== undefined) {
    throw new InputError(`${dir} holds a sweep that was cut short: its steps cannot be rebuilt into one summary.`, requestsFile, [], 'Rerun the sweep; requests.jsonl still holds every completed request (each with its step).');
  }
  const read = (await readRequests(requestsFile)) ?? { records: [], skippedLines: [] };
  const summary = rebuildSummary({ config: parsed.data, recorded, records: read.records, skippedLines: read.skippedLines });
  if (summary === null) throw new InputError(`${dir} has no summary.json and its requests.jsonl holds no completed request: nothing to report.`, requestsFile, [], 'The run was stopped before any measured request completed; run bench again.');
  return { summary: { ...summary, rebuilt: { from: 'requests.jsonl', records: read.records.length, skippedLines: read.skippedLines } }, requests: read.records };
}

const withoutStandIn = (t: unknown): unknown => {
  if (typeof t !== 'object' || t === null) return t;
  const { baseUrl, ...rest } = t as Record<string, unknown>;
  return typeof baseUrl === 'string' && /^demo emulator: /.test(baseUrl) ? rest : t;
};
