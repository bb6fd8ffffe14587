import { describe, expect, it } from 'vitest';
import type { Pairwise } from '../../../src/bench/document.js';
import { fisherExact } from '../../../src/bench/fisher.js';
import { orientedPair, verdictLines } from '../../../src/report/verdict.js';
import { errors, flat, makeOverhead, makeSummary, makeTarget } from '../../helpers/bench-builders.js';

const direct = makeTarget('direct', { baseline: true, latencyMs: { headers: flat(5), ttft: flat(100), e2e: flat(200), itl: flat(10) } });
const gw = (name: string, ttft: number, over: Parameters<typeof makeTarget>[1] = {}) => makeTarget(name, { latencyMs: { headers: flat(5), ttft: flat(ttft), e2e: flat(ttft + 100), itl: flat(10) }, ...over });
const pair = (a: string, b: string, p50: number, ci: [number, number] | null, over: Partial<Pairwise> = {}): Pairwise => ({ a, b, metric: 'ttft', n: 50, p50DeltaMs: p50, p90DeltaMs: p50, ci95: ci, p90Ci95: ci, verdict: `${a} vs ${b}`, ...over });
const text = (kind: string, lines: ReturnType<typeof verdictLines>) => lines.find((l) => l.kind === kind);

describe('the verdict', () => {
  it('names the fastest gateway with its lead over the runner-up and the interval, from pairwise', () => {
    // litellm 104, cloudflare 125, openrouter 140: litellm leads cloudflare by 21 ms (18–24).
    const b = makeSummary([direct, gw('openrouter', 140), gw('litellm', 104), gw('cloudflare', 125)], [], {
      pairwise: [pair('openrouter', 'litellm', 36, [33, 39]), pair('openrouter', 'cloudflare', 15, [12, 18]), pair('litellm', 'cloudflare', -21, [-24, -18])],
    });
    expect(text('fastest', verdictLines(b))).toEqual({ kind: 'fastest', label: 'Fastest', text: 'litellm, 21 ms (18–24) ahead of cloudflare in TTFT (p50 over 50 paired rounds, 95% interval)' });
  });

  it('turns a pair stored the other way round: cloudflare − litellm = +21 (18–24) is litellm 21 ahead', () => {
    const b = makeSummary([direct, gw('litellm', 104), gw('cloudflare', 125)], [], { pairwise: [pair('cloudflare', 'litellm', 21, [18, 24])] });
    expect(text('fastest', verdictLines(b))!.text).toBe('litellm, 21 ms (18–24) ahead of cloudflare in TTFT (p50 over 50 paired rounds, 95% interval)');
    expect(orientedPair(b, 'litellm', 'cloudflare', 'ttft')).toMatchObject({ a: 'litellm', b: 'cloudflare', p50DeltaMs: -21, ci95: [-24, -18], verdict: 'litellm is 21 ms faster than cloudflare in TTFT (18–24 ms)' });
  });

  it('says "no detectable difference" when the interval holds 0, however the p50s fall', () => {
    const b = makeSummary([direct, gw('bifrost', 101), gw('tensorzero', 102)], [], { pairwise: [pair('bifrost', 'tensorzero', -1, [-4, 2])] });
    const line = text('fastest', verdictLines(b))!;
    expect(line.text).toMatch(/^no detectable difference between bifrost and tensorzero in TTFT /);
    expect(line.text).toContain('−4 to +2');
    expect(line.text).not.toMatch(/ahead/);
  });

  it('without pairwise (older summaries, merges) it compares p50s and says how sure is not known', () => {
    const b = makeSummary([direct, gw('litellm', 104), gw('cloudflare', 125)]);
    expect(text('fastest', verdictLines(b))!.text).toBe("litellm by TTFT p50 (104 ms against cloudflare's 125 ms); this summary has no paired comparison (a merge, or written before it was recorded), so how sure is not known");
  });

  it('uses e2e when nothing streamed', () => {
    const none = { n: 0, p50: null, p90: null, p95: null, p99: null, mean: null, min: null, max: null, unsupported: ['p50', 'p90', 'p95', 'p99'] };
    const row = (name: string, e2e: number) => makeTarget(name, { latencyMs: { headers: flat(5), ttft: none, e2e: flat(e2e), itl: none } });
    const b = makeSummary([direct, row('a', 300), row('b', 250)], [], { pairwise: [pair('a', 'b', 50, [40, 60], { metric: 'e2e' })] });
    expect(text('fastest', verdictLines(b))!.text).toBe('b, 50 ms (40–60) ahead of a in e2e (p50 over 50 paired rounds, 95% interval)');
  });

  it('one gateway: its overhead against the baseline; no baseline: says so', () => {
    const one = makeSummary([direct, gw('litellm', 104)], [makeOverhead('litellm', 'ttft', 4, [3, 5], { verdict: 'litellm adds 4.0 ms (3.0–5.0 ms) to TTFT' })]);
    expect(verdictLines(one)[0]).toEqual({ kind: 'fastest', label: 'Only gateway', text: 'litellm, TTFT p50 104 ms; against direct: litellm adds 4.0 ms (3.0–5.0 ms) to TTFT' });
    const alone = makeSummary([gw('litellm', 104)]);
    expect(verdictLines(alone)[0]!.text).toBe('litellm, TTFT p50 104 ms; no baseline to measure its overhead against');
    expect(verdictLines(makeSummary([direct]))).toEqual([{ kind: 'note', label: '', text: 'Only the baseline was measured: no gateway to judge.' }]);
  });

  it('without a baseline every target is a gateway', () => {
    const b = makeSummary([gw('a', 120), gw('b', 100)], [], { pairwise: [pair('a', 'b', 20, [15, 25])] });
    expect(text('fastest', verdictLines(b))!.text).toMatch(/^b, 20 ms \(15–25\) ahead of a/);
  });

  it('the cheapest, with its difference to the next: $0.06 vs $0.08 is $0.02 (25%) less', () => {
    const cost = (per1k: number, source: 'computed' | 'gateway' = 'computed') => ({ ...makeTarget('x').cost, per1kRequestsUsd: per1k, source });
    const b = makeSummary([direct, gw('a', 100, { cost: cost(0.08) }), gw('b', 110, { cost: cost(0.06) })]);
    // (0.08 − 0.06) ÷ 0.08 = 25%
    expect(text('cheapest', verdictLines(b))!.text).toBe('b, $0.06 per 1k requests, $0.02 (25%) less than a ($0.08)');
    const same = makeSummary([direct, gw('a', 100, { cost: cost(0.067) }), gw('b', 110, { cost: cost(0.067) })]);
    expect(text('cheapest', verdictLines(same))!.text).toBe('both gateways cost the same, $0.067 per 1k requests');
    const mixed = makeSummary([direct, gw('a', 100, { cost: cost(0.08, 'gateway') }), gw('b', 110, { cost: cost(0.067) })]);
    expect(text('cheapest', verdictLines(mixed))!.text).toContain("; b's cost computed from the price table, a's reported by the gateway");
  });

  it('the most reliable only when error rates differ, and only as sure as Fisher\'s exact test allows', () => {
    const failing = (name: string, failed: number) => gw(name, 100, { requests: { sent: 10, ok: 10 - failed, failed }, errors: errors({ server_error: failed }) });
    expect(text('reliable', verdictLines(makeSummary([direct, failing('a', 0), failing('b', 0)])))).toBeUndefined();
    // 0 of 10 against 5 of 10: two-sided p = 2 × C(15,10)/C(20,10) = 2 × 3003/184756 = 0.0325 < 0.05.
    expect(text('reliable', verdictLines(makeSummary([direct, failing('a', 0), failing('b', 5)])))).toEqual({ kind: 'reliable', label: 'Most reliable', text: "a (a 0 of 10 failed; b 5 of 10 failed; Fisher's exact test p = 0.033)" });
    // 0 of 10 against 1 of 10: p = 1, not a difference.
    expect(text('reliable', verdictLines(makeSummary([direct, failing('a', 0), failing('b', 1)])))!.text).toBe("no detectable difference in failures (a 0 of 10 failed; b 1 of 10 failed; Fisher's exact test p = 1: too few failures to tell apart)");
  });
});

describe("Fisher's exact test", () => {
  it('matches hand-worked tables', () => {
    // [[0,10],[5,5]]: P(x) = C(5,x)·C(15,10−x)/C(20,10); P(0) = P(5) = 3003/184756, the rest larger → p = 6006/184756.
    expect(fisherExact(0, 10, 5, 10)).toBeCloseTo(6006 / 184756, 10);
    // [[0,100],[3,97]]: P(0) = P(3) = C(100,3)/C(200,3) = 161700/1313400; P(1) = P(2) larger → p = 2·0.123116…
    expect(fisherExact(0, 100, 3, 100)).toBeCloseTo((2 * 161700) / 1313400, 10);
    expect(fisherExact(2, 10, 2, 10)).toBeCloseTo(1, 10);
    expect(fisherExact(0, 10, 0, 10)).toBe(1);
  });
});
