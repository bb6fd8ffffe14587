import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillDoc, row } from '../helpers/drill-doc.js';
import { validateAgainst } from '../helpers/json-schema.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * `report` reading drill documents. The drill: target litellm with 2 rows passing, 1 safe and 1 fail (a silent
 * truncation on stream-cut, streamed); target custom (gateway null) with 1 row passing.
 */
const doc = drillDoc([
  row({ target: 'litellm', id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
  row({ target: 'litellm', id: 'http-500', stream: false, outcome: 'failed-over', grade: 'pass', s: 1 }),
  row({ target: 'litellm', id: 'reset', stream: false, outcome: 'error-surfaced', grade: 'safe', status: 502 }),
  row({ target: 'litellm', id: 'stream-cut', stream: true, outcome: 'silent-truncation', grade: 'fail' }),
  row({ target: 'custom', gateway: null, id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
]);
const noActions = { GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: undefined };
const dir = () => mkdtempSync(join(tmpdir(), 'gs-report-drill-'));
const write = (d: string, name: string, v: unknown) => {
  const f = join(d, name);
  writeFileSync(f, typeof v === 'string' ? v : JSON.stringify(v));
  return f;
};

describe('report with drill documents', () => {
  it('a drill alone: no bench result needed; the verdict per target on stdout, the HTML written', async () => {
    const d = dir();
    const file = write(d, 'drill.json', doc);
    const html = join(d, 'r.html');
    const r = await runCli(['report', file, '--html', html], { env: noActions });
    expect(r.stderr).toContain(`Wrote ${html}.`);
    expect(r.code).toBe(0);
    // The drill as `drill` prints it: its title, then one verdict line per target (zero counts left out).
    expect(r.stdout).toMatch(/^Failover drill\n/);
    expect(r.stdout).toContain('litellm: 2 pass, 1 safe, 1 fail — silent truncation on stream-cut (stream)');
    expect(r.stdout).toMatch(/custom: 1 pass\n/);
    expect(readFileSync(html, 'utf8')).toContain('<h2 id="h-drill">Failover drill</h2>');
  });

  it('a drill --out folder (drill.json in it) is read too', async () => {
    const d = dir();
    mkdirSync(join(d, 'out'));
    write(join(d, 'out'), 'drill.json', doc);
    const r = await runCli(['report', join(d, 'out')], { env: noActions });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('litellm: 2 pass, 1 safe, 1 fail');
  });

  it('--json: the drill inputs and per target its counts and failures; valid against schema report', async () => {
    const d = dir();
    const file = write(d, 'drill.json', doc);
    const r = await runCli(['report', file, '--json'], { env: noActions });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.inputs).toEqual({ bench: [], choose: null, cost: null, drill: [file] });
    expect(out.targets).toEqual([]);
    expect(out.drills).toEqual([
      {
        file,
        demo: false,
        status: 'complete',
        targets: [
          { target: 'litellm', gateway: 'litellm', pass: 2, safe: 1, fail: 1, failures: [{ id: 'stream-cut', stream: true, outcome: 'silent-truncation' }] },
          { target: 'custom', gateway: null, pass: 1, safe: 0, fail: 0, failures: [] },
        ],
      },
    ]);
    expect(validateAgainst('report', out)).toEqual([]);
  });

  it('with a bench result: both, the drill after the bench report', async () => {
    const d = dir();
    const file = write(d, 'drill.json', doc);
    const r = await runCli(['report', join(ROOT, 'test/fixtures/bench/us-east'), file, '--json'], { env: noActions });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.targets.length).toBeGreaterThan(0);
    expect(out.drills[0].targets[0].fail).toBe(1);
  });

  it('a drill document that breaks the schema: exit 2, naming the file and the field', async () => {
    const d = dir();
    const bad = structuredClone(doc) as unknown as { drill: { scenarios: { outcome: string }[] } };
    bad.drill.scenarios[1]!.outcome = 'fell-over';
    const file = write(d, 'bad.json', bad);
    const r = await runCli(['report', file], { env: noActions });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file} is not a valid drill document`);
    expect(r.stderr).toContain('drill.scenarios[1].outcome');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a target name with control characters is shown escaped in the terminal and markdown verdicts", async () => {
    const d = dir();
    const hostile = drillDoc([row({ target: 'gw\u001b[2J<b>', id: 'none', stream: true, outcome: 'ok', grade: 'pass' })]);
    const md = join(d, 'r.md');
    const r = await runCli(['report', write(d, 'drill.json', hostile), '--markdown', md], { env: noActions });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gw\\x1b[2J<b>: 1 pass');
    expect(r.stdout).not.toContain('\u001b');
    // Markdown: the escape's backslash escaped too, so it renders as the text \x1b; brackets and markup escaped.
    expect(readFileSync(md, 'utf8')).toContain('gw\\\\x1b\\[2J\\<b\\>: 1 pass');
  });

  it('--fail-on with drills alone: a bench field is exit 2 (nothing to check it against), pointing at drill.* fields', async () => {
    const d = dir();
    const r = await runCli(['report', write(d, 'drill.json', doc), '--fail-on', 'ttft.p95 > 800ms'], { env: noActions });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('checks a bench result, and none was given');
    expect(r.stderr).toContain('drill.silent-truncation > 0');
  });

  it('--fail-on drill.* fields gate the drill documents: litellm truncated once (exit 1), custom passed everything', async () => {
    const d = dir();
    const file = write(d, 'drill.json', doc);
    const failed = await runCli(['report', file, '--fail-on', 'drill.silent-truncation > 0'], { env: noActions });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('litellm');
    const passed = await runCli(['report', file, '--fail-on', 'custom:drill.fail > 0', '--json'], { env: noActions });
    expect(passed.code).toBe(0);
    const out = JSON.parse(passed.stdout);
    expect(out.gates.map((g: { target: string; measured: number; status: string }) => [g.target, g.measured, g.status])).toEqual([['custom', 0, 'pass']]);
    const unknown = await runCli(['report', file, '--fail-on', 'nobody:drill.fail > 0'], { env: noActions });
    expect(unknown.code).toBe(2);
  });
});
