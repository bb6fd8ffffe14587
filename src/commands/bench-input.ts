import { resolve } from 'node:path';
import { benchDocumentSchema, upgradeBenchDocument } from '../bench/document.js';
import { measurementsFrom, type Measurements } from '../bench/measured.js';
import { zodIssues } from '../catalog/validate.js';
import { InputError } from '../errors.js';
import { readStructured } from '../io/files.js';

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
  return measurementsFrom(parsed.data, file);
}

/** One line for stderr: what the measurements change and what they leave alone. */
export function describeMeasurements(m: Measurements, gatewayNames: ReadonlyMap<string, string>): string {
  const name = (id: string) => gatewayNames.get(id) ?? id;
  const measured = [...m.overhead.keys()].map(name);
  const others = [...gatewayNames.keys()].filter((id) => !m.overhead.has(id)).map(name);
  const tokens = m.tokensPerRequest ? `; tokens per request ${m.tokensPerRequest.input} in / ${m.tokensPerRequest.output} out` : '';
  return `Using your benchmark of ${m.date} (${m.file}): measured overhead for ${measured.join(', ') || 'no gateway'}${tokens}; ${others.length ? `${others.join(', ')} keep${others.length === 1 ? 's' : ''} the catalog's figures` : 'every gateway measured'}.\n`;
}
