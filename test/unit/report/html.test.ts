import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../../src/gates/evaluate.js';
import { parseGates } from '../../../src/gates/parse.js';
import { renderHtml } from '../../../src/report/html/render.js';
import type { ReportModel } from '../../../src/report/report-model.js';
import { benchFixture, chooseFixture, costFixture, requestsFixture } from '../../helpers/report-fixtures.js';

const full = (): ReportModel => {
  const bench = benchFixture('us-east/summary.json');
  return {
    bench,
    sources: ['us-east'],
    requests: requestsFixture(),
    choose: chooseFixture(),
    cost: costFixture(),
    gates: evaluateGates(parseGates('ttft.p95 > 800ms, errors.rate > 2%'), bench),
    generatedAt: '2026-11-24T03:00:00.000Z',
    version: '0.1.0',
  };
};

const charts = (html: string) => [...html.matchAll(/<figure class="chart" id="chart-([^"]+)"/g)].map((m) => m[1]);

describe('HTML report', () => {
  it('has every chart, each an SVG with an accessible name', async () => {
    const html = await renderHtml(full());
    expect(charts(html)).toEqual(['latency-cdf', 'overhead', 'errors', 'tokens-per-second', 'cost-per-1k', 'cache', 'break-even']);
    for (const id of charts(html)) {
      const fig = html.slice(html.indexOf(`id="chart-${id}"`), html.indexOf('</figure>\n', html.indexOf(`id="chart-${id}"`)));
      expect(fig).toMatch(/<svg role="img"[^>]*\saria-label="[^"]{40,}"/);
      expect(fig).toMatch(/<figcaption><strong>[^<]+<\/strong>/);
    }
  });

  it('is self-contained: no script, no external stylesheet, font or image', async () => {
    const html = await renderHtml(full());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|@font-face|url\(/i);
    expect(html).not.toMatch(/\ssrc\s*=/i);
    // Attributes that could load something point only inside the page; the one exception is a plain link
    // (never loaded) to each source the recommendation cites. URLs in text (the config's baseUrl) are text.
    const attrs = [...html.matchAll(/\s(href|src|xlink:href|action|poster|data)\s*=\s*"([^"]*)"/gi)];
    for (const [, name, value] of attrs) {
      if (value!.startsWith('#')) continue;
      expect(name).toBe('href');
      expect(html).toContain(`<a href="${value}" rel="noreferrer">`);
    }
    expect(attrs.some(([, , v]) => v!.startsWith('https://'))).toBe(true);
  });

  it('has accessible tables: a caption and scoped headers', async () => {
    const html = await renderHtml(full());
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const t of tables) {
      expect(t).toMatch(/^<table><caption>[^<]+<\/caption>/);
      expect(t).toMatch(/<th scope="col"/);
      expect(t).toMatch(/<th scope="row"/);
    }
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/prefers-color-scheme: dark/);
    expect(html).toMatch(/@media print/);
  });

  it('shows key variable names but never a secret, even one written into the config by mistake', async () => {
    const m = full();
    m.bench = { ...m.bench, config: { ...m.bench.config, targets: [...((m.bench.config.targets as object[] | undefined) ?? []), { name: 'oops', apiKey: 'sk-test-key-SENTINEL', headers: { Authorization: 'Bearer test-key-SENTINEL' } }] } };
    const html = await renderHtml(m);
    expect(html).toContain('OPENROUTER_API_KEY');
    expect(html).not.toContain('SENTINEL');
    expect(html).toContain('[redacted]');
  });

  it('renders a summary.json alone (no requests.jsonl), drawing the curves from its histograms', async () => {
    const html = await renderHtml({ bench: benchFixture('eu-west.json'), sources: ['eu-west.json'], generatedAt: 'x', version: '0.1.0' });
    expect(charts(html)).toEqual(['latency-cdf', 'overhead', 'errors', 'tokens-per-second', 'cost-per-1k', 'cache']);
    expect(html).toContain('measured from eu-west');
    expect(html).not.toMatch(/id="h-rec"|id="h-cost"|id="h-gates"/);
  });
});

describe('HTML report: the gateway\'s own latency figure', () => {
  it('gets a column beside the measured overhead only when a gateway reported one', async () => {
    const bench = benchFixture('eu-west.json');
    const plain = await renderHtml({ bench, sources: ['eu-west.json'], generatedAt: 'x', version: '0.1.0' });
    expect(plain).not.toContain('gateway says');
    const row = bench.targets.find((t) => bench.overhead.some((o) => o.target === t.name))!;
    row.selfReported = { field: 'X-Kong-Proxy-Latency', p50Ms: 2, n: 40 };
    const html = await renderHtml({ bench, sources: ['eu-west.json'], generatedAt: 'x', version: '0.1.0' });
    expect(html).toContain('<th scope="col">gateway says</th>');
    expect(html).toContain('<td>+2.0 ms (p50 of X-Kong-Proxy-Latency, n=40)</td>');
  });
});
