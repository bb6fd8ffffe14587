import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { buildCostReport, costDecidingFacts } from '../../src/cost/report.js';
import { costReportSchema } from '../../src/cost/report-schema.js';
import { renderCostReport } from '../../src/report/cost-table.js';
import { renderCostChart } from '../../src/report/cost-chart.js';
import { runCost } from '../../src/commands/cost.js';
import { UsageError } from '../../src/errors.js';
import { answers, CATALOG_FILE, catalog, models, MODELS_FILE, options } from './fixtures.js';
import { fakeCtx } from './ctx.js';

// Built inside each test: mutation testing attributes what a test runs to that test.
const build = () => buildCostReport(answers({ needs: ['sso'] }), options(), { value: catalog, file: 'catalog.json' }, { value: models, file: 'models.json' });

describe('cost document', () => {
  test('matches its schema, rounded to cents', () => {
    const doc = build();
    expect(() => costReportSchema.parse(doc)).not.toThrow();
    expect(doc.schemaVersion).toBe(2);
    // SSO: LiteLLM's is partial and needs Postgres, a high burden: 330 + 130.31 + 50 + 8 h × 1.5 × $100
    expect(doc.gateways.find((g) => g.gateway === 'litellm')?.monthlyUsd.total).toBe(1710.31);
    // OpenRouter's is enterprise-only: a licence line with no published price
    expect(doc.gateways.find((g) => g.gateway === 'openrouter')?.lines.find((l) => l.kind === 'licence')?.usd).toBeNull();
    expect(doc.inputs.cost.models).toEqual([{ id: 'openai/gpt-4o-mini', share: 1 }]);
  });
  test('carries the stacks, each line of a member saying whose it is, tokens once', () => {
    const doc = build();
    expect(doc.stacks.map((s) => s.gateway)).toEqual(['litellm-behind-cloudflare', 'litellm-with-openrouter']);
    const s = doc.stacks[0]!;
    expect(s).toMatchObject({ kind: 'stack', members: [{ gateway: 'litellm' }, { gateway: 'cloudflare' }] });
    expect(s.lines.filter((l) => l.kind === 'tokens')).toHaveLength(1);
    expect(s.lines.filter((l) => l.kind !== 'tokens').every((l) => l.gateway === 'litellm' || l.gateway === 'cloudflare')).toBe(true);
  });
  test('copies what the model says and rounds every amount to cents, never printing -0', () => {
    // No keys, forced credits, 100M requests: Cloudflare is excluded, and a limit stops it from 57.6M up.
    const a = answers({ ownProviderKeys: false, monthlyRequests: 100_000_000, caching: 'exact', needs: ['budgets'] });
    const doc = buildCostReport(a, options({ useManagedBilling: true, cacheHitRate: 1 / 3 }), { value: catalog, file: 'c' }, { value: models, file: 'm' });
    const cf = doc.gateways.find((g) => g.gateway === 'cloudflare')!;
    expect(cf.eligible).toBe(false);
    expect(cf.excludedBecause).toEqual([expect.stringMatching(/^Cloudflare AI Gateway cannot carry this load: /)]);
    // 33,000 ÷ 3 = 11,000 saved: an amount with a repeating fraction, rounded to cents
    const or = doc.gateways.find((g) => g.gateway === 'openrouter')!;
    expect(or.monthlyUsd.cacheSavings).toBe(11000);
    expect(or.lines.find((l) => l.kind === 'fee')!.usd).toBe(1210); // 5.5% × 22,000
    expect(doc.gateways.find((g) => g.gateway === 'litellm')!.notes).toEqual(['LiteLLM Proxy (AI Gateway) has no managed billing; costed with provider accounts and keys you would open.']);
    expect(doc.inputs.answers.needs).toEqual(['budgets']);
    // the defaults' LiteLLM–OpenRouter break-even of docs/cost-model.md, with the one crossing it is
    const defaults = buildCostReport(answers(), options(), { value: catalog, file: 'c' }, { value: models, file: 'm' });
    expect(defaults.breakEven.find((b) => [b.a, b.b].join() === 'litellm,openrouter')).toMatchObject({ monthlyRequests: 132_140_000, crossings: [132_140_000] });
    const nulls = buildCostReport(answers({ ownProviderKeys: false }), options({ useManagedBilling: true }), { value: catalog, file: 'c' }, { value: models, file: 'm' }).curve.series.find((x) => x.gateway === 'cloudflare')!.totalUsd;
    expect(nulls.slice(-4)).toEqual([null, null, null, null]); // 100M, 200M, 500M, 1B
    const none = buildCostReport(answers({ monthlyRequests: 0, caching: 'exact' }), options(), { value: catalog, file: 'c' }, { value: models, file: 'm' });
    expect(Object.is(none.gateways[0]!.lines.find((l) => l.kind === 'cache-savings')!.usd, 0)).toBe(true);
    expect(none.gateways.find((g) => g.gateway === 'openrouter')!.lines.find((l) => l.kind === 'licence')).toBeUndefined();
    expect(doc.gateways.find((g) => g.gateway === 'openrouter')!.lines.every((l) => l.usd === null || Math.round(l.usd * 100) === l.usd * 100)).toBe(true);
  });
  test('an option that bills through a member\'s credits says so', () => {
    const doc = buildCostReport(answers({ ownProviderKeys: false }), options(), { value: catalog, file: 'c' }, { value: models, file: 'm' });
    expect(doc.stacks.find((s) => s.gateway === 'litellm-with-openrouter')).toMatchObject({
      billing: 'managed',
      hosting: 'self-hosted',
      members: [{ gateway: 'litellm', hosting: 'self-hosted', billing: 'byok' }, { gateway: 'openrouter', hosting: 'managed', billing: 'managed' }],
    });
    expect(doc.stacks.find((s) => s.gateway === 'litellm-behind-cloudflare')!.billing).toBe('byok');
  });
  test('its JSON Schema can be generated', () => {
    const json = z.toJSONSchema(costReportSchema, { io: 'output', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    expect(Object.keys(json.properties)).toEqual(expect.arrayContaining(['schemaVersion', 'inputs', 'gateways', 'breakEven', 'curve', 'cheapest', 'assumptions']));
  });
});

describe('human rendering', () => {
  test('by default: cheapest, totals cheapest first, break-even; no line-by-line', () => {
    const brief = renderCostReport(build(), { width: 120, color: false });
    // Wrapped lines joined again, for the sentences that span two.
    const flat = brief.replace(/\n\s+/g, ' ');
    expect(brief).toMatch(/Cheapest: OpenRouter at \$330\.00\/month, excluding prices that are not published\./);
    const lines = brief.split('\n');
    const rule = lines.findIndex((l) => l.includes('───'));
    const rows = lines.slice(rule + 1, rule + 3).map((l) => l.trim().split(/ {2,}/)[0]);
    expect(rows).toEqual(['OpenRouter', 'Cloudflare AI Gateway']);
    // The rendering of a break-even line; its figures are pinned in golden.test.ts.
    expect(flat).toMatch(/LiteLLM Proxy \(AI Gateway\) vs OpenRouter: [\d,]+ requests\/month \(~\d+M\); OpenRouter is cheaper below, LiteLLM Proxy \(AI Gateway\) from there\./);
    // Pairs that never cross are counted, and listed only with --details: 3 gateways + 2 stacks = 10 pairs, 4 cross.
    expect(brief).not.toMatch(/: never;/);
    expect(brief).toMatch(/No other pair crosses: 6 never do \(--details lists them\)\./);
    expect(brief).not.toMatch(/Enterprise licence \(sso\)/);
    expect(brief).toContain('--details');
  });
  test('--details: breakdown per gateway and stack, chart, assumptions, sources as footnotes', () => {
    const text = renderCostReport(build(), { width: 120, color: false, details: true }).replace(/\n {3,}(?=\S)/g, ' ');
    expect(text).toMatch(/OpenRouter \(managed, your provider keys\): \$330\.00\/month \+ prices not published/);
    expect(text).toMatch(/LiteLLM routing through Cloudflare AI Gateway \(LiteLLM Proxy \(AI Gateway\) self-hosted, your provider keys → Cloudflare/);
    expect(text).toMatch(/LiteLLM Proxy \(AI Gateway\) vs Cloudflare AI Gateway: never; Cloudflare AI Gateway is cheaper throughout\./);
    expect(text).toMatch(/Enterprise licence \(sso\)/);
    expect(text).toMatch(/not published/);
    expect(text).toMatch(/requests\/month \(log\)/);
    expect(text).toMatch(/\nAssumptions\n/);
    expect(text).toMatch(/\nSources\n {2}\[1\] +https:\/\//);
  });
  test('chart: one marker per series, axes labelled', () => {
    const chart = renderCostChart([1e4, 1e5, 1e6], [{ name: 'Alpha', values: [1, 10, 100] }, { name: 'Beta', values: [100, 100, 100] }], 5);
    expect(chart).toBe(
      [
        '$100 | B  B  #',
        '     |',
        ' $10 |    A',
        '     |',
        '  $1 | A',
        '     +---------',
        '       10k   1M',
        '      requests/month (log)   USD/month (log)',
        '  A Alpha   B Beta   # overlap',
        '',
      ].join('\n'),
    );
  });
});

describe('runCost (the command body)', () => {
  test('--json prints one document that matches the schema', async () => {
    const ctx = fakeCtx();
    await runCost({ json: true, data: CATALOG_FILE, dataModels: MODELS_FILE, monthlyRequests: '20000000', models: 'openai/gpt-4o-mini=0.7,anthropic/claude-sonnet-4-5=0.3', ownProviderKeys: false }, ctx);
    const parsed = costReportSchema.parse(JSON.parse(ctx.stdout()));
    // docs/cost-model.md example E: on the whole catalog, Vercel AI Gateway sells the tokens at list price (0%
    // markup) and leaves nothing to run: $49,620 of tokens, its payment processing fee unpublished (left out).
    expect(parsed.cheapest).toEqual({ gateway: 'vercel', kind: 'gateway', totalUsd: 49620, excludesUnpublished: true });
    // example A's LiteLLM, unchanged: 49,620 + 130.31 + 800
    expect(parsed.gateways.find((g) => g.gateway === 'litellm')!.monthlyUsd.total).toBe(50550.31);
  });
  test('the human report is the result: on stdout, nothing on stderr', async () => {
    const ctx = fakeCtx();
    await runCost({ data: CATALOG_FILE, dataModels: MODELS_FILE }, ctx);
    expect(ctx.stdout()).toMatch(/^Monthly cost at 1,000,000 requests\/month/);
    expect(ctx.stderr()).toBe('');
  });
  test('bad inputs → UsageError (exit 2)', async () => {
    await expect(runCost({ data: CATALOG_FILE, models: 'openai/gpt-4o-mini=0.5' }, fakeCtx())).rejects.toThrow(/sum to 1/);
    await expect(runCost({ data: CATALOG_FILE, models: 'acme/unknown=1' }, fakeCtx())).rejects.toThrow(UsageError);
    await expect(runCost({ data: CATALOG_FILE, monthlyRequests: '-5' }, fakeCtx())).rejects.toThrow(UsageError);
  });
});

describe('the facts that decide the cost ranking', () => {
  const opt = (gateway: string, total: number, eligible: boolean, lines: { label: string; checked?: string; gateway?: string; source?: string }[]) => ({
    gateway,
    name: gateway.toUpperCase(),
    eligible,
    monthlyUsd: { total },
    lines: lines.map((l) => ({ kind: 'fee', usd: 1, assumption: '', source: l.source ?? 'https://example.com', ...l })),
  });
  test('are the dated lines of the two cheapest eligible options, stacks included, each member named', () => {
    const result = {
      gateways: [
        opt('dear', 900, true, [{ label: 'Dear fee', checked: '2020-01-01' }]),
        opt('cheap', 100, true, [{ label: 'Cheap fee', checked: '2026-01-01', source: 'https://example.com/fees' }, { label: 'Infrastructure' }]),
        opt('cheapest-but-excluded', 1, false, [{ label: 'Excluded fee', checked: '2020-01-01' }]),
      ],
      stacks: [opt('pair', 200, true, [{ label: 'Member plan', checked: '2025-06-01', gateway: 'member' }])],
    } as unknown as Parameters<typeof costDecidingFacts>[0];
    expect(costDecidingFacts(result)).toEqual([
      { option: 'CHEAP', gateway: 'cheap', what: 'Cheap fee', source: 'https://example.com/fees', checked: '2026-01-01' },
      { option: 'PAIR', gateway: 'member', what: 'Member plan', source: 'https://example.com', checked: '2025-06-01' },
    ]);
  });
});
