import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchDocumentSchema } from '../../src/bench/document.js';
import { requestRecordSchema } from '../../src/bench/record.js';
import { runCli } from '../helpers/run-cli.js';

/** `bench --sweep` through the CLI: usage errors, the dry run's counts, and a short demo sweep. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gs-sweep-'));
});

const target = { name: 'direct', gateway: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY' };

async function config(name: string, c: Record<string, unknown>): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify({ targets: [target], ...c }));
  return file;
}

describe('bench --sweep: usage', () => {
  it('refuses what would cut a sweep\'s steps: --duration, --ramp, --shard, and duration or ramp in the file (exit 2)', async () => {
    const timed = await runCli(['bench', '--demo', '--sweep', '2,4', '--duration', '10s']);
    expect(timed.code).toBe(2);
    expect(timed.stderr).toContain('--sweep times its own steps: --duration cannot go with it.');
    const ramped = await runCli(['bench', '--demo', '--sweep', '2,4', '--ramp', '1..4/10s']);
    expect(ramped.code).toBe(2);
    expect(ramped.stderr).toContain('--sweep times its own steps: --ramp cannot go with it.');
    const sharded = await runCli(['bench', '--demo', '--sweep', '2,4', '--shard', '1/2', '--dry-run']);
    expect(sharded.code).toBe(2);
    expect(sharded.stderr).toContain('--shard cannot split a sweep');
    const inFile = await runCli(['bench', '--config', await config('timed-sweep.json', { sweep: { rates: [2, 4] }, duration: '10s' }), '--dry-run']);
    expect(inFile.code).toBe(2);
    expect(inFile.stderr).toContain('a sweep times its own steps');
  });

  it('refuses a closed loop, a single rate, bad rates and a step length without a sweep (exit 2)', async () => {
    const conc = await runCli(['bench', '--demo', '--sweep', '--concurrency', '4']);
    expect(conc.code).toBe(2);
    expect(conc.stderr).toContain('A sweep is open loop (each step sends at its own rate): --concurrency cannot go with --sweep.');
    const rate = await runCli(['bench', '--demo', '--sweep', '10,20', '--rate', '5']);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('--sweep sets the rate of each step: --rate cannot go with it.');
    const bad = await runCli(['bench', '--demo', '--sweep', '10,abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--sweep expects rates per target separated by commas (e.g. 20,40,80,160) or auto, got "10,abc"');
    // 20 after 40 does not rise: said of the flag, not of "the config"
    const falling = await runCli(['bench', '--demo', '--sweep', '10,40,20']);
    expect(falling.code).toBe(2);
    expect(falling.stderr).toContain('--sweep: rates must rise step by step, but 20 follows 40 in "10,40,20".');
    const dur = await runCli(['bench', '--demo', '--step-duration', '2s']);
    expect(dur.code).toBe(2);
    expect(dur.stderr).toContain('--step-duration sets the length of a sweep');
    const badDur = await runCli(['bench', '--demo', '--sweep', '--step-duration', '2h']);
    expect(badDur.code).toBe(2);
    expect(badDur.stderr).toContain('--step-duration expects a time up to an hour');
    expect(conc.stdout + rate.stdout + bad.stdout + dur.stdout).toBe('');
  });

  it('names the field when the config mixes a sweep with concurrency (exit 2)', async () => {
    const file = await config('mixed.json', { concurrency: 4, sweep: { rates: [10, 20] } });
    const r = await runCli(['bench', '--config', file, '--dry-run'], { env: { PROVIDER_KEY: 'test-key' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('concurrency');
    expect(r.stderr).toContain('a sweep is open loop (each step sends at its rate): remove concurrency');
  });
});

describe('bench --sweep: the dry run counts every step', () => {
  it('rate × step duration per step, plus each step\'s warm-up, for every target', async () => {
    // Rates 10, 20, 40 for 2 s: 20 + 40 + 80 = 140 measured per target, plus 3 steps × 2 warm-ups = 6: 146.
    const file = await config('sweep.json', { warmup: 2, sweep: { rates: [10, 20, 40], stepDurationS: 2 } });
    const r = await runCli(['bench', '--config', file, '--dry-run', '--json'], { env: { PROVIDER_KEY: 'test-key' } });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.sweep).toEqual({ rates: [10, 20, 40], requestsPerStep: [20, 40, 80], measured: 140, warmup: 6 });
    expect(plan.estimate.requests).toBe(146);
    // The flags replace the rates and the step length: 5 and 15 for 4 s = 20 + 60 = 80, plus 2 × 2 = 84.
    const f = await runCli(['bench', '--config', file, '--dry-run', '--json', '--sweep', '5,15', '--step-duration', '4s'], { env: { PROVIDER_KEY: 'test-key' } });
    expect(JSON.parse(f.stdout).estimate.requests).toBe(84);
    const text = await runCli(['bench', '--config', file, '--dry-run'], { env: { PROVIDER_KEY: 'test-key' } });
    expect(text.stdout).toContain('rate sweep 10, 20, 40/s per target (poisson), 2 s a step (+2 warmup)');
  });
});

describe('bench --demo --sweep', () => {
  it('finds OpenRouter\'s knee (5/s in the demo profile) while direct does not saturate; records carry their step', async () => {
    // OpenRouter's demo capacity: 1 slot × 200 ms = 5/s. At 5/s for 1 s (5 requests: too few to judge) it passes;
    // at 40/s for 1 s (40 requests) completions come at ~5/s, under 90% of 40/s: saturated. Direct has no limit.
    const out = join(dir, 'demo-sweep');
    const r = await runCli(['bench', '--demo', '--sweep', '5,40', '--step-duration', '1s', '--targets', 'direct,openrouter', '--json', '--out', out]);
    expect(r.code).toBe(0);
    const doc = benchDocumentSchema.parse(JSON.parse(r.stdout));
    const s = doc.sweep!;
    expect(s.rates).toEqual([5, 40]);
    expect(s.stepDurationS).toBe(1);
    const seen = JSON.stringify(s.steps);
    if (s.clientBound === null) {
      expect(s.knees.find((k) => k.target === 'openrouter'), seen).toMatchObject({ maxSustainedRps: 5, saturated: true, saturatedAtRps: 40 });
      expect(s.knees.find((k) => k.target === 'direct'), seen).toMatchObject({ maxSustainedRps: 40, saturated: false });
      const sat = s.steps.find((x) => x.target === 'openrouter' && x.step === 2)!;
      expect(sat.saturatedBy).toContain('achieved-rate');
      expect(sat.achievedRps!).toBeGreaterThan(3.5);
      expect(sat.achievedRps!).toBeLessThan(6.5);
    } else {
      // A machine too busy to send 80/s on time: the sweep must say so and judge no target at that step.
      expect(s.steps.filter((x) => x.step === 2).every((x) => x.clientBound && !x.saturated)).toBe(true);
    }
    expect(doc.run.ratePerTarget).toBeNull();
    const lines = (await readFile(join(out, 'requests.jsonl'), 'utf8')).trim().split('\n').map((l) => requestRecordSchema.parse(JSON.parse(l)));
    // Step 1: 5 requests each; step 2: 40 each.
    expect(lines.filter((l) => l.step === 1)).toHaveLength(10);
    expect(lines.filter((l) => l.step === 2)).toHaveLength(80);
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).sweep.steps).toHaveLength(4);
  }, 30_000);

  it('prints the sweep table and a knee line per target in the terminal', async () => {
    const r = await runCli(['bench', '--demo', '--sweep', '5', '--step-duration', '1s', '--targets', 'direct,litellm'], { env: { COLUMNS: '100' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rate sweep: 5/s per target, 1 s a step (+1 warmup); latency in ms from the scheduled send');
    expect(r.stdout).toMatch(/offered\/s\s+achieved\/s/);
    expect(r.stdout).toContain('direct: sustained 5/s; not saturated in the sweep');
    expect(r.stdout).toContain('litellm: sustained 5/s; not saturated in the sweep');
    expect(r.stdout).toContain('All measured steps pooled');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(r.stderr).toContain('Step 1/1: 5/s per target × 5 requests, 2 targets (direct, litellm)');
  }, 30_000);
});
