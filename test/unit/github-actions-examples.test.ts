import { readdirSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/commands/context.js';
import { createProgram } from '../../src/program.js';

const DIR = new URL('../../examples/github-actions/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

const ctx = { out() {}, err() {}, env: {}, cwd: '/', tty: { stdin: false, stdout: false, stderr: false }, width: 100, color: false, signal: new AbortController().signal, exit() {} } as unknown as Ctx;
const program = createProgram(ctx);

/** Shell words, quotes removed (enough for the workflows' run lines). */
const words = (line: string): string[] => [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

/** Every `gateway-scout …` invocation in a run script: [command path, flags]. */
function invocations(run: string): Array<{ path: string[]; flags: string[] }> {
  const out: Array<{ path: string[]; flags: string[] }> = [];
  for (const line of run.replace(/\\\n/g, ' ').split(/\n|&&|;|\|/)) {
    const w = words(line);
    const at = w.findIndex((x) => /^gateway-scout(@[\w.-]+)?$/.test(x));
    if (at < 0) continue;
    const rest = w.slice(at + 1);
    const path = rest.slice(0, 2).filter((x, i) => !x.startsWith('-') && (i === 0 || ['merge', 'validate', 'prices', 'init'].includes(x)));
    out.push({ path, flags: rest.filter((x) => x.startsWith('--')).map((x) => x.split('=')[0] as string) });
  }
  return out;
}

const longFlags = (cmd: Command): string[] => cmd.options.flatMap((o) => [o.long ?? '', ...(o.negate ? [] : [`--no-${(o.long ?? '').slice(2)}`])]);

describe('examples/github-actions', () => {
  it('has the pull-request guard and the nightly benchmark', () => {
    expect(files.sort()).toEqual(['choose-guard.yml', 'nightly-bench.yml']);
  });

  it.each(files)('%s is a well-formed workflow', (file) => {
    const wf = yaml.load(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, unknown>;
    expect(typeof wf.name).toBe('string');
    expect(wf.on).toBeTruthy();
    const jobs = wf.jobs as Record<string, { 'runs-on': unknown; steps: Array<Record<string, unknown>> }>;
    expect(Object.keys(jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(jobs)) {
      expect(job['runs-on']).toBeTruthy();
      for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
    }
  });

  it.each(files)('%s runs only gateway-scout commands and flags that exist', (file) => {
    const wf = yaml.load(readFileSync(new URL(file, DIR), 'utf8')) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
    const calls = Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? invocations(s.run) : [])));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const [name, sub] = call.path;
      let cmd = program.commands.find((c) => c.name() === name);
      expect(cmd, `gateway-scout ${name}`).toBeDefined();
      if (sub !== undefined) {
        cmd = cmd!.commands.find((c) => c.name() === sub);
        expect(cmd, `gateway-scout ${name} ${sub}`).toBeDefined();
      }
      for (const f of call.flags) expect(longFlags(cmd!), `gateway-scout ${call.path.join(' ')} ${f}`).toContain(f);
    }
  });

  it('the guard expects a gateway the catalog knows, and the nightly gates parse', async () => {
    const { parseGates } = await import('../../src/gates/parse.js');
    const text = readFileSync(new URL('nightly-bench.yml', DIR), 'utf8');
    const gates = [...text.matchAll(/--fail-on "([^"]+)"/g)].map((m) => m[1] as string);
    expect(gates).toHaveLength(2);
    for (const g of gates) expect(() => parseGates(g)).not.toThrow();
    const catalog = JSON.parse(readFileSync(new URL('../../data/gateways.json', import.meta.url), 'utf8'));
    expect(catalog.gateways.map((g: { id: string }) => g.id)).toContain(/--expect (\S+)/.exec(readFileSync(new URL('choose-guard.yml', DIR), 'utf8'))![1]);
  });
});
