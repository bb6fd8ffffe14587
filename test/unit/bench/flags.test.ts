import { describe, expect, it } from 'vitest';
import { labelFlag, overridesFrom } from '../../../src/commands/bench-run.js';
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
