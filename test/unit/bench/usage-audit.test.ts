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

  it('zero: 0 completion tokens alone, or 0 prompt tokens alone; not when the baseline reported 0 too', () => {
    expect(auditUsage([u(1, 40, 0, 600)], [u(1, 40, 100)]).zero).toBe(1);
    expect(auditUsage([u(1, 0, 100)], [u(1, 40, 100)]).zero).toBe(1);
    // the baseline's prompt was 0 as well: not zeroed; the prompt difference is left out of the median (no base)
    expect(auditUsage([u(1, 0, 100)], [u(1, 0, 100)])).toMatchObject({ zero: 0, matching: 1, medianPromptDiffPct: null, medianCompletionDiffPct: 0 });
    expect(auditUsage([u(1, 40, 0, 0)], [u(1, 40, 0, 0)])).toMatchObject({ zero: 0, matching: 1, medianCompletionDiffPct: null });
  });

  it('one deflated pair in ten is noise (ok); two are a finding', () => {
    const one = base.map((r) => (r.round === 1 ? { ...r, outputTokens: 50 } : r));
    expect(auditUsage(one, base)).toMatchObject({ deflated: 1, verdict: 'ok' });
    const two = base.map((r) => (r.round <= 2 ? { ...r, outputTokens: 50 } : r));
    expect(auditUsage(two, base)).toMatchObject({ deflated: 2, verdict: 'deflated' });
  });

  it('the evidence names every kind found, the signed medians and what the verdict means', () => {
    const t = base.map((r) => (r.round === 1 ? { ...r, reported: false } : r.round <= 4 ? { ...r, inputTokens: 80, outputTokens: 200 } : r.round === 5 ? { ...r, outputTokens: 50 } : r));
    // round 1 missing; rounds 2–4 inflated (+100%, +100%); round 5 deflated (completion −50%); rounds 6–10 match.
    // Prompt diffs over rounds 2–10: three +100%, six 0 → median 0. Completion: three +100%, one −50%, five 0 → 0.
    expect(auditUsage(t, base).evidence).toBe(
      "5 of 10 rounds match the baseline's usage, 1 reports none where the baseline did, 3 report more, 1 reports fewer; median difference from the baseline: prompt 0%, completion 0%. The gateway's usage differs from the provider's in more than one way.",
    );
    expect(auditUsage(base.map((r) => ({ ...r, inputTokens: 80, outputTokens: 200 })), base).evidence).toBe(
      "0 of 10 rounds match the baseline's usage, 10 report more; median difference from the baseline: prompt +100%, completion +100%. The gateway reports more tokens than the provider; check its accounting before trusting its cost.",
    );
    expect(auditUsage(base.map((r) => ({ ...r, inputTokens: 20, outputTokens: 50 })), base).evidence).toBe(
      "0 of 10 rounds match the baseline's usage, 10 report fewer; median difference from the baseline: prompt -50%, completion -50%. The gateway reports fewer tokens than the provider, so its cost and budgets undercount.",
    );
    expect(auditUsage(base.map((r) => ({ ...r, reported: false })), base).evidence).toBe(
      "0 of 10 rounds match the baseline's usage, 10 report none where the baseline did. The gateway drops usage the provider reported, so tokens and cost are estimated.",
    );
    expect(auditUsage([u(5, 40, 100)], [u(1, 40, 100)]).evidence).toBe('Nothing to compare: no round where both this target and the baseline succeeded with the baseline reporting usage.');
  });

  it('without a baseline, or for the baseline: no verdict', () => {
    expect(noBaselineAudit(true)).toMatchObject({ verdict: null, compared: 0, evidence: expect.stringMatching(/^The baseline/) });
    expect(noBaselineAudit(false)).toMatchObject({ verdict: null, evidence: expect.stringMatching(/^No baseline/) });
  });
});
