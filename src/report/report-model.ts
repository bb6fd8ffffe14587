import type { RecommendationDocument } from '../advisor/document-schema.js';
import type { CostReport } from '../cost/report-schema.js';
import type { DrillDocument } from '../drill/document.js';
import type { GateResult } from '../gates/result.js';
import type { BenchView, RequestRecord } from './bench-input.js';

/** Everything a report renders, already read and validated. Renderers take this and return strings. */
export interface ReportModel {
  /** One bench run, or several merged. */
  bench: BenchView;
  /** Where the results came from (files or folders), for the report's header. */
  sources: string[];
  /** Per-request records, when a result was an --out folder with requests.jsonl. */
  requests?: RequestRecord[];
  choose?: RecommendationDocument;
  cost?: CostReport;
  /** Gate results, when --fail-on was given. */
  gates?: GateResult[];
  /** Failover drills given to `report` (drill documents), in the order given. */
  drills?: DrillInput[];
  generatedAt: string;
  version: string;
}

/** One drill document and the file it came from. */
export interface DrillInput {
  file: string;
  doc: DrillDocument;
}

/**
 * A report of drills alone (no bench result): the HTML page and the JSON without the bench's sections; its
 * gates, if any, are over drill.* fields.
 */
export type DrillOnlyModel = Omit<ReportModel, 'bench' | 'requests' | 'drills'> & { bench?: undefined; drills: DrillInput[] };

/** What `report` renders: a bench result (with drills or not), or drills alone. */
export type AnyReportModel = ReportModel | DrillOnlyModel;

/** Keys of a config that could hold a secret value. `…Env` names a variable and is kept; the rest is shown. */
const SECRET_KEY = /(key|token|secret|password|authorization|cookie)$/i;

/**
 * The config as shown in a report: bench writes it without secrets, and this redacts any value whose key
 * looks like it holds one anyway (a header named Authorization, a literal apiKey), so a report can be shared.
 */
export function safeConfig(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => safeConfig(x));
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, safeConfig(x, k)]));
  if (typeof v === 'string' && SECRET_KEY.test(key) && !/Env$/.test(key)) return '[redacted]';
  return v;
}
