import { describe, expect, it } from 'vitest';
import { benchConfigSchema, type BenchConfigInput } from '../../src/bench/config.js';
import { benchDocumentSchema } from '../../src/bench/document.js';
import { executeSweep } from '../../src/bench/execute-sweep.js';
import type { RequestRecord } from '../../src/bench/metrics.js';
import { PROMPT_TEXTS } from '../../src/bench/plan.js';
import { resolveTargets } from '../../src/bench/targets.js';
import { EMULATOR_KEYS } from '../../src/emulator/server.js';
import { loadCatalog, loadModels } from '../../src/io/data-files.js';
import { profile, start } from '../emulator/helpers.js';
import { EMULATOR_ENV, emulatorTargets } from './helpers.js';

/**
 * Sweeps against in-process emulators whose capacity is set, so the true knee is known: slots × 1000 / serviceMs
 * requests per second. Real time (steps of 1 s), hence a serial file.
 */

const none = { kind: 'none' as const, ms: 0 };

async function sweep(input: BenchConfigInput) {
  const config = benchConfigSchema.parse(input);
  const [catalog, models] = await Promise.all([loadCatalog(), loadModels()]);
  const resolved = resolveTargets(config, catalog.value, models.value);
  const records: RequestRecord[] = [];
  const doc = await executeSweep({
    config,
    targets: resolved.targets,
    secrets: EMULATOR_ENV,
    prompts: [PROMPT_TEXTS.short],
    onEvent: (e) => {
      if (e.type === 'done' && !e.job.warmup) records.push(e.record);
    },
  });
  return { doc, records };
}

describe('the emulator capacity', () => {
  it('serves at most `slots` at once for serviceMs each, the rest first come first served', async () => {
    // 2 slots × 100 ms: six requests sent together finish in pairs, at ~100, ~200 and ~300 ms.
    const emu = await start({ profile: profile({ litellm: { overheadMs: 0, jitter: none }, capacity: { litellm: { slots: 2, serviceMs: 100 } } }) });
    try {
      const t0 = performance.now();
      const ends = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const r = await fetch(emu.byId.litellm.chatUrl, {
            method: 'POST',
            headers: { authorization: `Bearer ${EMULATOR_KEYS.litellmMaster}`, 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 }),
          });
          await r.text();
          expect(r.status).toBe(200);
          return performance.now() - t0;
        }),
      );
      // No request can be done sooner than its turn allows: the k-th pair at k × 100 ms at the earliest. (Upper
      // bounds are loose: a busy machine delays answers, never speeds them up.)
      const sorted = ends.sort((x, y) => x - y);
      [100, 100, 200, 200, 300, 300].forEach((earliest, i) => expect(sorted[i]).toBeGreaterThanOrEqual(earliest - 1));
      expect(sorted[5]).toBeLessThan(300 + 500);
    } finally {
      await emu.close();
    }
  });
});

describe('a sweep finds the knee the profile sets', () => {
  it('capacity 100/s: the knee within ±25% of 100, higher steps skipped, an unlimited target not saturated', async () => {
    // LiteLLM: 20 slots × 200 ms = 100 requests/s; the provider answers in 20 ms (whole, not streamed). So below
    // the knee LiteLLM takes ~220 ms and direct ~20 ms; past it LiteLLM's queue grows through the step. (A long
    // service time keeps a busy machine's late timers from eating much of the capacity: 10 ms late is 5%.)
    const emu = await start({
      profile: profile({
        provider: { ttftMs: 20, interTokenMs: 0, tokensPerChunk: 1, jitter: none, chunkJitter: none },
        litellm: { overheadMs: 0, jitter: none },
        capacity: { litellm: { slots: 20, serviceMs: 200 } },
      }),
    });
    try {
      const { doc, records } = await sweep({
        warmup: 1,
        maxTokens: 4,
        stream: false,
        arrival: 'constant',
        // A busy test machine must not stop the sweep as client-bound: that check has its own tests.
        sweep: { rates: [40, 80, 100, 120, 160, 240], stepDurationS: 1, clientBound: { floorMs: 5_000 } },
        targets: emulatorTargets(emu, ['direct', 'litellm']),
      });
      expect(benchDocumentSchema.safeParse(JSON.parse(JSON.stringify(doc))).success).toBe(true);
      const s = doc.sweep!;
      // On failure, every step's figures: a busy machine shows in the send lag.
      const seen = JSON.stringify(s.steps.map((r) => [r.target, r.offeredRps, r.achievedRps, r.latencyMs.e2e.p50, r.sendLagMs.p99, r.latencySlopeMsPerS, r.saturatedBy]));
      expect(s.clientBound, seen).toBeNull();
      const litellm = s.knees.find((k) => k.target === 'litellm')!;
      expect(litellm.saturated, seen).toBe(true);
      // ±25% of 100: 75 to 125.
      expect(litellm.maxSustainedRps, seen).toBeGreaterThanOrEqual(75);
      expect(litellm.maxSustainedRps, seen).toBeLessThanOrEqual(125);
      expect([100, 120, 160]).toContain(litellm.saturatedAtRps);
      const rows = s.steps.filter((r) => r.target === 'litellm');
      const at = rows.findIndex((r) => r.saturated);
      expect(rows.slice(at + 1).every((r) => r.skipped && r.sent === 0)).toBe(true);
      expect(rows.slice(0, at).every((r) => !r.skipped && !r.saturated)).toBe(true);
      // The saturated step completed at about the capacity, not the offered rate.
      expect(rows[at]!.achievedRps!).toBeGreaterThan(80);
      expect(rows[at]!.achievedRps!).toBeLessThan(115);
      // No SLO in the config: no attainment anywhere.
      expect(rows[0]!.sloAttainment).toBeNull();

      const direct = s.knees.find((k) => k.target === 'direct')!;
      expect(direct, seen).toEqual({ target: 'direct', maxSustainedRps: 240, maxRpsMeetingSlo: null, saturated: false, saturatedAtRps: null });
      // Step sizes: rate × 1 s per target; records carry their step and stay unique by (target, round).
      expect(s.steps.filter((r) => r.target === 'direct').map((r) => r.sent)).toEqual([40, 80, 100, 120, 160, 240]);
      expect(records.every((r) => r.step !== undefined)).toBe(true);
      expect(new Set(records.map((r) => `${r.target}/${r.round}`)).size).toBe(records.length);
      expect(records.filter((r) => r.target === 'direct' && r.step === 6)).toHaveLength(240);
      // The run's targets[] pool every measured step: 40 + 80 + 100 + 120 + 160 + 240 = 740 to direct.
      expect(doc.targets.find((t) => t.name === 'direct')!.requests.sent).toBe(740);
    } finally {
      await emu.close();
    }
  }, 60_000);
});

describe('SLO attainment through a sweep', () => {
  it('near 1 well below the capacity, low past it', async () => {
    // Capacity 20 slots × 200 ms = 100/s; answers take ~220 ms (200 ms service + 20 ms provider), the bound is 300 ms.
    // At 40/s nothing queues: every request meets it. At 160/s the queue grows by 60 requests a second, so the wait
    // grows by ~0.6 s each second of the step: past the first ~0.15 s, every request misses.
    const emu = await start({
      profile: profile({
        provider: { ttftMs: 20, interTokenMs: 0, tokensPerChunk: 1, jitter: none, chunkJitter: none },
        litellm: { overheadMs: 0, jitter: none },
        capacity: { litellm: { slots: 20, serviceMs: 200 } },
      }),
    });
    try {
      const { doc } = await sweep({
        warmup: 1,
        maxTokens: 4,
        stream: false,
        arrival: 'constant',
        slo: { e2eMs: 300, attainment: 0.9 },
        sweep: { rates: [40, 160], stepDurationS: 1, clientBound: { floorMs: 5_000 } },
        targets: emulatorTargets(emu, ['litellm']),
      });
      const [low, high] = doc.sweep!.steps;
      expect(low!.sloAttainment!).toBeGreaterThanOrEqual(0.95);
      expect(high!.sloAttainment!).toBeLessThan(0.4);
      expect(high!.saturated).toBe(true);
      expect(doc.sweep!.knees[0]).toMatchObject({ maxSustainedRps: 40, maxRpsMeetingSlo: 40, saturatedAtRps: 160 });
    } finally {
      await emu.close();
    }
  }, 30_000);
});
