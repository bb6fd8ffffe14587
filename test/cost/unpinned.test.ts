import { describe, expect, test } from 'vitest';
import { CURVE_VOLUMES } from '../../src/cost/break-even.js';
import { computeCosts, workloadFrom } from '../../src/cost/model.js';
import { answers, catalog, models, options } from './fixtures.js';

/** Figures and labels that mutation testing found no test pinned (see docs/testing.md). */
describe('what the first mutation run found unpinned', () => {
  test('the curve is priced at 1, 2 and 5 of every decade from 10k to 1B requests/month', () => {
    // 6 decades (10^4 … 10^9) × 3, less 2B and 5B, which are above 1B: 16 volumes.
    expect(CURVE_VOLUMES).toEqual([1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9]);
    expect(computeCosts(answers(), options(), catalog, models).curve.monthlyRequests).toEqual(CURVE_VOLUMES);
  });

  test('only models priced at zero count as free models, by their share of the mix', () => {
    const free = { ...models.models[0]!, id: 'test/free', name: 'Free', inputPerMTok: 0, outputPerMTok: 0, cachedInputPerMTok: null };
    const table = { ...models, models: [...models.models, free] };
    // gpt-4o-mini costs $0.15/$0.60 per M: not free.
    expect(workloadFrom(answers(), options(), table).freeModelShare).toBe(0);
    const mix = options({ models: [{ id: 'openai/gpt-4o-mini', share: 0.75 }, { id: 'test/free', share: 0.25 }] });
    expect(workloadFrom(answers(), mix, table).freeModelShare).toBe(0.25);
    // free output alone, or free input alone, is not a free model
    const halves = { ...models, models: [...models.models, { ...free, id: 'test/in-paid', inputPerMTok: 1 }, { ...free, id: 'test/out-paid', outputPerMTok: 1 }] };
    expect(workloadFrom(answers(), options({ models: [{ id: 'test/in-paid', share: 0.5 }, { id: 'test/out-paid', share: 0.5 }] }), halves).freeModelShare).toBe(0);
  });

  test('a token line names a price nobody confirmed, and only such a price', () => {
    // gpt-4o-mini is verified in data/models.json, gpt-5 is not.
    const mix = options({ models: [{ id: 'openai/gpt-4o-mini', share: 0.5 }, { id: 'openai/gpt-5', share: 0.5 }] });
    const or = computeCosts(answers(), mix, catalog, models).gateways.find((g) => g.gateway === 'openrouter')!;
    expect(or.lines.filter((l) => l.kind === 'tokens').map((l) => l.label)).toEqual([
      'Tokens: GPT-4o mini (50% of requests)',
      'Tokens: GPT-5 (unverified price) (50% of requests)',
    ]);
  });

  test('only a licence line with no published price marks the option', () => {
    const r = computeCosts(answers({ needs: [] }), options(), catalog, models);
    // Nothing enterprise-only is wanted: no licence line anywhere, so nothing is flagged.
    expect([...r.gateways, ...r.stacks].filter((g) => g.licenceUnpublished).map((g) => g.gateway)).toEqual([]);
    // SSO is enterprise-only at OpenRouter, with no published price.
    const sso = computeCosts(answers({ needs: ['sso'] }), options(), catalog, models);
    expect(sso.gateways.find((g) => g.gateway === 'openrouter')!.licenceUnpublished).toBe(true);
  });
});
