import { describe, expect, it } from 'vitest';
import { errorCommand, maskCommands, warningCommand } from '../../../src/report/github-actions.js';

describe('GitHub Actions workflow commands', () => {
  it('masks each distinct secret, and a multi-line one line by line', () => {
    expect(maskCommands(['test-key-a', 'test-key-a', '', 'line-one\nline-two'])).toBe('::add-mask::test-key-a\n::add-mask::line-one\n::add-mask::line-two\n');
    expect(maskCommands([])).toBe('');
  });

  it('escapes data (%, CR, LF) and properties (also : and ,)', () => {
    expect(errorCommand('gate: p95, openrouter', 'errors.rate is 3.33%\nlimit > 3%')).toBe('::error title=gate%3A p95%2C openrouter::errors.rate is 3.33%25%0Alimit > 3%25\n');
    expect(warningCommand('w', 'a\r\nb')).toBe('::warning title=w::a%0D%0Ab\n');
  });
});
