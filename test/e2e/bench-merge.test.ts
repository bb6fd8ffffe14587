import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { runCli } from '../helpers/run-cli.js';

/** Type-7 quantile (linear between closest ranks, the method README "Statistics" names), written out here. */
const type7 = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
};

interface Row {
  target: string;
  errorClass: string | null;
  ttftMs: number | null;
  e2eMs: number;
  itlMs: number | null;
  outputTokens: number;
}

describe('two real bench --demo runs, pooled', () => {
  it('report merge --by pooled gives the percentiles of the pooled raw values, and sums the runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gs-pool-'));
    // Two machines sharing one load test: the same config, their own labels (and seeds, which a merge ignores).
    // Shards run at the same time, as they would on two machines.
    const shards = [['shard-a', '1'], ['shard-b', '2']] as const;
    const runs = await Promise.all(shards.map(([label, seed]) => runCli(['bench', '--demo', '--requests', '8', '--warmup', '1', '--label', label, '--seed', seed, '--out', join(dir, label), '--json'])));
    runs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).environment.label).toBe(shards[i]![0]);
    });
    const out = join(dir, 'merged.json');
    const m = await runCli(['report', 'merge', join(dir, 'shard-a'), join(dir, 'shard-b'), '--by', 'pooled', '--out', out]);
    expect(m.code, m.stderr).toBe(0);
    const merged = JSON.parse(await readFile(out, 'utf8'));
    expect(validateAgainst('merged', merged)).toEqual([]);

    const rows: Row[] = [];
    for (const label of ['shard-a', 'shard-b']) {
      rows.push(...(await readFile(join(dir, label, 'requests.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Row));
    }
    const metrics = {
      ttft: (r: Row) => r.ttftMs,
      e2e: (r: Row) => r.e2eMs,
      itl: (r: Row) => r.itlMs,
      // bench's definition: output tokens ÷ (e2e − TTFT)
      outputTokensPerSecond: (r: Row) => (r.outputTokens * 1000) / (r.e2eMs - r.ttftMs!),
    };
    for (const t of merged.targets) {
      const mine = rows.filter((r) => r.target === t.name);
      expect(t.requests.sent, t.name).toBe(mine.length); // 8 + 8 per target
      expect(t.requests.sent).toBe(16);
      const ok = mine.filter((r) => r.errorClass === null);
      for (const [metric, read] of Object.entries(metrics)) {
        const values = ok.map(read).filter((v): v is number => v !== null);
        const stats = metric === 'outputTokensPerSecond' ? t.outputTokensPerSecond : t.latencyMs[metric];
        expect(stats.n, `${t.name} ${metric} n`).toBe(values.length);
        // Histograms keep 3 significant digits (0.1%) and the summary rounds to the microsecond. Tokens/s recomputed
        // from the records carries their rounding too: 1 µs on a decode time of a few ms is another 0.1% or so.
        const rel = metric === 'outputTokensPerSecond' ? 0.003 : 0.001;
        const near = (got: number, exact: number, what: string) => expect(Math.abs(got - exact), `${t.name} ${metric} ${what}: ${got} vs ${exact}`).toBeLessThanOrEqual(Math.abs(exact) * rel + 0.001);
        for (const [p, q] of [['p50', 0.5], ['p90', 0.9], ['p95', 0.95], ['p99', 0.99]] as const) near(stats[p], type7(values, q), p);
        // mean, min and max come exactly from the runs (to their microsecond rounding), not from the histograms
        const exactly = (got: number, exact: number, what: string) =>
          metric === 'outputTokensPerSecond' ? near(got, exact, what) : expect(Math.abs(got - exact), `${t.name} ${metric} ${what}: ${got} vs ${exact}`).toBeLessThanOrEqual(0.002);
        exactly(stats.min, Math.min(...values), 'min');
        exactly(stats.max, Math.max(...values), 'max');
        exactly(stats.mean, values.reduce((a, b) => a + b, 0) / values.length, 'mean');
      }
    }
    // The merged summary is a report input like any other.
    const report = await runCli(['report', out, '--json']);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).mergedBy).toBe('pooled');
  }, 60_000);
});
