import { describe, expect, it } from 'vitest';
import type { TargetSlo } from '../../../src/bench/slo-document.js';
import { mergeRuns } from '../../../src/merge/merge-runs.js';
import { poolSlo } from '../../../src/merge/pool-slo.js';
import { makeSummary, makeTarget } from '../../helpers/bench-builders.js';

const block = (good: number, total: number, goodput: number, over: Partial<TargetSlo> = {}): TargetSlo => ({
  bounds: { ttftMs: 500, itlMs: null, e2eMs: 3000 },
  target: 0.95,
  good,
  total,
  attainment: good / total,
  met: good / total >= 0.95,
  goodputRps: goodput,
  vsBaseline: null,
  ...over,
});

describe('pooled SLO blocks', () => {
  it('sums good and total, adds goodput, and gives the difference from the pooled counts without an interval', () => {
    const base = poolSlo('direct', [block(100, 100, 5), block(99, 100, 4.95)], undefined);
    // direct: 199 / 200 = 0.995 ≥ 0.95, goodput 5 + 4.95 = 9.95
    expect(base.slo).toMatchObject({ good: 199, total: 200, attainment: 0.995, met: true, goodputRps: 9.95, vsBaseline: null });
    const vs = { difference: -0.1, ci95: [-0.2, -0.02] as [number, number], rounds: 100 };
    const gw = poolSlo('gw', [block(90, 100, 4.5, { vsBaseline: vs }), block(94, 100, 4.7, { vsBaseline: vs })], base.slo);
    // gw: 184 / 200 = 0.92 < 0.95; 0.92 − 0.995 = −0.075 over 100 + 100 rounds
    expect(gw.slo).toMatchObject({ good: 184, total: 200, attainment: 0.92, met: false, goodputRps: 9.2, vsBaseline: { difference: -0.075, ci95: null, rounds: 200 } });
  });

  it('drops the block with a warning when shards judged different bounds, or one recorded none', () => {
    const other = block(90, 100, 4.5, { bounds: { ttftMs: 800, itlMs: null, e2eMs: 3000 } });
    const differ = poolSlo('gw', [block(90, 100, 4.5), other], undefined);
    expect(differ.slo).toBeUndefined();
    expect('warning' in differ && differ.warning).toBe('gw: SLO attainment dropped from the pooled row: the shards judged it against different bounds or targets.');
    const missing = poolSlo('gw', [block(90, 100, 4.5), undefined], undefined);
    expect('warning' in missing && missing.warning).toBe('gw: SLO attainment dropped from the pooled row: 1 of 2 shards recorded none.');
    expect(poolSlo('gw', [undefined, null], undefined)).toEqual({ slo: undefined });
  });

  it('report merge --by pooled carries the blocks; --by label keeps each run\'s own', () => {
    const shard = (label: string, gwGood: number) => ({
      file: `${label}.json`,
      summary: makeSummary([makeTarget('direct', { baseline: true, slo: block(100, 100, 5) }), makeTarget('gw', { slo: block(gwGood, 100, gwGood / 20) })], [], {
        environment: { label, node: 'v20.18.1', os: 'Linux 6.1', arch: 'x64', cpus: 2, undici: '7.30.2' },
      }),
    });
    const pooled = mergeRuns([shard('a', 96), shard('b', 92)], 'pooled');
    // gw: (96 + 92) / 200 = 0.94; direct 1.0; difference −0.06
    expect(pooled.targets[1]!.slo).toMatchObject({ good: 188, total: 200, attainment: 0.94, met: false, vsBaseline: { difference: -0.06, ci95: null } });
    const keys = Object.keys(pooled.targets[1]!);
    expect(keys.indexOf('slo')).toBe(keys.indexOf('histograms') - 1);
    const byLabel = mergeRuns([shard('a', 96), shard('b', 92)], 'label');
    expect(byLabel.targets.filter((t) => t.name === 'gw').map((t) => t.slo!.good)).toEqual([96, 92]);
  });
});
