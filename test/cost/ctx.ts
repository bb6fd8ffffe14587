import { PassThrough } from 'node:stream';
import type { Ctx } from '../../src/commands/context.js';
import type { ExitCode } from '../../src/errors.js';

export interface FakeCtx extends Ctx {
  stdout(): string;
  stderr(): string;
  code(): ExitCode | undefined;
}

export function fakeCtx(): FakeCtx {
  let out = '';
  let err = '';
  let code: ExitCode | undefined;
  const ctx: FakeCtx = {
    out(t: string): void {
      out += t;
    },
    err(t: string): void {
      err += t;
    },
    env: {},
    cwd: process.cwd(),
    tty: { stdin: false, stdout: false, stderr: false },
    width: 100,
    color: false,
    errColor: false,
    prompt: { input: new PassThrough(), output: new PassThrough() },
    signal: new AbortController().signal,
    exit(c: ExitCode): void {
      code = c;
    },
    stdout: () => out,
    stderr: () => err,
    code: () => code,
  };
  return ctx;
}
