import { describe, expect, it } from 'vitest';
import type { SweepDoc, SweepStepDoc } from '../../../src/bench/document.js';
import { kneeLine, renderSweep } from '../../../src/report/sweep-terminal.js';
import { paint } from '../../../src/report/paint.js';

/** The sweep's terminal view from a hand-made sweep: rows, marks, knee lines and the criteria, fitted to the width. */

const none = { p50: null, p99: null };
function row(target: string, step: number, offeredRps: number, over: Partial<SweepStepDoc> = {}): SweepStepDoc {
  return {
    target,
    step,
    offeredRps,
    scheduledRps: offeredRps,
    achievedRps: offeredRps,
    sent: offeredRps * 2,
    ok: offeredRps * 2,
    errorRate: 0,
    sendLagMs: { p50: 0.1, p99: 1 },
    latencyMs: { ttft: { p50: 150, p99: 160 }, e2e: { p50: 260, p99: 270 } },
    latencySlopeMsPerS: 0,
    sloAttainment: null,
    saturated: false,
    saturatedBy: [],
    clientBound: false,
    skipped: false,
    ...over,
  };
}

const SWEEP: SweepDoc = {
  rates: [10, 20, 40],
  stepDurationS: 2,
  stepRequests: null,
  warmupPerStep: 1,
  criteria: { maxErrorRate: 0.05, minAchievedRatio: 0.9, minRateRequests: 20, latencyClimb: { minT: 3, minRiseRatio: 0.5, minRiseMs: 50 }, clientBound: { floorMs: 50, gaps: 10 } },
  clientBound: null,
  steps: [
    row('direct', 1, 10),
    row('direct', 2, 20),
    row('direct', 3, 40, { errorRate: 0.025, ok: 78 }),
    row('gw', 1, 10, { sloAttainment: 1 }),
    row('gw', 2, 20, { achievedRps: 12.5, saturated: true, saturatedBy: ['achieved-rate', 'latency-climbing'], latencyMs: { ttft: { p50: 900, p99: 1500 }, e2e: { p50: 1000, p99: 1600 } } }),
    row('gw', 3, 40, { skipped: true, sent: 0, ok: 0, errorRate: null, achievedRps: null, scheduledRps: null, sendLagMs: none, latencyMs: { ttft: none, e2e: none }, latencySlopeMsPerS: null }),
  ],
  knees: [
    { target: 'direct', maxSustainedRps: 40, maxRpsMeetingSlo: null, saturated: false, saturatedAtRps: null },
    { target: 'gw', maxSustainedRps: 10, maxRpsMeetingSlo: 10, saturated: true, saturatedAtRps: 20 },
  ],
};

const c = paint(false);

describe('the sweep in the terminal', () => {
  it('one row per step, the target named once, marks for saturated and skipped steps', () => {
    const lines = renderSweep(SWEEP, 140, c, false);
    expect(lines).toContain('Rate sweep: 10, 20, 40/s per target, 2 s a step (+1 warmup); latency in ms from the scheduled send');
    expect(lines.find((l) => l.includes('offered/s'))).toMatch(/^ {2}target\s+offered\/s\s+achieved\/s\s+ok\/sent\s+errors\s+TTFT p50\s+TTFT p99\s+e2e p50\s+e2e p99\s+step$/);
    const body = lines.filter((l) => /^ {2}(direct|gw|\s{6,}\d)/.test(l));
    expect(body.map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['direct', '10', '10', '20/20', '0%', '150', '160', '260', '270', 'ok'],
      ['20', '20', '40/40', '0%', '150', '160', '260', '270', 'ok'],
      ['40', '40', '78/80', '2.5%', '150', '160', '260', '270', 'ok'],
      ['gw', '10', '10', '20/20', '0%', '150', '160', '260', '270', 'ok'],
      ['20', '12.5', '40/40', '0%', '900', '1500', '1000', '1600', 'SATURATED (rate, latency)'],
      ['40', '—', '—', '—', '—', '—', '—', '—', 'skipped'],
    ]);
  });

  it('knee lines, with the SLO when there is one, and the criteria', () => {
    expect(kneeLine(SWEEP.knees[0]!, false)).toBe('direct: sustained 40/s; not saturated in the sweep');
    expect(kneeLine(SWEEP.knees[1]!, true)).toBe('gw: sustained 10/s; saturated at 20/s; SLO met up to 10/s');
    expect(kneeLine({ target: 'x', maxSustainedRps: null, maxRpsMeetingSlo: null, saturated: true, saturatedAtRps: 5 }, true)).toBe('x: no step sustained; saturated at 5/s; SLO met at no step');
    const lines = renderSweep(SWEEP, 200, c, true);
    const text = lines.join('\n');
    // Wrapped sentences read as one.
    const flat = lines.map((l) => l.trim()).join(' ');
    expect(text).toContain('  · direct: sustained 40/s; not saturated in the sweep');
    expect(text).toContain('  ▲ gw: sustained 10/s; saturated at 20/s; SLO met up to 10/s');
    expect(flat).toContain('Saturated by rate: completions < 90% of the rate sent (steps of 20+ requests; ~ marks a rate from fewer, not judged); latency: e2e from the send climbing through the step (slope t ≥ 3, rise ≥ 50% of the median and ≥ 50 ms); errors: over 5%.');
    // With an SLO, its column: 100% for gw's first step, — where none was computed.
    expect(text).toMatch(/SLO/);
    expect(text).toMatch(/gw\s+10\s+10\s+20\/20\s+0%\s+150\s+160\s+260\s+270\s+100%\s+ok/);
  });

  it('marks an achieved rate from fewer requests than the rate criterion needs with ~ (shown, not judged)', () => {
    // 19 requests < minRateRequests 20: "~9.5"; 20 requests: judged, bare; a skipped step has no rate to mark.
    const few = { ...SWEEP, steps: [row('a', 1, 10, { sent: 19, ok: 19, achievedRps: 9.5 }), row('a', 2, 20, { sent: 20, ok: 20, achievedRps: 19 }), row('a', 3, 40, { skipped: true, achievedRps: null, sent: 0, ok: 0 })] };
    const text = renderSweep(few, 200, c, false).join('\n');
    expect(text).toMatch(/a\s+10\s+~9\.5\s+19\/19/);
    expect(text).toMatch(/\n\s+20\s+19\s+20\/20/);
    expect(text).toMatch(/\n\s+40\s+—\s+—/);
  });

  it('a client-bound stop is said, and the table fits a narrow terminal', () => {
    const bound = { ...SWEEP, clientBound: { atRps: 40, reason: "the client's send lag p99 was 80 ms at 80 requests/s in all, above 50 ms" } };
    const lines = renderSweep(bound, 80, c, false);
    expect(lines.map((l) => l.trim()).join(' ')).toContain("! Stopped at 40/s per target: the client's send lag p99 was 80 ms at 80 requests/s in all, above 50 ms.");
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    // At 80 columns the counts give way first; offered, achieved and e2e p50 stay.
    const head = lines.find((l) => l.includes('offered/s'))!;
    expect(head).not.toContain('ok/sent');
    expect(head).toMatch(/offered\/s\s+achieved\/s/);
    expect(head).toContain('e2e p50');
  });
});

describe('the sweep in the terminal, line by line', () => {
  it('renders exactly, figures right-aligned, a request count as the step length, client-bound rows marked', () => {
    const sweep: SweepDoc = {
      ...SWEEP,
      rates: [100, 200],
      stepDurationS: null,
      stepRequests: 50,
      steps: [row('a', 1, 100, { achievedRps: 123.4, sent: 50, ok: 50 }), row('a', 2, 200, { achievedRps: 99.5, sent: 50, ok: 49, errorRate: 0.02, clientBound: true })],
      knees: [{ target: 'a', maxSustainedRps: 100, maxRpsMeetingSlo: null, saturated: false, saturatedAtRps: null }],
      clientBound: { atRps: 200, reason: 'the client fell behind' },
    };
    // Rates of 100/s and more have no decimals (123.4 → 123); below, one (99.5).
    expect(renderSweep(sweep, 120, c, false)).toEqual([
      '',
      'Rate sweep: 100, 200/s per target, 50 requests a step (+1 warmup); latency in ms from the scheduled send',
      '',
      '  target  offered/s  achieved/s  ok/sent  errors  TTFT p50  TTFT p99  e2e p50  e2e p99  step',
      '  ──────  ─────────  ──────────  ───────  ──────  ────────  ────────  ───────  ───────  ────────────',
      '  a             100         123    50/50      0%       150       160      260      270  ok',
      '                200        99.5    49/50      2%       150       160      260      270  client-bound',
      '',
      'Knee (highest rate not saturated)',
      '  · a: sustained 100/s; not saturated in the sweep',
      '  Saturated by rate: completions < 90% of the rate sent (steps of 20+ requests; ~ marks a rate from fewer, not judged);',
      '  latency: e2e from the send climbing through the step (slope t ≥ 3, rise ≥ 50% of the median and ≥ 50 ms); errors: over',
      '  5%. Higher steps of a saturated target are skipped.',
      '  ! Stopped at 200/s per target: the client fell behind.',
    ]);
  });
});
