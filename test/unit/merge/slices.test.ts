import { describe, expect, it } from 'vitest';
import type { SliceDoc, SlicesDoc } from '../../../src/bench/document.js';
import { encodeValues } from '../../../src/histogram/hdr.js';
import { mergeRuns } from '../../../src/merge/merge-runs.js';
import { makeSummary, makeTarget } from '../../helpers/bench-builders.js';

/** A slice holding these successful e2e values (TTFT half of each) and these failures. */
function slice(index: number, e2e: number[], errors: SliceDoc['errors'] = {}): SliceDoc {
  const failed = Object.values(errors).reduce((a, n) => a + n, 0);
  const p = (xs: number[]) => ({ p50: xs.length ? xs[0]! : null, p99: xs.length ? xs.at(-1)! : null });
  return {
    index,
    startS: index * 10,
    endS: index * 10 + 10,
    sent: e2e.length + failed,
    ok: e2e.length,
    failed,
    errors,
    okPerSecond: e2e.length / 10,
    ttft: p(e2e.map((x) => x / 2)),
    e2e: p(e2e),
    histograms: { ttft: encodeValues(e2e.map((x) => x / 2)), e2e: encodeValues(e2e) },
  };
}

const slices = (from: string, rows: SliceDoc[]): SlicesDoc => ({ sliceS: 10, from, targets: [{ target: 'direct', slices: rows }] });
const run = (file: string, s: SlicesDoc | undefined, label: string) => ({ file, summary: makeSummary([makeTarget('direct')], [], { ...(s ? { slices: s } : {}), environment: { label, node: 'v20', os: 'Linux', arch: 'x64', cpus: 2, undici: '7' } }) });

describe('slices of merged runs', () => {
  const a = slices('2026-12-06T18:00:00.100Z', [slice(0, [100, 200])]);
  const b = slices('2026-12-06T18:00:00.000Z', [slice(0, [], { timeout: 1 }), slice(1, [300])]);

  it('pooled runs made an hour apart: a slice\'s ok/s counts its length once per run that had it, not once', () => {
    const later = (r: ReturnType<typeof run>) => ({ ...r, summary: { ...r.summary, startedAt: '2026-12-06T19:00:00.000Z', finishedAt: '2026-12-06T19:01:00.000Z' } });
    const m = mergeRuns([run('a.json', a, 'a'), later(run('b.json', b, 'b'))], 'pooled');
    const [s0, s1] = m.slices!.targets[0]!.slices;
    // slice 0: a's 2 ok over its 10 s and b's 0 ok over its own 10 s, an hour later: 2 ÷ 20 s = 0.1 (summed: 0.2).
    expect(s0).toMatchObject({ index: 0, ok: 2, okPerSecond: 0.1 });
    // slice 1: only b had one, 1 ok ÷ 10 s.
    expect(s1).toMatchObject({ index: 1, ok: 1, okPerSecond: 0.1 });
  });

  it('pooled: slice k of every run added up, percentiles from the merged histograms, from the earliest start', () => {
    const m = mergeRuns([run('a.json', a, 'a'), run('b.json', b, 'b')], 'pooled');
    const [s0, s1] = m.slices!.targets[0]!.slices;
    // slice 0: 2 ok (100, 200 ms) from a, 1 timeout from b → sent 3; type-7 p50 of {100, 200} = 150, p99 = 199
    expect(s0).toMatchObject({ index: 0, sent: 3, ok: 2, failed: 1, errors: { timeout: 1 }, okPerSecond: 0.2 });
    expect(s0!.e2e.p50).toBeCloseTo(150, -1);
    expect(s0!.e2e.p99).toBeCloseTo(199, -1);
    // slice 1: only b had one
    expect(s1).toMatchObject({ index: 1, sent: 1, ok: 1, failed: 0, errors: {} });
    expect(m.slices!.from).toBe('2026-12-06T18:00:00.000Z');
  });

  it('by label: each run\'s rows, marked with where they came from', () => {
    const m = mergeRuns([run('a.json', a, 'us'), run('b.json', b, 'eu')], 'label');
    expect(m.slices!.targets.map((t) => [t.target, t.origin, t.slices.length])).toEqual([
      ['direct', 'us', 1],
      ['direct', 'eu', 2],
    ]);
  });

  it('left out, with a warning, when one run has none or their lengths differ; no warning when none has any', () => {
    const m = mergeRuns([run('a.json', a, 'a'), run('c.json', undefined, 'c')], 'pooled');
    expect(m.slices).toBeUndefined();
    expect(m.warnings.join('\n')).toContain('Time slices are left out of the merge');
    const other = { ...b, sliceS: 5 };
    expect(mergeRuns([run('a.json', a, 'a'), run('b.json', other, 'b')], 'label').slices).toBeUndefined();
    const none = mergeRuns([run('a.json', undefined, 'a'), run('b.json', undefined, 'b')], 'pooled');
    expect(none.warnings.join('\n')).not.toContain('Time slices');
  });
});
