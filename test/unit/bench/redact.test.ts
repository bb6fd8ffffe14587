import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/bench/redact.js';

describe('redact: keys never reach output', () => {
  it('replaces every occurrence of every key', () => {
    const body = '{"error":"invalid key test-key-123456","echo":"Bearer test-key-123456","other":"or-key-abcdef"}';
    expect(redact(body, ['test-key-123456', 'or-key-abcdef'])).toBe('{"error":"invalid key [redacted]","echo":"Bearer [redacted]","other":"[redacted]"}');
  });

  it('leaves text without a key as it is', () => {
    expect(redact('upstream timed out', ['test-key-123456'])).toBe('upstream timed out');
    expect(redact('no keys configured', [])).toBe('no keys configured');
  });

  it('redacts from 6 characters; shorter values would match ordinary words', () => {
    expect(redact('token abcdef here', ['abcdef'])).toBe('token [redacted] here');
    expect(redact('the model is fast', ['model'])).toBe('the model is fast');
  });

  it('leaves nothing of a longer key that contains a shorter one, whatever their order', () => {
    const text = 'key test-key-1234-extra and test-key-1234';
    expect(redact(text, ['test-key-1234', 'test-key-1234-extra'])).toBe('key [redacted] and [redacted]');
    expect(redact(text, ['test-key-1234-extra', 'test-key-1234'])).toBe('key [redacted] and [redacted]');
  });
});
