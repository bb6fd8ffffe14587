import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../../src/gates/evaluate.js';
import { parseGates } from '../../../src/gates/parse.js';
import { renderBenchTerminal } from '../../../src/report/bench-terminal.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderHtml } from '../../../src/report/html/render.js';
import type { BenchTarget } from '../../../src/report/bench-input.js';
import type { ReportModel } from '../../../src/report/report-model.js';
import { flat, makeSummary, makeTarget } from '../../helpers/bench-builders.js';

/** A buffered target's TTFT, ITL and tokens/s are labelled in every report; the gate fields read the audits. */

const streaming = (buffered: boolean | null): NonNullable<BenchTarget['streaming']> => ({
  buffered,
  method: buffered === null ? null : 'baseline',
  evidence: 'test evidence',
  requests: 10,
  spanP50Ms: 1,
  finalBurstShareP50: 1,
  pairs: 10,
  baselineSpanP50Ms: 300,
  baselineFinalBurstShareP50: 0.01,
  spanRatioP50: buffered ? 0.003 : 1,
  atOnceShare: null,
});
const audit = (mismatchRate: number | null, verdict: NonNullable<BenchTarget['usageAudit']>['verdict']): NonNullable<BenchTarget['usageAudit']> => ({
  compared: 10,
  matching: 10 - Math.round((mismatchRate ?? 0) * 10),
  missing: 0,
  zero: Math.round((mismatchRate ?? 0) * 10),
  inflated: 0,
  deflated: 0,
  mismatchRate,
  medianPromptDiffPct: 0,
  medianCompletionDiffPct: 0,
  verdict,
  evidence: 'test evidence',
});

// direct (baseline) paced; kong buffered: TTFT 2,345 ms, ITL 0.01 ms, 38,873 tok/s — the absurd figures of a held stream.
const bench = () =>
  makeSummary([
    makeTarget('direct', { baseline: true, streaming: streaming(false), usageAudit: { ...audit(null, null), compared: 0, matching: 0 } }),
    makeTarget('kong', { latencyMs: { headers: flat(20), ttft: flat(2345), e2e: flat(2346), itl: flat(0.01) }, outputTokensPerSecond: flat(38873), streaming: streaming(true), usageAudit: audit(0.3, 'zeroed') }),
    makeTarget('litellm', { streaming: streaming(false), usageAudit: audit(0, 'ok') }),
  ]);
const model = (): ReportModel => ({ bench: bench(), sources: ['summary.json'], generatedAt: '2026-12-06T18:00:00.000Z', version: '0.1.0' });

describe('buffered figures are labelled', () => {
  it('terminal: "b" after the buffered row\'s TTFT, ITL and tok/s, and the legend says what it means', () => {
    const text = renderBenchTerminal({ bench: bench() }, { width: 160, color: false });
    const row = (n: string) => text.split('\n').find((l) => new RegExp(`^\\s*${n}\\*?\\s`).test(l))!;
    // TTFT p50, TTFT p95, ITL p50 and tok/s of kong: four marks; none on the others
    expect(row('kong').match(/ b(?= |$)/g)).toHaveLength(4);
    expect(row('kong')).toMatch(/38873 b/);
    expect(row('direct')).not.toMatch(/ b(?= |$)/);
    expect(row('litellm')).not.toMatch(/ b(?= |$)/);
    expect(text.replace(/\s+/g, ' ')).toContain('b = buffered stream: TTFT is the time to the whole answer; ITL and tokens/s are not generation figures');
  });

  it('terminal: no legend entry when nothing is buffered', () => {
    const b = makeSummary([makeTarget('direct', { streaming: streaming(false) }), makeTarget('x')]);
    expect(renderBenchTerminal({ bench: b }, { width: 160, color: false })).not.toContain('buffered');
  });

  it('markdown: "*buffered*" in the TTFT and tokens/s cells, and a line naming the target', () => {
    const md = renderMarkdown(model());
    const kong = md.split('\n').find((l) => l.startsWith('| kong '))!;
    expect(kong).toContain('2,345 ms *buffered*');
    expect(kong).toContain('38,873 *buffered*');
    expect(md.split('\n').find((l) => l.startsWith('| litellm '))).not.toContain('buffered');
    expect(md).toContain('**⚠️ Buffered: kong** — buffered stream: TTFT is the time to the whole answer; ITL and tokens/s are not generation figures');
  });

  it('HTML: a "buffered" mark under each of the figures, and a note under the table', async () => {
    const html = await renderHtml(model());
    // TTFT p50, p95, p99, ITL p50 and tok/s p50 of kong
    expect(html.match(/<span class="warn" title="buffered stream: [^"]+">buffered<\/span>/g)).toHaveLength(5);
    expect(html).toContain('<p class="warn"><strong>Buffered:</strong> kong — buffered stream: TTFT is the time to the whole answer; ITL and tokens/s are not generation figures.</p>');
  });
});

describe('gate fields', () => {
  const statuses = (expr: string) => evaluateGates(parseGates(expr), bench()).map((r) => `${r.target}:${r.status}`);

  it('usage.mismatch.rate: kong 30% fails "> 1%", litellm 0% passes; not applicable to the baseline', () => {
    expect(statuses('usage.mismatch.rate > 1%')).toEqual(['direct:not-applicable', 'kong:fail', 'litellm:pass']);
    expect(statuses('usage.mismatch.rate >= 30%')).toEqual(['direct:not-applicable', 'kong:fail', 'litellm:pass']);
    expect(statuses('usage.mismatch.rate > 30%')).toEqual(['direct:not-applicable', 'kong:pass', 'litellm:pass']);
  });

  it('stream.buffered: 1 for kong, 0 for the others; not applicable without a verdict', () => {
    expect(statuses('stream.buffered == 1')).toEqual(['direct:pass', 'kong:fail', 'litellm:pass']);
    const b = makeSummary([makeTarget('x', { streaming: streaming(null) }), makeTarget('old')]);
    expect(evaluateGates(parseGates('stream.buffered == 1'), b).map((r) => r.status)).toEqual(['not-applicable', 'not-applicable']);
  });
});
