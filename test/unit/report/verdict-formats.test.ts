import { describe, expect, it } from 'vitest';
import type { Pairwise } from '../../../src/bench/document.js';
import { renderBenchTerminal } from '../../../src/report/bench-terminal.js';
import { renderHtml } from '../../../src/report/html/render.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import type { ReportModel } from '../../../src/report/report-model.js';
import type { Stats } from '../../../src/report/bench-input.js';
import { runShape } from '../../../src/report/run-shape.js';
import { flat, makeSummary, makeTarget } from '../../helpers/bench-builders.js';

/** Eight requests a target: p50 supported (needs 2), p90 (10), p95 (20) and p99 (100) not. */
const eight = (v: number): Stats => ({ ...flat(v, 8), unsupported: ['p90', 'p95', 'p99'] });
const row = (name: string, ttft: number, baseline = false) =>
  makeTarget(name, { baseline, requests: { sent: 8, ok: 8, failed: 0 }, latencyMs: { headers: flat(5, 8), ttft: eight(ttft), e2e: eight(ttft + 100), itl: flat(10, 8) } });
const pair = (a: string, b: string, p50: number, ci: [number, number], verdict: string): Pairwise => ({ a, b, metric: 'ttft', n: 8, p50DeltaMs: p50, p90DeltaMs: p50, ci95: ci, p90Ci95: ci, verdict });

const bench = makeSummary([row('direct', 100, true), row('litellm', 104), row('openrouter', 140)], [], {
  config: { requests: 8, stream: true, maxTokens: 12, prompt: 'short' },
  environment: { label: 'eu-west', node: 'v20', os: 'Linux', arch: 'x64', cpus: 2, undici: '7' },
  run: { mode: 'open', concurrency: null, ratePerTarget: 5, arrival: 'poisson', plannedRequests: 24, sentRequests: 24, durationS: 4.8, spentUsd: 0, eventLoopDelayMs: null },
  pairwise: [pair('litellm', 'openrouter', -36, [-39, -33], 'litellm is 36 ms faster than openrouter in TTFT (33–39 ms)')],
});
const model: ReportModel = { bench, sources: ['x'], generatedAt: '2026-11-24T03:00:00.000Z', version: '0.1.0' };
const SHAPE = '3 targets × 8 requests, open loop, 5/s per target (poisson), streamed, max_tokens 12, prompt short; 24 requests in 4.8 s; from eu-west';

describe('the run\'s shape, the verdict, pairwise and small-sample marks in every format', () => {
  it('the shape line', () => {
    expect(runShape(bench)).toBe(SHAPE);
  });

  it('markdown: shape under the title, the verdict before the table, ~ on p95 with its legend, the pairwise table', () => {
    const md = renderMarkdown(model);
    const lines = md.split('\n');
    expect(lines[2]).toBe(`2026-11-24 02:00 UTC · ${SHAPE}`);
    expect(md.indexOf('**Verdict**')).toBeLessThan(md.indexOf('| target |'));
    expect(md).toContain('- **Fastest:** litellm, 36 ms (33–39) ahead of openrouter in TTFT (p50 over 8 paired rounds, 95% interval)');
    // litellm: TTFT p50 104 (supported), p95 104 marked; e2e 204 and ~204.
    expect(md).toContain('| litellm | 8 / 8 | 0 | 104 ms | ~104 ms | 204 ms | ~204 ms |');
    expect(md).toContain('~ too few requests for that percentile (p95 needs 20): an interpolation between the top requests, not a tail estimate; marked figures here rest on 8 requests');
    expect(md).toContain('| litellm | openrouter | TTFT | -36 ms | -39 to -33 ms | litellm is 36 ms faster than openrouter in TTFT (33–39 ms) |');
    expect(md).not.toMatch(/\d \*/);
  });

  it('HTML: the verdict section first, the shape under the title, ~ on p95 and p99 (no more *), the pairwise table', async () => {
    const html = await renderHtml(model);
    expect(html).toContain(`<p class="run-shape">${SHAPE}</p>`);
    const sections = [...html.matchAll(/<section aria-labelledby="(h-[a-z-]+)"/g)].map((x) => x[1]);
    expect(sections[0]).toBe('h-verdict');
    expect(sections).toContain('h-pairwise');
    expect(html).toContain('<li data-verdict="fastest"><strong>Fastest:</strong> litellm, 36 ms (33–39) ahead of openrouter in TTFT (p50 over 8 paired rounds, 95% interval)</li>');
    // The litellm row: TTFT p50 104, p95 ~104, p99 ~104, e2e 204, ~204.
    const litellm = html.slice(html.indexOf('<th scope="row">litellm'), html.indexOf('</tr>', html.indexOf('<th scope="row">litellm')));
    expect([...litellm.matchAll(/<td class="num">([^<]*)/g)].map((x) => x[1]).slice(2, 7)).toEqual(['104', '~104', '~104', '204', '~204']);
    expect(html).toContain('~ too few requests for that percentile (p95 needs 20, p99 needs 100)');
    expect(html).not.toContain('p99 is not well supported');
  });

  it('terminal: the same mark and legend, the verdict before the table', () => {
    const out = renderBenchTerminal({ bench }, { width: 200, color: false });
    expect(out.indexOf('Verdict')).toBeLessThan(out.indexOf('ok/sent'));
    expect(out).toContain('~104');
    expect(out).toContain('~ too few requests for that percentile (p95 needs 20)');
    expect(out).toContain('litellm is 36 ms faster than openrouter in TTFT (33–39 ms)');
  });
});

