import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulators } from '../../src/emulator/server.js';
import { EMULATOR_KEYS } from '../../src/emulator/server.js';
import { profile, start } from '../emulator/helpers.js';
import { validateAgainst } from '../helpers/json-schema.js';
import { runInPty } from '../helpers/pty.js';
import { BIN, ROOT, runCli } from '../helpers/run-cli.js';

const RECORD_FIELDS = [
  'target', 'round', 'seq', 'scheduledAt', 'startedAt', 'status', 'errorClass', 'headersMs', 'ttftMs', 'e2eMs', 'itlMs', 'chunkGapsMs',
  'inputTokens', 'outputTokens', 'tokensSource', 'costUsd', 'costSource', 'cacheStatus', 'responseId', 'gatewayRequestId', 'retryAfterMs', 'selfReportedMs',
].sort();

const KEYS = { PROVIDER_KEY: EMULATOR_KEYS.provider, LITELLM_KEY: EMULATOR_KEYS.litellmMaster };

let emu: RunningEmulators;
let dir: string;
beforeAll(async () => {
  emu = await start({
    profile: profile({ provider: { ttftMs: 30, interTokenMs: 5, tokensPerChunk: 1, jitter: { kind: 'none', ms: 0 }, chunkJitter: { kind: 'none', ms: 0 } } }),
  });
  dir = await mkdtemp(join(tmpdir(), 'gs-bench-'));
});
afterAll(async () => {
  await emu.close();
});

async function writeConfig(name: string, config: object): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(config));
  return file;
}

const directTarget = () => ({ name: 'direct', gateway: 'openai-compatible', baseUrl: emu.byId.provider.baseUrl, model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY', baseline: true });
const litellmTarget = () => ({ name: 'litellm', gateway: 'litellm', baseUrl: emu.byId.litellm.baseUrl, model: 'gpt-4o-mini', apiKeyEnv: 'LITELLM_KEY' });

describe('gateway-scout bench: checks before anything is sent (exit 2)', () => {
  it('needs a config or --demo', async () => {
    const r = await runCli(['bench']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bench needs --config FILE, or --demo');
  });

  it('a missing key variable, no terminal without --yes, a bad config: exit 2 and the emulators saw nothing', async () => {
    const before = emu.counts();
    const file = await writeConfig('two.json', { requests: 2, warmup: 0, targets: [directTarget(), litellmTarget()] });
    const missing = await runCli(['bench', '--config', file, '--yes'], { env: { PROVIDER_KEY: KEYS.PROVIDER_KEY, LITELLM_KEY: undefined } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing environment variable holding API keys: LITELLM_KEY (for litellm). Nothing was sent.');

    const noTty = await runCli(['bench', '--config', file], { env: KEYS });
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/About to send 4 requests .*Without a terminal to confirm on, pass --yes to run\./);

    const bad = await writeConfig('bad.json', { requests: 0, targets: [{ ...directTarget(), apiKey: 'sk-should-not-echo' }] });
    const invalid = await runCli(['bench', '--config', bad, '--yes', '--json'], { env: KEYS });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('targets[0].apiKey');
    expect(invalid.stderr + invalid.stdout).not.toContain('sk-should-not-echo');
    expect(JSON.parse(invalid.stdout).error.code).toBe('invalid-input');

    expect(emu.counts()).toEqual(before);
  });

  it('on a terminal it shows the estimate and asks; no sends nothing, yes runs', async () => {
    // Nothing listens on port 9: a run that goes ahead fails to connect, which is enough to see that it ran.
    const file = await writeConfig('ask.json', { requests: 1, warmup: 0, targets: [{ ...directTarget(), baseUrl: 'http://127.0.0.1:9/v1' }] });
    const no = runInPty(['bench', '--config', file], [{ wait: 'Send them?', send: 'n\r' }], KEYS);
    expect(no.missed).toBeNull();
    expect(no.code).toBe(0);
    expect(no.output).toMatch(/About to send 1 request \(.*estimated spend at most \$/);
    expect(no.output).toContain('Nothing sent.');
    const yes = runInPty(['bench', '--config', file], [{ wait: 'Send them?', send: 'y\r' }], KEYS);
    expect(yes.missed).toBeNull();
    expect(yes.code).toBe(3);
    expect(yes.output).toContain('direct: 1 × connection');
  });

  it('--dry-run prints the plan with URLs and an estimate, and sends nothing', async () => {
    const before = emu.counts();
    const file = await writeConfig('dry.json', { requests: 10, warmup: 1, maxTokens: 100, targets: [directTarget(), litellmTarget()] });
    const r = await runCli(['bench', '--config', file, '--dry-run'], { env: KEYS });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`POST ${emu.byId.provider.baseUrl}/chat/completions`);
    expect(r.stdout).toContain('11 requests (warmup included)');
    expect(r.stdout).toMatch(/Total: 22 requests, at most \$[0-9.]+/);
    const j = await runCli(['bench', '--config', file, '--dry-run', '--json'], { env: KEYS });
    const plan = JSON.parse(j.stdout);
    expect(plan).toMatchObject({ schemaVersion: 1, dryRun: true, estimate: { requests: 22 } });
    expect(plan.missingEnv).toEqual([]);
    // a dry run sends nothing, so it needs no key: it lists the missing variable by name (exit 0)
    const noKey = await runCli(['bench', '--config', file, '--dry-run', '--json'], { env: { PROVIDER_KEY: KEYS.PROVIDER_KEY, LITELLM_KEY: undefined } });
    expect(noKey.code).toBe(0);
    expect(JSON.parse(noKey.stdout).missingEnv).toEqual([{ name: 'LITELLM_KEY', targets: ['litellm'], required: true }]);
    expect(emu.counts()).toEqual(before);
  });
});

describe('prompts from a file', () => {
  it('reads one prompt per line, relative to the config, and cycles through them', async () => {
    await writeFile(join(dir, 'prompts.txt'), 'x'.repeat(40) + '\n\n' + 'y'.repeat(80) + '\n');
    const file = await writeConfig('prompts.json', { requests: 4, warmup: 0, cache: 'allow', prompt: { file: 'prompts.txt' }, targets: [directTarget()] });
    const plan = JSON.parse((await runCli(['bench', '--config', file, '--dry-run', '--json'], { env: KEYS })).stdout);
    // the estimate prices the first prompt: 40 characters → 10 tokens, × 4 requests
    expect(plan.estimate.inputTokens).toBe(40);
    const run = JSON.parse((await runCli(['bench', '--config', file, '--yes', '--json'], { env: KEYS })).stdout);
    // the emulated model counts ceil(chars / 4): two requests of 10 tokens and two of 20
    expect(run.targets[0].tokens.input).toBe(60);
    const missing = await writeConfig('no-prompts.json', { prompt: { file: 'nope.txt' }, targets: [directTarget()] });
    const r = await runCli(['bench', '--config', missing, '--dry-run'], { env: KEYS });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot read the prompt file');
  });
});

describe('gateway-scout bench: a run', () => {
  it('--json prints one document that validates against the published schema; --out writes the three files', async () => {
    const out = join(dir, 'run1');
    const file = await writeConfig('run.json', { requests: 3, warmup: 1, maxTokens: 4, concurrency: 2, targets: [directTarget(), litellmTarget()] });
    const r = await runCli(['bench', '--config', file, '--yes', '--json', '--out', out], { env: KEYS });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('bench', doc)).toEqual([]);
    expect(doc.targets.map((t: { requests: object }) => t.requests)).toEqual([
      { sent: 3, ok: 3, failed: 0 },
      { sent: 3, ok: 3, failed: 0 },
    ]);
    expect((await readdir(out)).sort()).toEqual(['config.json', 'requests.jsonl', 'summary.json']);
    const lines = (await readFile(join(out, 'requests.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(Object.keys(l).sort()).toEqual(RECORD_FIELDS);
    // LiteLLM reports its own overhead (x-litellm-overhead-duration-ms, the catalog's api.selfReportedLatency): kept per
    // request and as a p50 beside the measurement. The emulated proxy adds none here (zero profile), so it says ~0 ms.
    expect(lines.filter((l) => l.target === 'litellm').every((l) => typeof l.selfReportedMs === 'number' && l.selfReportedMs < 50)).toBe(true);
    expect(lines.filter((l) => l.target === 'direct').map((l) => l.selfReportedMs)).toEqual([null, null, null]);
    expect(doc.targets[0].selfReported).toBeNull();
    expect(doc.targets[1].selfReported).toMatchObject({ field: 'x-litellm-overhead-duration-ms', n: 3 });
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'))).toEqual(doc);
    expect(JSON.parse(await readFile(join(out, 'config.json'), 'utf8')).targets[0].apiKeyEnv).toBe('PROVIDER_KEY');
    // never overwrites a previous run
    const again = await runCli(['bench', '--config', file, '--yes', '--out', out], { env: KEYS });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds a benchmark run');
  });

  it('the human report goes to stdout, fitted to the width; progress to stderr', async () => {
    const file = await writeConfig('human.json', { requests: 2, warmup: 0, maxTokens: 3, targets: [directTarget(), litellmTarget()] });
    const r = await runCli(['bench', '--config', file, '--yes'], { env: { ...KEYS, COLUMNS: '72' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Overhead vs direct');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(72);
    expect(r.stderr).toContain('Benchmarking 2 targets × 2 requests');
    expect(r.stderr).toContain('direct 2/2 · litellm 2/2');
  });

  it('exit 3 when no request succeeded; the report still says why', async () => {
    const file = await writeConfig('down.json', { requests: 2, warmup: 0, targets: [{ ...directTarget(), baseUrl: 'http://127.0.0.1:9/v1' }] });
    const r = await runCli(['bench', '--config', file, '--yes'], { env: KEYS });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('direct: 2 × connection');
    expect(r.stderr).toContain('No request succeeded');
  });

  it('--max-spend stops sending, finishes what is in flight and says so (exit 0)', async () => {
    // Demo requests cost about $1.1e-5 each; a $0.00005 cap allows only a handful of the 40 planned — about one per
    // target with four targets (with all ten, most would get none and the run would fail them).
    const r = await runCli(['bench', '--demo', '--json', '--targets', 'direct,litellm,openrouter,cloudflare', '--max-spend', '0.00005', '--requests', '10', '--warmup', '0']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toEqual({ ended: 'max-spend', ok: true, failedTargets: [] });
    expect(doc.run.spentUsd).toBeLessThanOrEqual(0.00005);
    expect(doc.run.sentRequests).toBeLessThan(40);
    expect(doc.warnings.join('\n')).toContain('Stopped at the --max-spend cap ($0.00005)');
    expect(r.stderr).toContain('Reached --max-spend');
  });

  it('Ctrl-C keeps every completed record and the summary, and exits 130', async () => {
    const out = join(dir, 'interrupted');
    const file = await writeConfig('long.json', { requests: 500, warmup: 0, maxTokens: 8, concurrency: 2, targets: [directTarget(), litellmTarget()] });
    const child = spawn(process.execPath, [BIN, 'bench', '--config', file, '--yes', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, ...KEYS, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // wait until a few records are on disk
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const text = await readFile(join(out, 'requests.jsonl'), 'utf8').catch(() => '');
      if (text.split('\n').length > 6) break;
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const lines = (await readFile(join(out, 'requests.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.length).toBeLessThan(1000);
    for (const l of lines) expect(Object.keys(l).sort()).toEqual(RECORD_FIELDS);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(validateAgainst('bench', summary)).toEqual([]);
    expect(summary.status.ended).toBe('interrupted');
    expect(summary.run.sentRequests).toBe(lines.length);
    expect(stdout).toContain('INTERRUPTED');
  });
});

describe('gateway-scout bench: --label, --fail-on and GitHub Actions', () => {
  it('a bad gate, an unknown gate target, a bad label or flag: exit 2 with where it failed, one error document, nothing sent', async () => {
    const before = emu.counts();
    const file = await writeConfig('gates-bad.json', { requests: 2, warmup: 0, targets: [directTarget(), litellmTarget()] });
    const syntax = await runCli(['bench', '--config', file, '--yes', '--json', '--fail-on', 'ttft.p95 >> 800ms'], { env: KEYS });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain('--fail-on: expected a number after ">", found ">" at column 11.');
    expect(JSON.parse(syntax.stdout).error).toMatchObject({ code: 'usage', exitCode: 2 });
    const target = await runCli(['bench', '--config', file, '--yes', '--fail-on', 'openroutr:ttft.p95 > 800ms'], { env: KEYS });
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('names the target "openroutr", which is not among the results');
    const label = await runCli(['bench', '--config', file, '--yes', '--label', '-nope'], { env: KEYS });
    expect(label.code).toBe(2);
    expect(label.stderr).toContain('--label expects up to 64 letters');
    for (const args of [['--requests', 'many'], ['--bogus'], ['--rate', '0'], ['--max-spend', '-1']]) {
      const r = await runCli(['bench', '--config', file, '--yes', '--json', ...args], { env: KEYS });
      expect(r.code, args.join(' ')).toBe(2);
      // exactly one JSON document on stdout: the error
      expect(JSON.parse(r.stdout).error.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: /);
    }
    expect(emu.counts()).toEqual(before);
  });

  it('evaluates the gates after the run: exit 1 naming gate, target, value and limit; every gate in the JSON document', async () => {
    const out = join(dir, 'gated');
    const file = await writeConfig('gated.json', { requests: 3, warmup: 0, maxTokens: 4, targets: [directTarget(), litellmTarget()] });
    // TTFT is about 30 ms on every target (the profile), so "> 1ms" fails everywhere and "> 50%" errors passes.
    const r = await runCli(['bench', '--config', file, '--yes', '--json', '--label', 'ci runner 1', '--out', out, '--fail-on', 'ttft.p50 > 1ms, errors.rate > 50%'], { env: KEYS });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('bench', doc)).toEqual([]);
    expect(doc.environment.label).toBe('ci runner 1');
    // both targets are emulators (they answer with x-emulator-endpoint): the run says so, so --bench can refuse it
    expect(doc.run.emulatedTargets).toEqual(['direct', 'litellm']);
    const refused = await runCli(['choose', '--defaults', '--bench', join(out, 'summary.json')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is a demo, not a measurement: direct, litellm answered from');
    expect(doc.gates.map((g: { gate: string; target: string; status: string }) => `${g.gate} ${g.target} ${g.status}`)).toEqual([
      'ttft.p50 > 1ms direct fail',
      'ttft.p50 > 1ms litellm fail',
      'errors.rate > 50% direct pass',
      'errors.rate > 50% litellm pass',
    ]);
    const direct = doc.targets[0].latencyMs.ttft.p50 as number;
    expect(r.stderr).toContain(`gate failed: "ttft.p50 > 1ms" failed for direct: ttft.p50 is ${String(Number(direct.toFixed(1)))} ms, limit > 1 ms`);
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).gates).toEqual(doc.gates);
    // every target carries its mergeable histograms
    expect(Object.keys(doc.targets[0].histograms).sort()).toEqual(['e2e', 'headers', 'itl', 'outputTokensPerSecond', 'ttft']);
  });

  const actionsConfig = () =>
    writeConfig('actions.json', { requests: 2, warmup: 0, maxTokens: 3, targets: [directTarget(), litellmTarget(), { ...directTarget(), name: 'down', baseline: false, baseUrl: 'http://127.0.0.1:9/v1' }] });

  it('inside GitHub Actions: key values masked before anything else, the step summary appended, ::error per target not measured and per failed gate, ::warning per note', async () => {
    const summary = join(dir, 'step-summary.md');
    await writeFile(summary, '# earlier step\n');
    const r = await runCli(['bench', '--config', await actionsConfig(), '--yes', '--fail-on', 'down:errors.rate > 0%'], { env: { ...KEYS, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    // `down` answered nothing: the run failed (3), which wins over the failed gate (1)
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^::error title=gateway-scout target not measured::down: all 2 measured requests failed: 2 × connection \(first: ECONNREFUSED/m);
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 2).sort()).toEqual([`::add-mask::${KEYS.LITELLM_KEY}`, `::add-mask::${KEYS.PROVIDER_KEY}`].sort());
    expect(lines[2]).not.toMatch(/^::/);
    // (the runner's escaping: % is %25 in a workflow command)
    expect(r.stderr).toContain('::error title=gateway-scout gate failed::gate "down:errors.rate > 0%25" failed for down: errors.rate is 100%25, limit > 0%25\n');
    expect(r.stderr).toMatch(/^::warning title=gateway-scout benchmark::down: 2 × connection/m);
    const md = await readFile(summary, 'utf8');
    expect(md.startsWith('# earlier step\n### gateway-scout benchmark')).toBe(true);
    expect(md).toContain('**Gates: ❌ 1 of 1 checks failed**');
    expect(md).toContain('**❌ Failed: 1 of 3 targets had no successful request (not measured)**');
    expect(r.stdout).not.toContain('::');
  });

  it('outside Actions none of it: no masks, no annotations, no step summary', async () => {
    const summary = join(dir, 'not-written.md');
    const r = await runCli(['bench', '--config', await actionsConfig(), '--yes', '--fail-on', 'down:errors.rate > 0%'], { env: { ...KEYS, GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(3);
    expect(r.stderr + r.stdout).not.toMatch(/::(add-mask|error|warning)/);
    expect(r.stderr).toContain('gate failed: "down:errors.rate > 0%" failed for down');
    await expect(readFile(summary, 'utf8')).rejects.toThrow();
  });
});

describe('keys never leave the process', () => {
  let echo: Server;
  let url: string;
  const SENTINEL = 'test-key-SENTINEL-7f3a9c1e5b';
  beforeAll(async () => {
    // A hostile server: it echoes the Authorization header into error bodies, response ids and headers.
    let n = 0;
    echo = createServer((req, res) => {
      const auth = String(req.headers.authorization ?? '');
      req.resume();
      req.on('end', () => {
        n++;
        if (n % 2 === 1) {
          res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': auth });
          res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${auth}` } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': auth });
        const c = (delta: object, extra = {}) => `data: ${JSON.stringify({ id: `chatcmpl-${auth}`, choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
        res.end(c({ content: `your key is ${auth}` }) + c({}, { choices: [], usage: { prompt_tokens: 3, completion_tokens: 5 } }) + 'data: [DONE]\n\n');
      });
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => echo.close(() => r())));

  it('a sentinel key appears in no output and no written file, even when the server echoes it', async () => {
    const out = join(dir, 'sentinel');
    const file = await writeConfig('sentinel.json', { requests: 4, warmup: 0, concurrency: 1, targets: [{ name: 'echo', gateway: 'openai-compatible', baseUrl: url, model: 'gpt-4o-mini', apiKeyEnv: 'SENTINEL_KEY' }] });
    for (const extra of [[], ['--json']]) {
      const target = join(out, extra.length ? 'json' : 'human');
      const r = await runCli(['bench', '--config', file, '--yes', '--out', target, ...extra], { env: { SENTINEL_KEY: SENTINEL } });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(SENTINEL);
      for (const f of await readdir(target)) expect(await readFile(join(target, f), 'utf8')).not.toContain(SENTINEL);
      // the records did get the (redacted) ids, so the scrubbing is what kept the key out
      expect(await readFile(join(target, 'requests.jsonl'), 'utf8')).toContain('[redacted]');
    }
    // a server that is not one of gateway-scout's emulators (no x-emulator-endpoint): nothing emulated
    expect(JSON.parse(await readFile(join(out, 'json', 'summary.json'), 'utf8')).run.emulatedTargets).toEqual([]);
  });

  it('a redirect is not followed, so the key is never sent to another host', async () => {
    let reached = 0;
    const other = createServer((_req, res) => {
      reached++;
      res.end();
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const to = `http://localhost:${(other.address() as AddressInfo).port}/v1/chat/completions?token=abc`;
    const redirector = createServer((req, res) => {
      req.resume();
      res.writeHead(307, { location: to });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    try {
      const file = await writeConfig('redirect.json', {
        requests: 1,
        warmup: 0,
        targets: [{ name: 'r', gateway: 'openai-compatible', baseUrl: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/v1`, model: 'm', apiKeyEnv: 'SENTINEL_KEY' }],
      });
      const r = await runCli(['bench', '--config', file, '--yes'], { env: { SENTINEL_KEY: SENTINEL } });
      expect(r.code).toBe(3);
      expect(reached).toBe(0);
      expect(r.stdout).toContain(`r: 1 × bad_response (first: HTTP 307: redirect to localhost:${(other.address() as AddressInfo).port} not followed)`);
      expect(r.stdout).not.toContain('token=abc');
    } finally {
      await Promise.all([new Promise((r) => other.close(r)), new Promise((r) => redirector.close(r))]);
    }
  });
});

describe('close the loop: choose --bench and cost --bench', () => {
  // What measurements do to the advice, on hand-built runs of real gateways: test/e2e/bench-measurements.test.ts.
  // A `bench --demo` run is refused there too: a demo is not a measurement.
  it('refuses what is not one benchmark run of real gateways', async () => {
    const bad = await runCli(['choose', '--defaults', '--bench', 'test/fixtures/answers/self-hosted.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a benchmark summary');

    // A merged document holds several runs: refused with a way forward, not with schema issues.
    const merged = join(dir, 'merged.json');
    expect((await runCli(['report', 'merge', 'test/fixtures/bench/shard-1.json', 'test/fixtures/bench/shard-2.json', '--out', merged])).code).toBe(0);
    const refused = await runCli(['cost', '--defaults', '--bench', merged, '--json']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.message).toContain('is a merged document (report merge), not one benchmark run');
  });
});

describe('gateway-scout bench init and schemas', () => {
  it('writes a commented config from the catalog that refuses to run until its placeholders are filled', async () => {
    const r = await runCli(['bench', 'init']);
    expect(r.code).toBe(0);
    const raw = load(r.stdout) as { targets: { name: string }[] };
    expect(raw.targets.map((t) => t.name)).toEqual(['direct', 'litellm', 'openrouter', 'cloudflare', 'portkey', 'vercel', 'kong', 'bifrost', 'tensorzero', 'helicone']);
    const file = join(dir, 'init.yaml');
    const w = await runCli(['bench', 'init', '--out', file]);
    expect(w.code).toBe(0);
    const dry = await runCli(['bench', '--config', file, '--dry-run']);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain('targets[3].accountId: replace the placeholder YOUR_ACCOUNT_ID with your value');
    expect((await runCli(['bench', 'init', '--out', file])).code).toBe(2);
  });

  it('--from a choose document: the pick and the runner-up', async () => {
    const choose = await runCli(['choose', '--answers', 'test/fixtures/answers/self-hosted.json', '--json']);
    const doc = JSON.parse(choose.stdout);
    const from = join(dir, 'choose.json');
    await writeFile(from, choose.stdout);
    const r = await runCli(['bench', 'init', '--from', from]);
    expect(r.code).toBe(0);
    const names = (load(r.stdout) as { targets: { name: string }[] }).targets.map((t) => t.name);
    expect(names[0]).toBe('direct');
    expect(names).toContain(doc.recommendation.stack[0]);
  });

  it('publishes the config and result schemas', async () => {
    for (const name of ['bench-config', 'bench']) {
      const r = await runCli(['schema', name]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).title).toBe(`gateway-scout ${name}`);
    }
  });
});
