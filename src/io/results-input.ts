import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { RecommendationDocument } from '../advisor/document-schema.js';
import type { CostReport } from '../cost/report-schema.js';
import type { DrillDocument } from '../drill/document.js';
import { InputError } from '../errors.js';
import type { BenchView, RequestRecord } from '../report/bench-input.js';
import { fileExists, parseStructured, readText } from './files.js';

export interface BenchResult {
  file: string;
  summary: BenchView;
  /** From requests.jsonl beside the summary, when the result was an --out folder. */
  requests?: RequestRecord[];
}

/** A `drill --json` document (or the drill.json of `drill --out`). */
export interface DrillResult {
  file: string;
  doc: DrillDocument;
}

export interface Results {
  bench: BenchResult[];
  drills: DrillResult[];
  choose?: { file: string; doc: RecommendationDocument };
  cost?: { file: string; doc: CostReport };
}

type Kind = 'bench' | 'choose' | 'cost' | 'drill';

/** Told apart by content, not by file name. */
function kindOf(doc: unknown): Kind | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const d = doc as Record<string, unknown>;
  // A drill document says what it is; the others are told apart by their fields.
  if (d.kind === 'drill') return 'drill';
  if (Array.isArray(d.targets) && Array.isArray(d.overhead)) return 'bench';
  if (typeof d.recommendation === 'object' && Array.isArray(d.ranking)) return 'choose';
  if (Array.isArray(d.gateways) && Array.isArray(d.breakEven)) return 'cost';
  return undefined;
}

async function invalid(file: string, what: string, error: z.ZodError, hint: string): Promise<never> {
  const { zodIssues } = await import('../catalog/validate.js');
  throw new InputError(`${file} is not a valid ${what}.`, file, zodIssues(error), hint);
}

/** requests.jsonl's records, and the lines skipped (a last line cut off mid-write by a killed run). */
async function readRequests(file: string): Promise<{ records: RequestRecord[]; skippedLines: number[] } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const { requestRecordSchema } = await import('../report/bench-input.js');
  const out: RequestRecord[] = [];
  const skippedLines: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim();
    if (!line) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      // The last line of an interrupted run may be cut short: everything before it still counts.
      if (i >= lines.length - 2) {
        skippedLines.push(i + 1);
        break;
      }
      throw new InputError(`${file} line ${i + 1} is not JSON.`, file, [{ path: `line ${i + 1}`, message: 'not JSON' }]);
    }
    const r = requestRecordSchema.safeParse(json);
    if (!r.success) await invalid(file, `request record (line ${i + 1})`, r.error, 'Each line of requests.jsonl is one request record written by `gateway-scout bench --out DIR`.');
    else out.push(r.data);
  }
  return { records: out, skippedLines };
}

/** The result in an --out folder: bench's summary.json, else the drill.json of `drill --out`. */
async function resultFileIn(dir: string): Promise<string> {
  const summary = join(dir, 'summary.json');
  if (await fileExists(summary)) return summary;
  const drill = join(dir, 'drill.json');
  return (await fileExists(drill)) ? drill : summary;
}

/** A drill document, checked against `schema drill`: a bad one names the file and the field (exit 2). */
async function readDrill(file: string, doc: unknown): Promise<DrillResult> {
  const { drillDocumentSchema } = await import('../drill/document.js');
  const r = drillDocumentSchema.safeParse(doc);
  if (!r.success) await invalid(file, 'drill document', r.error, 'Pass the JSON of `gateway-scout drill --json` (or drill.json in its --out folder); `gateway-scout schema drill` shows the format.');
  return { file, doc: r.data! };
}

/** Read the RESULT arguments: bench summary.json files or --out folders, drill documents, and a choose or cost document. */
export async function readResults(paths: readonly string[]): Promise<Results> {
  const [{ benchViewSchema, upgradeBenchDocument }, { recommendationDocumentSchema }, { costReportSchema }] = await Promise.all([
    import('../report/bench-input.js'),
    import('../advisor/document-schema.js'),
    import('../cost/report-schema.js'),
  ]);
  const out: Results = { bench: [], drills: [] };
  for (const p of paths) {
    const isDir = await stat(p).then((s) => s.isDirectory(), () => false);
    const file = isDir ? await resultFileIn(p) : p;
    if (isDir && !(await fileExists(file))) {
      // A run killed before it finished: its summary is rebuilt from its records (src/io/partial-run.ts).
      const partial = await (await import('./partial-run.js')).readPartialRun(p, readRequests);
      if (partial) {
        out.bench.push({ file: p, ...partial });
        continue;
      }
    }
    const doc = await parseStructured(await readText(file, 'result'), file, 'result');
    const kind = kindOf(doc);
    if (kind === 'drill') out.drills.push(await readDrill(file, doc));
    else if (kind === 'bench') {
      // A version 1 summary is read in today's shape (its failed targets worked out from its rows).
      const r = benchViewSchema.safeParse(upgradeBenchDocument(doc));
      if (!r.success) await invalid(file, 'bench summary', r.error, 'Pass a summary.json written by `gateway-scout bench` (or its --out folder); `gateway-scout schema merged` shows a merged one.');
      else out.bench.push({ file: isDir ? p : file, summary: r.data, ...(isDir ? { requests: (await readRequests(join(p, 'requests.jsonl')))?.records } : {}) });
    } else if (kind === 'choose') {
      if (out.choose) throw new InputError(`Two choose documents given (${out.choose.file} and ${file}).`, file, [], 'Pass at most one `choose --json` document.');
      const r = recommendationDocumentSchema.safeParse(doc);
      if (!r.success) await invalid(file, 'choose --json document', r.error, 'See `gateway-scout schema recommendation`.');
      else out.choose = { file, doc: r.data };
    } else if (kind === 'cost') {
      if (out.cost) throw new InputError(`Two cost documents given (${out.cost.file} and ${file}).`, file, [], 'Pass at most one `cost --json` document.');
      const r = costReportSchema.safeParse(doc);
      if (!r.success) await invalid(file, 'cost --json document', r.error, 'See `gateway-scout schema cost`.');
      else out.cost = { file, doc: r.data };
    } else {
      throw new InputError(
        `${file} is not a bench summary, a drill document, a choose --json or a cost --json document.`,
        file,
        [],
        'report reads summary.json files (or bench --out folders) and drill documents (`drill --json`), plus optionally the JSON of `choose --json` and `cost --json`.',
      );
    }
  }
  return out;
}
