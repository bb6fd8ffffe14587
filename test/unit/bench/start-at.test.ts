import { describe, expect, it } from 'vitest';
import { formatWait, parseStartAt } from '../../../src/bench/start-at.js';

const NOW = Date.parse('2026-12-06T18:00:00Z');

describe('--start-at', () => {
  it('takes an ISO time with its zone, as the same instant everywhere', () => {
    expect(parseStartAt('2026-12-06T18:30:00Z', NOW)).toEqual({ atMs: NOW + 30 * 60_000 });
    // 19:30 at +01:00 is 18:30 UTC
    expect(parseStartAt('2026-12-06T19:30:00+01:00', NOW)).toEqual({ atMs: NOW + 30 * 60_000 });
    expect(parseStartAt('2026-12-06T18:00:10.5Z', NOW)).toEqual({ atMs: NOW + 10_500 });
    expect(parseStartAt(' 2026-12-06T18:05Z ', NOW)).toEqual({ atMs: NOW + 300_000 });
  });

  it('refuses a time without a zone (each machine would read its own), or not a time', () => {
    expect(parseStartAt('2026-12-06T18:00:10.25Z', NOW)).toEqual({ atMs: NOW + 10_250 });
    for (const bad of ['2026-12-06T18:30:00', '2026-12-06 18:30Z', 'tomorrow', '18:30', '2026-13-06T18:30:00Z', 'x2026-12-06T18:30:00Z', '2026-12-06T18:30:00Zx']) {
      const r = parseStartAt(bad, NOW);
      expect('error' in r && r.error, bad).toMatch(/expects an ISO 8601 time with its zone/);
    }
  });

  it('starts at once within 5 s of the past (clock skew, a slow launch), refuses further back', () => {
    expect(parseStartAt('2026-12-06T17:59:55Z', NOW)).toEqual({ atMs: NOW - 5_000 });
    const r = parseStartAt('2026-12-06T17:59:54Z', NOW);
    expect('error' in r && r.error).toBe('--start-at 2026-12-06T17:59:54Z is 6s in the past.');
    expect('hint' in r && r.hint).toBe('Pick a time a little ahead of when every machine will have started.');
  });

  it('refuses more than 24 h ahead', () => {
    expect(parseStartAt('2026-12-07T18:00:00Z', NOW)).toEqual({ atMs: NOW + 86_400_000 });
    const r = parseStartAt('2026-12-07T18:00:01Z', NOW);
    expect('error' in r && r.error).toBe('--start-at 2026-12-07T18:00:01Z is 24h 0m ahead; at most 24 h is allowed.');
    expect('hint' in r && r.hint).toBe('Check the date and the zone (Z is UTC).');
  });

  it('says how long it waits in whole seconds, rounded up', () => {
    expect(formatWait(0)).toBe('0s');
    expect(formatWait(1)).toBe('1s');
    expect(formatWait(59_000)).toBe('59s');
    expect(formatWait(60_000)).toBe('1m 0s');
    expect(formatWait(250_000)).toBe('4m 10s');
    expect(formatWait(3_599_001)).toBe('1h 0m');
    expect(formatWait(7_500_000)).toBe('2h 5m');
    expect(formatWait(-5)).toBe('0s');
  });
});
