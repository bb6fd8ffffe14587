import { describe, expect, it } from 'vitest';
import { fidelity, fidelityWarnings } from '../../../src/bench/fidelity-summary.js';
import type { Sample } from '../../../src/bench/metrics.js';
import { SampleTable } from '../../../src/bench/samples.js';
import type { Target } from '../../../src/bench/targets.js';

/** From kept samples to targets[].streaming and .usageAudit: which requests count, and the warnings. */

const target = (name: string): Target => ({ name, gateway: name, gatewayName: name, model: 'm', url: `http://x/${name}`, headers: {}, secrets: [], extraBody: {}, cost: {}, cacheStatus: {}, price: null });

function sample(name: string, round: number, over: Partial<Sample> = {}): Sample {
  return {
    target: name, round, ok: true, errorClass: null, headersMs: 1, ttftMs: 350, e2eMs: 700, itlMs: 16, tokensPerSecond: 60, lagMs: 0,
    ttftFromScheduledMs: 350, e2eFromScheduledMs: 700, inputTokens: 30, outputTokens: 20, usageReported: true, costUsd: null,
    costSource: 'unknown', gatewayCostUsd: null, computedCostUsd: null, cacheStatus: null, selfReportedMs: null, startedAt: round * 1000,
    endedAtEpoch: round * 1000 + 700,
    // paced: 20 chunks over 304 ms, the last alone in its burst
    tokenChunks: 20, tokenSpanMs: 304, finalBurstShare: 0.05, outputChars: 120,
    ...over,
  };
}
// held: the whole answer at once (span 2 ms, every chunk in the final burst)
const held = { ttftMs: 660, tokenSpanMs: 2, finalBurstShare: 1 };

function table(rows: Sample[]): SampleTable {
  const t = new SampleTable();
  for (const r of rows) t.push(r);
  return t;
}
const targets = [target('direct'), target('gw')];
const rounds = [1, 2, 3, 4];

describe('fidelity over the sample table', () => {
  it('a held stream and zeroed usage are found against the baseline, with one warning each', () => {
    const s = table([...rounds.map((r) => sample('direct', r)), ...rounds.map((r) => sample('gw', r, { ...held, inputTokens: 0, outputTokens: 0 }))]);
    const [direct, gw] = fidelity(s, targets, 0, true);
    expect(direct!.streaming).toMatchObject({ buffered: false, method: 'absolute' });
    expect(direct!.usageAudit.verdict).toBeNull();
    // span ratio 2 / 304 ≈ 0.0066
    expect(gw!.streaming).toMatchObject({ buffered: true, method: 'baseline', pairs: 4 });
    expect(gw!.usageAudit).toMatchObject({ compared: 4, zero: 4, verdict: 'zeroed' });
    const w = fidelityWarnings(['direct', 'gw'], [direct!, gw!]);
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/^gw: the stream arrives at once \(buffered\)\. First-to-last token span p50 2\.0 ms vs 304 ms for the baseline \(median ratio 0\.007 over 4 rounds\)/);
    expect(w[1]).toMatch(/^gw: usage zeroed against the baseline\. 0 of 4 rounds match/);
  });

  it('failed requests and cache hits are left out: only what the provider served counts', () => {
    // gw's rounds 1–2 are held but failed or cached; rounds 3–4 are paced → 2 pairs < 3: no verdict.
    const s = table([
      ...rounds.map((r) => sample('direct', r)),
      sample('gw', 1, { ...held, ok: false, errorClass: 'server_error' }),
      sample('gw', 2, { ...held, cacheStatus: 'hit', inputTokens: 0 }),
      sample('gw', 3),
      sample('gw', 4),
    ]);
    const gw = fidelity(s, targets, 0, true)[1]!;
    expect(gw.streaming).toMatchObject({ buffered: null, pairs: 2 });
    expect(gw.usageAudit).toMatchObject({ compared: 2, matching: 2, verdict: 'ok' });
  });

  it('not streamed: buffered null for all; without a baseline: the absolute check and no usage verdict', () => {
    const s = table([...rounds.map((r) => sample('direct', r)), ...rounds.map((r) => sample('gw', r, held))]);
    expect(fidelity(s, targets, 0, false).map((f) => f.streaming.buffered)).toEqual([null, null]);
    const none = fidelity(s, targets, undefined, true);
    expect(none.map((f) => [f.streaming.method, f.streaming.buffered, f.usageAudit.verdict])).toEqual([
      ['absolute', false, null],
      ['absolute', true, null],
    ]);
  });

  it('samples without stream columns (older callers) read as no shape: not enough data', () => {
    const bare = (name: string, r: number) => {
      const { tokenChunks: _a, tokenSpanMs: _b, finalBurstShare: _c, outputChars: _d, ...rest } = sample(name, r);
      return rest as Sample;
    };
    const s = table([...rounds.map((r) => bare('direct', r)), ...rounds.map((r) => bare('gw', r))]);
    const gw = fidelity(s, targets, 0, true)[1]!;
    expect(gw.streaming).toMatchObject({ buffered: null, requests: 0 });
    expect(gw.usageAudit.verdict).toBe('ok');
  });
});
