import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCliError } from '../../src/cli.js';
import type { Ctx } from '../../src/commands/context.js';
import type { DrillFlags } from '../../src/commands/drill.js';
import { runDrillCommand } from '../../src/commands/drill-run.js';
import type { DrillRunner, RunnerInput } from '../../src/commands/drill-runner.js';
import { drillDocumentSchema } from '../../src/drill/document.js';
import type { DrillRequestResult } from '../../src/drill/types.js';
import { renderError } from '../../src/report/error.js';
import { runCli } from '../helpers/run-cli.js';
import { attempt, refused, result } from '../helpers/drill-builders.js';

/**
 * The drill command's own parts with a fake runner (the upstreams and the runner are tested in test/drill, and
 * the whole drill through the CLI in drill-end-to-end.test.ts): what reaches stdout and stderr, the files, the
 * gates and the exit codes.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gs-drill-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIG = `# a drill of one gateway
upstreams:
  primary: { port: 18101 }
  secondary: { port: 18102 }
target:
  name: litellm
  gateway: litellm
  baseUrl: http://127.0.0.1:4000/v1
  model: drill-route
  apiKeyEnv: DRILL_TEST_KEY
scenarios: [none, http-500, stream-cut]
requests: 1
stream: true
timeoutsMs: { request: 2000 }
`;

async function configFile(text = CONFIG, name = `drill-${Math.random().toString(16).slice(2)}.yaml`): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

const cut = () => attempt('primary', { action: 'cut', completionTokens: 3, completed: false });
/** none ok; http-500 failed over; stream-cut truncated silently, its error text echoing the key. */
const RESULTS: DrillRequestResult[] = [
  result('none', {}, [attempt('primary')], { target: 'litellm' }),
  result('http-500', {}, [refused(500), attempt('secondary')], { target: 'litellm' }),
  result('stream-cut', { status: 200, complete: false, errorText: 'echo test-key-123' }, [cut()], { target: 'litellm' }),
];

interface Fake {
  runner: DrillRunner;
  calls: RunnerInput[];
}

/** A runner that hands out the given results one by one, waiting `gapMs` between them (for "as they arrive"). */
function fakeRunner(results = RESULTS, o: { interrupted?: boolean; gapMs?: number; between?: () => Promise<void> } = {}): Fake {
  const calls: RunnerInput[] = [];
  const runner: DrillRunner = async (input) => {
    calls.push(input);
    const set = await input.targets({ primaryUrl: 'http://127.0.0.1:1/v1', secondaryUrl: 'http://127.0.0.1:2/v1' });
    for (const [i, r] of results.entries()) {
      input.onResult(r);
      if (i === 0 && o.between) await o.between();
    }
    await set.close();
    return { targets: set.targets, results, interrupted: o.interrupted ?? false, unattributed: 0 };
  };
  return { runner, calls };
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command as cli.ts runs it (errors rendered on stderr, or as a document with --json), with the fake runner. */
async function drive(flags: DrillFlags, fake: Fake, over: { env?: Record<string, string>; tty?: boolean } = {}): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const ctx: Ctx = {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    env: { DRILL_TEST_KEY: 'test-key-123', ...over.env },
    cwd: dir,
    tty: { stdin: over.tty ?? false, stdout: false, stderr: over.tty ?? false },
    width: 100,
    color: false,
    errColor: false,
    prompt: { input: Readable.from(['']), output: { write: () => true } as unknown as NodeJS.WritableStream },
    signal: new AbortController().signal,
    exit: () => undefined,
  };
  try {
    return { code: await runDrillCommand(flags, ctx, fake.runner), stdout, stderr };
  } catch (e) {
    const err = toCliError(e);
    return { code: err.exitCode, stdout, stderr: stderr + renderError(err, false) };
  }
}

describe('drill --config with a fake runner', () => {
  it('runs the config\'s scenarios and prints the verdict table', async () => {
    const fake = fakeRunner();
    const r = await drive({ config: await configFile(), yes: true }, fake);
    expect(r.code).toBe(0);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({
      upstreams: { primary: { port: 18101, host: '127.0.0.1' }, secondary: { port: 18102, host: '127.0.0.1' } },
      scenarios: ['none', 'http-500', 'stream-cut'],
      modes: ['stream'],
      requests: 1,
      timeoutMs: 2000,
      faults: { slowTtftMs: 8000, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 24 },
      pauseMs: 0,
    });
    // none pass, http-500 pass, stream-cut fail.
    expect(r.stdout).toContain('  ✗ litellm: 2 pass, 1 fail — silent truncation on stream-cut (stream)\n');
    expect(r.stderr).toContain('Drilling litellm: 3 scenarios, streamed, 1 request each: 3 requests per target\n');
  });

  it('sends the key as a bearer token, and never prints it', async () => {
    const fake = fakeRunner();
    const r = await drive({ config: await configFile(), yes: true, json: true }, fake);
    const set = await fake.calls[0]!.targets({ primaryUrl: 'a', secondaryUrl: 'b' });
    expect(set.targets[0]!.headers).toEqual({ authorization: 'Bearer test-key-123' });
    expect(r.stdout + r.stderr).not.toContain('test-key-123');
    expect(r.stdout).toContain('echo [redacted]');
  });

  it('--json prints exactly one valid drill document', async () => {
    const r = await drive({ config: await configFile(), yes: true, json: true }, fakeRunner());
    expect(r.code).toBe(0);
    const doc = drillDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.drill.scenarios.map((s) => [s.id, s.outcome, s.grade])).toEqual([
      ['none', 'ok', 'pass'],
      ['http-500', 'failed-over', 'pass'],
      ['stream-cut', 'silent-truncation', 'fail'],
    ]);
    expect(doc).toMatchObject({ demo: false, status: 'complete', gates: [], passed: true });
    expect(doc.targets).toEqual([{ name: 'litellm', gateway: 'litellm', baseUrl: 'http://127.0.0.1:4000/v1', model: 'drill-route' }]);
  });

  it('--scenarios, --stream and --requests override the config', async () => {
    const fake = fakeRunner();
    await drive({ config: await configFile(), yes: true, json: true, scenarios: 'flapping, none', stream: 'both', requests: '4' }, fake);
    expect(fake.calls[0]).toMatchObject({ scenarios: ['flapping', 'none'], modes: ['stream', 'non-stream'], requests: 4 });
  });

  it('--out writes attempts.jsonl as results arrive, and drill.json at the end', async () => {
    const out = join(dir, 'run-out');
    let early = '';
    // After the first result the run waits until its line is on disk (the writer batches for 50 ms): it is there
    // while the run is still going, not only when it ends.
    const between = async () => {
      for (let i = 0; i < 100 && early === ''; i++) {
        await new Promise((r) => setTimeout(r, 20));
        early = await readFile(join(out, 'attempts.jsonl'), 'utf8').catch(() => '');
      }
    };
    const r = await drive({ config: await configFile(), yes: true, json: true, out: 'run-out' }, fakeRunner(RESULTS, { between }));
    expect(r.code).toBe(0);
    expect(early.trim().split('\n')).toHaveLength(1);
    const lines = (await readFile(join(out, 'attempts.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as DrillRequestResult);
    expect(lines.map((l) => l.scenario)).toEqual(['none', 'http-500', 'stream-cut']);
    expect(lines[2]!.client.errorText).toBe('echo [redacted]');
    expect(JSON.parse(await readFile(join(out, 'drill.json'), 'utf8'))).toEqual(JSON.parse(r.stdout));
    expect(r.stderr).toContain(`Wrote ${join(out, 'attempts.jsonl')} and drill.json.`);
    // A second run into the same directory is refused before it sends.
    const again = fakeRunner();
    const second = await drive({ config: await configFile(), yes: true, out: 'run-out' }, again);
    expect(second.code).toBe(2);
    expect(again.calls).toHaveLength(0);
    expect(second.stderr).toContain('already holds a drill');
  });

  it('--markdown writes the markdown report', async () => {
    const r = await drive({ config: await configFile(), yes: true, markdown: 'drill.md' }, fakeRunner());
    expect(r.code).toBe(0);
    const md = await readFile(join(dir, 'drill.md'), 'utf8');
    expect(md).toContain('| stream-cut | stream | silent truncation | ❌ fail | 1 / 0 | 200 |');
    expect(md).not.toContain('test-key-123');
  });
});

describe('drill gates and exit codes', () => {
  it('--fail-on "drill.silent-truncation > 0" exits 1 and says which gate failed', async () => {
    const r = await drive({ config: await configFile(), yes: true, json: true, failOn: 'drill.silent-truncation > 0' }, fakeRunner());
    expect(r.code).toBe(1);
    const doc = drillDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.passed).toBe(false);
    expect(doc.gates).toEqual([expect.objectContaining({ target: 'litellm', measured: 1, status: 'fail' })]);
    expect(r.stderr).toContain('gate failed: "drill.silent-truncation > 0" failed for litellm: drill.silent-truncation is 1, limit > 0\n');
  });

  it('a gateway no request got through (connection refused at every request): exit 3, a warning saying what to check, the document still printed', async () => {
    const refusedConn = { status: null, complete: false, transportError: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4000' };
    const dead = [result('none', refusedConn, [], { target: 'litellm' }), result('http-500', refusedConn, [], { target: 'litellm' })];
    const r = await drive({ config: await configFile(), yes: true, json: true }, fakeRunner(dead));
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.warnings[0]).toContain('litellm: no request reached either upstream (the client got "ECONNREFUSED');
    expect(doc.warnings[0]).toContain('drill init --gateway ID');
    expect(r.stderr).toContain('no request reached either upstream, so the drill measured nothing');
  });

  it('one request that reaches an upstream is enough to judge the run (exit 0 without gates)', async () => {
    const refusedConn = { status: null, complete: false, transportError: 'ECONNREFUSED' };
    const r = await drive({ config: await configFile(), yes: true, json: true }, fakeRunner([result('none', refusedConn, [], { target: 'litellm' }), result('http-500', {}, [refused(500), attempt('secondary')], { target: 'litellm' })]));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings.join(' ')).not.toContain('no request reached');
  });

  it('a gate that holds for nobody exits 0', async () => {
    const r = await drive({ config: await configFile(), yes: true, failOn: 'drill.hang > 0' }, fakeRunner());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Gates: all 1 checks passed');
  });

  it('a bad gate, or one naming another target, exits 2 before anything is sent', async () => {
    for (const failOn of ['drill.truncated > 0', 'openrouter:drill.fail > 0']) {
      const fake = fakeRunner();
      const r = await drive({ config: await configFile(), yes: true, failOn }, fake);
      expect(r.code).toBe(2);
      expect(fake.calls).toHaveLength(0);
    }
  });

  it('an interrupted run exits 130 and keeps what was measured', async () => {
    const r = await drive({ config: await configFile(), yes: true, json: true, out: 'run-int' }, fakeRunner(RESULTS.slice(0, 1), { interrupted: true }));
    expect(r.code).toBe(130);
    const doc = drillDocumentSchema.parse(JSON.parse(await readFile(join(dir, 'run-int', 'drill.json'), 'utf8')));
    expect(doc.status).toBe('interrupted');
    expect(doc.drill.scenarios).toHaveLength(1);
  });

  it('a bad config exits 2 naming the file and the field', async () => {
    const file = await configFile(CONFIG.replace('[none, http-500, stream-cut]', '[none, http-502]'));
    const fake = fakeRunner();
    const r = await drive({ config: file, yes: true }, fake);
    expect(r.code).toBe(2);
    expect(fake.calls).toHaveLength(0);
    expect(r.stderr).toContain(`error: The drill config ${file} is invalid.\n  scenarios[1]: `);
    expect(r.stderr).toContain('hint: See gateway-scout schema drill-config');
  });

  it('a key written in the config is refused without echoing it', async () => {
    const file = await configFile(CONFIG.replace('  apiKeyEnv: DRILL_TEST_KEY', '  apiKey: sk-live-abc'));
    const r = await drive({ config: file, yes: true }, fakeRunner());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('target.apiKey: keys are never read from the config file');
    expect(r.stderr).not.toContain('sk-live-abc');
  });

  it('a key variable that is not set exits 2', async () => {
    const r = await drive({ config: await configFile(), yes: true }, fakeRunner(), { env: { DRILL_TEST_KEY: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('names DRILL_TEST_KEY, which is not set (or empty)');
  });

  it('without a terminal and without --yes, exits 2 and sends nothing', async () => {
    const fake = fakeRunner();
    const r = await drive({ config: await configFile() }, fake);
    expect(r.code).toBe(2);
    expect(fake.calls).toHaveLength(0);
    expect(r.stderr).toContain('About to drill litellm: 3 scenarios, streamed, 1 request each: 3 requests per target, with the upstreams on 127.0.0.1:18101 (primary) and 127.0.0.1:18102 (secondary). Without a terminal to confirm on, pass --yes to run.');
  });

  it('refuses a selection with nothing to send', async () => {
    const r = await drive({ config: await configFile(), yes: true, scenarios: 'no-done', stream: 'false' }, fakeRunner());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Nothing to send: no-done has no non-stream form.');
  });

  it.each([
    [{ scenarios: 'http-502' }, '--scenarios: unknown scenario "http-502".'],
    [{ stream: 'yes' }, '--stream expects true, false or both, got "yes".'],
    [{ requests: '0' }, '--requests expects'],
  ])('refuses the flags %o', async (flags, message) => {
    const r = await drive({ config: await configFile(), yes: true, ...flags }, fakeRunner());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('drill in GitHub Actions', () => {
  it('masks the key first, appends the markdown to the step summary, and annotates failed gates', async () => {
    const summary = join(dir, 'step-summary.md');
    const r = await drive({ config: await configFile(), yes: true, failOn: 'drill.fail > 0' }, fakeRunner(), { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith('::add-mask::test-key-123\n')).toBe(true);
    expect(r.stderr).toContain('::error title=gateway-scout drill gate failed::gate "drill.fail > 0" failed for litellm');
    expect(await readFile(summary, 'utf8')).toContain('### gateway-scout failover drill');
  });
});

describe('drill through the CLI (the built program)', () => {
  it('needs --config or --demo (exit 2), and says so as JSON with --json', async () => {
    const r = await runCli(['drill', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'usage', exitCode: 2, message: 'drill needs --config FILE, or --demo to try it on built-in emulated gateways.' } });
  });

  it('a bad config exits 2 with the file and the field, without a terminal', async () => {
    const file = await configFile(CONFIG.replace('requests: 1', 'requests: 0'));
    const r = await runCli(['drill', '--config', file, '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`The drill config ${file} is invalid.`);
    expect(r.stderr).toMatch(/\n {2}requests: /);
  });

  it('prints the schemas of the document and the config', async () => {
    const doc = await runCli(['schema', 'drill']);
    expect(JSON.parse(doc.stdout)).toMatchObject({ title: 'gateway-scout drill' });
    const config = await runCli(['schema', 'drill-config']);
    expect(JSON.parse(config.stdout)).toMatchObject({ title: 'gateway-scout drill-config', required: ['upstreams', 'target'] });
  });

  it('checks drill init\'s ports before anything else', async () => {
    const r = await runCli(['drill', 'init', '--gateway', 'litellm', '--primary-port', '9000', '--secondary-port', '9000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the secondary needs a port of its own');
  });
});

