import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BIN, ROOT } from './run-cli.js';

const DRIVER = fileURLToPath(new URL('./pty-driver.py', import.meta.url));

export interface PtyStep {
  wait: string;
  send: string;
  pause?: number;
}

/** Run the CLI in a real pseudo-terminal (python's pty module), typing `steps` as the screen asks. */
export function runInPty(args: string[], steps: PtyStep[], env: Record<string, string> = {}, timeout = 40, cwd = ROOT): { code: number; output: string; missed: number | null } {
  const spec = { cmd: [process.execPath, BIN, ...args], env: { NO_COLOR: '1', TERM: 'xterm', ...env }, steps, timeout };
  const r = spawnSync('python3', [DRIVER], { input: JSON.stringify(spec), cwd, encoding: 'utf8', timeout: (timeout + 10) * 1000 });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
