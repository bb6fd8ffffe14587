import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_KEYS, type RunningEmulators } from '../../src/emulator/server.js';
import { profile, start } from '../emulator/helpers.js';
import { validateAgainst } from '../helpers/json-schema.js';
import { BIN, ROOT, runCli } from '../helpers/run-cli.js';

/**
 * `bench --workers N`: the same seeded plan sent from one thread and from two gives the same requests, the same
 * counts per target and error class, and the same schedule. Faults only on the LiteLLM emulator (its requests
 * are numbered per endpoint, so which ones fail does not depend on the order the threads send in): with 34
 * measured requests and 2 warmups per target each run sends it 36 (#1–#2 warmups), so
 *   HTTP 500 on every 4th: #4, #8, …, #36          → 9 server_error, all measured
 *   reset on every 6th not already a 500: #6, #18, #30 → 3 connection
 * and the second run's #37–#72 repeat that pattern (72 = 2 × 36), so both runs see 9 + 3 of 34.
 */

const KEYS = { PROVIDER_KEY: EMULATOR_KEYS.provider, LITELLM_KEY: EMULATOR_KEYS.litellmMaster };
let emu: RunningEmulators;
let dir: string;
beforeAll(async () => {
  emu = await start({ profile: profile(), faults: ['litellm:500@every=4', 'litellm:reset@every=6'] });
  dir = await mkdtemp(join(tmpdir(), 'gs-workers-'));
});
afterAll(async () => {
  await emu.close();
});

const targets = () => [
  { name: 'direct', gateway: 'openai-compatible', baseUrl: emu.byId.provider.baseUrl, model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY', baseline: true },
  { name: 'litellm', gateway: 'litellm', baseUrl: emu.byId.litellm.baseUrl, model: 'gpt-4o-mini', apiKeyEnv: 'LITELLM_KEY' },
];

interface Row {
  target: string;
  round: number;
  seq: number;
  scheduledAt: number;
  errorClass: string | null;
}

async function run(workers: number): Promise<{ doc: Record<string, any>; rows: Row[] }> {
  const file = join(dir, `w${workers}.json`);
  await writeFile(file, JSON.stringify({ requests: 34, warmup: 2, rate: 100, seed: 11, stream: false, maxTokens: 8, targets: targets() }));
  const out = join(dir, `out-w${workers}`);
  const r = await runCli(['bench', '--config', file, '--yes', '--json', '--workers', String(workers), '--out', out], { env: KEYS });
  expect(r.code, r.stderr).toBe(0);
  const rows = (await readFile(join(out, 'requests.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Row);
  return { doc: JSON.parse(r.stdout), rows };
}

const countBy = (rows: Row[]) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(`${r.target} ${r.errorClass}`, (m.get(`${r.target} ${r.errorClass}`) ?? 0) + 1);
  return Object.fromEntries([...m].sort());
};

describe('bench --workers', () => {
  it('two workers record what one records: the same requests, counts per target and class, and schedule', async () => {
    const one = await run(1);
    const two = await run(2);
    expect(one.doc.run.workers).toBe(1);
    expect(two.doc.run.workers).toBe(2);
    expect(validateAgainst('bench', two.doc)).toEqual([]);
    // counts worked out in the header comment
    const expected = { 'direct null': 34, 'litellm connection': 3, 'litellm null': 22, 'litellm server_error': 9 };
    expect(countBy(one.rows)).toEqual(expected);
    expect(countBy(two.rows)).toEqual(expected);
    const pick = (d: Record<string, any>) => d.targets.map((t: Record<string, unknown>) => ({ name: t.name, requests: t.requests, errors: t.errors }));
    expect(pick(two.doc)).toEqual(pick(one.doc));
    expect(two.doc.run.sentRequests).toBe(68);
    // every planned request once
    const ids = (rows: Row[]) => rows.map((r) => `${r.target}:${r.round}:${r.seq}`).sort();
    expect(ids(two.rows)).toEqual(ids(one.rows));
    expect(new Set(ids(two.rows)).size).toBe(68);
    // the same plan of send times (from each run's first): the threads share one start
    const offsets = (rows: Row[]) => {
      const first = Math.min(...rows.map((r) => r.scheduledAt));
      return new Map(rows.map((r) => [`${r.target}:${r.round}`, r.scheduledAt - first]));
    };
    const a = offsets(one.rows);
    const b = offsets(two.rows);
    for (const [k, v] of a) expect(Math.abs(b.get(k)! - v), k).toBeLessThan(5);
  }, 60_000);

  it('--max-spend across workers: the total stays under the cap and the run says it stopped there', async () => {
    const r = await runCli(['bench', '--demo', '--json', '--targets', 'direct,litellm', '--rate', '20', '--workers', '2', '--max-spend', '0.00005', '--requests', '20', '--warmup', '0']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.status.ended).toBe('max-spend');
    expect(doc.run.workers).toBe(2);
    expect(doc.run.spentUsd).toBeLessThanOrEqual(0.00005);
    expect(doc.run.sentRequests).toBeLessThan(40);
    expect(r.stderr.match(/Reached --max-spend/g)).toHaveLength(1);
  }, 60_000);

  it('a closed loop refuses more than one worker; --workers must be a count (exit 2, nothing sent)', async () => {
    const before = emu.counts();
    const file = join(dir, 'closed.json');
    await writeFile(file, JSON.stringify({ requests: 2, warmup: 0, concurrency: 2, targets: targets() }));
    const closed = await runCli(['bench', '--config', file, '--yes', '--workers', '2'], { env: KEYS });
    expect(closed.code).toBe(2);
    expect(closed.stderr).toContain('--workers splits an open-loop schedule');
    const zero = await runCli(['bench', '--config', file, '--yes', '--workers', '0'], { env: KEYS });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--workers expects');
    expect(emu.counts()).toEqual(before);
  });

  it('Ctrl-C stops every worker, keeps each completed record and the summary, exits 130', async () => {
    const file = join(dir, 'long.json');
    await writeFile(file, JSON.stringify({ requests: 5000, warmup: 0, rate: 100, stream: false, maxTokens: 8, targets: targets() }));
    const out = join(dir, 'interrupted');
    const child = spawn(process.execPath, [BIN, 'bench', '--config', file, '--yes', '--workers', '2', '--out', out], { cwd: ROOT, env: { ...process.env, ...KEYS, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const text = await readFile(join(out, 'requests.jsonl'), 'utf8').catch(() => '');
      if (text.split('\n').length > 20) break;
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const lines = (await readFile(join(out, 'requests.jsonl'), 'utf8')).trim().split('\n');
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.status.ended).toBe('interrupted');
    expect(summary.run.workers).toBe(2);
    expect(summary.run.sentRequests).toBe(lines.length);
    expect(lines.length).toBeLessThan(10_000);
    expect(stderr).toContain('from 2 worker threads');
    expect(stderr).not.toContain(KEYS.PROVIDER_KEY);
  }, 60_000);
});
