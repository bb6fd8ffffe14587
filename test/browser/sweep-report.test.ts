import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html/render.js';
import { haveChromium, launchChromium } from '../helpers/chromium.js';
import { benchFixture } from '../helpers/report-fixtures.js';

// In CI a missing browser is a failure (`.ci/run` installs it); on a developer's machine the test is skipped.
const run = haveChromium() || process.env.CI === 'true';

/**
 * The sweep view of the hand-made fixture test/fixtures/bench/sweep-slo.json: direct and openrouter never
 * saturate (20–160 req/s); litellm saturates at 160 (knee 80); cloudflare saturates at 80 (knee 40), its 160 step
 * skipped. Each target gets a TTFT and an e2e panel.
 */
async function reportFile(): Promise<{ file: string; html: string }> {
  const html = await renderHtml({ bench: benchFixture('sweep-slo.json'), sources: ['sweep-slo'], generatedAt: '2026-12-06T00:00:00.000Z', version: '0.1.0' });
  const file = join(mkdtempSync(join(tmpdir(), 'gs-sweep-')), 'report.html');
  writeFileSync(file, html);
  return { file, html };
}

interface Panel {
  figure: string;
  labels: string[];
  outside: string[];
  crosses: number;
  lineStrokes: string[];
}

describe.runIf(run)('the rate-sweep view in headless Chromium', () => {
  it('draws a panel pair per target, every label inside its frame, the knee marked, skipped steps absent, saturated steps crossed', async () => {
    const { file } = await reportFile();
    const browser = await launchChromium('light');
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const panels: Panel[] = await page.evaluate(`[...document.querySelectorAll('figure[data-chart^="sweep-"] svg[role="img"]')].map((svg) => {
        const box = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')];
        return {
          figure: svg.closest('figure').querySelector('figcaption strong').textContent,
          labels: texts.map((t) => t.textContent),
          outside: texts.filter((t) => { const b = t.getBoundingClientRect(); return b.left < box.left - 0.5 || b.right > box.right + 0.5 || b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5; }).map((t) => t.textContent),
          crosses: svg.querySelectorAll('[aria-label="dot"][stroke] path').length,
          lineStrokes: [...svg.querySelectorAll('[aria-label="line"] path')].map((p) => p.getAttribute('stroke')),
        };
      })`);
      // Two panels (TTFT, e2e) for each of the four targets, in the order of the sweep.
      expect(panels.map((p) => p.figure)).toEqual(['direct', 'direct', 'openrouter', 'openrouter', 'litellm', 'litellm', 'cloudflare', 'cloudflare'].map((t) => `Rate sweep: ${t}`));
      for (const p of panels) expect(p.outside, p.figure).toEqual([]);
      const at = (i: number) => panels[i]!;
      // The x ticks are the rates that ran: cloudflare's 160 step was skipped, so its axis stops at 80.
      const ticks = (p: Panel) => p.labels.filter((l) => /^\d+$/.test(l) && ['20', '40', '80', '160'].includes(l));
      expect(ticks(at(0))).toEqual(['20', '40', '80', '160']);
      expect(ticks(at(6))).toEqual(['20', '40', '80']);
      // The knee: only where a step saturated.
      expect(at(0).labels.some((l) => l.startsWith('knee'))).toBe(false);
      expect(at(4).labels).toContain('knee 80 req/s');
      expect(at(7).labels).toContain('knee 40 req/s');
      // Crosses on saturated steps: p50 and p99 at litellm's 160 and cloudflare's 80; none for direct.
      expect([at(0).crosses, at(4).crosses, at(5).crosses, at(6).crosses]).toEqual([0, 2, 2, 2]);
      // The same colour per target as the other charts (the latency chart's legend).
      const legend: Record<string, string> = await page.evaluate(
        `Object.fromEntries([...document.querySelectorAll('figure[data-chart="latency-cdf"] .gs-plot-swatch')].map((s) => [s.textContent.trim(), s.querySelector('svg').getAttribute('fill')]))`,
      );
      expect(new Set(at(4).lineStrokes)).toEqual(new Set([legend.litellm]));
      expect(new Set(at(6).lineStrokes)).toEqual(new Set([legend.cloudflare]));
      expect(legend.litellm).not.toBe(legend.cloudflare);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('each panel fits its own data: litellm\'s TTFT axis reaches its 5,200 ms p99, direct\'s stays under 400 ms', async () => {
    const { html } = await reportFile();
    const yTicks = (id: string, k: number) => {
      const figure = html.slice(html.indexOf(`data-chart="${id}"`));
      const svg = figure.split('<svg').slice(1)[k]!;
      const axis = svg.slice(svg.indexOf('aria-label="y-axis tick label"'), svg.indexOf('aria-label="y-axis label"'));
      return [...axis.matchAll(/>([\d,]+)<\/text>/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
    };
    // direct's TTFT p99 tops at 330 ms: its axis ends below 400; litellm's at 5,200 ms: its axis reaches 5,000.
    expect(Math.max(...yTicks('sweep-1', 0))).toBeLessThan(400);
    expect(Math.max(...yTicks('sweep-3', 0))).toBe(5000);
  });
});
