import { describe, expect, it } from 'vitest';
import { renderBenchTerminal } from '../../src/report/bench-terminal.js';
import { profile, start } from '../emulator/helpers.js';
import { bench, emulatorTargets } from './helpers.js';

/**
 * Stream fidelity and usage audit end to end: the benchmark against emulators whose faults are known. The
 * truth comes from the fault given to each endpoint, not from the benchmark's code.
 */

const none = { kind: 'none' as const, ms: 0 };
// TTFT 60 ms, 10 ms a token, 1 token a chunk, 8 tokens: the provider's first-to-last span is 7 × 10 = 70 ms,
// jittered ±2 ms a gap. OpenRouter adds 30 ms ± 5 (normal), Cloudflare a constant 15 ms, LiteLLM 5 ms.
const timing = profile({
  provider: { ttftMs: 60, interTokenMs: 10, tokensPerChunk: 1, jitter: { kind: 'normal', ms: 4 }, chunkJitter: { kind: 'uniform', ms: 2 } },
  litellm: { overheadMs: 5, jitter: none },
  openrouter: { overheadMs: 30, jitter: { kind: 'normal', ms: 5 }, processingCommentMs: 1000 },
  cloudflare: { overheadMs: 15, jitter: none },
});
const run = { requests: 12, warmup: 1, maxTokens: 8, concurrency: 4 } as const;

describe('stream fidelity against emulators', () => {
  it('a buffering gateway is flagged with its evidence, labelled in the report and warned about; relaying gateways (jitter, overhead) are not', async () => {
    const emu = await start({ profile: timing, faults: ['litellm:buffer'] });
    try {
      const { doc } = await bench({ ...run, targets: emulatorTargets(emu) });
      const by = (n: string) => doc.targets.find((t) => t.name === n)!;
      const lit = by('litellm');
      // The held stream: TTFT ≈ the whole answer (60 + 5 + 70 = 135 ms), the span a sliver of direct's 70 ms.
      expect(lit.streaming).toMatchObject({ buffered: true, method: 'baseline', requests: 12, pairs: 12 });
      expect(lit.streaming!.spanRatioP50!).toBeLessThan(0.25);
      expect(lit.streaming!.finalBurstShareP50).toBe(1);
      expect(Math.abs(lit.latencyMs.ttft.p50! - 135)).toBeLessThan(12);
      for (const name of ['openrouter', 'cloudflare']) {
        const s = by(name).streaming!;
        expect([name, s.buffered, s.method]).toEqual([name, false, 'baseline']);
        // Relayed: the span ratio stays near 1 (70 ms both sides, jitter ±2 ms a gap).
        expect(Math.abs(s.spanRatioP50! - 1)).toBeLessThan(0.2);
      }
      // The baseline is checked the absolute way and passes.
      expect(by('direct').streaming).toMatchObject({ buffered: false, method: 'absolute' });
      expect(doc.warnings.filter((w) => /buffered/.test(w))).toEqual([expect.stringMatching(/^litellm: the stream arrives at once \(buffered\)/)]);
      const text = renderBenchTerminal({ bench: doc }, { width: 200, color: false });
      // The buffered row's TTFT, ITL and tokens/s carry "b"; the baseline's do not; the legend says what it means.
      const rowOf = (n: string) => text.split('\n').find((l) => new RegExp(`^\\s*${n}\\*?\\s`).test(l))!;
      expect(rowOf('litellm').match(/ b(?= |$)/g)?.length).toBe(4);
      expect(rowOf('direct')).not.toMatch(/ b(?= |$)/);
      expect(text.replace(/\s+/g, ' ')).toMatch(/b = buffered stream: TTFT is the time to the whole answer; ITL and tokens\/s are not generation figures/);
    } finally {
      await emu.close();
    }
  });

  it('no baseline: the absolute check flags the buffering gateway and says it is weaker', async () => {
    // A longer TTFT so the silence before the burst is long: 200 ms.
    const emu = await start({ profile: profile({ ...timing, provider: { ...timing.provider, ttftMs: 200 } }), faults: ['litellm:buffer'] });
    try {
      const targets = emulatorTargets(emu, ['litellm', 'cloudflare']);
      const { doc } = await bench({ ...run, requests: 6, targets });
      const lit = doc.targets.find((t) => t.name === 'litellm')!.streaming!;
      expect(lit).toMatchObject({ buffered: true, method: 'absolute', atOnceShare: 1 });
      expect(lit.evidence).toMatch(/weaker than a comparison with a baseline/);
      expect(doc.targets.find((t) => t.name === 'cloudflare')!.streaming).toMatchObject({ buffered: false, method: 'absolute' });
    } finally {
      await emu.close();
    }
  });

  it('not streamed: buffered is null', async () => {
    const emu = await start({ profile: timing, faults: ['litellm:buffer'] });
    try {
      const { doc } = await bench({ ...run, requests: 3, stream: false, targets: emulatorTargets(emu, ['direct', 'litellm']) });
      for (const t of doc.targets) expect(t.streaming).toMatchObject({ buffered: null, method: null });
    } finally {
      await emu.close();
    }
  });
});

describe('usage audit against emulators', () => {
  it('inflated, missing and zeroed usage are flagged; the relaying gateway is ok', async () => {
    const emu = await start({ profile: timing, faults: ['openrouter:usage-inflate=2', 'cloudflare:usage-missing', 'litellm:usage-zero@every=2'] });
    try {
      const { doc } = await bench({ ...run, requests: 10, targets: emulatorTargets(emu) });
      const audit = (n: string) => doc.targets.find((t) => t.name === n)!.usageAudit!;
      // ×2 on prompt and completion: prompt +100%. Completion 8 → 16 is +100% as it is; per character it is
      // 16 ÷ (8 × the ratio of the two answers' characters) − 1, and the closer reading counts, so at most +100%.
      expect(audit('openrouter')).toMatchObject({ compared: 10, inflated: 10, verdict: 'inflated', medianPromptDiffPct: 100 });
      expect(audit('openrouter').medianCompletionDiffPct!).toBeGreaterThan(60);
      expect(audit('openrouter').medianCompletionDiffPct!).toBeLessThanOrEqual(100);
      expect(audit('cloudflare')).toMatchObject({ compared: 10, missing: 10, verdict: 'missing', mismatchRate: 1 });
      // LiteLLM zeroes every second request it receives (warmup included: 11 requests, 5 zeroed of the 10 measured or 6 …)
      const lit = audit('litellm');
      expect(lit.verdict).toBe('zeroed');
      expect(lit.zero + lit.matching).toBe(10);
      expect(lit.zero).toBeGreaterThanOrEqual(5);
      expect(audit('direct')).toMatchObject({ verdict: null, compared: 0 });
      expect(doc.warnings.filter((w) => /^\w+: usage /.test(w)).sort()).toEqual([
        expect.stringMatching(/^cloudflare: usage missing against the baseline\. 0 of 10 rounds match/),
        expect.stringMatching(/^litellm: usage zeroed against the baseline\./),
        expect.stringMatching(/^openrouter: usage inflated against the baseline\. 0 of 10 rounds match .*, 10 report more; median difference from the baseline: prompt \+100%, completion \+\d/),
      ]);
    } finally {
      await emu.close();
    }
  });

  it('non-streamed usage faults act on the body; with no fault every gateway is ok', async () => {
    const emu = await start({ profile: timing, faults: ['openrouter:usage-inflate=1.5'] });
    try {
      const { doc } = await bench({ ...run, requests: 4, stream: false, targets: emulatorTargets(emu) });
      const audit = (n: string) => doc.targets.find((t) => t.name === n)!.usageAudit!;
      // × 1.5: 8 → 12 completion tokens, at most +50% (as above); prompt counts round to whole tokens, so the
      // prompt median is within a token of +50%.
      expect(audit('openrouter')).toMatchObject({ inflated: 4, verdict: 'inflated' });
      expect(audit('openrouter').medianCompletionDiffPct!).toBeGreaterThan(25);
      expect(audit('openrouter').medianCompletionDiffPct!).toBeLessThanOrEqual(50);
      expect(Math.abs(audit('openrouter').medianPromptDiffPct! - 50)).toBeLessThan(3);
      for (const n of ['litellm', 'cloudflare']) expect(audit(n)).toMatchObject({ compared: 4, matching: 4, verdict: 'ok' });
    } finally {
      await emu.close();
    }
  });
});
