import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Pairwise } from '../../src/bench/document.js';
import type { Stats } from '../../src/report/bench-input.js';
import { renderHtml } from '../../src/report/html/render.js';
import { haveChromium, launchChromium } from '../helpers/chromium.js';
import { flat, makeSummary, makeTarget } from '../helpers/bench-builders.js';

const inCi = process.env.CI === 'true';
const run = haveChromium() || inCi;

/** Twelve requests a target (p95 needs 20: marked); LiteLLM +4 ms, OpenRouter +40 ms over direct, as the demo sets. */
const twelve = (v: number): Stats => ({ ...flat(v, 12), unsupported: ['p90', 'p95', 'p99'] });
const row = (name: string, ttft: number, baseline = false) =>
  makeTarget(name, { baseline, requests: { sent: 12, ok: 12, failed: 0 }, latencyMs: { headers: flat(5, 12), ttft: twelve(ttft), e2e: twelve(ttft + 100), itl: flat(10, 12) } });
const pair: Pairwise = { a: 'litellm', b: 'openrouter', metric: 'ttft', n: 12, p50DeltaMs: -36, p90DeltaMs: -35, ci95: [-40, -31], p90Ci95: [-41, -30], verdict: 'litellm is 36 ms faster than openrouter in TTFT (31–40 ms)' };

async function file(): Promise<string> {
  const bench = makeSummary([row('direct', 150, true), row('litellm', 154), row('openrouter', 190)], [], { config: { requests: 12, stream: true, maxTokens: 12, prompt: 'short' }, pairwise: [pair] });
  const html = await renderHtml({ bench, sources: ['x'], generatedAt: '2026-11-24T03:00:00.000Z', version: '0.1.0' });
  const f = join(mkdtempSync(join(tmpdir(), 'gs-verdict-html-')), 'report.html');
  writeFileSync(f, html);
  return f;
}

describe.runIf(run)('the verdict in headless Chromium', () => {
  it('is the first section, visible, names the fastest with its interval; ~ marks and their legend show', async () => {
    const browser = await launchChromium('light');
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(pathToFileURL(await file()).href, { waitUntil: 'load' });
      const first = page.locator('main > section').first();
      expect(await first.getAttribute('aria-labelledby')).toBe('h-verdict');
      expect(await first.isVisible()).toBe(true);
      expect(await first.locator('li[data-verdict="fastest"]').innerText()).toBe('Fastest: litellm, 36 ms (31–40) ahead of openrouter in TTFT (p50 over 12 paired rounds, 95% interval)');
      // The shape under the title, before the verdict.
      expect(await page.locator('header p.run-shape').innerText()).toContain('3 targets × 12 requests, closed loop, concurrency 4, streamed, max_tokens 12, prompt short');
      const targets = page.locator('section[aria-labelledby="h-targets"] table');
      expect(await targets.locator('caption').innerText()).toContain('~ too few requests for that percentile (p95 needs 20, p99 needs 100)');
      expect(await targets.locator('td', { hasText: '~154' }).count()).toBe(2);
      expect(await page.locator('section[aria-labelledby="h-pairwise"] table').isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
