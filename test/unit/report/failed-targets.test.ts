import { describe, expect, it } from 'vitest';
import { renderBenchTerminal } from '../../../src/report/bench-terminal.js';
import { renderHtml } from '../../../src/report/html/render.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import type { ReportModel } from '../../../src/report/report-model.js';
import { errors, flat, makeSummary, makeTarget } from '../../helpers/bench-builders.js';

/** A run whose litellm target answered every request with HTTP 500: the report must name it as failed. */
const REASON = 'all 4 measured requests failed: 4 × server_error (first: HTTP 500: upstream exploded)';
const none = flat(null, 0);
const bench = makeSummary(
  [
    makeTarget('direct', { baseline: true }),
    makeTarget('litellm', { requests: { sent: 4, ok: 0, failed: 4 }, errors: errors({ server_error: 4 }), latencyMs: { headers: none, ttft: none, e2e: none, itl: none }, outputTokensPerSecond: none }),
  ],
  [],
  {
    status: {
      ended: 'completed',
      ok: false,
      failedTargets: [{ target: 'litellm', sent: 4, topError: { class: 'server_error', count: 4, example: 'HTTP 500: upstream exploded' }, reason: REASON }],
    },
  },
);
const model: ReportModel = { bench, sources: ['run/'], generatedAt: '2026-12-06T10:00:00.000Z', version: '0.1.0' };

describe('a target the run could not measure, in every report', () => {
  it('terminal: a FAILED section after the table names the target and why; a run without one has none', () => {
    const text = renderBenchTerminal(model, { width: 120, color: false });
    expect(text).toContain(`\nFAILED: 1 of 2 targets had no successful request (not measured)\n  ✗ litellm: ${REASON}\n`);
    expect(text.indexOf('FAILED')).toBeGreaterThan(text.indexOf('litellm'));
    const fine = renderBenchTerminal({ ...model, bench: makeSummary([makeTarget('direct')]) }, { width: 120, color: false });
    expect(fine).not.toContain('FAILED');
    // wrapped to the width like every other sentence
    for (const line of renderBenchTerminal(model, { width: 40, color: false }).split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('markdown: the failure first, before the gates and the table, and the row marked', () => {
    const md = renderMarkdown(model);
    expect(md).toContain(`**❌ Failed: 1 of 2 targets had no successful request (not measured)**\n\n- litellm: ${REASON}\n`);
    expect(md.indexOf('❌ Failed')).toBeLessThan(md.indexOf('| target |'));
    expect(md).toContain('| litellm ❌ not measured | 0 / 4 |');
    expect(renderMarkdown({ ...model, bench: makeSummary([makeTarget('direct')]) })).not.toContain('not measured');
  });

  it('HTML: a badge in the header, an alert above the targets table, the row marked', async () => {
    const html = await renderHtml(model);
    expect(html).toContain('<span class="badge fail">run failed: 1 target not measured</span>');
    expect(html).toContain(`<div class="failed" role="alert"><p><strong class="fail">Failed: 1 of 2 targets had no successful request (not measured).</strong></p><ul><li>litellm: ${REASON}</li></ul></div>`);
    expect(html).toMatch(/<th scope="row">litellm <span class="fail">✗ not measured<\/span>/);
    const fine = await renderHtml({ ...model, bench: makeSummary([makeTarget('direct')]) });
    expect(fine).not.toContain('not measured');
  });
});
