import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/run-cli.js';

const broken = join(mkdtempSync(join(tmpdir(), 'gs-width-')), 'broken-catalog.json');
writeFileSync(broken, JSON.stringify({ version: 'x', sources: [], gateways: [{ id: 'Bad Id', name: 'A gateway whose name is long enough to wrap at eighty columns' }] }));

/** Every human report, in its short and its long form. */
const REPORTS: [string, string[]][] = [
  ['choose (a stack)', ['choose', '--answers', 'examples/routing-with-guardrails.yaml']],
  ['choose --details (a stack)', ['choose', '--answers', 'examples/routing-with-guardrails.yaml', '--details']],
  ['choose (with exclusions)', ['choose', '--answers', 'examples/self-hosted-platform.yaml']],
  ['choose --details (with exclusions)', ['choose', '--answers', 'examples/self-hosted-platform.yaml', '--details']],
  ['cost', ['cost', '--answers', 'examples/startup-no-keys.yaml']],
  ['cost --details', ['cost', '--answers', 'examples/startup-no-keys.yaml', '--details', '--needs', 'sso,budgets']],
  ['compare', ['compare']],
  // The closing benchmark's report is checked by the bench tests; here the tour's own layout.
  ['demo', ['demo', '--no-bench']],
  ['data validate', ['data', 'validate']],
  ['data validate (problems)', ['data', 'validate', broken]],
  ['data models', ['data', 'models']],
  ['bench --demo (a real run, with a failing gate)', ['bench', '--demo', '--requests', '4', '--warmup', '1', '--fail-on', 'ttft.p50 > 1ms']],
  ['bench --dry-run', ['bench', '--demo', '--dry-run']],
  ['report (with gates)', ['report', 'test/fixtures/bench/us-east', '--fail-on', 'ttft.p95 > 150ms, errors.rate > 1%']],
  ['report (two origins side by side)', ['report', 'test/fixtures/bench/us-east', 'test/fixtures/bench/eu-west.json']],
];

const URL_ONLY = /^\s*https?:\/\/\S+$/;

/** Lines wider than the terminal, other than a line that is only a URL. */
function tooWide(text: string, width: number): string[] {
  return text.split('\n').filter((l) => [...l].length > width && !URL_ONLY.test(l));
}

describe.each([80, 120])('every report fits %i columns (COLUMNS, no terminal)', (width) => {
  it.each(REPORTS)('%s', async (_, args) => {
    const r = await runCli(args, { env: { COLUMNS: String(width) } });
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stdout.split('\n').length).toBeGreaterThan(2);
    expect(tooWide(r.stdout, width)).toEqual([]);
  });

  it('emulate (its endpoint table)', async () => {
    const child = spawn(process.execPath, [BIN, 'emulate', '--profile', 'zero'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', COLUMNS: String(width) } });
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('faults: none')) resolve();
      });
      child.on('exit', () => reject(new Error('exited early')));
    });
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', resolve);
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(stdout).toContain('test-key-provider');
    expect(tooWide(stdout, width)).toEqual([]);
  });
});

describe('the default choose report fits about one screen', () => {
  it.each(['routing-with-guardrails', 'self-hosted-platform', 'startup-no-keys'])('%s: at most 60 lines at 80 columns, the pick first', async (profile) => {
    const r = await runCli(['choose', '--answers', `examples/${profile}.yaml`], { env: { COLUMNS: '80' } });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(60);
    expect(lines[0]).toMatch(/^Recommendation: /);
    // The confidence, or that nothing else is eligible.
    expect(lines[1]).toMatch(/^ {2}score \d+\/100 · (confidence (high|medium|low): \d+ points? ahead of |the only eligible option)/);
  });
});
