import { describe, expect, it } from 'vitest';
import { benchConfigSchema, type BenchConfigInput } from '../../../src/bench/config.js';
import type { Transport } from '../../../src/bench/engine.js';
import { executeSweep } from '../../../src/bench/execute-sweep.js';
import type { RequestRecord } from '../../../src/bench/metrics.js';
import type { Target } from '../../../src/bench/targets.js';
import { fakeTarget } from '../../helpers/fake-target.js';
import { fakeTransport, sseReply, VirtualClock, type FakeReply } from '../../helpers/virtual-clock.js';

/**
 * Sweeps on virtual time against a fake server whose capacity is exact: every verdict below follows from the
 * fake's queue and the schedule alone, with no machine load in the way.
 */

function target(name: string): Target {
  return fakeTarget(name, { model: `m-${name}`, price: { inputPerMTok: 1, outputPerMTok: 1, cachedInputPerMTok: null, from: 'test' } });
}

/** "gw" serves one request at a time, `serviceMs` each, first come first served; "direct" answers in 5 ms. */
function server(clock: VirtualClock, serviceMs: number): (t: number, n: number, body: string) => FakeReply {
  let free = 0;
  return (_t, _n, body) => {
    if (!body.includes('"m-gw"')) return sseReply({ ttft: 5, gap: 1, n: 2, headersAfter: 1 });
    const start = Math.max(clock.now(), free);
    free = start + serviceMs;
    const wait = free - clock.now();
    return sseReply({ ttft: wait + 1, gap: 1, n: 2, headersAfter: wait });
  };
}

async function run(config: Partial<BenchConfigInput>, opts: { serviceMs?: number; sendCostMs?: number; abortAt?: number; maxSpendUsd?: number } = {}) {
  const clock = new VirtualClock();
  const inner = fakeTransport(clock, server(clock, opts.serviceMs ?? 10));
  // A client that spends sendCostMs of its own time on every send (a busy CPU): later sends go out late.
  const transport: Transport = {
    send: (t, req) => {
      clock.t += opts.sendCostMs ?? 0;
      return inner.send(t, req);
    },
    close: () => inner.close(),
  };
  const ac = new AbortController();
  if (opts.abortAt !== undefined) clock.at(opts.abortAt, () => ac.abort());
  const records: RequestRecord[] = [];
  const targets = [target('direct'), target('gw')];
  const doc = await clock.run(
    executeSweep({
      config: benchConfigSchema.parse({ warmup: 0, arrival: 'constant', ...config, targets: targets.map((t) => ({ name: t.name, gateway: 'openai-compatible', model: t.model })) }),
      targets,
      secrets: new Map([['KEY', 'test-key-virtual']]),
      prompts: ['1234'],
      clock,
      transport,
      signal: ac.signal,
      watchEventLoop: false,
      ...(opts.maxSpendUsd !== undefined ? { maxSpendUsd: opts.maxSpendUsd } : {}),
      onEvent: (e) => {
        if (e.type === 'done' && !e.job.warmup) records.push(e.record);
      },
    }),
  );
  return { doc, records, sweep: doc.sweep! };
}

describe('a sweep on virtual time', () => {
  it('capacity 100/s (one slot, 10 ms): knee at 100, saturated at 200, 400 skipped; direct never saturates', async () => {
    // Offered 100/s to a server of exactly 100/s: no queue grows (each round's order shifts a request by at most
    // one 5 ms gap). At 200/s the queue grows by 100 requests a second: completions at 100/s (ratio 0.5) and the
    // wait climbs by ~0.5 s over the 1 s step.
    const { sweep, records } = await run({ sweep: { rates: [25, 50, 100, 200, 400], stepDurationS: 1 } });
    expect(sweep.clientBound).toBeNull();
    expect(sweep.knees).toEqual([
      { target: 'direct', maxSustainedRps: 400, maxRpsMeetingSlo: null, saturated: false, saturatedAtRps: null },
      { target: 'gw', maxSustainedRps: 100, maxRpsMeetingSlo: null, saturated: true, saturatedAtRps: 200 },
    ]);
    const gw = sweep.steps.filter((s) => s.target === 'gw');
    expect(gw.map((s) => [s.offeredRps, s.saturated, s.skipped])).toEqual([
      [25, false, false],
      [50, false, false],
      [100, false, false],
      [200, true, false],
      [400, false, true],
    ]);
    expect(gw[3]!.saturatedBy).toEqual(['achieved-rate', 'latency-climbing']);
    // 200 requests served one per 10 ms: 100/s over the middle 90% of completions.
    expect(gw[3]!.achievedRps).toBeCloseTo(100, 0);
    expect(gw[3]!.scheduledRps).toBeCloseTo(200, 0);
    // Rates × 1 s requests per step, records tagged with their step.
    expect(sweep.steps.filter((s) => s.target === 'direct').map((s) => s.sent)).toEqual([25, 50, 100, 200, 400]);
    expect(records.filter((r) => r.target === 'gw' && r.step === 5)).toHaveLength(0);
    expect(records.filter((r) => r.target === 'direct' && r.step === 5)).toHaveLength(400);
  });

  it('SLO attainment: all good below the knee, few past it; maxRpsMeetingSlo is the highest step meeting it', async () => {
    // TTFT bound 30 ms: below the knee gw's TTFT is ≤ 10 + 5 + 1 ms. At 200/s the wait grows ~0.5 ms per request:
    // only the first ~40 of 200 stay under 30 ms.
    const { sweep } = await run({ slo: { ttftMs: 30, attainment: 0.95 }, sweep: { rates: [50, 100, 200], stepDurationS: 1 } });
    const gw = sweep.steps.filter((s) => s.target === 'gw');
    expect(gw[0]!.sloAttainment).toBe(1);
    expect(gw[1]!.sloAttainment).toBe(1);
    expect(gw[2]!.sloAttainment!).toBeLessThan(0.3);
    expect(sweep.knees.find((k) => k.target === 'gw')!.maxRpsMeetingSlo).toBe(100);
    expect(sweep.knees.find((k) => k.target === 'direct')!.maxRpsMeetingSlo).toBe(200);
  });

  it('a client that cannot keep up stops the sweep, judging no target for it', async () => {
    // Each send costs the client 4 ms. At 50/s per target (100/s in all, a send every 10 ms) it keeps up; at
    // 200/s per target (400/s, every 2.5 ms) each send falls 1.5 ms further behind: after 400 sends the lag is
    // ~600 ms, far past max(50 ms, 10 × 2.5 ms).
    const { sweep, doc } = await run({ sweep: { rates: [50, 200, 400], stepDurationS: 1 } }, { sendCostMs: 4, serviceMs: 1 });
    expect(sweep.clientBound).toMatchObject({ atRps: 200 });
    expect(sweep.clientBound!.reason).toMatch(/^the client's send lag p99 was \d+ ms at 400 requests\/s in all, above 50 ms/);
    expect(sweep.steps.filter((s) => s.offeredRps === 200).every((s) => s.clientBound && !s.saturated)).toBe(true);
    // Nothing of the 400/s step, and the knees say only what was judged.
    expect(sweep.steps.some((s) => s.offeredRps === 400)).toBe(false);
    expect(sweep.knees.map((k) => [k.maxSustainedRps, k.saturated])).toEqual([
      [50, false],
      [50, false],
    ]);
    expect(doc.warnings.some((w) => w.startsWith('The sweep stopped at 200/s per target because the client could not keep up'))).toBe(true);
  });

  it('Ctrl-C in a step keeps what was measured and judges no target there', async () => {
    // Step 1 (50/s, 1 s) ends near 1 s; the abort at 1.5 s falls in step 2.
    const { sweep, doc } = await run({ sweep: { rates: [50, 100, 200], stepDurationS: 1 } }, { abortAt: 1_500 });
    expect(doc.status.ended).toBe('interrupted');
    expect(sweep.steps.filter((s) => s.step === 1).every((s) => s.sent === 50)).toBe(true);
    const two = sweep.steps.filter((s) => s.step === 2);
    expect(two.length).toBeGreaterThan(0);
    expect(two.every((s) => s.sent > 0 && s.sent < 100 && !s.saturated)).toBe(true);
    expect(sweep.steps.some((s) => s.step === 3)).toBe(false);
    expect(doc.warnings.some((w) => w.includes('The sweep stopped during step 2 (100/s per target): interrupted'))).toBe(true);
  });
});
