import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * `choose --bench` with a rate sweep: the hand-made test/fixtures/bench/sweep-slo.json (not emulated; slo
 * TTFT ≤ 500 ms, e2e ≤ 3 s, 95%) saw LiteLLM saturate at 160 req/s, sustain 80 and meet the SLO up to 40.
 * 100,000,000 requests a month: average 100e6 ÷ 2,592,000 s = 38.58 req/s, peak × 3 = 115.74 req/s. With an slo
 * the knee is 40 req/s: ceil(115.74 ÷ 40) = 3 instances × $130.31 = $390.93 a month.
 */
const FIXTURE = 'test/fixtures/bench/sweep-slo.json';
let answersFile: string;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gs-knee-'));
  answersFile = join(dir, 'answers.json');
  await writeFile(
    answersFile,
    JSON.stringify({ hosting: 'self-hosted', providers: 3, ownProviderKeys: true, caching: 'exact', monthlyRequests: 100_000_000, opsCapacity: 'dedicated', dataControl: 'own-infrastructure', latency: 'sensitive', needs: ['fallbacks', 'budgets', 'virtual-keys'] }),
  );
});

describe('choose --bench with a measured knee', () => {
  it('JSON: the instances the knee implies at the peak and their cost, and capacity:litellm in replaced', async () => {
    const r = await runCli(['choose', '--answers', answersFile, '--bench', FIXTURE, '--json'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('recommendation', doc)).toEqual([]);
    expect(doc.bench.replaced).toContain('capacity:litellm');
    // Cloudflare saturated too, but it is managed here (it cannot be self-hosted): no capacity line for it.
    expect(doc.bench.capacity).toEqual([
      {
        gateway: 'litellm',
        target: 'litellm',
        basis: 'maxRpsMeetingSlo',
        kneeRps: 40,
        peakRps: 115.741,
        instances: 3,
        instanceUsdMonthly: 130.31,
        monthlyUsd: 390.93,
        belowPeak: true,
        text: expect.stringContaining('so 3 instances (ceil(115.7 ÷ 40)): $390.93/month at $130.31 each'),
      },
    ]);
  });

  it('terminal: a Measured capacity section that says which knee it used', async () => {
    const r = await runCli(['choose', '--answers', answersFile, '--bench', FIXTURE], { cwd: ROOT, env: { COLUMNS: '200' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Measured capacity');
    expect(r.stdout).toMatch(/! LiteLLM[^:]*: your rate sweep \(test\/fixtures\/bench\/sweep-slo\.json\) measured 40 req\/s per instance, the highest rate meeting your SLO/);
  });

  it('cost --bench sizes the same instance line from the knee, cites the summary, and matches its schema', async () => {
    const r = await runCli(['cost', '--answers', answersFile, '--bench', FIXTURE, '--json'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('cost', doc)).toEqual([]);
    expect(doc.bench.replaced).toEqual(['capacity:litellm']);
    const line = doc.gateways.find((g: { gateway: string }) => g.gateway === 'litellm').lines.find((l: { label: string }) => l.label.startsWith('Gateway instances'));
    // 3 × $130.31 = $390.93 (the catalog's 500 RPS per instance would give 1 × $130.31)
    expect(line).toMatchObject({ label: 'Gateway instances × 3', usd: 390.93 });
    expect(line.assumption).toContain('40 RPS per benchmarked instance (measured by you on 2026-11-26');
    expect(line.source).toContain(FIXTURE);
  });
});
