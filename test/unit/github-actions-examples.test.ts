import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/commands/context.js';
import { createProgram } from '../../src/program.js';
import { parseOutputFile } from '../helpers/action-runner.js';
// @ts-expect-error: plain JavaScript (the action runs it without a build), no declarations
import { splitWords } from '../../scripts/action/words.mjs';

const DIR = new URL('../../examples/github-actions/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));
const text = (file: string): string => readFileSync(new URL(file, DIR), 'utf8');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Job {
  'runs-on': unknown;
  needs?: string | string[];
  if?: string;
  outputs?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
const jobsOf = (file: string): Record<string, Job> => (yaml.load(text(file)) as { jobs: Record<string, Job> }).jobs;

// The action is this repository (package.json repository), used by ref.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { repository: { url: string } };
const ACTION = /github\.com\/([^/]+\/[^/.]+)/.exec(pkg.repository.url)![1]!;
const isAction = (s: Step): boolean => s.uses?.startsWith(`${ACTION}@`) === true;

const ctx = { out() {}, err() {}, env: {}, cwd: '/', tty: { stdin: false, stdout: false, stderr: false }, width: 100, color: false, signal: new AbortController().signal, exit() {} } as unknown as Ctx;
const program = createProgram(ctx);
const longFlags = (cmd: Command): string[] => cmd.options.flatMap((o) => [o.long ?? '', ...(o.negate ? [] : [`--no-${(o.long ?? '').slice(2)}`])]);

/** A workflow expression filled in as the runner would for one matrix entry; any other expression fails the test. */
function fill(value: string, matrix: Record<string, string>): string {
  return value.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => {
    const m = /^matrix\.(\w+)$/.exec(e);
    if (m && m[1]! in matrix) return matrix[m[1]!]!;
    if (e === 'needs.plan.outputs.start') return '2026-12-06T03:22:00Z';
    throw new Error(`the test does not know \${{ ${e} }}`);
  });
}

const words = (s: string): string[] => (splitWords(s) as Array<Array<{ ch: string }>>).map((w) => w.map((c) => c.ch).join(''));
const INPUT_FLAGS: Record<string, string> = { answers: '--answers', expect: '--expect', 'min-score': '--min-score', config: '--config', 'fail-on': '--fail-on' };

/** The command line an action step runs (as scripts/action/run.mjs builds it), for one matrix entry. */
function actionArgv(step: Step, matrix: Record<string, string> = {}): string[] {
  const w = step.with ?? {};
  const named = Object.entries(INPUT_FLAGS).flatMap(([input, flag]) => (w[input] ? [flag, fill(w[input], matrix)] : []));
  return [w.command ?? 'choose', ...words(fill(w.args ?? '', matrix)), ...named];
}

/** Every matrix entry of a job (the first value of every other key), or one empty entry. */
function entries(job: Job): Array<Record<string, string>> {
  const m = job.strategy?.matrix ?? {};
  const keys = Object.keys(m);
  if (keys.length === 0) return [{}];
  return m[keys[0]!]!.map((v) => Object.fromEntries(keys.map((k) => [k, String(k === keys[0] ? v : m[k]![0])])));
}

describe('examples/github-actions', () => {
  it('has the pull-request guard, the sharded nightly benchmark and the regions benchmark', () => {
    expect(files.sort()).toEqual(['choose-guard.yml', 'nightly-bench.yml', 'regions-bench.yml']);
  });

  it.each(files)('%s is a well-formed workflow', (file) => {
    const wf = yaml.load(text(file)) as Record<string, unknown>;
    expect(typeof wf.name).toBe('string');
    expect(wf.on).toBeTruthy();
    const jobs = jobsOf(file);
    expect(Object.keys(jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(jobs)) {
      expect(job['runs-on']).toBeTruthy();
      for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
    }
  });

  it.each(files)('%s runs gateway-scout only through the action, by ref', (file) => {
    const steps = Object.values(jobsOf(file)).flatMap((j) => j.steps);
    expect(steps.filter(isAction).length).toBeGreaterThan(0);
    for (const s of steps) {
      if (s.uses && !s.uses.startsWith('actions/')) expect(s.uses).toMatch(new RegExp(`^${ACTION}@[\\w.-]+$`));
      if (s.run) expect(s.run).not.toMatch(/gateway-scout|npx|npm /);
    }
  });

  it('nothing anywhere runs an unpublished npm release', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const t of [readme, ...files.map(text)]) {
      expect(t).not.toMatch(/gateway-scout@\d/);
      expect(t).not.toMatch(/npx (--yes |-y )?gateway-scout (choose|cost|bench|report)/);
    }
  });

  it.each(files)('%s passes only commands, flags and inputs that exist', (file) => {
    for (const job of Object.values(jobsOf(file)))
      for (const step of job.steps.filter(isAction))
        for (const matrix of entries(job)) {
          const argv = actionArgv(step, matrix);
          let cmd = program.commands.find((c) => c.name() === argv[0]);
          expect(cmd, `gateway-scout ${argv[0]}`).toBeDefined();
          const sub = cmd!.commands.find((c) => c.name() === argv[1]);
          if (sub) cmd = sub;
          for (const f of argv.filter((x) => x.startsWith('--'))) expect(longFlags(cmd!), `${file}: gateway-scout ${argv.slice(0, 2).join(' ')} ${f}`).toContain(f.split('=')[0]);
          for (const input of Object.keys(step.with ?? {})) expect(['command', 'args', ...Object.keys(INPUT_FLAGS)]).toContain(input);
        }
  });

  it('the guard expects a gateway the catalog knows, and every gate parses', async () => {
    const { parseGates } = await import('../../src/gates/parse.js');
    const steps = files.flatMap((f) => Object.values(jobsOf(f)).flatMap((j) => j.steps.filter(isAction)));
    const gates = steps.flatMap((s) => (s.with?.['fail-on'] ? [s.with['fail-on']] : []));
    expect(gates).toHaveLength(3);
    for (const g of gates) expect(() => parseGates(g)).not.toThrow();
    const catalog = JSON.parse(readFileSync(new URL('../../data/gateways.json', import.meta.url), 'utf8'));
    const guard = jobsOf('choose-guard.yml').choose!.steps.find(isAction)!;
    expect(guard.with).toMatchObject({ command: 'choose', answers: '.gateway-scout.yaml' });
    expect(catalog.gateways.map((g: { id: string }) => g.id)).toContain(guard.with!.expect);
  });
});

describe('nightly-bench.yml: one load test on N machines', () => {
  const jobs = jobsOf('nightly-bench.yml');
  const bench = jobs.bench!;
  const shards = bench.strategy!.matrix.shard!;
  const step = bench.steps.find(isAction)!;
  const upload = bench.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
  const argvs = shards.map((i) => actionArgv(step, { shard: String(i) }));
  const flag = (argv: string[], name: string): string => argv[argv.indexOf(name) + 1]!;

  it('shard i/N for every i in 1..N exactly once, N the matrix length', () => {
    const n = shards.length;
    expect(n).toBeGreaterThan(1);
    expect(step.with!.args).toContain(`--shard \${{ matrix.shard }}/${n}`);
    const parts = argvs.map((a) => flag(a, '--shard'));
    expect(parts.sort()).toEqual(Array.from({ length: n }, (_, k) => `${k + 1}/${n}`).sort());
  });

  it('each shard has its own label, output folder and artifact; all start at the plan job\'s time', () => {
    const n = shards.length;
    expect(new Set(argvs.map((a) => flag(a, '--label'))).size).toBe(n);
    const outs = argvs.map((a) => flag(a, '--out'));
    expect(new Set(outs).size).toBe(n);
    shards.forEach((i, k) => {
      expect(fill(upload.with!.path!, { shard: String(i) })).toBe(outs[k]);
      expect(upload.if).toBe('always()');
    });
    expect(new Set(shards.map((i) => fill(upload.with!.name!, { shard: String(i) }))).size).toBe(n);
    expect(step.with!.args).toContain('--start-at ${{ needs.plan.outputs.start }}');
    expect(bench.needs).toBe('plan');
    expect(jobs.plan!.outputs!.start).toBe('${{ steps.start.outputs.start }}');
  });

  it('the plan job writes a start time a few minutes ahead, in the form --start-at takes', async () => {
    const { startAtFlag } = await import('../../src/commands/bench-time.js');
    const out = join(mkdtempSync(join(tmpdir(), 'gs-plan-')), 'output');
    writeFileSync(out, '');
    const before = Date.now();
    execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', jobs.plan!.steps[0]!.run!], { env: { ...process.env, GITHUB_OUTPUT: out } });
    const start = parseOutputFile(readFileSync(out, 'utf8')).start!;
    expect(start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const ahead = Date.parse(start) - before;
    // date +%S drops the milliseconds: between 5 min − 1 s and 5 min + a few seconds ahead.
    expect(ahead).toBeGreaterThan(5 * 60_000 - 1_000);
    expect(ahead).toBeLessThan(5 * 60_000 + 10_000);
    expect(() => startAtFlag(start, before)).not.toThrow();
  });

  it('the report job needs the shards, downloads every artifact, pools them and gates the pooled run', () => {
    const report = jobs.report!;
    expect(report.needs).toBe('bench');
    expect(report.if).toBe('always()');
    const download = report.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    const toRe = (glob: string): RegExp => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    const names = shards.map((i) => fill(upload.with!.name!, { shard: String(i) }));
    for (const name of names) expect(name).toMatch(toRe(download.with!.pattern!));
    // download-artifact puts each artifact in <path>/<name>; the merge's glob must take every one.
    const [merge, gate] = report.steps.filter(isAction).map((s) => actionArgv(s));
    expect(merge!.slice(0, 2)).toEqual(['report', 'merge']);
    expect(flag(merge!, '--by')).toBe('pooled');
    const runs = merge!.filter((w, k) => k > 1 && !w.startsWith('--') && !merge![k - 1]!.startsWith('--'));
    expect(runs).toHaveLength(1);
    for (const name of names) expect(`${download.with!.path}/${name}`).toMatch(toRe(runs[0]!));
    expect(gate![0]).toBe('report');
    expect(gate![1]).toBe(flag(merge!, '--out'));
    expect(gate).toContain('--fail-on');
  });
});
