import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const F = join(ROOT, 'test/fixtures/bench');

/**
 * The fixture run's numbers, worked out from its requests.jsonl here (type-7 percentiles over the successful
 * requests), not read from its summary: us-east is a real run of the CLI against the emulators with 2 injected
 * 429s on OpenRouter, a cut stream on LiteLLM and a 524 on Cloudflare (scripts/make-bench-fixtures.js).
 */
const records = readFileSync(join(F, 'us-east/requests.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { target: string; errorClass: string | null; ttftMs: number });
const type7 = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
};
const ttftP95 = (target: string) => type7(records.filter((r) => r.target === target && r.errorClass === null).map((r) => r.ttftMs), 0.95);
const failed = (target: string) => records.filter((r) => r.target === target && r.errorClass !== null).length;
// A limit just under OpenRouter's TTFT p95 (about 40 ms above the others'), so only OpenRouter fails it.
const LIMIT = Math.floor(ttftP95('openrouter')) - 1;
const shown = (ms: number) => String(Number(ms.toFixed(1))).replace(/\.0$/, '');
const tmp = () => mkdtempSync(join(tmpdir(), 'gs-report-'));
// GitHub's own variables are cleared so that the test means the same inside and outside Actions.
const noActions = { GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: undefined };

describe('gateway-scout report', () => {
  it('prints the targets, overhead, TTFT sparklines and failed gates, and exits 1 when a gate fails', async () => {
    const r = await runCli(['report', join(F, 'us-east'), '--fail-on', `ttft.p95 > ${LIMIT}ms, errors.rate > 3%`], { env: { ...noActions, COLUMNS: '120' } });
    expect(r.code).toBe(1);
    expect([failed('openrouter'), failed('litellm'), failed('cloudflare')]).toEqual([2, 1, 1]);
    expect(r.stdout).toMatch(/\n {2}openrouter +58\/60 +3\.3% +191 /);
    expect(r.stdout).toMatch(/\+ openrouter adds \d+(\.\d)? ms \(\d+(\.\d)?–\d+(\.\d)? ms\) to TTFT/);
    expect(r.stdout).toMatch(/TTFT distribution\n {2}direct +│[ ▁▂▃▄▅▆▇█]+│ p50 151 ms/);
    // 2 of 60 failed is 3.33%; litellm's and cloudflare's 1 of 60 (1.67%) pass.
    expect(r.stderr).toContain(`gate failed: "ttft.p95 > ${LIMIT}ms" failed for openrouter: ttft.p95 is ${shown(ttftP95('openrouter'))} ms, limit > ${LIMIT} ms`);
    expect(r.stderr).toContain('gate failed: "errors.rate > 3%" failed for openrouter: errors.rate is 3.33%, limit > 3%');
    expect(r.stderr.match(/gate failed/g)).toHaveLength(2);
    expect(r.stderr).not.toContain('::');
  });

  it('--json prints one document matching its schema, listing every gate; exit 0 when all pass', async () => {
    const r = await runCli(['report', join(F, 'us-east/summary.json'), '--json', '--fail-on', 'ttft.p95 > 1s, openrouter:overhead.ttft.p50 > 50ms'], { env: noActions });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('report', doc)).toEqual([]);
    expect(doc.passed).toBe(true);
    expect(doc.gates.map((g: { gate: string; target: string; status: string }) => `${g.target} ${g.status}`)).toEqual(['direct pass', 'openrouter pass', 'litellm pass', 'cloudflare pass', 'openrouter pass']);
    expect(doc.targets[1]).toMatchObject({ target: 'openrouter', sent: 60, ok: 58 });
    expect(doc.targets[1].ttftP95Ms).toBeCloseTo(ttftP95('openrouter'), 3);
  });

  it('writes the HTML and markdown files, and reads choose and cost documents by their content', async () => {
    const dir = tmp();
    const r = await runCli(['report', join(F, 'us-east'), join(F, 'choose.json'), join(F, 'cost.json'), '--html', join(dir, 'r.html'), '--markdown', join(dir, 'r.md')], { env: noActions });
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('id="h-rec"');
    expect(html).toContain('id="chart-break-even"');
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toMatch(/\*\*Recommendation:\*\* LiteLLM/);
  });

  it('shows several results side by side, one row per target and origin', async () => {
    const r = await runCli(['report', join(F, 'us-east'), join(F, 'eu-west.json'), '--json'], { env: noActions });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.mergedBy).toBe('label');
    expect(doc.targets.slice(0, 2).map((t: { target: string; origin: string }) => `${t.target}@${t.origin}`)).toEqual(['direct@us-east', 'direct@eu-west']);
  });

  it.each([
    [['--fail-on', 'ttft.p95 >> 800ms'], /--fail-on: expected a number after ">", found ">" at column 11/],
    [['--fail-on', 'latency.p95 > 800ms'], /unknown field "latency.p95"/],
    [['--fail-on', 'openroutr:ttft.p95 > 800ms'], /names the target "openroutr", which is not among the results/],
  ])('exits 2 on a bad gate %j, saying where', async (args, message) => {
    const r = await runCli(['report', join(F, 'us-east'), ...args, '--json'], { env: noActions });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(JSON.parse(r.stdout).error.code).toBe('usage');
  });

  it('exits 2 on a file that is none of the documents it reads', async () => {
    const r = await runCli(['report', join(ROOT, 'data/models.json')], { env: noActions });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a bench summary, a drill document, a choose --json or a cost --json document/);
  });
});

describe('inside GitHub Actions', () => {
  const secrets = { OPENAI_API_KEY: 'test-key-openai-1', OPENROUTER_API_KEY: 'test-key-or-2', LITELLM_API_KEY: undefined, CF_AIG_TOKEN: 'test-key-cf-3' };

  it('masks key values first, appends the step summary, and annotates failed gates and warnings', async () => {
    const dir = tmp();
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = await runCli(['report', join(F, 'us-east'), join(F, 'choose.json'), '--fail-on', `ttft.p95 > ${LIMIT}ms`], { env: { ...secrets, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    // The three set variables the config names, masked before any other output; LITELLM_API_KEY is unset.
    expect(r.stderr.split('\n').slice(0, 3)).toEqual(['::add-mask::test-key-openai-1', '::add-mask::test-key-or-2', '::add-mask::test-key-cf-3']);
    expect(r.stderr).toContain(`::error title=gateway-scout gate failed::gate "ttft.p95 > ${LIMIT}ms" failed for openrouter: ttft.p95 is ${shown(ttftP95('openrouter'))} ms, limit > ${LIMIT} ms`);
    expect(r.stderr).toMatch(/^::warning title=gateway-scout benchmark::openrouter: 2 × rate_limited/m);
    expect(r.stderr).toMatch(/^::warning title=Watch out%3A litellm::/m);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n### gateway-scout benchmark')).toBe(true);
    expect(md).toContain('**Gates: ❌ 1 of 4 checks failed**');
    expect(r.stdout).not.toContain('::');
  });

  it('prints and writes none of it outside Actions', async () => {
    const dir = tmp();
    const summary = join(dir, 'step-summary.md');
    const r = await runCli(['report', join(F, 'us-east'), '--fail-on', `ttft.p95 > ${LIMIT}ms`], { env: { ...secrets, GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).not.toMatch(/::(add-mask|error|warning)/);
    expect(r.stderr + r.stdout).not.toContain('test-key');
    expect(existsSync(summary)).toBe(false);
  });
});

describe('gateway-scout report merge', () => {
  it('pools shards into one row per target, written as a merged summary', async () => {
    const out = join(tmp(), 'merged.json');
    const r = await runCli(['report', 'merge', join(F, 'shard-1.json'), join(F, 'shard-2.json'), '--by', 'pooled', '--out', out], { env: noActions });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Merged 2 runs (shard-1, shard-2) by pooled');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateAgainst('merged', doc)).toEqual([]);
    expect(doc.targets.map((t: { name: string; requests: { sent: number } }) => `${t.name} ${t.requests.sent}`)).toEqual(['direct 120', 'openrouter 120', 'litellm 120', 'cloudflare 120']);
    // The merged file is itself a report input.
    const again = await runCli(['report', out, '--json'], { env: noActions });
    expect(again.code).toBe(0);
  });

  it('refuses runs whose configs differ, exit 2, naming the field', async () => {
    const r = await runCli(['report', 'merge', join(F, 'shard-1.json'), join(F, 'other-config.json'), '--out', join(tmp(), 'm.json')], { env: noActions });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/benchmark config differs/);
    expect(r.stderr).toMatch(/config\.maxTokens: .*16.*24/);
  });
});
