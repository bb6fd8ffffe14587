import type { StreamingDoc, UsageAuditDoc } from './document.js';
import type { Rows, SampleTable } from './samples.js';
import { assessStreaming, notStreamed, type StreamRow } from './stream-fidelity.js';
import { auditUsage, noBaselineAudit, type UsageRow } from './usage-audit.js';
import type { Target } from './targets.js';

/** Stream fidelity and usage audit of every target, from the kept samples (pure), and the warnings they raise. */

export interface Fidelity {
  streaming: StreamingDoc;
  usageAudit: UsageAuditDoc;
}

/** Successful requests the gateway's cache did not answer: a cached answer's timing and usage are the cache's. */
function served(samples: SampleTable, name: string): { rows: Rows; index: number[] } {
  const rows = samples.rows(name, true);
  return { rows, index: [...rows.index].filter((i) => rows.cache(i) !== 'hit') };
}

function streamRows(samples: SampleTable, name: string): StreamRow[] {
  const { rows, index } = served(samples, name);
  const val = (f: Parameters<Rows['number']>[0], i: number): number | null => (Number.isNaN(rows.number(f, i)) ? null : rows.number(f, i));
  return index.map((i) => ({
    round: rows.number('round', i),
    ttftMs: val('ttftMs', i),
    chunks: val('tokenChunks', i) ?? 0,
    spanMs: val('tokenSpanMs', i),
    finalBurstShare: val('finalBurstShare', i),
  }));
}

function usageRows(samples: SampleTable, name: string): UsageRow[] {
  const { rows, index } = served(samples, name);
  return index.map((i) => ({
    round: rows.number('round', i),
    reported: rows.usageReported(i),
    inputTokens: rows.number('inputTokens', i),
    outputTokens: rows.number('outputTokens', i),
    outputChars: rows.has('outputChars')(i) ? rows.number('outputChars', i) : 0,
  }));
}

export function fidelity(samples: SampleTable, targets: readonly Target[], baseline: number | undefined, streamed: boolean): Fidelity[] {
  const base = baseline === undefined ? undefined : targets[baseline];
  const baseStream = base && streamed ? streamRows(samples, base.name) : undefined;
  const baseUsage = base ? usageRows(samples, base.name) : undefined;
  return targets.map((t) => {
    const isBase = t === base;
    const streaming = streamed ? assessStreaming(streamRows(samples, t.name), isBase ? undefined : baseStream, isBase) : notStreamed();
    const usageAudit = isBase || baseUsage === undefined ? noBaselineAudit(isBase) : auditUsage(usageRows(samples, t.name), baseUsage);
    return { streaming, usageAudit };
  });
}

/** One warning per buffered stream and per usage that differs from the baseline's. */
export function fidelityWarnings(names: readonly string[], f: readonly Fidelity[]): string[] {
  const out: string[] = [];
  f.forEach((x, i) => {
    const name = names[i]!;
    if (x.streaming.buffered === true) {
      out.push(`${name}: the stream arrives at once (buffered). ${x.streaming.evidence}`);
    }
    const v = x.usageAudit.verdict;
    if (v !== null && v !== 'ok') out.push(`${name}: usage ${v} against the baseline. ${x.usageAudit.evidence}`);
  });
  return out;
}
