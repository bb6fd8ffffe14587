import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../../src/commands/context.js';
import { outputWidth, wantsColor } from '../../src/io/env.js';

export const BIN = fileURLToPath(new URL('../../bin/gateway-scout.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
}

/** The environment a test run sees: no colour unless asked, CI set, the test's overrides on top. */
function testEnv(over: RunOptions['env']): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true', ...over };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Record<string, string>;
}

/**
 * Run the CLI as a user would, without a terminal: the whole program (parsing, the command, error mapping, exit
 * code) in this process against a Ctx of buffers, which is what every command sees in production too. About
 * a hundred times cheaper than a process per call; `spawnCli` is for what needs a real process (signals,
 * stdin closing, how the process itself exits, a different working directory).
 */
export async function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  if (opts.cwd !== undefined && opts.cwd !== ROOT) return spawnCli(args, opts);
  // The built program, as the spawned binary would load it (dist/ is built before the tests run).
  const { run } = (await import(new URL('../../dist/cli.js', import.meta.url).href)) as typeof import('../../src/cli.js');
  const env = testEnv(opts.env);
  let stdout = '';
  let stderr = '';
  const ctx: Ctx = {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    env,
    cwd: ROOT,
    tty: { stdin: false, stdout: false, stderr: false },
    color: wantsColor(env, false),
    errColor: wantsColor(env, false),
    width: outputWidth(env, undefined),
    prompt: { input: Readable.from([opts.input ?? '']), output: { write: (s: string) => void (stderr += s) } as unknown as NodeJS.WritableStream },
    signal: new AbortController().signal,
    exit: () => undefined,
  };
  const code = await run(['node', BIN, ...args], ctx);
  return { code, stdout, stderr };
}

/** Run the built CLI in a child process, exactly as a user's shell would. */
export function spawnCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: testEnv(opts.env), cwd: opts.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
