import { describe, expect, it } from 'vitest';
import { toCliError } from '../../src/cli.js';
import { createProgram } from '../../src/program.js';
import { errorDocument, renderError } from '../../src/report/error.js';
import { InterruptedError } from '../../src/errors.js';
import { compileStrict } from '../helpers/json-schema.js';
import { fakeCtx } from '../cost/ctx.js';

describe('one error contract', () => {
  const program = createProgram(fakeCtx());

  it('an unexpected failure is exit 3 with a document, and says where to report it', () => {
    const e = toCliError(new TypeError("Cannot read properties of undefined (reading 'x')"), program);
    expect(e.exitCode).toBe(3);
    const doc = errorDocument(e) as { error: { code: string; hint: string } };
    expect(compileStrict('error')(doc)).toBe(true);
    expect(doc.error.code).toBe('unexpected');
    expect(doc.error.hint).toContain('https://github.com/gateway-scout/gateway-scout/issues');
    expect(renderError(e, false)).toMatch(/^error: An unexpected failure: Cannot read properties of undefined \(reading 'x'\)\nhint: /);
  });

  it('a closed or aborted prompt is an interruption (130)', () => {
    for (const name of ['ExitPromptError', 'AbortPromptError']) {
      const err = Object.assign(new Error('closed'), { name });
      expect(toCliError(err, program)).toBeInstanceOf(InterruptedError);
      expect(toCliError(err, program).exitCode).toBe(130);
    }
  });
});
