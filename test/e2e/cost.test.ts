import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { runCli } from '../helpers/run-cli.js';

describe('cost --json', () => {
  it('prints one document that matches the published schema, with traceable lines', async () => {
    const r = await runCli(['cost', '--answers', 'examples/routing-with-guardrails.yaml', '--models', 'openai/gpt-4o-mini=0.7,anthropic/claude-sonnet-4-5=0.3', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('cost', doc)).toEqual([]);
    expect(doc.gateways.map((g: { gateway: string }) => g.gateway)).toEqual(['litellm', 'openrouter', 'cloudflare', 'portkey', 'vercel', 'kong', 'bifrost', 'tensorzero', 'helicone']);
    for (const g of [...doc.gateways, ...doc.stacks]) {
      const sum = g.lines.reduce((s: number, l: { usd: number | null }) => s + (l.usd ?? 0), 0);
      expect(sum).toBeCloseTo(g.monthlyUsd.total, 2);
      for (const l of g.lines) expect(l.source).toBeTruthy();
    }
    // Every pair of the eleven eligible options (nine gateways, two stacks): 11 × 10 ÷ 2.
    expect(doc.stacks.map((g: { gateway: string }) => g.gateway)).toEqual(['litellm-behind-cloudflare', 'litellm-with-openrouter']);
    expect(doc.breakEven.length).toBe(55);
  });

  it('feeds choose: the cost reason cites monthly figures', async () => {
    const r = await runCli(['choose', '--answers', 'examples/self-hosted-platform.yaml', '--json']);
    const doc = JSON.parse(r.stdout);
    const reason = doc.recommendation.reasons.find((x: { criterion: string }) => x.criterion === 'cost');
    expect(reason.text).toMatch(/At 20,000,000 requests\/month .* \$[\d,]+\/month/);
    expect(doc.cost.monthlyUsd.litellm.total).toBeGreaterThan(0);
  });
});

describe('cost sizes self-hosting for what is needed', () => {
  it('a stateless LiteLLM needs no Postgres or Redis; budgets bring both', async () => {
    const lines = async (needs: string) => {
      const r = await runCli(['cost', '--defaults', '--needs', needs, '--json']);
      const litellm = JSON.parse(r.stdout).gateways.find((g: { gateway: string }) => g.gateway === 'litellm');
      return litellm.lines.map((l: { label: string }) => l.label).join(' | ');
    };
    const stateless = await lines('fallbacks');
    expect(stateless).not.toMatch(/Postgres|Redis/);
    const full = await lines('budgets');
    expect(full).toMatch(/Postgres/);
    expect(full).toMatch(/Redis/);
  });
});

describe('cost: bad input exits 2 with a clear message', () => {
  it.each([
    [['--models', 'acme/unknown=1'], /unknown model "acme\/unknown"/],
    [['--models', 'openai/gpt-4o-mini=0.5,anthropic/claude-sonnet-4-5=0.3'], /sum to 1/],
    [['--monthly-requests', '-5'], /--monthly-requests expects a whole number/],
    [['--cache-hit-rate', '2'], /--cache-hit-rate expects a number from 0 to 1/],
  ])('%j', async (args, message) => {
    const r = await runCli(['cost', '--defaults', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--as-of: the prices and facts in force on a day', () => {
  const cloudflareLogs = (doc: { gateways: { gateway: string; lines: { kind: string; label: string; usd: number }[] }[] }) =>
    doc.gateways.find((g) => g.gateway === 'cloudflare')!.lines.filter((l) => l.kind === 'fee').map((l) => [l.label, l.usd]);
  const args = ['cost', '--defaults', '--monthly-requests', '100M', '--needs', 'observability', '--json'];

  it('2026-11-15 reproduces the per-event Workers Logs pricing; 2026-12-06 bills Observability by the GB', async () => {
    const before = JSON.parse((await runCli([...args, '--as-of', '2026-11-15'])).stdout);
    expect(before.asOf).toBe('2026-11-15');
    // (100M − 20M) × $0.60/M
    expect(cloudflareLogs(before)).toEqual([['Logs (Workers Logs, per event)', 48]]);
    const after = JSON.parse((await runCli([...args, '--as-of', '2026-12-06'])).stdout);
    expect(validateAgainst('cost', after)).toEqual([]);
    // 100M × 6,200 B = 620 GB: (620 − 50) × $0.25; 620 × 7/30 GB-month: (144.67 − 12) × $0.10
    expect(cloudflareLogs(after)).toEqual([['Logs ingested (Cloudflare Observability)', 142.5], ['Logs stored (Cloudflare Observability)', 13.27]]);
    expect(after.inputs.cost.logBytesPerRequest).toBeNull();
  });

  it('--log-bytes replaces the assumed log size, and is checked', async () => {
    const doc = JSON.parse((await runCli([...args, '--as-of', '2026-12-06', '--log-bytes', '2000'])).stdout);
    expect(cloudflareLogs(doc)).toEqual([['Logs ingested (Cloudflare Observability)', 37.5], ['Logs stored (Cloudflare Observability)', 3.47]]);
    expect(doc.inputs.cost.logBytesPerRequest).toBe(2_000);
    const bad = await runCli([...args, '--log-bytes', 'big']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--log-bytes expects/);
  });

  it.each([['cost', '--defaults'], ['choose', '--defaults'], ['compare'], ['demo', '--no-bench']])('%s refuses a malformed date with exit 2 and one JSON error', async (...cmd) => {
    const r = await runCli([...cmd, '--as-of', '2026-02-30', '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.message).toMatch(/--as-of expects a calendar date YYYY-MM-DD \(UTC\), e\.g\. 2026-11-15, got "2026-02-30"/);
  });

  it('choose, compare and demo say which day they used', async () => {
    const choose = JSON.parse((await runCli(['choose', '--defaults', '--as-of', '2026-11-15', '--json'])).stdout);
    expect(choose.asOf).toBe('2026-11-15');
    expect(validateAgainst('recommendation', choose)).toEqual([]);
    const compare = JSON.parse((await runCli(['compare', '--as-of', '2026-11-15', '--json'])).stdout);
    expect(compare.asOf).toBe('2026-11-15');
    const fees = compare.gateways.find((g: { id: string }) => g.id === 'cloudflare').pricing.fees.map((f: { id: string }) => f.id);
    expect(fees).toContain('workers-logs');
    expect(fees).not.toContain('observability-ingest');
    const human = await runCli(['compare', '--as-of', '2026-12-06'], { env: { COLUMNS: '120' } });
    expect(human.stdout).toMatch(/prices and facts in force on 2026-12-06/);
  });
});
