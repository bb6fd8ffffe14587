import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html/render.js';
import { haveChromium, launchChromium } from '../helpers/chromium.js';
import { drillDoc, row } from '../helpers/drill-doc.js';

const inCi = process.env.CI === 'true';
const run = haveChromium() || inCi;

/** A drill alone, one row per grade; the safe row carries a long unbroken error text, as a gateway may send. */
async function file(): Promise<string> {
  const doc = drillDoc([
    row({ target: 'litellm', id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
    row({ target: 'litellm', id: 'reset', stream: false, outcome: 'error-surfaced', grade: 'safe', status: 502, errorText: `upstream_connect_error_${'x'.repeat(150)}` }),
    row({ target: 'litellm', id: 'stream-cut', stream: true, outcome: 'silent-truncation', grade: 'fail' }),
  ]);
  const html = await renderHtml({ drills: [{ file: 'drill.json', doc }], sources: ['drill.json'], generatedAt: '2026-12-06T13:00:00.000Z', version: '0.1.0' });
  const f = join(mkdtempSync(join(tmpdir(), 'gs-drill-html-')), 'report.html');
  writeFileSync(f, html);
  return f;
}

describe.runIf(run)('the Failover drill section in headless Chromium', () => {
  it('pass, safe and fail badges differ in colour as well as word; the page does not scroll sideways at 1,280 px', async () => {
    const browser = await launchChromium('light');
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(pathToFileURL(await file()).href, { waitUntil: 'load' });
      const badges = page.locator('article.drill-target tbody .badge');
      expect(await badges.allInnerTexts()).toEqual(['✓ pass', '! safe', '✗ fail']);
      const colours: string[] = await page.evaluate(`[...document.querySelectorAll('article.drill-target tbody .badge')].map((e) => getComputedStyle(e).color)`);
      expect(new Set(colours).size).toBe(3);
      expect(await page.locator('article.drill-target table').isVisible()).toBe(true);
      const overflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await browser.close();
    }
  });
});
