#!/usr/bin/env node
// Writes docs/report-screenshot.png: the top of the HTML report of the us-east run in test/fixtures/bench, with
// the choose and cost documents and two gates, as Debian's headless chromium shows it. That run is real: the
// CLI's `bench` against the emulators with the `bench --demo` profile, a few injected faults and cache allowed
// (scripts/make-bench-fixtures.js writes it), so the picture shows what bench measures.
// Run: npm run screenshot:report   (needs `apt-get install chromium`)
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { benchViewSchema, requestRecordSchema, upgradeBenchDocument } from '../dist/report/bench-input.js';
import { evaluateGates } from '../dist/gates/evaluate.js';
import { parseGates } from '../dist/gates/parse.js';
import { renderHtml } from '../dist/report/html/render.js';

const fixtures = fileURLToPath(new URL('../test/fixtures/bench/', import.meta.url));
const read = (f) => readFileSync(join(fixtures, f), 'utf8');
// A version 1 summary, upgraded as every reader upgrades it (test/helpers/report-fixtures.ts does the same).
const bench = benchViewSchema.parse(upgradeBenchDocument(JSON.parse(read('us-east/summary.json'))));
const html = await renderHtml({
  bench,
  sources: ['results/us-east'],
  requests: read('us-east/requests.jsonl').trim().split('\n').map((l) => requestRecordSchema.parse(JSON.parse(l))),
  choose: JSON.parse(read('choose.json')),
  cost: JSON.parse(read('cost.json')),
  gates: evaluateGates(parseGates('ttft.p95 > 800ms, errors.rate > 2%'), bench),
  generatedAt: bench.finishedAt,
  version: '0.1.0',
});
const dir = mkdtempSync(join(tmpdir(), 'gs-shot-'));
const file = join(dir, 'report.html');
writeFileSync(file, html);
const browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 1700 },
  deviceScaleFactor: 1,
  colorScheme: process.env.SCHEME === 'dark' ? 'dark' : 'light',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = browser.pages()[0] ?? (await browser.newPage());
await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
const out = fileURLToPath(new URL(`../docs/${process.env.SCHEME === 'dark' ? 'report-screenshot-dark' : 'report-screenshot'}.png`, import.meta.url));
await page.screenshot({ path: out });
await browser.close();
console.error(`wrote ${out}`);
