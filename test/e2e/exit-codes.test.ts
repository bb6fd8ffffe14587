import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/run-cli.js';

/** Exit codes end to end, through the built CLI: 0 ok, 1 a gate failed, 3 the run failed, whatever the cause. */
describe('exit codes', () => {
  let busy: Server;
  let port = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('a run that fails exits 3: emulate on a port already in use', async () => {
    const r = await runCli(['emulate', '--port', String(port)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Cannot listen/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unexpected crash exits 3, never 0, and asks for a bug report', async () => {
    // A module loaded before the CLI breaks a built-in the scoring and the cost chart rely on.
    const dir = mkdtempSync(join(tmpdir(), 'gs-crash-'));
    const planted = join(dir, 'crash.mjs');
    writeFileSync(planted, "Math.log10 = () => { throw new Error('planted failure'); };\n");
    for (const args of [['choose', '--defaults', '--json'], ['cost', '--defaults', '--details']]) {
      // A real process: the planted module must load before the CLI, as a crash in the field would.
      const r = await spawnCli(args, { env: { NODE_OPTIONS: `--import=${pathToFileURL(planted).href}` } });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/planted failure/);
      expect(r.stderr).toMatch(/bug/);
    }
  });

  it('--min-score at exactly the top score passes; one point more fails', async () => {
    const top = JSON.parse((await runCli(['choose', '--defaults', '--json'])).stdout).recommendation.score as number;
    expect((await runCli(['choose', '--defaults', '--json', '--min-score', String(top)])).code).toBe(0);
    expect((await runCli(['choose', '--defaults', '--json', '--min-score', String(top + 1)])).code).toBe(1);
  });
});
