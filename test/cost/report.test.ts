import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { buildCostReport } from '../../src/cost/report.js';
import { costReportSchema } from '../../src/cost/report-schema.js';
import { renderCostReport } from '../../src/report/cost-table.js';
import { renderCostChart } from '../../src/report/cost-chart.js';
import { runCost } from '../../src/commands/cost.js';
import { UsageError } from '../../src/errors.js';
import { answers, CATALOG_FILE, catalog, models, MODELS_FILE, options } from './fixtures.js';
import { fakeCtx } from './ctx.js';

const doc = buildCostReport(answers({ needs: ['sso'] }), options(), { value: catalog, file: 'catalog.json' }, { value: models, file: 'models.json' });

describe('cost document', () => {
  test('matches its schema, rounded to cents', () => {
    expect(() => costReportSchema.parse(doc)).not.toThrow();
    expect(doc.schemaVersion).toBe(1);
    const ll = doc.gateways.find((g) => g.gateway === 'litellm');
    expect(ll?.monthlyUsd.total).toBe(1310.31);
    expect(ll?.lines.find((l) => l.kind === 'licence')?.usd).toBeNull();
    expect(doc.inputs.cost.models).toEqual([{ id: 'openai/gpt-4o-mini', share: 1 }]);
  });
  test('its JSON Schema can be generated', () => {
    const json = z.toJSONSchema(costReportSchema, { io: 'output', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    expect(Object.keys(json.properties)).toEqual(expect.arrayContaining(['schemaVersion', 'inputs', 'gateways', 'breakEven', 'curve', 'cheapest', 'assumptions']));
  });
});

describe('human rendering', () => {
  const brief = renderCostReport(doc, { width: 120, color: false });
  const text = renderCostReport(doc, { width: 120, color: false, details: true });
  test('by default: cheapest, totals cheapest first, break-even; no line-by-line', () => {
    expect(brief).toMatch(/Cheapest: OpenRouter at \$330\.00\/month, excluding prices that are not published\./);
    const lines = brief.split('\n');
    const rule = lines.findIndex((l) => l.includes('───'));
    const rows = lines.slice(rule + 1, rule + 4).map((l) => l.trim().split(/ {2,}/)[0]);
    expect(rows).toEqual(['OpenRouter', 'Cloudflare AI Gateway', 'LiteLLM']);
    expect(brief).toMatch(/LiteLLM vs OpenRouter: 135,170,304 requests\/month \(~135M\); OpenRouter is cheaper below, LiteLLM from there\./);
    expect(brief).toMatch(/LiteLLM vs Cloudflare AI Gateway: never; Cloudflare AI Gateway is cheaper throughout\./);
    expect(brief).not.toMatch(/Enterprise licence \(sso\)/);
    expect(brief).toContain('--details');
  });
  test('--details: breakdown per gateway, chart, assumptions, sources as footnotes', () => {
    expect(text).toMatch(/LiteLLM \(self-hosted, your provider keys\): \$1,310\.31\/month \+ prices not published/);
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
    expect(parsed.cheapest?.gateway).toBe('cloudflare-ai-gateway');
    expect(parsed.cheapest?.totalUsd).toBe(52201);
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
