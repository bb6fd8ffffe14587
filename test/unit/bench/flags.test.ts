import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../../src/bench/config.js';
import { labelFlag, overridesFrom } from '../../../src/commands/bench-flags.js';
import { UsageError } from '../../../src/errors.js';

describe('bench flags', () => {
  it('read numbers as people write them, within the config file\'s own limits', () => {
    expect(overridesFrom({ requests: '1,000', warmup: '0', concurrency: '2.5k', maxTokens: '64', seed: '7', rate: undefined })).toEqual({ requests: 1000, warmup: 0, concurrency: 2500, maxTokens: 64, seed: 7 });
    expect(overridesFrom({ rate: '2.5' })).toEqual({ rate: 2.5 });
    expect(overridesFrom({ targets: 'direct, openrouter,' })).toEqual({ targets: ['direct', 'openrouter'] });
  });

  it.each([
    [{ requests: '0' }, '--requests expects a whole number from 1 to 1,000,000, got "0".'],
    [{ requests: 'many' }, '--requests expects a whole number from 1 to 1,000,000, got "many".'],
    [{ warmup: '1001' }, '--warmup expects a whole number from 0 to 1,000, got "1001".'],
    [{ rate: '0' }, '--rate expects a number > 0 and ≤ 100,000, got "0".'],
    [{ concurrency: '2', rate: '5' }, 'Use either --concurrency (closed loop) or --rate (open loop), not both.'],
  ])('refuse %j, naming the flag and what it takes', (flags, message) => {
    expect(() => overridesFrom(flags)).toThrow(UsageError);
    expect(() => overridesFrom(flags)).toThrow(message);
  });

  it('take a label people would give a machine, and refuse anything else', () => {
    expect(labelFlag(undefined)).toBeUndefined();
    expect(labelFlag(' us-east ')).toBe('us-east');
    expect(labelFlag('eu-west runner 2')).toBe('eu-west runner 2');
    expect(labelFlag('shard:3/4')).toBe('shard:3/4');
    for (const bad of ['', '-x', 'a\nb', 'x'.repeat(65), 'bad"quote']) expect(() => labelFlag(bad), JSON.stringify(bad)).toThrow(/--label expects/);
    expect(labelFlag('x'.repeat(64))).toHaveLength(64);
  });
});

describe('time, ramp and shard flags', () => {
  it('read a duration and a slice as people write them, and a ramp FROM..TO/OVER', () => {
    expect(overridesFrom({ duration: ' 10m ', slice: '60s' })).toEqual({ duration: '10m', sliceS: 60 });
    expect(overridesFrom({ ramp: '1..20/2m' })).toEqual({ ramp: { from: 1, to: 20, overS: 120 } });
  });

  it('refuse a ramp beside a rate or a concurrency', () => {
    expect(() => overridesFrom({ ramp: '1..2/1m', concurrency: '3' })).toThrow('Use either --ramp or --concurrency, not both');
  });
});

describe('flags over the file', () => {
  const file = { requests: 40, concurrency: 4, targets: [{ name: 'a' }] };

  it('--duration replaces the file\'s request count, unless --requests is given too', () => {
    expect(applyOverrides(file, { duration: '5m' }).config).toEqual({ concurrency: 4, duration: '5m', targets: [{ name: 'a' }] });
    expect(applyOverrides(file, { duration: '5m', requests: 9 }).config).toMatchObject({ requests: 9, duration: '5m' });
  });

  it('--ramp replaces a rate or concurrency, and --rate or --concurrency replace a ramp', () => {
    const ramp = { from: 1, to: 5, overS: 30 };
    expect(applyOverrides(file, { ramp }).config).toEqual({ requests: 40, ramp, targets: [{ name: 'a' }] });
    expect(applyOverrides({ ...file, concurrency: undefined, ramp }, { rate: 3 }).config).not.toHaveProperty('ramp');
    expect(applyOverrides({ ramp, targets: [] }, { concurrency: 2 }).config).toEqual({ concurrency: 2, targets: [] });
    expect(applyOverrides(file, { sliceS: 30 }).config).toMatchObject({ sliceS: 30 });
  });
});
