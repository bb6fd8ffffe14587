import { describe, expect, test } from 'vitest';
import { computeCosts } from '../../src/cost/model.js';
import type { ModelTable } from '../../src/catalog/models-schema.js';
import { answers, catalog, options } from './fixtures.js';

// Two models with the same prices; only their status differs.
const table: ModelTable = {
  version: 'test',
  currency: 'USD',
  sources: [{ id: 'p', title: 'Price page', url: 'https://example.com/pricing', publisher: 'vendor' }],
  models: [
    { id: 'a/confirmed', name: 'Confirmed', provider: 'a', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null, source: 'p', checked: '2026-11-20', status: 'verified' },
    { id: 'a/claimed', name: 'Claimed', provider: 'a', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null, source: 'p', checked: '2026-03-01', status: 'unverified' },
  ],
};

describe('cost lines say when a model price is unverified', () => {
  // Computed inside each test, so that mutation testing sees the code run.
  const tokenLines = () => computeCosts(answers(), options({ models: [{ id: 'a/confirmed', share: 0.5 }, { id: 'a/claimed', share: 0.5 }] }), catalog, table).gateways[0]!.lines.filter((l) => l.kind === 'tokens');

  test('the unverified price is labelled in the line and its assumption; the verified one is not', () => {
    const tokens = tokenLines();
    const claimed = tokens.find((l) => l.label.startsWith('Tokens: Claimed'))!;
    const confirmed = tokens.find((l) => l.label.startsWith('Tokens: Confirmed'))!;
    expect(claimed.label).toBe('Tokens: Claimed (unverified price) (50% of requests)');
    expect(claimed.assumption).toBe('500,000 requests × (1,000 input tokens × $1/M + 300 output tokens × $2/M); a list price, unverified: not confirmed against its source (last dated 2026-03-01)');
    expect(confirmed.label).toBe('Tokens: Confirmed (50% of requests)');
    expect(confirmed.assumption).toMatch(/list price checked 2026-11-20/);
  });

  test('the label changes nothing in the arithmetic: both halves cost the same', () => {
    const tokens = tokenLines();
    expect(tokens[0]!.usd).toBeCloseTo(tokens[1]!.usd!, 12);
  });
});
