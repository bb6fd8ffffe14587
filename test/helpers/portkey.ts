import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

/**
 * Portkey's open-source gateway (@portkey-ai/gateway, a dev dependency) as a child process on a free port, for the
 * tests that put a real gateway in front of our emulated upstreams. It reaches them through custom hosts, which it
 * accepts only for the hosts in TRUSTED_CUSTOM_HOSTS.
 */

export const PORTKEY_SERVER = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');
export const portkeyPresent = existsSync(PORTKEY_SERVER);

export interface RunningPortkey {
  base: string;
  log(): string;
  stop(): Promise<void>;
}

/** A port free on every interface (Portkey has no host option and binds them all). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Start Portkey and wait until it answers its greeting (its listening line comes later, after a spinner). */
export async function startPortkey(): Promise<RunningPortkey> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [PORTKEY_SERVER, `--port=${port}`, '--headless'], {
    env: { ...process.env, TRUSTED_CUSTOM_HOSTS: 'localhost,127.0.0.1', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const r = await fetch(`${base}/`).then(async (x) => ({ status: x.status, body: await x.text() }), () => undefined);
    // Its greeting, so that a stranger on the same port is not taken for it.
    if (r?.status === 200 && r.body === 'AI Gateway says hey!') return { base, log: () => log, stop };
    await new Promise((res) => setTimeout(res, 50));
  }
  await stop();
  throw new Error(`Portkey did not start on port ${port}:\n${log.slice(-2000)}`);
}
