import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { runCli } from '../helpers/run-cli.js';

describe('cost --json', () => {
  it('prints one document that matches the published schema, with traceable lines', async () => {
    const r = await runCli(['cost', '--answers', 'examples/routing-with-guardrails.yaml', '--models', 'openai/gpt-4o-mini=0.7,anthropic/claude-sonnet-4-5=0.3', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('cost', doc)).toEqual([]);
    expect(doc.gateways.map((g: { gateway: string }) => g.gateway)).toEqual(['litellm', 'openrouter', 'cloudflare']);
    for (const g of [...doc.gateways, ...doc.stacks]) {
      const sum = g.lines.reduce((s: number, l: { usd: number | null }) => s + (l.usd ?? 0), 0);
      expect(sum).toBeCloseTo(g.monthlyUsd.total, 2);
      for (const l of g.lines) expect(l.source).toBeTruthy();
    }
    // Every pair of the five eligible options (three gateways, two stacks): 5 × 4 ÷ 2.
    expect(doc.stacks.map((g: { gateway: string }) => g.gateway)).toEqual(['litellm-behind-cloudflare', 'litellm-with-openrouter']);
    expect(doc.breakEven.length).toBe(10);
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
