import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateGates } from '../../src/gates/evaluate.js';
import { parseGates } from '../../src/gates/parse.js';
import { renderHtml } from '../../src/report/html/render.js';
import { haveChromium, launchChromium } from '../helpers/chromium.js';
import { benchFixture, chooseFixture, costFixture, requestsFixture } from '../helpers/report-fixtures.js';

// In CI a missing browser is a failure (`.ci/run` installs it); on a developer's machine the test is skipped.
const run = haveChromium() || process.env.CI === 'true';

/**
 * Charts that can be read (issue 19), checked where they are read: in Chromium, at 1280 px and in print, over the
 * reports of two real fixtures — the us-east run (an --out folder: every request, cache hits under a millisecond
 * beside ~150 ms TTFT and ~300 ms e2e) and the rate sweep sweep-slo.json.
 */
async function write(name: string, html: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'gs-frames-')), `${name}.html`);
  writeFileSync(file, html);
  return file;
}

async function usEast(): Promise<string> {
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
  return write('us-east', html);
}

/**
 * The us-east run bent to put every label at an edge: long row names (as a merge's "name @ origin" rows),
 * direct's median tokens/s equal to its fastest request and the highest of all (its label at the right end of the
 * axis), cloudflare's cache hit on every request (100%, its label at the bar's end at the frame), and a
 * four-digit cost per 1,000 requests.
 */
async function edges(): Promise<string> {
  const bench = benchFixture('us-east/summary.json');
  const long = (n: string) => `${n} @ eu-west-production-cluster-2`;
  const renamed = new Map(bench.targets.map((t) => [t.name, long(t.name)]));
  for (const t of bench.targets) t.name = renamed.get(t.name)!;
  for (const o of bench.overhead) {
    o.target = renamed.get(o.target)!;
    o.baseline = renamed.get(o.baseline)!;
  }
  const [direct, , , cloudflare] = bench.targets;
  direct!.outputTokensPerSecond = { ...direct!.outputTokensPerSecond, min: 100, p50: 140, max: 140 };
  cloudflare!.outputTokensPerSecond = { ...cloudflare!.outputTokensPerSecond, min: 100, p50: 107, max: 120 };
  cloudflare!.cache = { hits: 59, misses: 0, unknown: 0 };
  direct!.cost = { ...direct!.cost, computedPer1kUsd: 1234.5678 };
  return write('edges', await renderHtml({ bench, sources: ['edges'], generatedAt: '2026-12-06T00:00:00.000Z', version: '0.1.0' }));
}

const sweep = async () => write('sweep', await renderHtml({ bench: benchFixture('sweep-slo.json'), sources: ['sweep-slo'], generatedAt: '2026-12-06T00:00:00.000Z', version: '0.1.0' }));

/**
 * Every text and every drawn element (path, line, circle, rect, polyline) of every chart SVG, against the SVG's
 * own box: anything past it is cut off on screen (the SVG clips its overflow). Half a pixel of tolerance.
 */
const OUTSIDE = `(() => {
  const out = [];
  for (const svg of document.querySelectorAll('figure.chart svg[role="img"]')) {
    const f = svg.getBoundingClientRect();
    const chart = svg.closest('figure.chart').getAttribute('data-chart');
    for (const el of svg.querySelectorAll('text, path, line, circle, rect, polyline')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;
      if (b.left < f.left - 0.5 || b.right > f.right + 0.5 || b.top < f.top - 0.5 || b.bottom > f.bottom + 0.5)
        out.push({ chart, what: el.tagName + ' ' + (el.textContent || el.getAttribute('d') || '').slice(0, 40), box: [b.left, b.top, b.right, b.bottom], frame: [f.left, f.top, f.right, f.bottom] });
    }
  }
  return out;
})()`;

/**
 * Target → colours seen, over every chart: each legend swatch, and each mark whose title names its target
 * ("litellm: …", the charts' convention for a mark coloured by target); its colour is its own fill, else stroke.
 */
const COLOURS = `(() => {
  const seen = {};
  const add = (target, colour, where) => { ((seen[target] ??= {})[colour] ??= []).push(where); };
  for (const sw of document.querySelectorAll('figure.chart .gs-plot-swatch')) add(sw.textContent.trim(), sw.querySelector('svg').getAttribute('fill'), 'legend ' + sw.closest('figure.chart').dataset.chart);
  for (const t of document.querySelectorAll('figure.chart svg[role="img"] title')) {
    const el = t.parentElement;
    const m = /^([^:]+): /.exec(t.textContent);
    const fill = el.getAttribute('fill');
    const colour = fill && fill !== 'none' ? fill : el.getAttribute('stroke');
    if (m && colour) add(m[1], colour, el.closest('figure.chart').dataset.chart);
  }
  return seen;
})()`;

/** The x tick labels of each panel of a chart: value and its offset from the panel's left edge (px). */
const xTicks = (id: string) => `[...document.querySelectorAll('figure[data-chart="${id}"] svg[role="img"]')].map((svg) => {
  const left = svg.getBoundingClientRect().left;
  return [...svg.querySelectorAll('[aria-label="x-axis tick label"] text')].filter((t) => t.textContent).map((t) => { const b = t.getBoundingClientRect(); return [t.textContent, Math.round((b.left + b.right) / 2 - left)]; });
})`;

describe.runIf(run)('charts that can be read, in headless Chromium', () => {
  let files: { us: string; sweep: string; edges: string };
  beforeAll(async () => {
    files = { us: await usEast(), sweep: await sweep(), edges: await edges() };
  });

  it.each(['us', 'sweep', 'edges'] as const)('at 1280 px, no text or mark of any chart lies outside its frame, and chart text is drawn at a readable size (%s)', async (which) => {
    const browser = await launchChromium('light', { width: 1280, height: 900 });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(pathToFileURL(files[which]).href, { waitUntil: 'load' });
      const count = await page.locator('figure.chart svg[role="img"]').count();
      // us-east: 7 charts, the latency one in two panels; the sweep: 4 targets × 2 panels besides the 6 others.
      expect(count).toBe(which === 'sweep' ? 8 + 2 + 5 : which === 'us' ? 8 : 7);
      expect(await page.evaluate(OUTSIDE)).toEqual([]);
      // At 1280 px the 1,100-px charts are not shrunk: Plot's 10 px labels stay at least 9 px tall on screen.
      const smallest: number = await page.evaluate(`Math.min(...[...document.querySelectorAll('figure.chart svg[role="img"] text')].filter((t) => t.textContent.trim()).map((t) => t.getBoundingClientRect().height))`);
      expect(smallest).toBeGreaterThanOrEqual(9);
      if (which === 'edges') {
        // The labels at the right end turned inward: still there, and inside (checked above).
        const texts: string[] = await page.evaluate(`[...document.querySelectorAll('figure.chart svg[role="img"] text')].map((t) => t.textContent)`);
        expect(texts).toEqual(expect.arrayContaining(['median 140', '100% (59 of 59)', '$1,234.5678', 'direct @ eu-west-production-cluster-2']));
      }
    } finally {
      await browser.close();
    }
  });

  it.each(['us', 'sweep', 'edges'] as const)('in print (A4 width), every chart fits the page and nothing lies outside its frame (%s)', async (which) => {
    const browser = await launchChromium('light', { width: 794, height: 1123 });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.emulateMedia({ media: 'print' });
      await page.goto(pathToFileURL(files[which]).href, { waitUntil: 'load' });
      const widest: number = await page.evaluate(`Math.max(...[...document.querySelectorAll('figure.chart svg[role="img"]')].map((s) => s.getBoundingClientRect().right))`);
      expect(widest).toBeLessThanOrEqual(794);
      expect(await page.evaluate(OUTSIDE)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('the TTFT and e2e panels have their own x axes, each fitted to its slowest request (TTFT 236 ms, e2e 382 ms)', async () => {
    const browser = await launchChromium('light', { width: 1280, height: 900 });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(pathToFileURL(files.us).href, { waitUntil: 'load' });
      const [ttft, e2e] = (await page.evaluate(xTicks('latency-cdf'))) as Array<Array<[string, number]>>;
      expect(ttft!.length).toBeGreaterThan(3);
      expect(e2e!.length).toBeGreaterThan(3);
      // Both linear from zero (the slowest is under ten times the median), to the slowest request plus 6%: TTFT
      // 235.65 ms → 249.8, e2e 381.90 ms → 404.8 (us-east/summary.json). Ticks every 50 ms: TTFT's last is 200, e2e's
      // 400. 100 ms sits 100 / 249.8 = 40% across TTFT's frame, 100 / 404.8 = 25% across e2e's: some 70 px apart
      // on a frame of about 470 px.
      const at = (ticks: Array<[string, number]>, label: string) => ticks.find(([l]) => l === label)?.[1];
      const last = (ticks: Array<[string, number]>) => Number(ticks.at(-1)![0].replace(/,/g, ''));
      expect(last(ttft!)).toBe(200);
      expect(last(e2e!)).toBe(400);
      expect(at(e2e!, '100')!).toBeLessThan(at(ttft!, '100')! - 40);
    } finally {
      await browser.close();
    }
  });

  it.each(['us', 'sweep'] as const)('each target has one colour in every chart, and no two targets share one (%s)', async (which) => {
    const browser = await launchChromium('light', { width: 1280, height: 900 });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(pathToFileURL(files[which]).href, { waitUntil: 'load' });
      const seen = (await page.evaluate(COLOURS)) as Record<string, Record<string, string[]>>;
      const targets = ['direct', 'openrouter', 'litellm', 'cloudflare'];
      for (const t of targets) expect(Object.keys(seen[t] ?? {}), `${t}: ${JSON.stringify(seen[t])}`).toHaveLength(1);
      const colours = targets.map((t) => Object.keys(seen[t]!)[0]!);
      expect(new Set(colours).size).toBe(4);
      // What is not a target (error classes, reported vs computed cost) never takes a target's colour.
      const others = Object.entries(seen).filter(([k, v]) => !targets.includes(k) && Object.values(v).flat().some((w) => /legend (errors|cost-per-1k)/.test(w)));
      expect(others.map(([k]) => k)).toEqual(expect.arrayContaining(['reported by the gateway', 'computed from the price table', 'server_error']));
      for (const [k, v] of others) for (const c of Object.keys(v)) expect(colours, `${k} is drawn in ${c}`).not.toContain(c);
      // Seen in more than the legend: the latency curves and a chart with the targets on an axis, and (sweep) its panels.
      const where = new Set(targets.flatMap((t) => Object.values(seen[t]!).flat()));
      expect(where.has('latency-cdf')).toBe(true);
      expect(where.has('tokens-per-second')).toBe(true);
      if (which === 'sweep') expect([...where].some((w) => w.startsWith('sweep-'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
