import type { ReportDocument } from '../report/report-document.js';
import { drillHeadlines } from '../report/drill-words.js';
import type { DrillInput } from '../report/report-model.js';

/** The drills in `report --json`: per document and target, rows by grade and every failed row. */
export function drillsInReport(drills: readonly DrillInput[]): ReportDocument['drills'] {
  return drills.map((d) => ({
    file: d.file,
    demo: d.doc.demo,
    status: d.doc.status,
    targets: drillHeadlines(d.doc).map((h) => ({
      target: h.target,
      gateway: h.gateway,
      pass: h.pass,
      safe: h.safe,
      fail: h.fail,
      failures: h.rows.filter((r) => r.grade === 'fail').map((r) => ({ id: r.id, stream: r.stream, outcome: r.outcome })),
    })),
  }));
}
