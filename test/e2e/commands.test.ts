import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { ROOT, runCli, spawnCli } from '../helpers/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'gs-cmd-'));

describe('the binary', () => {
  // Most tests run the program in-process (runCli); this checks that the real binary behaves identically.
  it.each([
    [['compare'], { COLUMNS: '80' }],
    [['choose', '--answers', 'examples/edge-cache.yaml', '--json'], {}],
    [['cost', '--defaults', '--monthly-requests', 'lots', '--json'], {}],
    [['data', 'nope'], {}],
  ])('%j gives the same stdout, stderr and exit code spawned as in-process', async (args, env) => {
    const [spawned, inProcess] = await Promise.all([spawnCli(args, { env }), runCli(args, { env })]);
    // Only the generation time differs between two runs.
    const stable = (s: string) => s.replace(/"generatedAt": "[^"]+"/g, '"generatedAt": "…"');
    expect(stable(inProcess.stdout)).toBe(stable(spawned.stdout));
    expect(inProcess.stderr).toBe(spawned.stderr);
    expect(inProcess.code).toBe(spawned.code);
  });
});

describe('help and version', () => {
  it('prints help on stdout with the exit codes, and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: gateway-scout');
    expect(r.stdout).toContain('130  interrupted');
    expect(r.stderr).toBe('');
  });

  it('prints the version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const r = await runCli(['--version']);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 on an unknown command, with a suggestion', async () => {
    const r = await runCli(['chose']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean choose\?/);
  });
});

describe('compare', () => {
  it('--json matches its schema and carries every gateway with its sources', async () => {
    const r = await runCli(['compare', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('compare', doc)).toEqual([]);
    expect(doc.gateways.map((g: { id: string }) => g.id)).toEqual(['litellm', 'openrouter', 'cloudflare', 'portkey', 'vercel', 'kong', 'bifrost', 'tensorzero', 'helicone']);
  });

  it('shows fees as numbers and the true pricing facts', async () => {
    const r = await runCli(['compare']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/5\.5%, min \$0\.80/);
    expect(r.stdout).toMatch(/\$0\.05\/M requests/);
    expect(r.stdout).not.toMatch(/10K requests/i);
    expect(r.stderr).toBe('');
  });
});

describe('data validate', () => {
  it('passes the shipped data files', async () => {
    const r = await runCli(['data', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok +.*gateways\.json \(catalog\)/);
    expect(r.stdout).toMatch(/ok +.*models\.json \(models\)/);
    expect(r.stdout).toMatch(/ok +.*failover\.json \(failover\)/);
    expect(r.stdout).toMatch(/ok +.*emulators\.json \(emulators\)/);
    expect(r.stdout + r.stderr).not.toMatch(/warning/);
  });

  it('tells emulator profiles from a catalog by their $schema, and checks them against the profile schema', async () => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'data/emulators.json'), 'utf8'));
    doc.gateways[0].streamFailure.mode = 'vanish';
    const file = join(tmp(), 'profiles.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = await runCli(['data', 'validate', file, '--json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].kind).toBe('emulators');
    expect(out.files[0].issues.map((i: { path: string }) => i.path)).toEqual(['gateways[0].streamFailure.mode']);
  });

  it('checks a failover behaviour file too, naming the path of each problem', async () => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'data/failover.json'), 'utf8'));
    doc.failover[3].streamBreak.mode = 'vanish';
    doc.failover[0].retry.maxRetries = -1;
    const file = join(tmp(), 'failover.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = await runCli(['data', 'validate', file, '--json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].kind).toBe('failover');
    expect(out.files[0].issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['failover[3].streamBreak.mode', 'failover[0].retry.maxRetries']));
  });

  it('reports every problem of a broken catalog with its JSON path, and exits 2', async () => {
    const catalog = JSON.parse(readFileSync(join(ROOT, 'data/gateways.json'), 'utf8'));
    catalog.gateways[1].pricing.fees[0].percent = 550;
    catalog.gateways[2].features.sso.level = 'sometimes';
    catalog.gateways[0].colour = 'blue';
    const file = join(tmp(), 'broken.json');
    writeFileSync(file, JSON.stringify(catalog));
    const r = await runCli(['data', 'validate', file, '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(false);
    const paths = doc.files[0].issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['gateways[1].pricing.fees[0].percent', 'gateways[2].features.sso.level', 'gateways[0].colour']));
  });

  it('warns about stale data in a user catalog, and still uses it', async () => {
    // every check dated 2025-01-15; the windows (validFrom/validUntil) stay as they are
    const catalog = JSON.parse(readFileSync(join(ROOT, 'data/gateways.json'), 'utf8').replace(/"(checked|lastVerified)": "2026-1[12]-\d\d"/g, '"$1": "2025-01-15"'));
    const file = join(tmp(), 'old.json');
    writeFileSync(file, JSON.stringify(catalog));
    const r = await runCli(['choose', '--defaults', '--data', file, '--json', '--as-of', '2026-12-06']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*last verified \d+ days ago/m);
    const doc = JSON.parse(r.stdout);
    // one stale-data warning per gateway (nine)
    expect(doc.catalog.warnings.length).toBe(9);
    // 2025-01-15 → 2026-12-06 is 690 days (351 to 2026-01-01, then 339): past 90 for the catalog, 180 for a fact
    expect(doc.asOf).toBe('2026-12-06');
    expect(doc.warnings[0]).toMatchObject({ code: 'catalog-stale', lastVerified: '2025-01-15', ageDays: 690 });
    expect(doc.warnings[0].message).toMatch(/gateway-scout data sources --stale/);
    const facts = doc.warnings.filter((w: { code: string }) => w.code === 'fact-stale');
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((w: { checked: string; ageDays: number }) => w.checked === '2025-01-15' && w.ageDays === 690)).toBe(true);
    // the human report says each once on stderr; --json keeps them in the document only
    expect(r.stderr).not.toMatch(/catalog was last verified/);
    const human = await runCli(['choose', '--defaults', '--data', file, '--as-of', '2026-12-06']);
    expect(human.stderr.match(/warning: The catalog was last verified on 2025-01-15, 690 days before 2026-12-06/g)?.length).toBe(1);
    // on the day it was checked, nothing is stale
    const fresh = JSON.parse((await runCli(['choose', '--defaults', '--data', file, '--json', '--as-of', '2025-01-15'])).stdout);
    expect(fresh.warnings).toEqual([]);
  });

  it('says what a file is not', async () => {
    const file = join(tmp(), 'x.json');
    writeFileSync(file, '{"hello": 1}');
    const r = await runCli(['data', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/invalid +.*x\.json\n +error: \(root\): expected an object with "gateways"/);
    expect(r.stderr).toMatch(/^error: Invalid data files: 1 of 1\./);
  });
});

describe('data sources', () => {
  it('--json prints one document, valid against its schema, listing each source with the facts it backs', async () => {
    const r = await runCli(['data', 'sources', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('sources', doc)).toEqual([]);
    expect(doc.schemaVersion).toBe(1);
    const zdr = doc.sources.find((s: { id: string }) => s.id === 'cloudflare-docs-unified-billing');
    expect(zdr.facts.map((f: { fact: string }) => f.fact)).toEqual(
      expect.arrayContaining(['cloudflare features.zero-data-retention', 'cloudflare pitfalls[cloudflare-zdr-unified-billing-only]']),
    );
    const models = doc.sources.find((s: { id: string; file: string }) => s.id === 'deepseek-pricing' && s.file === 'models');
    expect(models.facts).toEqual([expect.objectContaining({ fact: 'model deepseek/deepseek-v4-flash', status: 'verified' })]);
  });

  it('prints the human report on stdout, laid out for COLUMNS, and narrows to one source with --source', async () => {
    const r = await runCli(['data', 'sources', '--source', 'openrouter-docs-response-caching'], { env: { COLUMNS: '60' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
    // The catalog cites this page for exact-cache, semantic-cache, two cache TTL limits, two pitfalls and the
    // bench block (the header that opts a request into the cache).
    expect(r.stdout).toMatch(/^1 source back 7 facts/m);
    expect(r.stdout).toMatch(/verified\s+openrouter features\.exact-cache/);
  });

  it('rejects an unknown --source with exit 2', async () => {
    const r = await runCli(['data', 'sources', '--source', 'no-such-page']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no source "no-such-page"/);
  });

  it('--stale lists the facts older than --days, stalest first, with their age and source', async () => {
    const catalog = JSON.parse(readFileSync(join(ROOT, 'data/gateways.json'), 'utf8'));
    catalog.gateways[0].licence.checked = '2026-01-01';
    catalog.gateways[0].lastVerified = '2026-01-01';
    catalog.gateways[1].reach.checked = '2026-03-01';
    catalog.gateways[1].lastVerified = '2026-03-01';
    const file = join(tmp(), 'aged.json');
    writeFileSync(file, JSON.stringify(catalog));
    const r = await runCli(['data', 'sources', '--data', file, '--stale', '--days', '200', '--as-of', '2026-12-06', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('sources', doc)).toEqual([]);
    // 2026-01-01 → 2026-12-06 = 339 days; 2026-03-01 → 2026-12-06 = 280 days; both past 200. The model table's
    // own old rows count too, so only the catalog's are checked by path.
    const catalogFacts = doc.stale.facts.filter((f: { path: string }) => f.path.startsWith('gateways'));
    expect(catalogFacts.map((f: { path: string; ageDays: number }) => [f.path, f.ageDays])).toEqual([
      [`gateways[0].licence`, 339],
      [`gateways[1].reach`, 280],
    ]);
    expect(doc.stale).toMatchObject({ asOf: '2026-12-06', days: 200 });
    const ages = doc.stale.facts.map((f: { ageDays: number }) => f.ageDays);
    expect(ages).toEqual([...ages].sort((x: number, y: number) => y - x));
    const human = await runCli(['data', 'sources', '--data', file, '--stale', '--days', '200', '--as-of', '2026-12-06']);
    expect(human.stdout).toMatch(/^\d+ facts checked more than 200 days before 2026-12-06, stalest first:/);
    expect(human.stdout).toMatch(/339 days old · source \S+ · gateways\[0\]\.licence/);
    // its last verification, 2026-01-01, is 339 days before 2026-12-06: the catalog itself is stale too
    expect(doc.warnings).toEqual([expect.objectContaining({ code: 'catalog-stale', lastVerified: '2026-01-01', ageDays: 339 })]);
    expect(human.stderr).toMatch(/^warning: The catalog was last verified on 2026-01-01, 339 days before 2026-12-06/m);
  });

  it('--days without --stale, or not a number, is exit 2', async () => {
    expect((await runCli(['data', 'sources', '--days', '30'])).code).toBe(2);
    const bad = await runCli(['data', 'sources', '--stale', '--days', 'old']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--days expects/);
  });

  it('shows a dated fact with its window, so an ended price does not read as current', async () => {
    const doc = JSON.parse((await runCli(['data', 'sources', '--source', 'cloudflare-workers-logs-pricing', '--json'])).stdout);
    expect(doc.sources[0].facts).toContainEqual(expect.objectContaining({ fact: 'cloudflare pricing.fees[workers-logs]', validUntil: '2026-11-30' }));
    const human = await runCli(['data', 'sources', '--source', 'cloudflare-workers-logs-pricing'], { env: { COLUMNS: '200' } });
    expect(human.stdout).toMatch(/cloudflare pricing\.fees\[workers-logs\]: Logs \(Workers Logs, per event\) \(until 2026-11-30\)/);
  });
});

describe('schema', () => {
  it.each(['answers', 'recommendation', 'catalog', 'models', 'compare', 'cost', 'sources', 'error'])('prints the %s schema as JSON', async (name) => {
    const r = await runCli(['schema', name]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$id).toContain(`${name}.schema.json`);
  });

  it('rejects an unknown schema name with exit 2', async () => {
    expect((await runCli(['schema', 'nope'])).code).toBe(2);
  });

  it('the saved answers validate against the answers schema', async () => {
    const file = join(tmp(), 'a.json');
    await runCli(['choose', '--defaults', '--save-answers', file, '--json']);
    expect(validateAgainst('answers', JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
  });
});

describe('demo', () => {
  it('tours every example profile without keys or network', async () => {
    const r = await runCli(['demo', '--json', '--no-bench']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const picks = Object.fromEntries(doc.profiles.map((p: { profile: string; result: { recommendation: { stack: string[] } } }) => [p.profile, p.result.recommendation.stack.join('+')]));
    expect(picks).toEqual({
      'self-hosted-platform': 'litellm',
      'startup-no-keys': 'openrouter',
      // a Vercel team: Vercel AI Gateway fits the platform it runs (OIDC from its deployments)
      'vercel-app': 'vercel',
      // per-user rate limits and an exact cache, managed: Helicone (Cloudflare's limit is gateway-wide)
      'edge-cache': 'helicone',
      'routing-with-guardrails': 'litellm', // its guardrails are open source: Cloudflare in front adds nothing here
      'routing-without-keys': 'litellm+openrouter',
    });
    expect(doc.bench).toBeNull();
  });

  it('ends with the benchmark against the emulators: its report on stdout, or inside the one JSON document', async () => {
    // Both tours at once: the emulated gateways mostly wait on their own timers.
    const [human, r] = await Promise.all([runCli(['demo']), runCli(['demo', '--json'])]);
    expect(human.code).toBe(0);
    // Each pick with its monthly cost, stacks included (routing-without-keys picks LiteLLM with OpenRouter).
    expect(human.stdout.replace(/\n +/g, ' ')).toMatch(/→ LiteLLM with OpenRouter as one backend · score \d+ · confidence \w+ · about \$[\d,]+\/month at 100,000 requests/);
    // The benchmark's report is part of the result (stdout); its progress is not.
    expect(human.stdout).toContain('Overhead vs direct');
    expect(human.stderr).not.toContain('Overhead vs direct');
    expect(human.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.bench).toMatchObject({ schemaVersion: 2, status: { ended: 'completed', ok: true, failedTargets: [] } });
    // direct, the three built-in gateways, then each gateway of data/emulators.json that the catalog also has
    const catalogIds = new Set((JSON.parse(readFileSync(join(ROOT, 'data/gateways.json'), 'utf8')) as { gateways: { id: string }[] }).gateways.map((g) => g.id));
    const dataIds = (JSON.parse(readFileSync(join(ROOT, 'data/emulators.json'), 'utf8')) as { gateways: { id: string }[] }).gateways.map((g) => g.id);
    expect(doc.bench.targets.map((t: { name: string }) => t.name)).toEqual(['direct', 'litellm', 'openrouter', 'cloudflare', ...dataIds.filter((id) => catalogIds.has(id))]);
  });
});
