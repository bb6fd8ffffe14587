import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/bench/random.js';
import { describe as describeValues } from '../../../src/bench/stats.js';
import { InputError, UsageError } from '../../../src/errors.js';
import { encodeValues } from '../../../src/histogram/hdr.js';
import { mergedSummarySchema } from '../../../src/report/bench-input.js';
import { mergeRuns } from '../../../src/merge/merge-runs.js';
import { errors, makeOverhead, makeSummary, makeTarget } from '../../helpers/bench-builders.js';
import { benchFixture } from '../../helpers/report-fixtures.js';

const run = (file: string) => ({ file, summary: benchFixture(file) });

/** Type-7 quantile of raw values, written out independently of the code under test. */
const type7 = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
};
const sample = (seed: number, n: number, median: number) => {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => median * Math.exp(0.3 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())));
};

/** A shard whose two targets carry the statistics and histograms of the given raw TTFTs (e2e = TTFT + 1 s). */
function shard(label: string, direct: number[], gateway: number[]) {
  const row = (name: string, v: number[], baseline: boolean) => {
    const e2e = v.map((x) => x + 1000);
    return makeTarget(name, {
      baseline,
      requests: { sent: v.length, ok: v.length, failed: 0 },
      latencyMs: { headers: describeValues([]), ttft: describeValues(v), e2e: describeValues(e2e), itl: describeValues([]) },
      histograms: { headers: encodeValues([]), ttft: encodeValues(v), e2e: encodeValues(e2e), itl: encodeValues([]), outputTokensPerSecond: encodeValues([90]) },
    });
  };
  return {
    file: `${label}.json`,
    summary: makeSummary([row('direct', direct, true), row('gw', gateway, false)], [makeOverhead('gw', 'ttft', 0, [0, 0], { n: direct.length }), makeOverhead('gw', 'e2e', 0, [0, 0], { n: direct.length })], {
      environment: { label, node: 'v20.18.1', os: 'Linux 6.1', arch: 'x64', cpus: 2, undici: '7.30.2' },
    }),
  };
}

describe('report merge --by pooled (shards of one load test)', () => {
  // Shard A saw fast responses, shard B slow ones: averaging their p50s is not the pooled p50.
  // Built inside each test (docs/testing.md: work in a describe body runs while the file loads, which mutation
  // testing counts as static and cannot attribute to a test).
  const pooledShards = () => {
    const aDirect = sample(1, 300, 200);
    const bDirect = sample(2, 100, 500);
    const aGw = sample(3, 300, 240);
    const bGw = sample(4, 100, 540);
    return { aDirect, bDirect, aGw, bGw, merged: mergeRuns([shard('a', aDirect, aGw), shard('b', bDirect, bGw)], 'pooled') };
  };

  it('computes percentiles from the merged histograms, as over the pooled raw values; mean, min and max exactly', () => {
    const { aDirect, bDirect, merged } = pooledShards();
    const pooled = [...aDirect, ...bDirect];
    const ttft = merged.targets.find((t) => t.name === 'direct')!.latencyMs.ttft;
    for (const [p, q] of [['p50', 0.5], ['p90', 0.9], ['p95', 0.95], ['p99', 0.99]] as const) {
      const exact = type7(pooled, q);
      expect(Math.abs(ttft[p]! - exact) / exact, p).toBeLessThan(0.001);
    }
    expect(ttft.n).toBe(400);
    expect(ttft.mean).toBeCloseTo(pooled.reduce((a, b) => a + b, 0) / 400, 2);
    expect(ttft.min).toBeCloseTo(Math.min(...pooled), 3);
    expect(ttft.max).toBeCloseTo(Math.max(...pooled), 3);
    expect(ttft.unsupported).toEqual([]); // 400 requests support p99
    const averaged = (type7(aDirect, 0.5) + type7(bDirect, 0.5)) / 2;
    expect(Math.abs(ttft.p50! - averaged) / averaged).toBeGreaterThan(0.1);
  });

  it('sums requests and recomputes overhead from the merged data, with an interval around it', () => {
    const { aDirect, bDirect, aGw, bGw, merged } = pooledShards();
    const gw = merged.targets.find((t) => t.name === 'gw')!;
    expect(gw.requests).toEqual({ sent: 400, ok: 400, failed: 0 });
    const o = merged.overhead.find((x) => x.target === 'gw' && x.metric === 'ttft')!;
    const exactDelta = type7([...aGw, ...bGw], 0.5) - type7([...aDirect, ...bDirect], 0.5);
    expect(Math.abs(o.p50DeltaMs! - exactDelta)).toBeLessThan(0.5);
    expect(o.n).toBe(400); // 300 + 100 rounds
    expect(o.ci95![0]).toBeLessThanOrEqual(o.p50DeltaMs!);
    expect(o.ci95![1]).toBeGreaterThanOrEqual(o.p50DeltaMs!);
    expect(o.p90Ci95![0]).toBeLessThanOrEqual(o.p90DeltaMs!);
    expect(o.verdict).toMatch(/^gw (adds .* to TTFT|makes no detectable difference to TTFT|is .* faster in TTFT)/);
    // Same seed, same interval.
    expect(mergeRuns([shard('a', aDirect, aGw), shard('b', bDirect, bGw)], 'pooled').overhead).toEqual(merged.overhead);
  });

  it('sums errors, tokens, cache counts and costs of two real shards, and ignores their different seeds', () => {
    const s1 = benchFixture('shard-1.json');
    const s2 = benchFixture('shard-2.json');
    expect([s1.config.seed, s2.config.seed]).toEqual([11, 12]);
    const m = mergeRuns([run('shard-1.json'), run('shard-2.json')], 'pooled');
    const pick = (s: typeof s1) => s.targets.find((t) => t.name === 'cloudflare')!;
    const [a, b, cf] = [pick(s1), pick(s2), pick(m)];
    expect(cf.requests.sent).toBe(a.requests.sent + b.requests.sent);
    expect(cf.errors.server_error).toBe(a.errors.server_error + b.errors.server_error); // one injected 502 per shard
    expect(cf.cache).toEqual({ hits: a.cache.hits + b.cache.hits, misses: a.cache.misses + b.cache.misses, unknown: a.cache.unknown + b.cache.unknown });
    expect(cf.cost.totalUsd).toBeCloseTo(a.cost.totalUsd! + b.cost.totalUsd!, 12);
    expect(cf.cost.costedRequests).toBe(a.cost.costedRequests + b.cost.costedRequests);
    expect(cf.cost.per1kRequestsUsd).toBeCloseTo(((a.cost.totalUsd! + b.cost.totalUsd!) / (a.cost.costedRequests + b.cost.costedRequests)) * 1000, 6);
    expect(cf.latencyMs.ttft.n).toBe(a.latencyMs.ttft.n + b.latencyMs.ttft.n);
    // These two fixture runs were made one after the other (16:14:46–16:15:04 and 16:15:05–16:15:23 UTC): they did
    // not run together, so their throughputs are not added but weighted by duration:
    // (3.393 × 17.388 + 3.38 × 17.458) ÷ (17.388 + 17.458) = (58.997 + 59.008) ÷ 34.846 = 3.386 requests/s.
    expect(cf.throughput.requestsPerSecond).toBeCloseTo(3.386, 3);
    expect(m.run!.durationS).toBeCloseTo(34.846, 3);
    expect(m.warnings[0]).toMatch(/^These runs did not run together: shard-1 2026-11-26 16:14:46–16:15:04 UTC; shard-2 2026-11-26 16:15:05–16:15:23 UTC\..*throughput is not summed/);
    expect(m.run!.sentRequests).toBe(s1.run!.sentRequests + s2.run!.sentRequests);
    expect(m.merge.runs.map((r) => r.label)).toEqual(['shard-1', 'shard-2']);
    expect(m.environment).toBeNull();
    expect(mergedSummarySchema.safeParse(m).success).toBe(true);
  });

  it('refuses a summary that is already merged', () => {
    const m = mergeRuns([run('shard-1.json'), run('shard-2.json')], 'pooled');
    expect(() => mergeRuns([{ file: 'merged.json', summary: m }, run('eu-west.json')], 'pooled')).toThrow(/already a merged summary/);
  });
});

describe('report merge --by label (origins side by side)', () => {
  it('keeps one row per target and origin, with each row as measured', () => {
    const m = mergeRuns([run('us-east/summary.json'), run('eu-west.json')], 'label');
    expect(m.targets.map((t) => `${t.name}@${t.origin}`)).toEqual([
      'direct@us-east', 'direct@eu-west', 'openrouter@us-east', 'openrouter@eu-west',
      'litellm@us-east', 'litellm@eu-west', 'cloudflare@us-east', 'cloudflare@eu-west',
    ]);
    const eu = benchFixture('eu-west.json').targets.find((t) => t.name === 'openrouter')!;
    expect(m.targets.find((t) => t.name === 'openrouter' && t.origin === 'eu-west')).toEqual({ ...eu, origin: 'eu-west' });
    expect(m.overhead).toHaveLength(12);
    expect(m.overhead.every((o) => o.origin === 'us-east' || o.origin === 'eu-west')).toBe(true);
    expect(m.run).toBeNull();
    expect(m.merge.runs.map((r) => r.run.sentRequests)).toEqual([240, 240]); // 4 targets × 60 requests each
    expect(m.warnings[0]).toMatch(/^us-east: /);
  });
});

describe('targets a run could not measure, merged', () => {
  const dead = (sent: number) => makeTarget('litellm', { requests: { sent, ok: 0, failed: sent }, errors: errors({ server_error: sent }) });
  const failedStatus = (sent: number, example: string) => ({
    ended: 'completed' as const,
    ok: false,
    failedTargets: [{ target: 'litellm', sent, topError: { class: 'server_error' as const, count: sent, example }, reason: 'r' }],
  });
  const east = makeSummary([makeTarget('direct'), dead(4)], [], { environment: { label: 'us-east', node: 'v20', os: 'Linux', arch: 'x64', cpus: 2, undici: '7' }, status: failedStatus(4, 'HTTP 500: east down') });
  const west = makeSummary([makeTarget('direct'), makeTarget('litellm')], [], { environment: { label: 'eu-west', node: 'v20', os: 'Linux', arch: 'x64', cpus: 2, undici: '7' } });

  it('by label: the row of the run that measured nothing is failed, with its origin and that run\'s first message', () => {
    const m = mergeRuns([{ file: 'a.json', summary: east }, { file: 'b.json', summary: west }], 'label');
    expect(m.schemaVersion).toBe(2);
    expect(m.status).toEqual({
      ended: 'completed',
      ok: false,
      failedTargets: [
        { target: 'litellm', origin: 'us-east', sent: 4, topError: { class: 'server_error', count: 4, example: 'HTTP 500: east down' }, reason: 'all 4 measured requests failed: 4 × server_error (first: HTTP 500: east down)' },
      ],
    });
    expect(m.merge.runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(mergedSummarySchema.safeParse(m).success).toBe(true);
  });

  it('pooled: a row another shard measured is measured; the shard that failed is named in the notes', () => {
    const m = mergeRuns([{ file: 'a.json', summary: east }, { file: 'b.json', summary: west }], 'pooled');
    // litellm: 4 + 100 sent, 0 + 100 ok
    expect(m.targets[1]!.requests).toEqual({ sent: 104, ok: 100, failed: 4 });
    expect(m.status).toEqual({ ended: 'completed', ok: true, failedTargets: [] });
    expect(m.warnings).toContain('us-east: litellm was not measured in this run (r).');
    const both = mergeRuns([{ file: 'a.json', summary: east }, { file: 'b.json', summary: { ...east, environment: { ...east.environment!, label: 'eu-west' }, status: failedStatus(6, 'HTTP 500: west down') } }], 'pooled');
    // the same target dead in both shards: failed once, without an origin, the first shard's message
    expect(both.status.failedTargets).toEqual([
      { target: 'litellm', sent: 8, topError: { class: 'server_error', count: 8, example: 'HTTP 500: east down' }, reason: 'all 8 measured requests failed: 8 × server_error (first: HTTP 500: east down)' },
    ]);
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
    expect((err as InputError).issues).toEqual([{ path: 'config.maxTokens', message: 'shard-1.json has 16, this run has 24' }]);
  });

  it('two runs with the same label, and a single run', () => {
    const a = run('shard-1.json');
    expect(() => mergeRuns([a, { ...a, file: 'again.json' }], 'label')).toThrow(/both labelled "shard-1"/);
    expect(() => mergeRuns([a], 'label')).toThrow(UsageError);
  });
});

describe('report merge --by pooled: emulated targets', () => {
  it('a target emulated in any shard is emulated in the pooled run; shards that never recorded it record nothing', () => {
    const a = shard('a', [100, 110], [120, 130]);
    const b = shard('b', [100, 110], [120, 130]);
    const withRun = (s: ReturnType<typeof shard>, emulatedTargets: string[]) => ({ ...s, summary: { ...s.summary, run: { ...s.summary.run!, emulatedTargets } } });
    // shard a: only the baseline answered from an emulator; shard b: the gateway too
    expect(mergeRuns([withRun(a, ['direct']), withRun(b, ['direct', 'gw'])], 'pooled').run!.emulatedTargets).toEqual(['direct', 'gw']);
    expect(mergeRuns([withRun(a, []), withRun(b, [])], 'pooled').run!.emulatedTargets).toEqual([]);
    expect(mergeRuns([a, b], 'pooled').run).not.toHaveProperty('emulatedTargets');
  });
});
