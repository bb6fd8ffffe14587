import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResults } from '../../src/io/results-input.js';
import type { BenchView } from '../../src/report/bench-input.js';
import { BIN, ROOT, runCli } from '../helpers/run-cli.js';

/**
 * A run killed before it wrote summary.json: `report DIR` rebuilds the summary from config.json and requests.jsonl.
 * The reference is a complete demo run's own summary.json: the rebuild from its records must count and measure
 * the same.
 */

let dir: string;
let full: string;
let noSummary: string;
let cutLine: string;
let original: BenchView;
let lines: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gs-partial-'));
  full = join(dir, 'full');
  const r = await runCli(['bench', '--demo', '--requests', '12', '--warmup', '1', '--out', full, '--json']);
  expect(r.code).toBe(0);
  original = JSON.parse(await readFile(join(full, 'summary.json'), 'utf8')) as BenchView;
  lines = (await readFile(join(full, 'requests.jsonl'), 'utf8')).split('\n').filter((l) => l !== '');
  noSummary = join(dir, 'no-summary');
  cutLine = join(dir, 'cut-line');
  for (const d of [noSummary, cutLine]) {
    await mkdir(d);
    await copyFile(join(full, 'config.json'), join(d, 'config.json'));
  }
  await copyFile(join(full, 'requests.jsonl'), join(noSummary, 'requests.jsonl'));
  // Killed mid-write: the last record is cut off half-way, with no newline after it.
  const last = lines.at(-1)!;
  await writeFile(join(cutLine, 'requests.jsonl'), lines.slice(0, -1).join('\n') + '\n' + last.slice(0, Math.floor(last.length / 2)));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const flat = (s: string) => s.replace(/\s+/g, ' ');
const latencyPercentiles = (t: BenchView['targets'][number]) =>
  (['headers', 'ttft', 'e2e', 'itl'] as const).map((m) => [m, t.latencyMs[m].n, t.latencyMs[m].p50, t.latencyMs[m].p90, t.latencyMs[m].p95, t.latencyMs[m].p99, t.latencyMs[m].min, t.latencyMs[m].max]);

describe('report of a folder with config.json and requests.jsonl but no summary.json', () => {
  it('rebuilds the same counts per target and error class, and the same percentiles and overhead', async () => {
    const { bench } = await readResults([noSummary]);
    const rebuilt = bench[0]!.summary;
    expect(rebuilt.targets.map((t) => t.name)).toEqual(original.targets.map((t) => t.name));
    for (const [i, t] of rebuilt.targets.entries()) {
      const o = original.targets[i]!;
      expect(t.requests).toEqual(o.requests);
      expect(t.errors).toEqual(o.errors);
      expect(latencyPercentiles(t)).toEqual(latencyPercentiles(o));
      expect(t.tokens).toEqual(o.tokens);
      expect(t.cache).toEqual(o.cache);
      expect(t.cost.totalUsd).toBeCloseTo(o.cost.totalUsd!, 9);
      // tokens/s comes from TTFT and e2e as recorded (to the microsecond), so agrees to well under 0.1 token/s.
      expect(t.outputTokensPerSecond.p50!).toBeCloseTo(o.outputTokensPerSecond.p50!, 1);
    }
    // The overhead rounds pair the same values with the same seed: the same intervals.
    expect(rebuilt.overhead.map((o) => [o.target, o.metric, o.n, o.p50DeltaMs, o.ci95])).toEqual(original.overhead.map((o) => [o.target, o.metric, o.n, o.p50DeltaMs, o.ci95]));
    expect(rebuilt.status.ended).toBe('interrupted');
    expect(rebuilt.run!.sentRequests).toBe(lines.length);
    expect(rebuilt.run!.eventLoopDelayMs).toBeNull();
    expect(rebuilt.environment).toBeNull();
    // Spend: the sum of the records' costs (warmups are not recorded).
    const spent = lines.map((l) => (JSON.parse(l) as { costUsd: number | null }).costUsd ?? 0).reduce((a, b) => a + b, 0);
    expect(rebuilt.run!.spentUsd).toBeCloseTo(spent, 9);
    // Duration: first send to last response over the records.
    const recs = lines.map((l) => JSON.parse(l) as { startedAt: number; e2eMs: number });
    const first = Math.min(...recs.map((r) => r.startedAt));
    const last = Math.max(...recs.map((r) => r.startedAt + r.e2eMs));
    expect(rebuilt.run!.durationS).toBeCloseTo((last - first) / 1000, 3);
    expect(rebuilt.rebuilt).toEqual({ from: 'requests.jsonl', records: lines.length, skippedLines: [] });
    expect(rebuilt.warnings[0]).toMatch(new RegExp(`^Cut short: the run left no summary\\.json .*rebuilt from the ${lines.length} requests in requests\\.jsonl`));
  });

  it('says "cut short; rebuilt from requests.jsonl" in the terminal, markdown, HTML and --json', async () => {
    const md = join(dir, 'r.md');
    const html = join(dir, 'r.html');
    const term = await runCli(['report', noSummary, '--markdown', md, '--html', html]);
    expect(term.code).toBe(0);
    // The terminal wraps the heading at its width: compared with runs of white space as one.
    expect(flat(term.stdout)).toContain(`CUT SHORT; rebuilt from requests.jsonl (${lines.length} completed requests; no summary.json)`);
    expect(await readFile(md, 'utf8')).toContain(`**⚠ Run cut short; rebuilt from requests.jsonl (${lines.length} completed requests; no summary.json)**`);
    expect(await readFile(html, 'utf8')).toContain(`<span class="badge fail">Run cut short; rebuilt from requests.jsonl (${lines.length} completed requests; no summary.json)</span>`);
    const json = await runCli(['report', noSummary, '--json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { cutShort: unknown };
    expect(doc.cutShort).toEqual([{ input: noSummary, records: lines.length, skippedLines: [], note: `cut short; rebuilt from requests.jsonl (${lines.length} completed requests; no summary.json)` }]);
  });

  it('a last line cut off mid-write is skipped with a warning; the rest is counted', async () => {
    const { bench } = await readResults([cutLine]);
    const s = bench[0]!.summary;
    const lost = (JSON.parse(lines.at(-1)!) as { target: string }).target;
    expect(s.rebuilt).toEqual({ from: 'requests.jsonl', records: lines.length - 1, skippedLines: [lines.length] });
    expect(s.warnings[0]).toContain(`Line ${lines.length} of requests.jsonl was cut off mid-write and skipped.`);
    for (const [i, t] of s.targets.entries()) expect(t.requests.sent).toBe(original.targets[i]!.requests.sent - (t.name === lost ? 1 : 0));
    const term = await runCli(['report', cutLine]);
    expect(term.code).toBe(0);
    expect(flat(term.stdout)).toContain(`(${lines.length - 1} completed requests; 1 cut-off line skipped; no summary.json)`);
  });

  it('merged with a complete run, the rebuilt run keeps its note and a null environment, and the merge reads back', async () => {
    const merged = join(dir, 'merged.json');
    expect((await runCli(['report', 'merge', noSummary, full, '--by', 'label', '--out', merged])).code).toBe(0);
    const html = join(dir, 'merged.html');
    const r = await runCli(['report', merged, '--html', html]);
    expect(r.code).toBe(0);
    expect(flat(r.stdout)).toContain(`no-summary: Cut short: the run left no summary.json`);
    const doc = JSON.parse(await readFile(merged, 'utf8')) as { merge: { runs: { environment: unknown; status: string }[] } };
    expect(doc.merge.runs.map((x) => [x.environment === null, x.status])).toEqual([[true, 'interrupted'], [false, 'completed']]);
  });

  it('a folder with no summary.json and no records is still refused (exit 2)', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await copyFile(join(full, 'config.json'), join(empty, 'config.json'));
    await writeFile(join(empty, 'requests.jsonl'), '');
    const r = await runCli(['report', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds no completed request: nothing to report');
    const bare = join(dir, 'bare');
    await mkdir(bare);
    expect((await runCli(['report', bare])).code).toBe(2);
  });
});

describe('bench --demo --out killed with SIGKILL mid-run', () => {
  it('leaves a folder that report reads, marked cut short', async () => {
    const out = join(dir, 'killed');
    // Open loop at 2 requests/s per target for 40 requests: 20 s, so the kill lands mid-run.
    const child = spawn(process.execPath, [BIN, 'bench', '--demo', '--rate', '2', '--requests', '40', '--warmup', '0', '--out', out], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', CI: 'true' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Wait until a few records reached the disk (the writer flushes every 50 ms).
    const deadline = Date.now() + 30_000;
    for (;;) {
      const size = await stat(join(out, 'requests.jsonl')).then((s) => s.size, () => 0);
      if (size > 2000 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await expect(stat(join(out, 'summary.json'))).rejects.toThrow();
    const records = (await readFile(join(out, 'requests.jsonl'), 'utf8')).split('\n').filter((l) => l.trim() !== '').length;
    expect(records).toBeGreaterThan(0);
    const r = await runCli(['report', out, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { cutShort: { records: number; skippedLines: number[] }[]; targets: { sent: number }[] };
    // Every complete line was read; a line the kill cut off (if any) is the one skipped.
    expect(doc.cutShort[0]!.records + doc.cutShort[0]!.skippedLines.length).toBe(records);
    expect(doc.targets.reduce((a, t) => a + t.sent, 0)).toBe(doc.cutShort[0]!.records);
    expect(doc.cutShort[0]!.records).toBeLessThan(40 * doc.targets.length);
    const term = await runCli(['report', out]);
    expect(flat(term.stdout)).toContain('CUT SHORT; rebuilt from requests.jsonl');
  }, 60_000);
});
