import { describe, expect, it } from 'vitest';
import type { SliceDoc } from '../../../src/bench/document.js';
import { encodeValues } from '../../../src/histogram/hdr.js';
import { renderHtml } from '../../../src/report/html/render.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import type { ReportModel } from '../../../src/report/report-model.js';
import { benchFixture } from '../../helpers/report-fixtures.js';

const slice = (index: number, ttft: number): SliceDoc => ({
  index,
  startS: index * 60,
  endS: index * 60 + 60,
  sent: 10,
  ok: 10,
  failed: 0,
  errors: {},
  okPerSecond: 0.167,
  ttft: { p50: ttft, p99: ttft * 2 },
  e2e: { p50: ttft * 3, p99: ttft * 4 },
  histograms: { ttft: encodeValues([ttft]), e2e: encodeValues([ttft * 3]) },
});

function model(withSlices: boolean): ReportModel {
  const bench = benchFixture('us-east/summary.json');
  const first = bench.targets[0]!.name;
  return {
    bench: { ...bench, ...(withSlices ? { slices: { sliceS: 60, from: bench.startedAt, targets: [{ target: first, slices: [slice(0, 100), slice(1, 130), slice(2, 170)] }] } } : {}) },
    sources: ['us-east'],
    generatedAt: '2026-11-24T03:00:00.000Z',
    version: '0.1.0',
  };
}

const charts = (html: string) => [...html.matchAll(/<figure class="chart" id="chart-([^"]+)"/g)].map((m) => m[1]);

describe('time slices in the reports', () => {
  it('HTML: an "Over time" chart after the latency one, with an accessible name, only when the run has slices', async () => {
    const html = await renderHtml(model(true));
    expect(charts(html).slice(0, 2)).toEqual(['latency-cdf', 'slices']);
    expect(html).toContain('<h2 id="h-slices">Over time</h2>');
    expect(html).toMatch(/<svg role="img"[^>]*aria-label="TTFT p50 and p99 per time slice \(3 slices of 60 s, by scheduled send\)/);
    expect(charts(await renderHtml(model(false)))).not.toContain('slices');
  });

  it('markdown: the drift row — TTFT p50 100 → 170 ms, p99 200 → 340 ms, worst p99 340 ms at 120 s', () => {
    const md = renderMarkdown(model(true));
    const name = model(true).bench.targets[0]!.name;
    expect(md).toContain(`| ${name} | 30 / 30 | 100 → 170 ms | 200 → 340 ms | 340 ms at 120 s | 0 |`);
    expect(renderMarkdown(model(false))).not.toContain('over time');
  });
});
