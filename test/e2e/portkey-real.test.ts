import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_KEYS, type RunningEmulators } from '../../src/emulator/server.js';
import { start } from '../emulator/helpers.js';
import { freePort } from '../helpers/portkey.js';
import { validateAgainst } from '../helpers/json-schema.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * A real gateway in front of the emulated provider: Portkey's open-source gateway (@portkey-ai/gateway, a dev
 * dependency) runs as its own process on a free port, and `bench` measures it against the provider directly.
 * Everything stays on 127.0.0.1: Portkey reaches the provider through x-portkey-custom-host, which it accepts for
 * the hosts in TRUSTED_CUSTOM_HOSTS.
 *
 * What Portkey 1.15.2 does (checked on Node 20.20 and 24.22, 2026-12-06):
 * - non-streamed chat: relayed, 200, with x-portkey-* headers (x-portkey-trace-id empty unless the client sent one);
 * - streamed chat: HTTP 500 {"status":"failure","message":"Something went wrong"} before any byte of the stream
 *   ("TypeError: immutable" in its log: it appends headers to the upstream fetch Response's immutable Headers,
 *   Portkey-AI/gateway issues #1389 and #1550), so no stream reaches the client on either Node version;
 * - a non-streamed body the provider cuts: HTTP 500, the same message.
 * The streamed case is probed first with a plain request, so the test asserts the right classification whichever
 * way a future Node or Portkey behaves.
 */

const GATEWAY = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');
const present = existsSync(GATEWAY);
if (!present) console.warn(`portkey-real.test.ts skipped: ${GATEWAY} is missing (npm ci installs the dev dependency @portkey-ai/gateway).`);

const KEY_ENV = 'PORTKEY_TEST_PROVIDER_KEY';
// The provider emulator's fake key: Portkey passes the Authorization header on to the provider.
const ENV = { [KEY_ENV]: EMULATOR_KEYS.provider, COLUMNS: '200' };
const FAILURE_BODY = '{"status":"failure","message":"Something went wrong"}';

let emu: RunningEmulators;
let cutting: RunningEmulators;
let gateway: ChildProcess | undefined;
let gatewayLog = '';
let portkeyBase: string;
let relay: Server;
let relayBase: string;
let dir: string;


function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Start Portkey and wait until it answers its greeting (its listening line comes a second later, after a spinner). */
async function startPortkey(): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [GATEWAY, `--port=${port}`, '--headless'], {
    env: { ...process.env, TRUSTED_CUSTOM_HOSTS: 'localhost,127.0.0.1', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway = child;
  child.stdout!.on('data', (d: Buffer) => (gatewayLog += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (gatewayLog += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const r = await get(`${base}/`).catch(() => undefined);
    // Its greeting, so that a stranger on the same port is not taken for it.
    if (r?.status === 200 && r.body === 'AI Gateway says hey!') return base;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`Portkey did not start on port ${port}:\n${gatewayLog.slice(-2000)}`);
}

/**
 * Portkey's stream relay, reduced to what issue #1797 describes: it copies the provider's stream and, when the
 * provider's connection breaks, closes its own response cleanly (200, no [DONE], no finish_reason). Used because
 * no stream gets through the real Portkey 1.15.2 (see above).
 */
function cleanCloseRelay(upstreamChatUrl: string): Server {
  return createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = request(upstreamChatUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' } }, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, { 'content-type': upRes.headers['content-type'] ?? 'application/json' });
        upRes.on('data', (d: Buffer) => res.write(d));
        upRes.on('end', () => res.end());
        upRes.on('error', () => res.end());
        upRes.on('aborted', () => res.end());
      });
      up.on('error', () => (res.headersSent ? res.end() : (res.writeHead(502), res.end())));
      up.end(Buffer.concat(chunks));
    });
  });
}

beforeAll(async () => {
  if (!present) return;
  // Zero latency profile: the run is quick, and whatever Portkey adds is all the overhead there is.
  emu = await start();
  // A second provider that cuts every response after two content chunks (streamed) or half way (whole body).
  cutting = await start({ faults: ['provider:disconnect=2'] });
  dir = await mkdtemp(join(tmpdir(), 'gs-portkey-'));
  portkeyBase = await startPortkey();
  relay = cleanCloseRelay(cutting.byId.provider.chatUrl);
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  relayBase = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((r) => gateway!.once('exit', r));
    gateway.kill('SIGTERM');
    await exited;
  }
  await Promise.all([emu?.close(), cutting?.close(), relay ? new Promise((r) => relay.close(r)) : undefined]);
});

const direct = (provider: RunningEmulators) => ({ name: 'direct', gateway: 'openai-compatible', baseUrl: provider.byId.provider.baseUrl, model: 'gpt-4o-mini', apiKeyEnv: KEY_ENV, baseline: true });
const portkey = (provider: RunningEmulators) => ({
  name: 'portkey',
  gateway: 'portkey',
  baseUrl: `${portkeyBase}/v1`,
  model: 'gpt-4o-mini',
  apiKeyEnv: KEY_ENV,
  headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': provider.byId.provider.baseUrl },
});

async function bench(name: string, config: object): Promise<{ code: number | null; doc: Record<string, any>; stderr: string }> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify({ warmup: 1, concurrency: 2, maxTokens: 8, seed: 3, ...config }));
  const r = await runCli(['bench', '--config', file, '--yes', '--json', '--out', join(dir, name)], { env: ENV });
  // Bad input (exit 2) is not a result: say why (before the catalog has its portkey entry: unknown gateway).
  if (r.code === 2) throw new Error(`bench refused the config:\n${r.stderr}`);
  let doc: Record<string, any>;
  try {
    doc = JSON.parse(r.stdout) as Record<string, any>;
  } catch {
    throw new Error(`bench printed no JSON document (exit ${r.code}):\n${r.stderr}\n--- Portkey's log ---\n${gatewayLog.slice(-2000)}`);
  }
  expect(validateAgainst('bench', doc)).toEqual([]);
  return { code: r.code, doc, stderr: r.stderr };
}

const row = (doc: Record<string, any>, name: string) => doc.targets.find((t: { name: string }) => t.name === name);

/** One streamed request straight to Portkey: what this runtime's Portkey does with a stream. */
async function probeStream(): Promise<{ status: number; contentType: string; body: string }> {
  const r = await fetch(`${portkeyBase}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${EMULATOR_KEYS.provider}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': emu.byId.provider.baseUrl },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }], max_tokens: 4, stream: true }),
  });
  return { status: r.status, contentType: r.headers.get('content-type') ?? '', body: await r.text() };
}

describe.skipIf(!present)('bench through the real Portkey gateway (@portkey-ai/gateway) in front of the emulated provider', () => {
  it('non-streamed: every request succeeds through Portkey, and its overhead vs direct has an interval', async () => {
    const { code, doc } = await bench('whole', { requests: 8, stream: false, targets: [direct(emu), portkey(emu)] });
    expect(code).toBe(0);
    expect(doc.status).toEqual({ ended: 'completed', ok: true, failedTargets: [] });
    expect(row(doc, 'portkey').requests).toEqual({ sent: 8, ok: 8, failed: 0 });
    expect(row(doc, 'direct').requests).toEqual({ sent: 8, ok: 8, failed: 0 });
    // Portkey says DISABLED in x-portkey-cache-status when it did not cache: not a hit (the catalog's hit value).
    expect(row(doc, 'portkey').cache.hits).toBe(0);
    // Not streamed: e2e only. 8 rounds, each with one request per target, all successful: n = 8.
    expect(doc.overhead).toHaveLength(1);
    const o = doc.overhead[0];
    expect(o).toMatchObject({ target: 'portkey', baseline: 'direct', metric: 'e2e', n: 8 });
    expect(o.ci95).toHaveLength(2);
    expect(o.ci95[0]).toBeLessThanOrEqual(o.p50DeltaMs);
    expect(o.p50DeltaMs).toBeLessThanOrEqual(o.ci95[1]);
    // Every request went through the gateway to the provider: 1 warmup + 8 per target, both to the same provider.
    expect(emu.counts().provider).toBeGreaterThanOrEqual(18);
  });

  it('streamed: Portkey fails every stream with its HTTP 500, which bench counts as the gateway\'s server errors (exit 3, not a crash)', async () => {
    const probe = await probeStream();
    const { code, doc, stderr } = await bench('stream', { requests: 4, stream: true, targets: [direct(emu), portkey(emu)] });
    expect(row(doc, 'direct').requests).toEqual({ sent: 4, ok: 4, failed: 0 });
    if (probe.status === 500) {
      // Portkey-AI/gateway #1389, #1550: the streamed chat never starts.
      expect(probe.body).toBe(FAILURE_BODY);
      expect(code).toBe(3); // a target with no successful request: the run did not measure it (src/bench/status.ts)
      expect(row(doc, 'portkey').requests).toEqual({ sent: 4, ok: 0, failed: 4 });
      expect(row(doc, 'portkey').errors).toMatchObject({ server_error: 4, stream_interrupted: 0, bad_response: 0, connection: 0 });
      expect(doc.status.failedTargets).toEqual([
        {
          target: 'portkey',
          sent: 4,
          topError: { class: 'server_error', count: 4, example: 'HTTP 500: Something went wrong' },
          reason: 'all 4 measured requests failed: 4 × server_error (first: HTTP 500: Something went wrong)',
        },
      ]);
      expect(stderr).toContain('1 of 2 targets had no successful request');
      // The overhead rows exist but have no pairs to compare.
      expect(doc.overhead.map((x: { n: number; ci95: unknown }) => [x.n, x.ci95])).toEqual([
        [0, null],
        [0, null],
      ]);
    } else {
      // A Portkey/Node that streams: then it is measured like any gateway, with a TTFT interval.
      expect(probe).toMatchObject({ status: 200 });
      expect(probe.contentType).toMatch(/text\/event-stream/);
      expect(code).toBe(0);
      expect(row(doc, 'portkey').requests).toEqual({ sent: 4, ok: 4, failed: 0 });
      expect(doc.overhead.find((x: { metric: string }) => x.metric === 'ttft')).toMatchObject({ n: 4 });
    }
  });

  it('a provider that cuts the answer: through Portkey a cut body is its HTTP 500; a stream closed cleanly without [DONE] (issue #1797) is an interrupted stream, never a success', async () => {
    // Non-streamed through the real Portkey: the provider sends half the body and closes; Portkey answers 500.
    const whole = await bench('cut-whole', { requests: 2, stream: false, targets: [direct(cutting), portkey(cutting)] });
    expect(whole.code).toBe(3);
    expect(row(whole.doc, 'portkey').errors).toMatchObject({ server_error: 2 });
    // Direct, the same cut body is a broken connection after the headers.
    expect(row(whole.doc, 'direct').errors).toMatchObject({ stream_interrupted: 2 });

    // Streamed: no stream passes the real Portkey 1.15.2, so the #1797 shape comes from a relay that ends its
    // response cleanly when the provider breaks off after two content chunks, as Portkey's stream copier does.
    const relayed = { name: 'relay', gateway: 'openai-compatible', baseUrl: relayBase, model: 'gpt-4o-mini', apiKeyEnv: KEY_ENV };
    const { code, doc } = await bench('cut-stream', { requests: 3, stream: true, maxTokens: 16, targets: [direct(cutting), relayed] });
    expect(code).toBe(3);
    for (const name of ['direct', 'relay']) {
      expect(row(doc, name).requests).toEqual({ sent: 3, ok: 0, failed: 3 });
      expect(row(doc, name).errors).toMatchObject({ stream_interrupted: 3, server_error: 0, bad_response: 0 });
    }
    const records = (await readFile(join(dir, 'cut-stream', 'requests.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { target: string; status: number; errorClass: string; chunkGapsMs: number[] });
    // The relay's answer was a 200 that simply ended: two content chunks arrived (one gap between them).
    const viaRelay = records.filter((r) => r.target === 'relay');
    expect(viaRelay.map((r) => [r.status, r.errorClass, r.chunkGapsMs.length])).toEqual([
      [200, 'stream_interrupted', 1],
      [200, 'stream_interrupted', 1],
      [200, 'stream_interrupted', 1],
    ]);
    expect(doc.status.failedTargets.find((f: { target: string }) => f.target === 'relay').topError.example).toBe('the stream ended before a finish_reason or [DONE]');
  });
});
