import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Runs that fail a target, gateway tokens that are not set, dry runs without keys. One server on 127.0.0.1:
 * /ok answers every request with a short stream, /broken answers every request with HTTP 500 and a 300-character
 * message; every request's headers are kept. Port 9 refuses connections.
 */

const LONG = 'x'.repeat(300);
let server: Server;
let base: string;
let dir: string;
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/broken/')) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: LONG } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const c = (o: object) => `data: ${JSON.stringify({ id: 'chatcmpl-1', ...o })}\n\n`;
      res.end(c({ choices: [{ index: 0, delta: { content: 'hello there' }, finish_reason: 'stop' }] }) + c({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } }) + 'data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'gs-bench-fail-'));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const KEY = 'test-key-provider-000111';
const ok = () => ({ name: 'direct', gateway: 'openai-compatible', baseUrl: `${base}/ok/v1`, model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY', baseline: true });
const broken = () => ({ name: 'broken', gateway: 'openai-compatible', baseUrl: `${base}/broken/v1`, model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY' });
const refused = () => ({ name: 'refused', gateway: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY' });

async function config(name: string, targets: object[], over: object = {}): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify({ requests: 2, warmup: 0, maxTokens: 4, concurrency: 1, targets, ...over }));
  return file;
}

// "HTTP 500: " (10 characters) + 300 × "x" = 310 characters, cut to 200: 10 + 189 × "x" + "…"
const SHOWN = `HTTP 500: ${'x'.repeat(189)}…`;
const BROKEN_REASON = `all 2 measured requests failed: 2 × server_error (first: ${SHOWN})`;

describe('a target with no successful request: the run failed (exit 3), nothing measured is lost', () => {
  it('--json: exactly one document on stdout, the summary, whose status names the target; exit 3 even though a gate failed too', async () => {
    const out = join(dir, 'broken-run');
    const file = await config('broken.json', [ok(), broken()]);
    // requests.ok < 3 fails for direct, which has 2 (a gate failure alone would be exit 1): the dead target wins
    const r = await runCli(['bench', '--config', file, '--yes', '--json', '--out', out, '--fail-on', 'requests.ok < 3'], { env: { PROVIDER_KEY: KEY } });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('bench', doc)).toEqual([]);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.status).toEqual({
      ended: 'completed',
      ok: false,
      failedTargets: [{ target: 'broken', sent: 2, topError: { class: 'server_error', count: 2, example: SHOWN }, reason: BROKEN_REASON }],
    });
    expect(doc.targets.map((t: { requests: object }) => t.requests)).toEqual([
      { sent: 2, ok: 2, failed: 0 },
      { sent: 2, ok: 0, failed: 2 },
    ]);
    expect(doc.gates.find((g: { target: string }) => g.target === 'direct').status).toBe('fail');
    // the summary is written all the same, identical to the document
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'))).toEqual(doc);
    expect(r.stderr).toContain(`error 1 of 2 targets had no successful request: the run did not measure it.\n  broken: ${BROKEN_REASON}\n`);
    // the note of the error class carries the same cut message
    expect(doc.warnings).toContain(`broken: 2 × server_error (first: ${SHOWN}).`);
  });

  it('the human report names it; report DIR, its JSON, HTML and markdown show it as failed', async () => {
    const out = join(dir, 'broken-human');
    const file = await config('broken-human.json', [ok(), broken()]);
    const r = await runCli(['bench', '--config', file, '--yes', '--out', out], { env: { PROVIDER_KEY: KEY, COLUMNS: '400' } });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`FAILED: 1 of 2 targets had no successful request (not measured)\n  ✗ broken: ${BROKEN_REASON}\n`);

    const html = join(dir, 'broken.html');
    const md = join(dir, 'broken.md');
    const rep = await runCli(['report', out, '--html', html, '--markdown', md], { env: { COLUMNS: '400' } });
    // report judges results: without a gate it succeeds, and shows the failure
    expect(rep.code).toBe(0);
    expect(rep.stdout).toContain(`✗ broken: ${BROKEN_REASON}`);
    expect(await readFile(html, 'utf8')).toContain('run failed: 1 target not measured');
    expect(await readFile(md, 'utf8')).toContain(`- broken: ${BROKEN_REASON}`);
    const json = JSON.parse((await runCli(['report', out, '--json'])).stdout);
    expect(validateAgainst('report', json)).toEqual([]);
    expect(json.targets.map((t: { target: string; failed: boolean }) => [t.target, t.failed])).toEqual([
      ['direct', false],
      ['broken', true],
    ]);
  });

  it('a target that refuses connections fails the run the same way', async () => {
    const file = await config('refused.json', [ok(), refused()]);
    const r = await runCli(['bench', '--config', file, '--yes', '--json'], { env: { PROVIDER_KEY: KEY } });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.status.ok).toBe(false);
    expect(doc.status.failedTargets).toHaveLength(1);
    expect(doc.status.failedTargets[0]).toMatchObject({ target: 'refused', sent: 2, topError: { class: 'connection', count: 2 } });
    expect(doc.status.failedTargets[0].reason).toMatch(/^all 2 measured requests failed: 2 × connection \(first: ECONNREFUSED/);
    expect(r.stderr).toContain('error 1 of 2 targets had no successful request');
  });

  it('every target working: ok, exit 0; a gate failing alone: exit 1', async () => {
    const file = await config('fine.json', [ok()]);
    const fine = await runCli(['bench', '--config', file, '--yes', '--json'], { env: { PROVIDER_KEY: KEY } });
    expect(fine.code).toBe(0);
    expect(JSON.parse(fine.stdout).status).toEqual({ ended: 'completed', ok: true, failedTargets: [] });
    // 2 successful requests: "requests.ok < 3" fails, whatever the timings on a busy machine
    const gated = await runCli(['bench', '--config', file, '--yes', '--json', '--fail-on', 'requests.ok < 3'], { env: { PROVIDER_KEY: KEY } });
    expect(gated.code).toBe(1);
  });
});

describe('gatewayTokenEnv: sent when its variable is set, left out when it is not', () => {
  const cf = () => ({ name: 'cf', gateway: 'cloudflare', baseUrl: `${base}/ok/v1`, model: 'openai/gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY', gatewayTokenEnv: 'CF_TOKEN' });
  const TOKEN = 'test-gateway-token-424242';

  it('set: the header carries it, and its value appears in no output', async () => {
    const file = await config('token.json', [cf()], { requests: 1 });
    const from = seen.length;
    const r = await runCli(['bench', '--config', file, '--yes', '--json'], { env: { PROVIDER_KEY: KEY, CF_TOKEN: TOKEN } });
    expect(r.code).toBe(0);
    expect(seen.slice(from).map((s) => s.headers['cf-aig-authorization'])).toEqual([`Bearer ${TOKEN}`]);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    // the config in the summary names the variable, never its value
    expect(JSON.parse(r.stdout).config.targets[0].gatewayTokenEnv).toBe('CF_TOKEN');
  });

  it('unset: no header, no error (exit 0), a warning naming the variable', async () => {
    const file = await config('no-token.json', [cf()], { requests: 1 });
    const from = seen.length;
    const r = await runCli(['bench', '--config', file, '--yes', '--json'], { env: { PROVIDER_KEY: KEY, CF_TOKEN: undefined } });
    expect(r.code).toBe(0);
    expect(seen.slice(from)).toHaveLength(1);
    expect(Object.keys(seen[from]!.headers)).not.toContain('cf-aig-authorization');
    expect(seen[from]!.headers.authorization).toBe(`Bearer ${KEY}`);
    const note = 'cf: CF_TOKEN is not set, so no gateway token is sent; an authenticated gateway answers 401 (auth errors).';
    expect(r.stderr).toContain(`warning ${note}`);
    expect(JSON.parse(r.stdout).warnings).toContain(note);
  });
});

describe('--dry-run needs no keys: nothing is sent', () => {
  it('lists the unset variables by name and exits 0, human and JSON; a real run still needs the key (exit 2)', async () => {
    const file = await config('dry-nokeys.json', [ok(), { ...broken(), apiKeyEnv: 'OTHER_KEY' }, { name: 'cf', gateway: 'cloudflare', baseUrl: `${base}/ok/v1`, model: 'openai/gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY', gatewayTokenEnv: 'CF_TOKEN' }]);
    const from = seen.length;
    const env = { PROVIDER_KEY: undefined, OTHER_KEY: 'test-other-key-999', CF_TOKEN: undefined, COLUMNS: '400' };
    const human = await runCli(['bench', '--config', file, '--dry-run'], { env });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Total: 6 requests');
    expect(human.stdout).toContain('Not set in this environment (names only):\n');
    expect(human.stdout).toContain('  ✗ PROVIDER_KEY (API key for direct, cf: a real run needs it and stops before sending anything (exit 2) without it)\n');
    expect(human.stdout).toContain('  ! CF_TOKEN (gateway token for cf: not sent; fine for a gateway without authentication, an authenticated one answers 401)\n');
    expect(human.stdout).not.toContain('OTHER_KEY (');
    expect(human.stdout + human.stderr).not.toContain('test-other-key-999');

    const json = await runCli(['bench', '--config', file, '--dry-run', '--json'], { env });
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout);
    expect(plan).toMatchObject({ schemaVersion: 1, dryRun: true, estimate: { requests: 6 } });
    expect(plan.missingEnv).toEqual([
      { name: 'PROVIDER_KEY', targets: ['direct', 'cf'], required: true },
      { name: 'CF_TOKEN', targets: ['cf'], required: false },
    ]);
    // with every key set, nothing is listed
    const all = JSON.parse((await runCli(['bench', '--config', file, '--dry-run', '--json'], { env: { ...env, PROVIDER_KEY: KEY, CF_TOKEN: 'test-token-x1' } })).stdout);
    expect(all.missingEnv).toEqual([]);
    expect(seen.length).toBe(from);

    const real = await runCli(['bench', '--config', file, '--yes', '--json'], { env });
    expect(real.code).toBe(2);
    expect(JSON.parse(real.stdout).error.message).toBe('Missing environment variable holding API keys: PROVIDER_KEY (for direct, cf). Nothing was sent.');
    expect(seen.length).toBe(from);
  });
});
