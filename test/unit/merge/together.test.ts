import { describe, expect, it } from 'vitest';
import { encodeValues } from '../../../src/histogram/hdr.js';
import { mergeRuns } from '../../../src/merge/merge-runs.js';
import { apartWarning, pooledDuration, pooledRate, togetherGroups } from '../../../src/merge/together.js';
import { makeSummary, makeTarget } from '../../helpers/bench-builders.js';

/** One run of a single target, at a given time, with a given duration and throughput. */
function runAt(label: string, startedAt: string, finishedAt: string, durationS: number, rps: number, tps: number) {
  const t = makeTarget('gw', {
    baseline: false,
    throughput: { requestsPerSecond: rps, outputTokensPerSecond: tps },
    histograms: { headers: encodeValues([]), ttft: encodeValues([100]), e2e: encodeValues([200]), itl: encodeValues([]), outputTokensPerSecond: encodeValues([90]) },
  });
  const base = makeSummary([t]);
  return {
    file: `${label}.json`,
    summary: {
      ...base,
      startedAt,
      finishedAt,
      run: { ...base.run!, durationS },
      environment: { label, node: 'v20.18.1', os: 'Linux 6.1', arch: 'x64', cpus: 2, undici: '7.30.2' },
    },
  };
}

describe('pooled merge of runs that did not run together', () => {
  it('two runs minutes apart: a warning, and throughput weighted by duration, not summed', () => {
    // Run a: 10:00:00–10:01:00, 60 s measured at 10 req/s (600 served); run b: 10:05:00–10:05:30, 30 s at
    // 4 req/s (120 served). Summed would claim 14 req/s. Served ÷ time measured: (600 + 120) ÷ (60 + 30) = 8 req/s.
    // Tokens: 1000/s × 60 s + 400/s × 30 s = 72,000 tokens ÷ 90 s = 800 tokens/s.
    const a = runAt('a', '2026-12-06T10:00:00.000Z', '2026-12-06T10:01:00.000Z', 60, 10, 1000);
    const b = runAt('b', '2026-12-06T10:05:00.000Z', '2026-12-06T10:05:30.000Z', 30, 4, 400);
    const m = mergeRuns([a, b], 'pooled');
    expect(m.targets[0]!.throughput).toEqual({ requestsPerSecond: 8, outputTokensPerSecond: 800 });
    expect(m.run!.durationS).toBe(90);
    expect(m.warnings[0]).toBe(
      'These runs did not run together: a 2026-12-06 10:00:00–10:01:00 UTC; b 2026-12-06 10:05:00–10:05:30 UTC. Their time spans do not overlap, so throughput is not summed: requests/s, tokens/s, goodput and each time slice\'s ok/s are the requests served ÷ the time measured (each group\'s own duration, added up), not a load anyone sent at once. Pool only shards that ran at the same time (bench --shard with --start-at); compare runs made at different times with --by label.',
    );
  });

  it('two overlapping shards: no warning, throughput summed, the longer duration', () => {
    // 10:00:00–10:01:00 and 10:00:02–10:01:01 overlap: 10 + 4 = 14 req/s, 1000 + 400 = 1400 tokens/s.
    const a = runAt('a', '2026-12-06T10:00:00.000Z', '2026-12-06T10:01:00.000Z', 60, 10, 1000);
    const b = runAt('b', '2026-12-06T10:00:02.000Z', '2026-12-06T10:01:01.000Z', 58, 4, 400);
    const m = mergeRuns([a, b], 'pooled');
    expect(m.targets[0]!.throughput).toEqual({ requestsPerSecond: 14, outputTokensPerSecond: 1400 });
    expect(m.run!.durationS).toBe(60);
    expect(m.warnings.some((w) => /did not run together/.test(w))).toBe(false);
  });

  it('--by label neither warns nor touches the rows', () => {
    const a = runAt('a', '2026-12-06T10:00:00.000Z', '2026-12-06T10:01:00.000Z', 60, 10, 1000);
    const b = runAt('b', '2026-12-06T10:05:00.000Z', '2026-12-06T10:05:30.000Z', 30, 4, 400);
    const m = mergeRuns([a, b], 'label');
    expect(m.targets.map((t) => t.throughput.requestsPerSecond)).toEqual([10, 4]);
    expect(m.warnings.some((w) => /did not run together/.test(w))).toBe(false);
  });
});

describe('together.ts', () => {
  const span = (label: string, from: string, to: string, durationS: number) => ({ label, startedAt: `2026-12-06T${from}.000Z`, finishedAt: `2026-12-06T${to}.000Z`, durationS });

  it('groups runs whose spans overlap, chained, in time order; touching ends are apart', () => {
    const spans = [span('c', '11:00:00', '11:01:00', 60), span('a', '10:00:00', '10:01:00', 60), span('b', '10:00:50', '10:02:00', 70), span('d', '10:02:00', '10:03:00', 60)];
    // a and b overlap (10:00:50 < 10:01:00); d starts when b ends (not before): apart; c an hour later.
    expect(togetherGroups(spans)).toEqual([[1, 2], [3], [0]]);
  });

  it('indices come back in run order inside a group, whatever order the runs started in', () => {
    // Run 0 started 10 s after run 1 and overlaps it: one group, listed [0, 1].
    expect(togetherGroups([span('late', '10:00:10', '10:01:00', 50), span('early', '10:00:00', '10:01:00', 60)])).toEqual([[0, 1]]);
    // Equal starts keep the given order.
    expect(togetherGroups([span('x', '10:00:00', '10:00:30', 30), span('y', '10:00:00', '10:00:30', 30), span('z', '09:00:00', '09:00:30', 30)])).toEqual([[2], [0, 1]]);
  });

  it('no time measured: a rate of 0, not a division by zero', () => {
    const spans = [span('a', '10:00:00', '10:00:00', 0), span('b', '11:00:00', '11:00:00', 0)];
    expect(pooledRate([3, 4], togetherGroups(spans), spans)).toBe(0);
    expect(pooledRate([], [], [])).toBe(0);
  });

  it('a run inside a longer one keeps the group open past the inner run', () => {
    const spans = [span('a', '10:00:00', '10:10:00', 600), span('b', '10:01:00', '10:02:00', 60), span('c', '10:05:00', '10:06:00', 60)];
    expect(togetherGroups(spans)).toEqual([[0, 1, 2]]);
  });

  it('rates: summed in a group, weighted by each group\'s longest duration across groups', () => {
    const spans = [span('a', '10:00:00', '10:01:00', 60), span('b', '10:00:10', '10:01:00', 50), span('c', '12:00:00', '12:00:20', 20)];
    const groups = togetherGroups(spans);
    expect(groups).toEqual([[0, 1], [2]]);
    // Group ab: 3 + 2 = 5 req/s over 60 s (300 served); c: 1 req/s over 20 s (20). (300 + 20) ÷ 80 = 4.
    expect(pooledRate([3, 2, 1], groups, spans)).toBe(4);
    expect(pooledDuration(groups, spans)).toBe(80);
    expect(pooledRate([3, 2], [[0, 1]], spans)).toBe(5);
    expect(apartWarning(spans.slice(0, 2), [[0, 1]])).toBeUndefined();
    expect(apartWarning(spans, groups)).toMatch(/^These runs did not run together: a 2026-12-06 10:00:00–10:01:00 UTC with b 2026-12-06 10:00:10–10:01:00 UTC; c 2026-12-06 12:00:00–12:00:20 UTC\./);
  });
});
