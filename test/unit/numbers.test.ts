import { describe, expect, it } from 'vitest';
import { describeBounds, parseCount, parseDecimal, within } from '../../src/numbers.js';
import { nearest } from '../../src/suggest.js';
import { parseYesNo, readCount } from '../../src/ui/typed.js';

describe('parseCount: counts as people write them', () => {
  it.each([
    ['5000000', 5_000_000],
    ['5,000,000', 5_000_000],
    ['5_000_000', 5_000_000],
    ['5M', 5_000_000],
    ['5m', 5_000_000],
    ['2.5k', 2_500],
    ['1.2B', 1_200_000_000],
    ['1e6', 1_000_000],
    [' 42 ', 42],
    ['0', 0],
  ])('%s → %d', (text, value) => {
    expect(parseCount(text)).toBe(value);
  });

  it.each(['5,00', '5,0000', '1,000_000', '-5', 'five', '', '5 000', '0x10', '5MM', '1.5.2'])('rejects %j', (text) => {
    expect(parseCount(text)).toBeUndefined();
  });

  it('reads 1.0005k as 1000.5, which a whole-number bound then refuses', () => {
    expect(parseCount('1.0005k')).toBe(1000.5);
    expect(within(1000.5, { min: 0, max: 1e6, integer: true })).toBe(false);
  });
});

describe('parseDecimal and bounds', () => {
  it('reads decimals and, where allowed, percentages', () => {
    expect(parseDecimal('130.31')).toBe(130.31);
    expect(parseDecimal('10%', true)).toBe(0.1);
    expect(parseDecimal('10%')).toBeUndefined();
    expect(parseDecimal('1e308')).toBe(1e308);
    expect(parseDecimal('1e309')).toBeUndefined(); // Infinity is not a number anyone meant
    expect(parseDecimal('abc')).toBeUndefined();
  });

  it('every bound is finite and says what it accepts', () => {
    expect(within(1e308, { min: 0, max: 1e6 })).toBe(false);
    expect(within(0, { min: 0, max: 1e9, minExclusive: true })).toBe(false);
    expect(describeBounds({ min: 1, max: 1000, integer: true })).toBe('a whole number from 1 to 1,000');
    expect(describeBounds({ min: 0, max: 1, minExclusive: true })).toBe('a number > 0 and ≤ 1');
  });
});

describe('typed answers at the prompts', () => {
  it('yes/no takes only y, yes, n, no (any case) or Enter for the default', () => {
    expect(parseYesNo('Y', false)).toBe(true);
    expect(parseYesNo('no', true)).toBe(false);
    expect(parseYesNo('', true)).toBe(true);
    expect(parseYesNo('', false)).toBe(false);
    expect(parseYesNo('x', true)).toBeUndefined();
    expect(parseYesNo('yep', true)).toBeUndefined();
  });

  it('counts say "a whole number", with the forms that work for large ones', () => {
    expect(readCount('5M', { min: 0, max: 1e12 })).toEqual({ ok: true, value: 5_000_000 });
    expect(readCount('0', { min: 1, max: 1000 })).toEqual({ ok: false, message: 'Enter a whole number from 1 to 1,000.' });
    expect(readCount('1.5', { min: 0, max: 1e12 })).toEqual({
      ok: false,
      message: 'Enter a whole number from 0 to 1,000,000,000,000; 5,000,000, 5M and 2.5k all work.',
    });
  });
});

describe('nearest', () => {
  it('suggests close ids and ids that contain what was typed, best first', () => {
    const ids = ['openai/gpt-4o-mini', 'openai/gpt-4o', 'anthropic/claude-sonnet-4-5'];
    expect(nearest('gpt-4o-mini', ids)).toEqual(['openai/gpt-4o-mini']);
    expect(nearest('gpt-4o', ids)).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini']);
    expect(nearest('openai/gpt-4o-mni', ids, 1)).toEqual(['openai/gpt-4o-mini']);
    expect(nearest('sonnet', ids)).toEqual(['anthropic/claude-sonnet-4-5']);
    expect(nearest('acme/unknown', ids)).toEqual([]);
  });

  it('does not suggest a different short word', () => {
    expect(nearest('nope', ['choose', 'cost', 'compare'])).toEqual([]);
    expect(nearest('chose', ['choose', 'cost', 'compare'])).toEqual(['choose']);
  });
});
