import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillDocumentSchema, type DrillDocument } from '../../src/drill/document.js';
import { freePort, portkeyPresent, startPortkey, type RunningPortkey } from '../helpers/portkey.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * The drill as a user runs it, through the built CLI: `drill --demo` over the emulated gateways, and `drill init`
 * → `drill --config` against the real Portkey open-source gateway (a dev dependency), with the config `drill init`
 * wrote. Expected outcomes are worked out from each gateway's documented behaviour (cited below), not from the code.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gs-drill-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** [target, scenario, mode, outcome, primary attempts, secondary attempts] per row. */
const rows = (doc: DrillDocument) => doc.drill.scenarios.map((r) => [r.target, r.id, r.stream ? 'stream' : 'non-stream', r.outcome, r.primaryAttempts, r.secondaryAttempts]);

describe('drill --demo', () => {
  it('shows the gateways differ where their documented behaviour does (four scenarios, one request each)', async () => {
    const r = await runCli(['drill', '--demo', '--yes', '--json', '--requests', '1', '--scenarios', 'none,http-500,stream-cut,context-length', '--out', join(dir, 'demo')]);
    expect(r.code, r.stderr).toBe(0);
    const doc = drillDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.demo).toBe(true);
    expect(doc.targets.map((t) => t.name)).toEqual(['litellm', 'openrouter', 'cloudflare', 'portkey', 'vercel', 'kong', 'bifrost', 'tensorzero', 'helicone']);
    const pick = (target: string) => rows(doc).filter((x) => x[0] === target);
    // LiteLLM: num_retries 2 on a 5xx (three tries at the primary), then its fallback; a 400 goes to the fallback
    // too (failoverbench's scorecard); a cut stream after the first chunk ends with an error event (no fallback).
    expect(pick('litellm')).toEqual([
      ['litellm', 'none', 'stream', 'ok', 1, 0],
      ['litellm', 'none', 'non-stream', 'ok', 1, 0],
      ['litellm', 'http-500', 'stream', 'failed-over', 3, 1],
      ['litellm', 'http-500', 'non-stream', 'failed-over', 3, 1],
      ['litellm', 'stream-cut', 'stream', 'error-surfaced', 1, 0],
      ['litellm', 'stream-cut', 'non-stream', 'failed-over', 3, 1],
      ['litellm', 'context-length', 'stream', 'retried-unrecoverable', 1, 1],
      ['litellm', 'context-length', 'non-stream', 'retried-unrecoverable', 1, 1],
    ]);
    // Portkey: no retries unless configured, falls back on any non-2xx; a stream cut upstream ends as a clean 200
    // (Portkey-AI/gateway issue #1797): the one silent truncation.
    expect(pick('portkey').filter((x) => x[1] === 'http-500' || x[1] === 'stream-cut')).toEqual([
      ['portkey', 'http-500', 'stream', 'failed-over', 1, 1],
      ['portkey', 'http-500', 'non-stream', 'failed-over', 1, 1],
      ['portkey', 'stream-cut', 'stream', 'silent-truncation', 1, 0],
      ['portkey', 'stream-cut', 'non-stream', 'error-surfaced', 1, 0],
    ]);
    // Kong's ai-proxy-advanced falls back on 429/5xx only: the 400 reaches the client.
    expect(pick('kong').filter((x) => x[1] === 'context-length').map((x) => x[3])).toEqual(['error-surfaced', 'error-surfaced']);
    // Written as results arrived: one attempts line per request (9 gateways × 4 scenarios × 2 modes × 1 request).
    const lines = (await readFile(join(dir, 'demo', 'attempts.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(9 * 4 * 2);
    expect(JSON.parse(await readFile(join(dir, 'demo', 'drill.json'), 'utf8'))).toEqual(JSON.parse(r.stdout));
  });
});


describe.skipIf(!portkeyPresent)('drill init → drill --config through the real Portkey gateway', () => {
  let portkey: RunningPortkey;
  beforeAll(async () => {
    portkey = await startPortkey();
  });
  afterAll(async () => {
    await portkey?.stop();
  });

  it("the init's config, pointed at Portkey: the control stays on the primary, a 500 fails over, a 400 is failed over too (a gate catches it)", async () => {
    const [p, s] = [await freePort(), await freePort()];
    const init = await runCli(['drill', 'init', '--gateway', 'portkey', '--primary-port', String(p), '--secondary-port', String(s), '--json']);
    expect(init.code, init.stderr).toBe(0);
    const yaml: string = JSON.parse(init.stdout).drillYaml;
    // The user's edits: where their Portkey listens, which scenarios, non-streamed (Portkey 1.15.2 fails every
    // streamed answer with a 500: portkey-real.test.ts), one request each, a short give-up.
    const config = yaml
      .replace('http://localhost:8787/v1', `${portkey.base}/v1`)
      .replace('stream: both', 'stream: false')
      .replace('requests: 3', 'requests: 1\nscenarios: [none, http-500, context-length]')
      .replace('timeoutsMs: { request: 30000 }', 'timeoutsMs: { request: 2000 }');
    const file = join(dir, 'drill.yaml');
    await writeFile(file, config);
    const r = await runCli(['drill', '--config', file, '--yes', '--json', '--fail-on', 'drill.retried-unrecoverable > 0']);
    // Portkey falls back on any non-2xx unless on_status_codes narrows it (handlerUtils.ts at ca7712947ec8, the
    // FALLBACK case): the 400 goes to the secondary, which answers — retried-unrecoverable, and the gate fails.
    expect(r.code, `${r.stderr}\n${portkey.log().slice(-800)}`).toBe(1);
    const doc = drillDocumentSchema.parse(JSON.parse(r.stdout));
    expect(rows(doc)).toEqual([
      ['portkey', 'none', 'non-stream', 'ok', 1, 0],
      ['portkey', 'http-500', 'non-stream', 'failed-over', 1, 1],
      ['portkey', 'context-length', 'non-stream', 'retried-unrecoverable', 1, 1],
    ]);
    expect(doc.gates.map((g) => [g.target, g.measured, g.status])).toEqual([['portkey', 1, 'fail']]);
  });
});
