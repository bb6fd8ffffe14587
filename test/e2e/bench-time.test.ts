import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { BIN, ROOT, runCli } from '../helpers/run-cli.js';

/** Timed runs, slices, shards and --start-at through the CLI, against the demo's emulators on 127.0.0.1. */

const DEMO = ['bench', '--demo', '--targets', 'direct,litellm'];
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().replace(/\.\d+Z$/, 'Z');

describe('bench: bad time, ramp and shard flags', () => {
  it('exit 2 with what was expected, before anything is sent', async () => {
    const cases: [string[], RegExp][] = [
      [['--duration', '10'], /--duration expects a time such as 90s, 10m or 1h \(at most 7 days\), got "10"/],
      [['--duration', '10x'], /--duration expects a time/],
      [['--slice', 'soon'], /--slice expects a time/],
      [['--ramp', '5..0/10s'], /--ramp expects FROM\.\.TO\/OVER/],
      [['--ramp', '1..5/10s', '--rate', '3'], /Use either --ramp or --rate, not both/],
      [['--shard', '0/4'], /--shard: i must be from 1 to 4 \(1-based\), got 0/],
      [['--shard', '5/4'], /--shard: i must be from 1 to 4/],
      [['--shard', 'two'], /--shard expects i\/n/],
      [['--start-at', iso(-3_600_000)], /--start-at .* is 1h 0m in the past/],
      [['--start-at', iso(25 * 3_600_000)], /ahead; at most 24 h is allowed/],
      [['--start-at', '2026-12-06 18:00'], /--start-at expects an ISO 8601 time with its zone/],
      [['--duration', '10s', '--rate', '2', '--requests', '5'], /set requests or duration, not both/],
      [['--requests', '3', '--shard', '4/4'], /--shard 4\/4 has no requests: the plan has only 3 rounds/],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli([...DEMO, ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr, flags.join(' ')).toMatch(message);
    }
  });
});

describe('bench --duration', () => {
  it('--dry-run: with a rate the request count follows, and a shard plans and prices only its part', async () => {
    // 3/s per target for 10 s = 30 rounds; shard 2 of 4 keeps rounds 2, 6, …, 30 = ⌈(30 − 2 + 1)/4⌉ = 8, plus the demo's 1 warmup
    const r = await runCli([...DEMO, '--dry-run', '--json', '--duration', '10s', '--rate', '3', '--shard', '2/4']);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({ requests: 8, warmup: 1, durationS: 10, shard: { index: 2, count: 4 } });
    expect(plan.estimate.targets.map((t: { requests: number }) => t.requests)).toEqual([9, 9]);
    expect(plan.estimate.requests).toBe(18);
  });

  it('a timed open-loop run sends rate × duration per target and reports slices (a tenth of the duration by default)', async () => {
    const r = await runCli([...DEMO, '--duration', '2s', '--rate', '10', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('bench', doc)).toEqual([]);
    // 10/s × 2 s = 20 per target
    expect(doc.targets.map((t: { requests: { sent: number } }) => t.requests.sent)).toEqual([20, 20]);
    expect(doc.run).toMatchObject({ plannedRequests: 40, plannedDurationS: 2, shard: null, ramp: null });
    expect(doc.slices.sliceS).toBe(0.2);
    const perTarget = doc.slices.targets.map((t: { slices: { sent: number }[] }) => t.slices.reduce((a, s) => a + s.sent, 0));
    expect(perTarget).toEqual([20, 20]);
    expect(r.stderr).toContain('2 targets × 20 requests over 2s');
  });

  it('a timed closed loop runs until the duration has passed and records its config without a request count', async () => {
    const started = Date.now();
    const r = await runCli([...DEMO, '--duration', '1500ms', '--concurrency', '2', '--warmup', '0', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('bench', doc)).toEqual([]);
    expect(doc.run).toMatchObject({ mode: 'closed', plannedDurationS: 1.5 });
    expect(doc.config).not.toHaveProperty('requests');
    expect(doc.config.duration).toBe('1500ms');
    // the demo answers in well under a second, so both targets got several requests, and none started after 1.5 s
    for (const t of doc.targets) expect(t.requests.sent).toBeGreaterThan(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(r.stderr).toContain('2 targets × up to 1000000 requests for 1.5s');
  });

  it('the terminal report shows the drift table; a ramp is recorded in the run', async () => {
    const r = await runCli([...DEMO, '--duration', '2s', '--ramp', '2..10/2s', '--slice', '1s']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/TTFT over time \(\d+ slices of 1 s, by scheduled send\)/);
    expect(r.stdout).toMatch(/direct\s+12\/12/); // (2 + 10)/2 × 2 s = 12 requests per target
    expect(r.stderr).toContain('2→10/s per target over 2s');
  });
});

describe('bench --shard, pooled by report merge', () => {
  it('n shards of one seeded plan add up to the whole run, per target and error class', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gs-shards-'));
    const common = [...DEMO, '--requests', '7', '--warmup', '0', '--rate', '20', '--seed', '5'];
    const whole = await runCli([...common, '--out', join(dir, 'whole'), '--json']);
    expect(whole.code, whole.stderr).toBe(0);
    const shards = await Promise.all([1, 2, 3].map((i) => runCli([...common, '--shard', `${i}/3`, '--out', join(dir, `s${i}`), '--json'])));
    for (const s of shards) expect(s.code, s.stderr).toBe(0);
    // rounds 1, 4, 7 | 2, 5 | 3, 6
    expect(shards.map((s) => JSON.parse(s.stdout).targets[0].requests.sent)).toEqual([3, 2, 2]);
    const out = join(dir, 'merged.json');
    const m = await runCli(['report', 'merge', join(dir, 's1'), join(dir, 's2'), join(dir, 's3'), '--by', 'pooled', '--out', out]);
    expect(m.code, m.stderr).toBe(0);
    const merged = JSON.parse(await readFile(out, 'utf8'));
    expect(validateAgainst('merged', merged)).toEqual([]);
    const counts = (d: { targets: { name: string; requests: unknown; errors: unknown }[] }) => d.targets.map((t) => [t.name, t.requests, t.errors]);
    expect(counts(merged)).toEqual(counts(JSON.parse(whole.stdout)));
    const dup = await runCli(['report', 'merge', join(dir, 's1'), join(dir, 's1'), '--by', 'pooled', '--out', join(dir, 'dup.json')]);
    expect(dup.code).toBe(2);
  });
});

describe('bench --start-at', () => {
  it('waits until the time, saying how long on stderr, then runs', async () => {
    const at = Date.now() + 2_500;
    const started = Date.now();
    const r = await runCli([...DEMO, '--requests', '1', '--warmup', '0', '--start-at', new Date(at).toISOString()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Waiting [1-3]s until .* \(--start-at\)/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it('Ctrl-C while waiting exits 130 with nothing sent and nothing written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gs-startat-'));
    const out = join(dir, 'run');
    const child = spawn(process.execPath, [BIN, ...DEMO, '--start-at', iso(600_000), '--out', out], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    for (let i = 0; i < 200 && !stderr.includes('Waiting'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(stderr).toMatch(/Waiting (9m|10m) \d+s until/);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('nothing sent');
    expect(await readdir(dir)).toEqual([]);
  });
});
