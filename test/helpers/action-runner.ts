import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { ROOT } from './run-cli.js';

/**
 * action.yml's steps run as the GitHub runner runs a composite action, as far as this machine allows: inputs
 * filled in with their defaults, `${{ }}` expressions substituted, `uses:` steps skipped (their outputs stubbed:
 * actions/cache reports a hit, since node_modules and dist are already here), each `run:` step written to a
 * file and run with `bash --noprofile --norc -eo pipefail {0}` in the workspace with its own GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, and the action's outputs read back from the steps'. The evaluator knows only the
 * expressions action.yml uses and throws on any other, so the action cannot drift from what this tests.
 */

export interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

export interface ActionFile {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export const loadAction = (): ActionFile => yaml.load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionFile;

export interface ActionRun {
  /** The exit code of the step that failed, else 0 (the runner fails the action with the first failing step). */
  code: number;
  outputs: Record<string, string>;
  /** Everything the steps printed, stdout and stderr apart; the runner shows both in the log. */
  stdout: string;
  stderr: string;
  /** Every step summary, in order (the runner shows each step's). */
  summary: string;
  /** The raw GITHUB_OUTPUT files, to check nothing secret went there. */
  outputFiles: string;
  /** Which steps ran, were skipped by `if:`, or were `uses:` steps stubbed. */
  steps: Array<{ name: string; ran: 'run' | 'skipped' | 'uses' }>;
}

/** The GITHUB_OUTPUT file's `name=value` and `name<<DELIM … DELIM` entries. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: delimiter ${heredoc[2]} never closed`);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    else if (line !== '') throw new Error(`GITHUB_OUTPUT: cannot read line ${JSON.stringify(line)}`);
  }
  return out;
}

type Context = { inputs: Record<string, string>; steps: Record<string, Record<string, string>> };

/** One expression: a context value (`inputs.x`, `github.action_path`, `steps.id.outputs.x`) or `value != 'literal'`. */
export function evaluate(expr: string, ctx: Context): string {
  const e = expr.trim();
  const cmp = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(e);
  if (cmp) return String((evaluate(cmp[1]!, ctx) === cmp[3]) === (cmp[2] === '=='));
  if (e === 'github.action_path') return ROOT.replace(/\/$/, '');
  let m = /^inputs\.([A-Za-z_][\w-]*)$/.exec(e);
  if (m) {
    if (!(m[1]! in ctx.inputs)) throw new Error(`action.yml uses inputs.${m[1]}, which it does not declare`);
    return ctx.inputs[m[1]!]!;
  }
  m = /^steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)$/.exec(e);
  if (m) {
    if (!(m[1]! in ctx.steps)) throw new Error(`action.yml reads steps.${m[1]} before (or without) a step with that id`);
    return ctx.steps[m[1]!]![m[2]!] ?? '';
  }
  throw new Error(`the test's expression evaluator does not know \${{ ${e} }}: teach it (test/helpers/action-runner.ts) before action.yml uses it`);
}

export const substitute = (text: string, ctx: Context): string => text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => evaluate(e, ctx));

/** What a `uses:` step leaves behind here: the cache step restores node_modules and dist (a hit). */
const STUBBED: Record<string, Record<string, string>> = { 'actions/setup-node': {}, 'actions/cache': { 'cache-hit': 'true' } };

function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'gs-action-step-')), 'step.sh');
  writeFileSync(file, script);
  return new Promise((done, fail) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

/** Run the action with these inputs in `workspace`, with `env` added to what every step sees. */
export async function runAction(inputs: Record<string, string>, workspace: string, env: Record<string, string> = {}): Promise<ActionRun> {
  const action = loadAction();
  const temp = mkdtempSync(join(tmpdir(), 'gs-action-runner-'));
  for (const name of Object.keys(inputs)) if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);
  const ctx: Context = { inputs: Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? ''])), steps: {} };
  const base: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: 'true', CI: 'true', NO_COLOR: '1', RUNNER_TEMP: temp, RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64', GITHUB_WORKSPACE: workspace, ...env };
  const result: ActionRun = { code: 0, outputs: {}, stdout: '', stderr: '', summary: '', outputFiles: '', steps: [] };
  for (const [i, step] of action.runs.steps.entries()) {
    const name = substitute(step.name ?? `step ${i}`, ctx);
    if (step.uses) {
      // Their `with:` is evaluated too, so an expression there the evaluator does not know fails the test.
      for (const v of Object.values(step.with ?? {})) substitute(String(v), ctx);
      const stub = Object.entries(STUBBED).find(([prefix]) => step.uses!.startsWith(`${prefix}@`));
      if (!stub) throw new Error(`action.yml uses ${step.uses}, which the test does not stub`);
      if (step.id) ctx.steps[step.id] = stub[1];
      result.steps.push({ name, ran: 'uses' });
      continue;
    }
    if (step.if !== undefined && evaluate(step.if.replace(/^\$\{\{(.*)\}\}$/s, '$1'), ctx) !== 'true') {
      if (step.id) ctx.steps[step.id] = {};
      result.steps.push({ name, ran: 'skipped' });
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`step ${name}: shell ${step.shell}, the test runs bash only`);
    const dir = mkdtempSync(join(temp, 'step-'));
    const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)]));
    const cwd = step['working-directory'] ? substitute(step['working-directory'], ctx) : workspace;
    const r = await runBash(substitute(step.run!, ctx), cwd, { ...base, ...stepEnv, ...files });
    result.steps.push({ name, ran: 'run' });
    result.stdout += r.stdout;
    result.stderr += r.stderr;
    result.summary += readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
    const raw = readFileSync(files.GITHUB_OUTPUT, 'utf8');
    result.outputFiles += raw;
    if (step.id) ctx.steps[step.id] = parseOutputFile(raw);
    if (r.code !== 0) {
      result.code = r.code;
      break;
    }
  }
  // The action's outputs are evaluated whatever happened: the runner stops at a failed step, then still evaluates
  // them (CompositeActionHandler.RunAsync, https://github.com/actions/runner/blob/0009633e85f45368a0944a4872b1edbc8ae78f48/src/Runner.Worker/Handlers/CompositeActionHandler.cs).
  result.outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, substitute(v.value, ctx)]));
  return result;
}
