import { describe, expect, it } from 'vitest';
import { auditUsage, noBaselineAudit, type UsageRow } from '../../../src/bench/usage-audit.js';

/** Hand-made usage; expected counts and medians worked out in the comments. */

const u = (round: number, input: number, output: number, chars = output * 6, reported = true): UsageRow => ({ round, reported, inputTokens: input, outputTokens: output, outputChars: chars });
/** The baseline: 10 rounds of 40 prompt and 100 completion tokens over 600 characters. */
const base = Array.from({ length: 10 }, (_, i) => u(i + 1, 40, 100));

describe('auditUsage', () => {
  it('the same usage every round → ok, no mismatch', () => {
    const a = auditUsage(base.map((r) => ({ ...r })), base);
    expect(a).toMatchObject({ compared: 10, matching: 10, missing: 0, zero: 0, inflated: 0, deflated: 0, mismatchRate: 0, medianPromptDiffPct: 0, medianCompletionDiffPct: 0, verdict: 'ok' });
    expect(a.evidence).toBe('10 of 10 rounds match the baseline\'s usage; median difference from the baseline: prompt 0%, completion 0%. Usage as the baseline reports it.');
  });

  it('usage missing where the baseline had it → missing (even in one round)', () => {
    const t = base.map((r) => (r.round === 3 ? { ...r, reported: false } : r));
    expect(auditUsage(t, base)).toMatchObject({ compared: 10, matching: 9, missing: 1, mismatchRate: 0.1, verdict: 'missing' });
  });

  it('zero tokens where the baseline reported some → zeroed', () => {
    const t = base.map((r) => ({ ...r, inputTokens: 0, outputTokens: 0 }));
    const a = auditUsage(t, base);
    expect(a).toMatchObject({ compared: 10, zero: 10, matching: 0, mismatchRate: 1, verdict: 'zeroed', medianPromptDiffPct: null });
    expect(a.evidence).toMatch(/10 report zero tokens\. The gateway reports zero tokens/);
  });

  it('×2 inflation → inflated, medians +100%', () => {
    // prompt 80 vs 40: +100%; completion 200 vs 100 over the same 600 chars: +100%
    const t = base.map((r) => ({ ...r, inputTokens: 80, outputTokens: 200 }));
    expect(auditUsage(t, base)).toMatchObject({ inflated: 10, verdict: 'inflated', medianPromptDiffPct: 100, medianCompletionDiffPct: 100 });
  });

  it('completion tokens are also read per character: a longer answer with proportionally more tokens matches', () => {
    // Target: 130 tokens over 780 chars; as they are +30%, per character 100 × 780 / 600 = 130 → 0%: the closer, 0%.
    const t = base.map((r) => ({ ...r, outputTokens: 130, outputChars: 780 }));
    expect(auditUsage(t, base)).toMatchObject({ matching: 10, verdict: 'ok', medianCompletionDiffPct: 0 });
  });

  it('…and as they are: two capped answers of different lengths in characters match on the count', () => {
    // 100 tokens both, 450 vs 600 chars: per character 100 × 450 / 600 = 75 → +33%; as they are 0% → matching, 0%.
    const t = base.map((r) => ({ ...r, outputChars: 450 }));
    expect(auditUsage(t, base)).toMatchObject({ matching: 10, verdict: 'ok', medianCompletionDiffPct: 0 });
    // Doubled on 450 chars: as they are +100%, per character 200 / 75 − 1 = +166.7%: the closer, +100%, inflated.
    expect(auditUsage(base.map((r) => ({ ...r, outputTokens: 200, outputChars: 450 })), base)).toMatchObject({ inflated: 10, medianCompletionDiffPct: 100 });
  });

  it('tolerances: prompt within max(3, 5%), completion within max(3, 15%)', () => {
    // Prompt 43 vs 40: |3| ≤ max(3, 2) → match; 44: 4 > 3 → inflated.
    expect(auditUsage([u(1, 43, 100)], [u(1, 40, 100)]).matching).toBe(1);
    expect(auditUsage([u(1, 44, 100)], [u(1, 40, 100)]).inflated).toBe(1);
    // Prompt 400 baseline: 5% = 20. 420 matches, 421 does not.
    expect(auditUsage([u(1, 420, 100)], [u(1, 400, 100)]).matching).toBe(1);
    expect(auditUsage([u(1, 421, 100)], [u(1, 400, 100)]).inflated).toBe(1);
    // Completion (same chars, 600): 15% of 100 = 15. 115 matches, 116 inflated, 84 deflated.
    expect(auditUsage([u(1, 40, 115, 600)], [u(1, 40, 100)]).matching).toBe(1);
    expect(auditUsage([u(1, 40, 116, 600)], [u(1, 40, 100)]).inflated).toBe(1);
    expect(auditUsage([u(1, 40, 84, 600)], [u(1, 40, 100)]).deflated).toBe(1);
  });

  it('single stray drifts (≤ 10% of pairs) do not change an ok verdict; more do', () => {
    // 1 of 10 inflated: 1 > 0.1 × 10 is false → ok (but counted); 2 of 10 → inflated.
    const one = base.map((r) => (r.round === 1 ? { ...r, inputTokens: 80 } : r));
    expect(auditUsage(one, base)).toMatchObject({ inflated: 1, verdict: 'ok', mismatchRate: 0.1 });
    const two = base.map((r) => (r.round <= 2 ? { ...r, inputTokens: 80 } : r));
    expect(auditUsage(two, base)).toMatchObject({ inflated: 2, verdict: 'inflated' });
  });

  it('more than one kind → mixed; halved counts → deflated', () => {
    const t = base.map((r) => (r.round === 1 ? { ...r, reported: false } : { ...r, outputTokens: 50 }));
    expect(auditUsage(t, base)).toMatchObject({ missing: 1, deflated: 9, verdict: 'mixed' });
    expect(auditUsage(base.map((r) => ({ ...r, inputTokens: 20, outputTokens: 50 })), base)).toMatchObject({ verdict: 'deflated', medianPromptDiffPct: -50, medianCompletionDiffPct: -50 });
  });

  it('pairs only by round, and only where the baseline reported usage', () => {
    // Baseline round 2 unreported, round 3 absent: compared = rounds 1 only.
    const b = [u(1, 40, 100), u(2, 40, 100, 600, false)];
    expect(auditUsage([u(1, 40, 100), u(2, 40, 100), u(3, 40, 100)], b)).toMatchObject({ compared: 1, matching: 1 });
    expect(auditUsage([u(5, 40, 100)], b)).toMatchObject({ compared: 0, verdict: null, mismatchRate: null });
  });

  it('without a baseline, or for the baseline: no verdict', () => {
    expect(noBaselineAudit(true)).toMatchObject({ verdict: null, compared: 0, evidence: expect.stringMatching(/^The baseline/) });
    expect(noBaselineAudit(false)).toMatchObject({ verdict: null, evidence: expect.stringMatching(/^No baseline/) });
  });
});
