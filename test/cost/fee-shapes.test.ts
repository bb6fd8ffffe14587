import { describe, expect, test } from 'vitest';
import { feeSchema, type Fee } from '../../src/catalog/schema.js';
import { tieredUsd } from '../../src/cost/lines/fees.js';
import { feeAmount } from '../../src/cost/model.js';
import { mergeCostOptions, type PartialCostOptions } from '../../src/cost/options.js';
import { fact } from '../helpers/builders.js';

/**
 * Fee shapes the newer gateways publish: graduated tiers (per-log prices that fall with volume), overage billed in
 * whole blocks, a price per model, and fees whose amount is not published. Every expected figure is worked out by
 * hand in the comment beside it.
 */
const fee = (f: Partial<Fee> & Pick<Fee, 'basis'>): Fee => ({ id: 'f', label: 'Fee', appliesWhen: 'always', ...fact, status: 'verified', ...f });
const amount = (f: Fee, requests: number, o: PartialCostOptions = {}, bytesPerRequest = 4_000) =>
  feeAmount(f, { tokenSpend: 100, requests, options: mergeCostOptions(o), log: { bytesPerRequest, given: true } });

// A Helicone-like ladder: 10k free, then $0.0007 to 30k, $0.00035 to 90k, $0.0001 beyond.
const LADDER = [
  { upTo: 30_000, usdPerUnit: 0.0007 },
  { upTo: 90_000, usdPerUnit: 0.00035 },
  { upTo: null, usdPerUnit: 0.0001 },
];

describe('graduated tiers', () => {
  test.each<[string, number, number, number]>([
    ['inside the allowance: nothing', 8_000, 10_000, 0],
    // 20,000 × 0.0007 = 14
    ['the allowance fills the first tier first', 30_000, 10_000, 14],
    // 14 + 30,000 × 0.00035 = 14 + 10.5 = 24.5
    ['into the second tier', 60_000, 10_000, 24.5],
    // 14 + 60,000 × 0.00035 = 21 → 35; + 910,000 × 0.0001 = 91 → 126
    ['the open last tier', 1_000_000, 10_000, 126],
    // no allowance: 30,000 × 0.0007 = 21, + 10,000 × 0.00035 = 3.5 → 24.5
    ['without an allowance', 40_000, 0, 24.5],
    // an allowance past the first tier: 40,000..90,000 at 0.00035 = 17.5
    ['an allowance beyond the first tier', 90_000, 40_000, 17.5],
  ])('%s', (_, units, free, usd) => {
    expect(tieredUsd(LADDER, units, free)).toBeCloseTo(usd, 9);
  });

  test('a per-log fee: the line says the ladder and the count', () => {
    const f = fee({ basis: 'log-events', tiers: LADDER, freeAllowance: { amount: 10_000, unit: 'events', period: 'month' } });
    const r = amount(f, 60_000);
    expect(r.usd).toBeCloseTo(24.5, 9);
    expect(r.assumption).toBe('graduated price per log event (one per request): first 10,000 free, $0.0007 to 30,000, $0.00035 to 90,000, $0.0001 beyond; 60,000 this month');
  });

  test('per GB stored: tiers on the GB-months kept', () => {
    // 1M requests × 1,000,000 bytes = 1,000 GB a month, kept 30 days = 1,000 GB-month; 100 at $3, 900 at $1 = 1,200
    const f = fee({ basis: 'log-gb-month', retentionDays: 30, tiers: [{ upTo: 100, usdPerUnit: 3 }, { upTo: null, usdPerUnit: 1 }] });
    const r = amount(f, 1_000_000, {}, 1_000_000);
    expect(r.usd).toBeCloseTo(1_200, 6);
    expect(r.assumption).toMatch(/^graduated price per GB-month: \$3 to 100, \$1 beyond; 1,000,000 requests × /);
  });
});

describe('overage in whole blocks', () => {
  // Portkey-like: $9 per extra 100,000 requests beyond 100,000 included ($90 per million).
  const f = fee({ basis: 'requests', usdPerMillion: 90, blockSize: 100_000, freeAllowance: { amount: 100_000, unit: 'requests', period: 'month' } });
  test.each<[number, number, string]>([
    [100_000, 0, '0 billable of 100,000 = 0 blocks'],
    // 1 request over starts a block: $9
    [100_001, 9, '1 billable of 100,001 = 1 block'],
    // 150,000 over → 2 blocks = $18
    [250_000, 18, '150,000 billable of 250,000 = 2 blocks'],
    // 2,900,000 over → 29 blocks = $261
    [3_000_000, 261, '2,900,000 billable of 3,000,000 = 29 blocks'],
  ])('%i requests → $%d', (requests, usd, tail) => {
    const r = amount(f, requests);
    expect(r.usd).toBeCloseTo(usd, 9);
    expect(r.assumption).toBe(`$9 per started block of 100,000 requests beyond 100,000/month included: ${tail}`);
  });
});

describe('per model, unpublished, zero retention', () => {
  test('a price per model counts the models in the mix', () => {
    const f = fee({ basis: 'models', usdPerModel: 100 });
    const mix = { models: [{ id: 'openai/gpt-4o-mini', share: 0.5 }, { id: 'openai/gpt-4o', share: 0.3 }, { id: 'anthropic/claude-sonnet-4', share: 0.2 }] };
    expect(amount(f, 1e6, mix)).toEqual({ usd: 300, assumption: '$100/month per model × 3 models in your model mix' });
  });

  test('an unpublished fee is null, never $0', () => {
    expect(amount(fee({ basis: 'credit-purchase', unpublished: true }), 1e6)).toEqual({ usd: null, assumption: 'price not published by the vendor' });
  });
});

describe('the schema of the new shapes', () => {
  const parse = (f: Record<string, unknown>) =>
    feeSchema.safeParse({ id: 'f', label: 'F', appliesWhen: 'always', source: 's', checked: '2026-12-06', ...f });
  const messages = (f: Record<string, unknown>) => parse(f).error?.issues.map((i) => i.message) ?? [];

  test('accepts each shape', () => {
    expect(parse({ basis: 'log-events', tiers: LADDER }).success).toBe(true);
    expect(parse({ basis: 'requests', usdPerMillion: 90, blockSize: 100_000 }).success).toBe(true);
    expect(parse({ basis: 'models', usdPerModel: 100 }).success).toBe(true);
    expect(parse({ basis: 'credit-purchase', unpublished: true }).success).toBe(true);
    expect(parse({ basis: 'requests', usdPerMillion: 100, appliesWhen: 'zero-data-retention' }).success).toBe(true);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['tiers on a basis they cannot price', { basis: 'credit-purchase', tiers: LADDER }, 'tiers price requests, log-events, log-gb or log-gb-month, instead of usdPerMillion / usdPerGb'],
    ['tiers beside a flat rate', { basis: 'requests', tiers: LADDER, usdPerMillion: 1 }, 'tiers price requests, log-events, log-gb or log-gb-month, instead of usdPerMillion / usdPerGb'],
    ['tiers that fall back', { basis: 'requests', tiers: [{ upTo: 10, usdPerUnit: 1 }, { upTo: 5, usdPerUnit: 1 }] }, 'tiers must rise (each upTo above the last) and only the last may have upTo null'],
    ['an open tier before the last', { basis: 'requests', tiers: [{ upTo: null, usdPerUnit: 1 }, { upTo: 5, usdPerUnit: 1 }] }, 'tiers must rise (each upTo above the last) and only the last may have upTo null'],
    ['blocks without a rate', { basis: 'requests', usdFlat: 1, blockSize: 10 }, 'blockSize needs basis requests or log-events and usdPerMillion'],
    ['blocks of GB', { basis: 'log-gb', usdPerGb: 1, usdPerMillion: 1, blockSize: 10 }, 'blockSize needs basis requests or log-events and usdPerMillion'],
    ['a models fee without its price', { basis: 'models', usdFlat: 5 }, 'a "models" fee needs usdPerModel'],
    ['no number and not unpublished', { basis: 'requests' }, 'a fee needs a number (percent, usdPerMillion, usdPerGb, usdFlat, usdPerModel or tiers) or "unpublished": true'],
  ])('refuses %s', (_, f, message) => {
    expect(messages(f)).toContain(message);
  });
});
