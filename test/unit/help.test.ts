import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/program.js';
import { fakeCtx } from '../cost/ctx.js';

const all = (cmd: Command): Command[] => [cmd, ...cmd.commands.flatMap(all)];
const program = createProgram(fakeCtx());
const help = (path: string[]) => {
  let cmd = program;
  for (const p of path) cmd = cmd.commands.find((c) => c.name() === p)!;
  return cmd.helpInformation({ error: false });
};

describe('help: one style', () => {
  it('every command and option is described by a lowercase phrase without a final period', () => {
    for (const cmd of all(program)) {
      expect(cmd.description(), cmd.name()).toMatch(/^[a-z][^]*[^.]$/);
      for (const o of cmd.options) expect(o.description, `${cmd.name()} ${o.flags}`).toMatch(/^[a-z][^]*[^.]$/);
    }
  });

  it('shows the default of every flag that has one, and the choices, in one parenthesis', () => {
    const choose = help(['choose']).replace(/\s+/g, ' ');
    expect(choose).toContain('--hosting <where> where the gateway may run (one of: self-hosted, managed, either; default: either)');
    expect(choose).toContain('--monthly-requests <n> requests per month, e.g. 5000000, 5,000,000 or 5M (default: 1,000,000)');
    expect(choose).toContain('--cache-hit-rate <0-1> share of requests served by the gateway response cache (default: 0.1)');
    expect(choose).toContain('--instance-usd <usd> monthly price of one self-hosted gateway instance (default: 130.31)');
    const emulate = help(['emulate']).replace(/\s+/g, ' ');
    expect(emulate).toContain('(one of: in-process, http; default: in-process)');
    expect(emulate).toContain('latency profile: realistic, zero, or a profile JSON file (default: realistic)');
    // bench: a flag overrides the config file; the built-in default applies when neither sets it (README "Configuration").
    const bench = help(['bench']).replace(/\s+/g, ' ');
    expect(bench).toContain('--requests <n> measured requests per target (default: from the config, else 50)');
    expect(bench).toContain('--concurrency <n> closed loop: requests in flight at once (default: from the config, else 4)');
    expect(bench).toContain('--max-tokens <n> max_tokens of every request (default: from the config, else 128)');
    expect(bench).toContain('--max-spend <usd> hard cap: stop sending before spent + in-flight estimate would pass it (default: no cap)');
    expect(bench).toMatch(/--fail-on <expr> gate: exit 1 when a comparison holds after the run/);
    expect(bench).toContain('--label <name> where this run comes from');
    expect(help(['bench', 'init']).replace(/\s+/g, ' ')).toContain('--model <id> model from the price table (default: openai/gpt-4o-mini)');
  });

  it('the catalog flag is offered by every command that reads the catalog', () => {
    for (const name of ['choose', 'cost', 'compare', 'demo', 'bench']) expect(help([name]), name).toContain('--data <file>');
    for (const name of ['choose', 'cost', 'demo', 'emulate']) expect(help([name]), name).toContain('--data-models <file>');
  });
});
