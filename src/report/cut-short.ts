import type { BenchView } from './bench-input.js';

/**
 * The line every format shows at the top of a run that was cut short and rebuilt from requests.jsonl (pure): the
 * reader must know before any figure that the run did not finish and that its summary was not written by bench.
 */
export function cutShortText(b: Pick<BenchView, 'rebuilt'>): string | undefined {
  const r = b.rebuilt;
  if (r === undefined) return undefined;
  const skipped = r.skippedLines.length === 0 ? '' : `; ${r.skippedLines.length} cut-off line skipped`;
  return `cut short; rebuilt from requests.jsonl (${r.records} completed request${r.records === 1 ? '' : 's'}${skipped}; no summary.json)`;
}
