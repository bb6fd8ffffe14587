import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseRamp, rampCount, rampRate, rampTimeOf, timedRequests } from '../../../src/bench/duration.js';

describe('durations as people write them', () => {
  it('reads seconds, minutes, hours and milliseconds, with a unit', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('10m')).toBe(600);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('500ms')).toBe(0.5);
    expect(parseDuration(' 2 m ')).toBe(120);
    // a config may give seconds as a number
    expect(parseDuration(45)).toBe(45);
    expect(parseDuration(604_800)).toBe(604_800);
    expect(parseDuration('1.25s')).toBe(1.25);
  });

  it('refuses anything else: no unit, unknown units, zero, negatives, more than a week', () => {
    for (const bad of ['10', '10x', '-5s', '0s', '8d', '', '1h30m', 's', '169h']) expect(parseDuration(bad), bad).toBeUndefined();
    expect(parseDuration('168h')).toBe(604_800); // exactly a week is allowed
    expect(parseDuration(0)).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
    expect(parseDuration(604_801)).toBeUndefined();
  });

  it('formats seconds in the shortest whole unit', () => {
    expect(formatDuration(600)).toBe('10m');
    expect(formatDuration(90)).toBe('90s');
    expect(formatDuration(7200)).toBe('2h');
    expect(formatDuration(5400)).toBe('90m');
    expect(formatDuration(30)).toBe('30s');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(60)).toBe('1m');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('a linear ramp', () => {
  it('is written FROM..TO/OVER', () => {
    expect(parseRamp('1..20/60s')).toEqual({ from: 1, to: 20, overS: 60 });
    expect(parseRamp('0..10/1m')).toEqual({ from: 0, to: 10, overS: 60 });
    expect(parseRamp('2.5 .. 5 / 30s')).toEqual({ from: 2.5, to: 5, overS: 30 });
    expect(parseRamp('12..20/1m ')).toEqual({ from: 12, to: 20, overS: 60 });
    expect(parseRamp('1.25..2.75/1m')).toEqual({ from: 1.25, to: 2.75, overS: 60 });
    for (const bad of ['20..0/60s', '1-20/60s', '1..20/60', '1..20', '..20/1m', 'a..b/1m', 'x1..2/1m', '1..2/1m x', '1..2.x/1m']) expect(parseRamp(bad), bad).toBeUndefined();
  });

  // Ramp 0 → 10/s over 10 s: rate(t) = t, count(t) = t²/2 up to 10 s (50 requests), then 10 a second.
  const up = { from: 0, to: 10, overS: 10 };

  it('has the rate of a straight line, then holds it', () => {
    expect(rampRate(up, 0)).toBe(0);
    expect(rampRate(up, 2.5)).toBe(2.5);
    expect(rampRate(up, 10)).toBe(10);
    expect(rampRate(up, 30)).toBe(10);
    expect(rampRate({ from: 2, to: 6, overS: 4 }, 2)).toBe(4); // halfway from 2 to 6
  });

  it('counts requests as the area under its rate', () => {
    expect(rampCount(up, 0)).toBe(0);
    expect(rampCount(up, 5)).toBe(12.5); // 5²/2
    expect(rampCount(up, 10)).toBe(50); // 10²/2
    expect(rampCount(up, 12)).toBe(70); // 50 + 2 × 10
    // 2 → 6 over 4 s: a trapezoid of (2 + 6)/2 × 4 = 16
    expect(rampCount({ from: 2, to: 6, overS: 4 }, 4)).toBe(16);
  });

  it('inverts the count: when the n-th request is due', () => {
    expect(rampTimeOf(up, 0)).toBe(0);
    expect(rampTimeOf(up, 12.5)).toBeCloseTo(5, 12);
    expect(rampTimeOf(up, 50)).toBe(10);
    expect(rampTimeOf(up, 70)).toBe(12);
    expect(rampTimeOf(up, 2)).toBeCloseTo(2, 12); // t²/2 = 2 → t = 2
    // flat: 4 a second, the 8th at 2 s
    expect(rampTimeOf({ from: 4, to: 4, overS: 10 }, 8)).toBe(2);
    // down, 10 → 2 over 8 s: count(t) = 10t − t²/2, count(4) = 32
    expect(rampTimeOf({ from: 10, to: 2, overS: 8 }, 32)).toBeCloseTo(4, 12);
  });

  it('gives a timed run its request count: rate × duration, a ramp its area, rounded up to a whole request', () => {
    expect(timedRequests(600, { rate: 5 })).toBe(3000);
    expect(timedRequests(30, { rate: 0.1 })).toBe(3); // 0.1 × 30 is 3.0000000000000004 in floating point
    expect(timedRequests(10, { rate: 0.25 })).toBe(3); // 2.5 → 3
    expect(timedRequests(12, { ramp: up })).toBe(70);
    expect(timedRequests(1, { rate: 0.01 })).toBe(1); // never none
  });
});
