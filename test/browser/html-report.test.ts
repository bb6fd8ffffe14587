import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../src/gates/evaluate.js';
import { parseGates } from '../../src/gates/parse.js';
import { renderHtml } from '../../src/report/html/render.js';
import { haveChromium, launchChromium } from '../helpers/chromium.js';
import { benchFixture, chooseFixture, costFixture, requestsFixture } from '../helpers/report-fixtures.js';

// In CI a missing browser is a failure (`.ci/run` installs it); on a developer's machine the test is skipped.
const inCi = process.env.CI === 'true';
const run = haveChromium() || inCi;

/** The report of a real run (the us-east fixture: the CLI against the emulators, see scripts/make-bench-fixtures.js). */
async function reportFile(): Promise<string> {
  const bench = benchFixture('us-east/summary.json');
  const html = await renderHtml({
    bench,
    sources: ['us-east'],
    requests: requestsFixture(),
    choose: chooseFixture(),
    cost: costFixture(),
    gates: evaluateGates(parseGates('ttft.p95 > 800ms, errors.rate > 2%'), bench),
    generatedAt: '2026-11-24T03:00:00.000Z',
    version: '0.1.0',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'gs-html-')), 'report.html');
  writeFileSync(file, html);
  return file;
}

describe.runIf(run)('HTML report in headless Chromium', () => {
  it.each(['light', 'dark'] as const)('loads with no console error or outside request, and shows every chart (%s)', async (scheme) => {
    expect(haveChromium(), 'chromium is not installed: `apt-get install -y chromium` (.ci/run does this)').toBe(true);
    const file = await reportFile();
    const browser = await launchChromium(scheme);
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      const charts = await page.locator('figure.chart').evaluateAll((figs) => figs.map((f) => f.getAttribute('data-chart')));
      expect(charts).toEqual(['latency-cdf', 'overhead', 'errors', 'tokens-per-second', 'cost-per-1k', 'cache', 'break-even']);
      // The latency chart is two panels (TTFT, e2e), each with its own axis; the others one SVG each.
      const panels: Record<string, number> = { 'latency-cdf': 2 };
      for (const id of charts) {
        const svgs = page.locator(`figure[data-chart="${id}"] svg[role="img"]`);
        await expect.poll(() => svgs.count()).toBe(panels[id!] ?? 1);
        const svg = svgs.first();
        expect(await svg.isVisible(), id!).toBe(true);
        const box = await svg.boundingBox();
        expect(box!.width, id!).toBeGreaterThan(300);
        expect(box!.height, id!).toBeGreaterThan(80);
        // Something was drawn: the lines, bars or dots of the chart.
        expect(await page.locator(`figure[data-chart="${id}"] svg[role="img"] :is(path, rect, circle)`).count(), id!).toBeGreaterThan(3);
      }
      const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(bg).toBe(scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
