import { describe, expect, it } from 'vitest';
import { displayError, ERROR_TEXT_MAX } from '../../../src/bench/error-text.js';
import { clipText } from '../../../src/format.js';

describe('text cut for display ends with "…"', () => {
  it('at the limit and one below: whole, no ellipsis; one above: cut to the limit, the last character "…"', () => {
    expect(clipText('abcde', 5)).toBe('abcde');
    expect(clipText('abcd', 5)).toBe('abcd');
    // 6 characters, limit 5: 4 kept + "…" = 5
    expect(clipText('abcdef', 5)).toBe('abcd…');
    expect(clipText('', 5)).toBe('');
  });

  it('counts characters, not UTF-16 units, so an emoji is never split; a space before the cut is dropped', () => {
    // 5 characters (the emoji is one code point, two UTF-16 units): fits
    expect(clipText('ab😀cd', 5)).toBe('ab😀cd');
    // 6 characters, limit 5: "ab😀c" + "…"
    expect(clipText('ab😀cde', 5)).toBe('ab😀c…');
    expect(clipText('abc def', 5)).toBe('abc…');
  });

  it('an error message of exactly 200 characters and 199 is kept whole; 201 is cut to 200 ending in "…"', () => {
    expect(ERROR_TEXT_MAX).toBe(200);
    const at = 'e'.repeat(200);
    expect(displayError(at, [])).toBe(at);
    expect(displayError(at.slice(1), [])).toBe(at.slice(1));
    const above = displayError('e'.repeat(201), []);
    expect(above).toBe('e'.repeat(199) + '…');
    expect(Array.from(above)).toHaveLength(200);
  });

  it('redacts before cutting: a key that straddles the cut leaves no part of itself behind', () => {
    const key = 'sk-test-0123456789abcdef';
    // the key starts at character 190, so a cut at 199 would have kept its first 9 characters had it come first
    const message = `${'m'.repeat(190)}${key} and more after it`;
    const shown = displayError(message, [key]);
    expect(shown).toBe(`${'m'.repeat(190)}[redacted…`);
    expect(shown).not.toContain('sk-test');
  });
});
