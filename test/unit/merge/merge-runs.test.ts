import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import { encodeValues, histogramStats } from '../../../src/histogram/hdr.js';
import { benchSummarySchema, type BenchSummary } from '../../../src/report/bench-input.js';
import { seededRandom } from '../../../src/merge/bootstrap.js';
import { mergeRuns, overheadVerdict } from '../../../src/merge/merge-runs.js';
import { flat, makeOverhead, makeSummary, makeTarget } from '../../helpers/bench-builders.js';

const fixture = (name: string): BenchSummary => benchSummarySchema.parse(JSON.parse(readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8')));
const run = (file: string) => ({ file, summary: fixture(file) });

const nearestRank = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]!;
};
const sample = (seed: number, n: number, median: number) => {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => median * Math.exp(0.3 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())));
};

/** A shard whose only target rows carry histograms of the given raw samples. */
function shard(label: string, direct: number[], gateway: number[]) {
  const row = (name: string, v: number[]) =>
    makeTarget(name, {
      requests: { sent: v.length, ok: v.length, failed: 0 },
      latencyMs: { ttft: flat(0, v.length), e2e: flat(0, v.length), itl: flat(0, v.length) },
      histograms: { ttft: encodeValues(v), e2e: encodeValues(v.map((x) => x + 1000)), itl: encodeValues([10]), outputTokensPerSecond: encodeValues([90]) },
    });
  return {
    file: `${label}.json`,
    summary: makeSummary([row('direct', direct), row('gw', gateway)], [makeOverhead('gw', 'ttft', 0, [0, 0]), makeOverhead('gw', 'e2e', 0, [0, 0])], {
      environment: { label },
    }),
  };
}

describe('report merge --by pooled (shards of one load test)', () => {
  // Shard A saw fast responses, shard B slow ones: averaging their p50s is not the pooled p50.
  const aDirect = sample(1, 300, 200);
  const bDirect = sample(2, 100, 500);
  const aGw = sample(3, 300, 240);
  const bGw = sample(4, 100, 540);
  const merged = mergeRuns([shard('a', aDirect, aGw), shard('b', bDirect, bGw)], 'pooled');

  it('computes percentiles from the merged histograms, exactly as one histogram of all values', () => {
    const pooled = [...aDirect, ...bDirect];
    const direct = merged.targets.find((t) => t.name === 'direct')!;
    expect(direct.latencyMs.ttft).toEqual(histogramStats(encodeValues(pooled)));
    for (const p of [50, 90, 95, 99] as const) {
      const exact = nearestRank(pooled, p);
      expect(Math.abs(direct.latencyMs.ttft[`p${p}`]! - exact) / exact).toBeLessThan(0.001);
    }
    const averaged = (nearestRank(aDirect, 50) + nearestRank(bDirect, 50)) / 2;
    expect(Math.abs(direct.latencyMs.ttft.p50! - averaged) / averaged).toBeGreaterThan(0.1);
  });

  it('sums requests and recomputes overhead from the merged data, with an interval around it', () => {
    const gw = merged.targets.find((t) => t.name === 'gw')!;
    expect(gw.requests).toEqual({ sent: 400, ok: 400, failed: 0 });
    const o = merged.overhead.find((x) => x.target === 'gw' && x.metric === 'ttft')!;
    const exactDelta = nearestRank([...aGw, ...bGw], 50) - nearestRank([...aDirect, ...bDirect], 50);
    expect(Math.abs(o.p50DeltaMs! - exactDelta)).toBeLessThan(1);
    expect(o.ci95![0]).toBeLessThanOrEqual(o.p50DeltaMs!);
    expect(o.ci95![1]).toBeGreaterThanOrEqual(o.p50DeltaMs!);
    expect(o.verdict).toBe(overheadVerdict('ttft', o.p50DeltaMs!, o.ci95));
    // Same seed, same interval.
    expect(mergeRuns([shard('a', aDirect, aGw), shard('b', bDirect, bGw)], 'pooled').overhead).toEqual(merged.overhead);
  });

  it('sums errors, tokens, cache counts and costs of the fixture shards', () => {
    const m = mergeRuns([run('shard-1.json'), run('shard-2.json')], 'pooled');
    const s1 = fixture('shard-1.json').targets.find((t) => t.name === 'cloudflare')!;
    const s2 = fixture('shard-2.json').targets.find((t) => t.name === 'cloudflare')!;
    const cf = m.targets.find((t) => t.name === 'cloudflare')!;
    expect(cf.requests.sent).toBe(80); // 40 + 40
    expect(cf.errors).toEqual({ server_error: 2, timeout: 2 }); // one of each per shard
    expect(cf.cache.hits).toBe(s1.cache.hits + s2.cache.hits);
    expect(cf.cost.totalUsd).toBeCloseTo(s1.cost.totalUsd! + s2.cost.totalUsd!, 12);
    expect(cf.cost.per1kRequestsUsd).toBeCloseTo(((s1.cost.totalUsd! + s2.cost.totalUsd!) / 80) * 1000, 12);
    expect(cf.latencyMs.ttft.n).toBe(s1.latencyMs.ttft.n + s2.latencyMs.ttft.n);
    expect(m.merge.runs.map((r) => r.label)).toEqual(['shard-1', 'shard-2']);
    expect(benchSummarySchema.safeParse(m).success).toBe(true);
  });

  it('refuses to pool runs that carry no histograms', () => {
    const plain = run('pinned-only.json');
    const other = { file: 'copy.json', summary: { ...plain.summary, environment: { label: 'copy' } } };
    expect(() => mergeRuns([plain, other], 'pooled')).toThrow(InputError);
    expect(() => mergeRuns([plain, other], 'pooled')).toThrow(/carries no ttft histogram/);
  });
});

describe('report merge --by label (origins side by side)', () => {
  it('keeps one row per target and origin, with each row as measured', () => {
    const m = mergeRuns([run('us-east/summary.json'), run('eu-west.json')], 'label');
    expect(m.targets.map((t) => `${t.name}@${t.origin}`)).toEqual([
      'direct@us-east', 'direct@eu-west', 'openrouter@us-east', 'openrouter@eu-west',
      'litellm@us-east', 'litellm@eu-west', 'cloudflare@us-east', 'cloudflare@eu-west',
    ]);
    const eu = fixture('eu-west.json').targets.find((t) => t.name === 'openrouter')!;
    expect(m.targets.find((t) => t.name === 'openrouter' && t.origin === 'eu-west')).toEqual({ ...eu, origin: 'eu-west' });
    expect(m.overhead).toHaveLength(12);
    expect(m.overhead.every((o) => o.origin === 'us-east' || o.origin === 'eu-west')).toBe(true);
    expect(m.warnings[0]).toMatch(/^us-east: /);
  });
});

describe('what a merge refuses', () => {
  it('runs whose configs differ, naming the field (exit 2)', () => {
    let err: unknown;
    try {
      mergeRuns([run('shard-1.json'), run('other-config.json')], 'pooled');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as InputError).issues).toEqual([{ path: 'config.maxTokens', message: 'shard-1.json has 128, this run has 256' }]);
  });

  it('two runs with the same label, and a single run', () => {
    const a = run('shard-1.json');
    expect(() => mergeRuns([a, { ...a, file: 'again.json' }], 'label')).toThrow(/both labelled "shard-1"/);
    expect(() => mergeRuns([a], 'label')).toThrow(UsageError);
  });
});

describe('overhead verdicts', () => {
  it.each([
    [12.4, [9.2, 15.6], 'adds 12 ms (9–16 ms) to TTFT'],
    [-8, [-12, -3], 'saves 8 ms (3–12 ms) on TTFT'],
    [3, [-2, 9], 'no difference detectable at this sample size'],
  ] as const)('%s ms with %j', (p50, ci, want) => {
    expect(overheadVerdict('ttft', p50, [ci[0], ci[1]])).toBe(want);
  });
});
