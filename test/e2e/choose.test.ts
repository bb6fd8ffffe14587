import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { runCli } from '../helpers/run-cli.js';

const SELF = 'test/fixtures/answers/self-hosted.json';
const ESC = '\u001b[';

describe('choose --json', () => {
  it('prints exactly one JSON document that matches the published schema', async () => {
    const r = await runCli(['choose', '--answers', SELF, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('recommendation', doc)).toEqual([]);
    expect(doc.schemaVersion).toBe(2);
    // Bifrost and LiteLLM tie on fit (95); Bifrost costs less to run (embedded SQLite, no Postgres or Redis).
    expect(doc.recommendation.gateway).toBe('bifrost');
    expect(doc.ranking.map((x: { gateway: string }) => x.gateway).sort()).toEqual(['bifrost', 'cloudflare', 'helicone', 'kong', 'litellm', 'openrouter', 'portkey', 'tensorzero', 'vercel']);
    // self-hosting required: the managed-only three are out
    expect(doc.ranking.filter((x: { eligible: boolean }) => !x.eligible).map((x: { gateway: string }) => x.gateway).sort()).toEqual(['cloudflare', 'openrouter', 'vercel']);
    // Every cited source is listed with its URL.
    const ids = new Set(doc.sources.map((s: { id: string }) => s.id));
    for (const reason of doc.recommendation.reasons) if (reason.source) expect(ids).toContain(reason.source);
  });

  it('lets flags override the answers file', async () => {
    const r = await runCli(['choose', '--answers', SELF, '--hosting', 'managed', '--data-control', 'standard', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.answers.hosting).toBe('managed');
    expect(doc.answers.providers).toBe(3);
  });

  it('reads YAML answers files', async () => {
    const r = await runCli(['choose', '--answers', 'examples/startup-no-keys.yaml', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recommendation.gateway).toBe('openrouter');
  });
});

describe('CI gates', () => {
  it('exits 0 when the expectation holds', async () => {
    expect((await runCli(['choose', '--answers', SELF, '--expect', 'bifrost', '--json'])).code).toBe(0);
  });

  it('exits 1 when the top pick differs from --expect, and says so on stderr', async () => {
    const r = await runCli(['choose', '--answers', SELF, '--expect', 'openrouter', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gate failed: expected openrouter');
    expect(JSON.parse(r.stdout).recommendation.gateway).toBe('bifrost');
  });

  it('exits 1 below --min-score', async () => {
    const r = await runCli(['choose', '--answers', SELF, '--min-score', '100']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/below --min-score 100/);
  });

  it.each([
    [['--min-score', 'high'], /--min-score expects a number/],
    [['--expect', 'nginx'], /unknown gateway or stack "nginx"/],
  ])('exits 2 for a bad gate value %j', async (args, message) => {
    const r = await runCli(['choose', '--answers', SELF, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('bad input', () => {
  it('without a terminal and without answers, exits 2 and says how to pass them', async () => {
    for (const args of [[], ['choose']]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--answers FILE/);
      expect(r.stdout).toBe('');
    }
  });

  it('reports every bad field of an answers file with its path', async () => {
    const r = await runCli(['choose', '--answers', 'test/fixtures/answers/bad-values.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad-values.json');
    for (const path of ['hosting', 'providers', 'needs[1]', 'colour']) expect(r.stderr).toContain(path);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('points at the line of a YAML syntax error', async () => {
    const r = await runCli(['choose', '--answers', 'test/fixtures/answers/broken.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid YAML at line \d+/);
  });

  it('says which file is missing', async () => {
    const r = await runCli(['choose', '--answers', 'nope.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot read the answers file nope.json: no such file');
  });

  it('rejects unknown flags and bad choices with exit 2', async () => {
    expect((await runCli(['choose', '--colour'])).code).toBe(2);
    const r = await runCli(['choose', '--hosting', 'moon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are self-hosted, managed, either/);
  });

  it('validates a user catalog given with --data, listing problems by JSON path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-data-'));
    const file = join(dir, 'catalog.json');
    writeFileSync(file, JSON.stringify({ version: 'x', sources: [], gateways: [{ id: 'Bad Id' }] }));
    const r = await runCli(['choose', '--defaults', '--data', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gateways[0].id');
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('error', doc)).toEqual([]);
    expect(doc.error.issues.length).toBeGreaterThan(3);
  });
});

describe('the human report', () => {
  it('is the result, on stdout; it shows the cost of the pick, also when the pick is a stack', async () => {
    const json = JSON.parse((await runCli(['choose', '--answers', 'examples/routing-without-keys.yaml', '--json'])).stdout);
    expect(json.recommendation.stack).toEqual(['litellm', 'openrouter']);
    const total = json.cost.monthlyUsd['litellm-with-openrouter'].total;
    const r = await runCli(['choose', '--answers', 'examples/routing-without-keys.yaml'], { env: { COLUMNS: '200' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`cost: about $${Math.round(total).toLocaleString('en-US')}/month at 100,000 requests/month`);
    // One line per reason without its note by default; the note with --details.
    expect(r.stdout).toContain('  + You need load-balancing: load-balancing is yes [2]\n');
    const details = await runCli(['choose', '--answers', 'examples/routing-without-keys.yaml', '--details'], { env: { COLUMNS: '200' } });
    expect(details.stdout).toMatch(/\+ You need load-balancing: load-balancing is yes \[2\]\n {6}Several deployments under one model_name/);
    expect(details.stdout).toContain('\nRanking\n');
  });

  it('pipes: the report reaches grep, and gate failures go to stderr', async () => {
    const r = await runCli(['choose', '--answers', SELF, '--expect', 'openrouter']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Recommendation: Bifrost/);
    expect(r.stderr).toBe('gate failed: expected openrouter, but the top pick is Bifrost\n');
  });
});

describe('colour', () => {
  it('has no escape codes under NO_COLOR, and has them with FORCE_COLOR', async () => {
    const plain = await runCli(['choose', '--answers', SELF]);
    expect(plain.stdout).toContain('Recommendation:');
    expect(plain.stdout).not.toContain(ESC);
    const forced = await runCli(['choose', '--answers', SELF], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(ESC);
    const json = await runCli(['choose', '--answers', SELF, '--json'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(json.stdout).not.toContain(ESC);
  });
});
