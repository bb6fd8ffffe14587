import { describe, expect, test } from 'vitest';
import { COST_DEFAULTS, checkModelMix, mergeCostOptions, parseModelsFlag, resolveCostOptions } from '../../src/cost/options.js';
import { parseCostSection } from '../../src/cost/options-schema.js';
import { costOptionsFromFlags } from '../../src/commands/cost.js';
import { InputError, UsageError } from '../../src/errors.js';
import { models } from './fixtures.js';

describe('--models parsing', () => {
  test('id=share pairs', () => {
    expect(parseModelsFlag('openai/gpt-4o-mini=0.7,anthropic/claude-sonnet-4-5=0.3')).toEqual([
      { id: 'openai/gpt-4o-mini', share: 0.7 },
      { id: 'anthropic/claude-sonnet-4-5', share: 0.3 },
    ]);
  });
  test('a single id means share 1; percentages work', () => {
    expect(parseModelsFlag('openai/gpt-4o')).toEqual([{ id: 'openai/gpt-4o', share: 1 }]);
    expect(parseModelsFlag('a/b=60%, c/d=40%')).toEqual([{ id: 'a/b', share: 0.6 }, { id: 'c/d', share: 0.4 }]);
  });
  test('shares not summing to 1 → UsageError saying the sum', () => {
    expect(() => parseModelsFlag('a/b=0.5,c/d=0.4')).toThrow(UsageError);
    expect(() => parseModelsFlag('a/b=0.5,c/d=0.4')).toThrow(/sum to 1, but they sum to 0.9/);
  });
  test('bad shares and missing parts', () => {
    expect(() => parseModelsFlag('a/b=abc')).toThrow(/share of "a\/b" must be a number/);
    expect(() => parseModelsFlag('a/b=0,c/d=1')).toThrow(/must be a number in \(0, 1\]/);
    expect(() => parseModelsFlag('a/b,c/d=1')).toThrow(/has no share/);
    expect(() => parseModelsFlag('=1')).toThrow(/no model id/);
    expect(() => parseModelsFlag(' , ')).toThrow(/at least one model/);
  });
});

describe('model mix against the price table', () => {
  test('unknown model → clear error with a suggestion', () => {
    const issues = checkModelMix([{ id: 'openai/gpt-4o-mni', share: 1 }], models);
    expect(issues[0]?.message).toMatch(/unknown model "openai\/gpt-4o-mni"; nearest: openai\/gpt-4o-mini/);
  });
  test('from flags: UsageError (exit 2)', () => {
    const flags = costOptionsFromFlags({ models: 'nope/model=1' });
    expect(() => resolveCostOptions(undefined, flags, models)).toThrow(UsageError);
    expect(() => resolveCostOptions(undefined, flags, models)).toThrow(/unknown model "nope\/model"/);
  });
  test('from the answers file: InputError with the file and a cost.* path', () => {
    try {
      resolveCostOptions({ models: [{ id: 'openai/gpt-4o-mini', share: 0.5 }] }, {}, models, 'answers.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const err = e as InputError;
      expect(err.file).toBe('answers.yaml');
      expect(err.issues[0]).toEqual({ path: 'cost.models', message: 'model shares must sum to 1, but they sum to 0.5' });
    }
  });
  test('invalid cost section → InputError with paths', () => {
    try {
      parseCostSection({ cacheHitRate: 2, payment: { method: 'cash' } }, 'a.json');
      expect.unreachable();
    } catch (e) {
      const err = e as InputError;
      expect(err.issues.map((i) => i.path).sort()).toEqual(['cost.cacheHitRate', 'cost.payment.method']);
    }
  });
});

describe('layering: defaults ← file cost: ← flags', () => {
  test('later layers win field by field, nested ones too', () => {
    const o = resolveCostOptions(
      { cacheHitRate: 0.3, selfHosting: { postgresUsdMonthly: 80, redisUsdMonthly: 10 }, payment: { topUpUsd: 50 } },
      costOptionsFromFlags({ cacheHitRate: '0.25', redisUsd: '15', payment: 'crypto' }),
      models,
    );
    expect(o.cacheHitRate).toBe(0.25);
    expect(o.selfHosting.postgresUsdMonthly).toBe(80);
    expect(o.selfHosting.redisUsdMonthly).toBe(15);
    expect(o.payment).toEqual({ method: 'crypto', topUpUsd: 50 });
    expect(o.selfHosting.instanceUsdMonthly).toBe(COST_DEFAULTS.selfHosting.instanceUsdMonthly);
  });
  test('merging does not mutate the defaults', () => {
    mergeCostOptions({ selfHosting: { instances: 4 }, models: [{ id: 'x/y', share: 1 }] });
    expect(COST_DEFAULTS.selfHosting.instances).toBeNull();
    expect(COST_DEFAULTS.models).toEqual([{ id: 'openai/gpt-4o-mini', share: 1 }]);
  });
});

describe('cost flags', () => {
  test('each flag maps to its option', () => {
    expect(
      costOptionsFromFlags({
        promptCacheShare: '40%', topUp: '20', instanceUsd: '99.5', instances: '3', minInstances: '2', rpsPerInstance: '250',
        peakFactor: '2', postgresUsd: '0', opsHours: '6', opsRate: '120', managedBilling: false, logpush: true,
      }),
    ).toEqual({
      promptCacheShare: 0.4,
      payment: { topUpUsd: 20 },
      selfHosting: { instanceUsdMonthly: 99.5, instances: 3, minInstances: 2, rpsPerInstance: 250, peakFactor: 2, postgresUsdMonthly: 0 },
      opsHoursPerMonth: 6,
      opsHourlyUsd: 120,
      useManagedBilling: false,
      logpush: true,
    });
  });
  test('bad values name the flag', () => {
    expect(() => costOptionsFromFlags({ cacheHitRate: '1.5' })).toThrow(/--cache-hit-rate expects a number from 0 to 1/);
    expect(() => costOptionsFromFlags({ instances: '0' })).toThrow(/--instances expects a whole number from 1 to 100,000, got "0"/);
    expect(() => costOptionsFromFlags({ topUp: '-5' })).toThrow(/--top-up/);
    expect(() => costOptionsFromFlags({ peakFactor: '0.5' })).toThrow(/--peak-factor/);
  });
});
