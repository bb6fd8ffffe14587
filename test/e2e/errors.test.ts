import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileStrict } from '../helpers/json-schema.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gs-err-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const validError = compileStrict('error');

/** One error document on stdout, valid against the published schema; one "error:" line (and a hint) on stderr. */
async function fails(args: string[], exitCode: number): Promise<{ message: string; hint?: string; issues?: { path: string; message: string }[]; stderr: string }> {
  const r = await runCli([...args, '--json']);
  expect(r.code).toBe(exitCode);
  const doc = JSON.parse(r.stdout);
  expect(validError(doc)).toBe(true);
  expect(doc.error.exitCode).toBe(exitCode);
  expect(r.stderr).toMatch(/^error: \S/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return { ...doc.error, stderr: r.stderr };
}

describe('the argument parser’s errors are usage errors (exit 2) with a JSON document', () => {
  it.each([
    [['choose', '--detials'], "Unknown option '--detials'.", 'Did you mean --details?'],
    [['choose', '--hosting', 'moon'], "Option '--hosting <where>' argument 'moon' is invalid. Allowed choices are self-hosted, managed, either.", 'Run "gateway-scout choose --help" for usage.'],
    [['choose', '--defaults', 'extra'], "Too many arguments for 'choose'. Expected 0 arguments but got 1.", 'Run "gateway-scout choose --help" for usage.'],
    [['chose'], "Unknown command 'chose'.", 'Did you mean choose? Run "gateway-scout --help" for usage.'],
    [['data', 'validate', '--strict'], "Unknown option '--strict'.", 'Run "gateway-scout data validate --help" for usage.'],
    [['data'], 'data needs a command: validate, sources, models, prices.', 'Run "gateway-scout data --help" for usage.'],
    [['data', 'nope'], 'data: unknown command "nope".', 'Commands: validate, sources, models, prices.'],
    [['help', 'nope'], 'help: unknown command "nope".', 'Commands: choose, compare, cost, bench, drill, report, data, schema, emulate, demo, help.'],
    [['data', 'prices'], 'data prices needs --from-openrouter FILE (a saved copy of https://openrouter.ai/api/v1/models).', undefined],
  ])('%j', async (args, message, hint) => {
    const e = await fails(args, 2);
    expect(e.message).toBe(message);
    if (hint === undefined) expect(e.hint).toBeUndefined();
    else expect(e.hint).toContain(hint);
  });

  it('help and --version are not errors', async () => {
    expect((await runCli(['help', 'data', 'validate'])).stdout).toMatch(/^Usage: gateway-scout data validate/);
    expect((await runCli(['data', '--help'])).code).toBe(0);
  });
});

describe('numbers have finite bounds, from flags and from files alike', () => {
  it.each([
    [['cost', '--defaults', '--instance-usd', '1e308', '--instances', '10'], '--instance-usd expects a number from 0 to 1,000,000, got "1e308".'],
    [['cost', '--defaults', '--monthly-requests', '9007199254740993'], '--monthly-requests expects a whole number from 0 to 1,000,000,000,000, got "9007199254740993".'],
    [['choose', '--defaults', '--providers', '1001'], '--providers expects a whole number from 1 to 1,000, got "1001".'],
    [['cost', '--defaults', '--peak-factor', 'Infinity'], '--peak-factor expects a number from 1 to 1,000, got "Infinity".'],
    [['cost', '--defaults', '--ops-hours', '745'], '--ops-hours expects a number from 0 to 744, got "745".'],
    [['choose', '--defaults', '--min-score', '1e400'], '--min-score expects a number from 0 to 100, got "1e400".'],
    [['emulate', '--ttft', '1e9'], '--ttft expects a number from 0 to 600,000, got "1000000000".'],
  ])('%j', async (args, message) => {
    expect((await fails(args, 2)).message).toBe(message.replace('"1000000000"', '"1e9"'));
  });

  it('an answers file beyond a bound names the field', async () => {
    const answers = file('big.json', JSON.stringify({ monthlyRequests: 1e13, cost: { selfHosting: { instanceUsdMonthly: 1e308 } } }));
    const e = await fails(['cost', '--answers', answers], 2);
    expect(e.issues?.map((i) => i.path)).toEqual(['monthlyRequests']);
    const cost = file('big-cost.yaml', 'monthlyRequests: 1000\ncost:\n  selfHosting:\n    instanceUsdMonthly: 1.0e+308\n');
    expect((await fails(['cost', '--answers', cost], 2)).issues?.map((i) => i.path)).toEqual(['cost.selfHosting.instanceUsdMonthly']);
  });

  it('counts may be written 5,000,000, 5M or 2.5k', async () => {
    const r = await runCli(['choose', '--defaults', '--monthly-requests', '5M', '--avg-input-tokens', '2.5k', '--avg-output-tokens', '1,200', '--json']);
    expect(JSON.parse(r.stdout).answers).toMatchObject({ monthlyRequests: 5_000_000, avgInputTokens: 2_500, avgOutputTokens: 1_200 });
  });
});

describe('duplicate keys are rejected in JSON as in YAML, naming the key', () => {
  it.each([
    ['dup.json', '{\n  "hosting": "managed",\n  "caching": "exact",\n  "hosting": "self-hosted"\n}\n', 4],
    ['dup.yaml', 'hosting: managed\ncaching: exact\nhosting: self-hosted\n', 3],
  ])('%s', async (name, text, line) => {
    const e = await fails(['choose', '--answers', file(name, text)], 2);
    expect(e.message).toBe(`The answers file ${join(dir, name)} has the key "hosting" twice (line ${line}).`);
  });
});

describe('helpful usage errors', () => {
  it('an unknown model lists the nearest ids and how to see them all', async () => {
    const e = await fails(['cost', '--defaults', '--models', 'gpt-4o-mini'], 2);
    expect(e.message).toBe('--models: unknown model "gpt-4o-mini"; nearest: openai/gpt-4o-mini.');
    expect(e.hint).toBe('`gateway-scout data models` lists every model id with its prices.');
    const list = await runCli(['data', 'models', '--json']);
    expect(JSON.parse(list.stdout).models.map((m: { id: string }) => m.id)).toContain('openai/gpt-4o-mini');
  });

  it('a --profile that is neither built in nor a file names the built-ins', async () => {
    const e = await fails(['emulate', '--profile', 'fast'], 2);
    expect(e.message).toBe('--profile: "fast" is neither a built-in profile nor a file.');
    expect(e.hint).toContain('Built-in profiles: realistic, zero');
  });

  it('--save-answers into a directory is exit 2, said before any work', async () => {
    const e = await fails(['choose', '--defaults', '--save-answers', dir], 2);
    expect(e.message).toBe(`--save-answers: ${dir} is a directory; give a file name, e.g. ${join(dir, 'answers.yaml')}.`);
  });
});
