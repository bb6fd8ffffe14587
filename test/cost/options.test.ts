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
  test('the share is quoted as written, without the spaces around it; an empty one is refused', () => {
    expect(() => parseModelsFlag('a/b= x ')).toThrow('--models: share of "a/b" must be a number in (0, 1] or a percentage, got "x"');
    expect(() => parseModelsFlag('a/b=')).toThrow('--models: share of "a/b" must be a number in (0, 1] or a percentage, got ""');
    expect(parseModelsFlag('a/b = 0.25 ,c/d= 75%')).toEqual([{ id: 'a/b', share: 0.25 }, { id: 'c/d', share: 0.75 }]);
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
    expect(() => resolveCostOptions(undefined, flags, models)).toThrow(/^--models: unknown model "nope\/model"/);
  });
  test('a mix from the file fixed by --models is no error', () => {
    const o = resolveCostOptions({ models: [{ id: 'nope/model', share: 1 }] }, costOptionsFromFlags({ models: 'openai/gpt-4o-mini' }), models, 'answers.yaml');
    expect(o.models).toEqual([{ id: 'openai/gpt-4o-mini', share: 1 }]);
  });
  test('from the answers file: InputError with the file and a cost.* path', () => {
    const call = () => resolveCostOptions({ models: [{ id: 'openai/gpt-4o-mini', share: 0.5 }] }, {}, models, 'answers.yaml');
    expect(call).toThrow(InputError);
    expect(call).toThrow(expect.objectContaining({ file: 'answers.yaml', issues: [{ path: 'cost.models', message: 'model shares must sum to 1, but they sum to 0.5' }] }));
  });
  test('invalid cost section → InputError with paths', () => {
    const call = () => parseCostSection({ cacheHitRate: 2, payment: { method: 'cash' } }, 'a.json');
    expect(call).toThrow(InputError);
    expect(call).toThrow(
      expect.objectContaining({ issues: expect.arrayContaining([expect.objectContaining({ path: 'cost.cacheHitRate' }), expect.objectContaining({ path: 'cost.payment.method' })]) }),
    );
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
    // the default: c7i.xlarge at $0.1785/h × 730 h
    expect(o.selfHosting.instanceUsdMonthly).toBe(130.31);
  });
  test('a field left undefined in a later layer keeps the earlier value', () => {
    const o = mergeCostOptions({ selfHosting: { instances: 3 } }, { selfHosting: { instances: undefined, minInstances: 2 } });
    expect([o.selfHosting.instances, o.selfHosting.minInstances]).toEqual([3, 2]);
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

describe('--models parsing, edges', () => {
  test('spaces around ids and shares are ignored', () => {
    expect(parseModelsFlag(' a/b = 0.25 ,c/d=  75% ')).toEqual([{ id: 'a/b', share: 0.25 }, { id: 'c/d', share: 0.75 }]);
  });
  test('a share above 1, an empty share, and a share just within the tolerance', () => {
    expect(() => parseModelsFlag('a/b=1.5')).toThrow(/must be a number in \(0, 1\]/);
    expect(() => parseModelsFlag('a/b=')).toThrow(`--models: share of "a/b" must be a number in (0, 1] or a percentage, got ""`);
    // 1/3 + 1/3 + 0.333333 is 1 − 3.3e-7: within 1e-6
    expect(parseModelsFlag('a/b=0.3333333333,c/d=0.3333333333,e/f=0.333333')).toHaveLength(3);
    expect(() => parseModelsFlag('a/b=0.5,c/d=0.499998')).toThrow(/sum to 0.999998/);
    expect(() => parseModelsFlag('a/b=0.5,c/d=0.4')).toThrow(expect.objectContaining({ hint: 'e.g. --models openai/gpt-4o-mini=0.7,anthropic/claude-sonnet-4-5=0.3' }));
  });
});

describe('model mix against the price table, edges', () => {
  test('a model listed twice, and shares off by more than the tolerance', () => {
    const issues = checkModelMix([{ id: 'openai/gpt-4o', share: 0.5 }, { id: 'openai/gpt-4o', share: 0.4 }], models);
    expect(issues).toEqual([
      { path: 'models[1].id', message: 'model "openai/gpt-4o" is listed twice' },
      { path: 'models', message: 'model shares must sum to 1, but they sum to 0.9' },
    ]);
    expect(checkModelMix([{ id: 'openai/gpt-4o', share: 1 }], models, 'cost.models')).toEqual([]);
  });
  test('suggests the nearest known ids only when they are close', () => {
    const typo = checkModelMix([{ id: 'openai/gpt-4o-mimi', share: 1 }], models)[0]!;
    expect(typo.path).toBe('models[0].id');
    // One edit from openai/gpt-4o-mini: it comes first.
    expect(typo.message).toMatch(/^unknown model "openai\/gpt-4o-mimi"; nearest: openai\/gpt-4o-mini(,|$)/);
    // Nothing within 12 ÷ 3 = 4 edits, and no id contains it: no suggestion.
    expect(checkModelMix([{ id: 'zzz/qqqqqqqq', share: 1 }], models)[0]!.message).toBe('unknown model "zzz/qqqqqqqq"');
    expect(checkModelMix([{ id: 'openai/gpt-5x', share: 1 }], models)[0]!.message).toMatch(/nearest: openai\/gpt-5(,|$)/);
    // "xxxxx" → "openai" is 6 edits, more than 13 ÷ 3 = 4.
    expect(checkModelMix([{ id: 'xxxxx/gpt-4.1', share: 1 }], models)[0]!.message).not.toMatch(/nearest/);
  });
  test('from flags every problem is in one usage error; from a file, the file and the paths', () => {
    expect(() => resolveCostOptions(undefined, { models: [{ id: 'a/b', share: 0.5 }] }, models)).toThrow('--models: unknown model "a/b"; model shares must sum to 1, but they sum to 0.5.');
    const call = () => resolveCostOptions({ models: [{ id: 'a/b', share: 1 }] }, {}, models, 'answers.yaml');
    expect(call).toThrow(expect.objectContaining({ message: 'The model mix is invalid.', file: 'answers.yaml', issues: [expect.objectContaining({ path: 'cost.models[0].id' })] }));
    // Not from the file (the defaults' mix): no file to blame.
    expect(() => resolveCostOptions({ cacheHitRate: 0.2 }, {}, { ...models, models: [] }, 'answers.yaml')).toThrow(expect.objectContaining({ file: undefined }));
  });
});

describe('the cost: section of an answers file', () => {
  test('absent or null: nothing; valid: as given', () => {
    expect(parseCostSection(undefined)).toBeUndefined();
    expect(parseCostSection(null)).toBeUndefined();
    expect(parseCostSection({ cacheHitRate: 0.2, selfHosting: { rpsPerInstance: null } })).toEqual({ cacheHitRate: 0.2, selfHosting: { rpsPerInstance: null } });
  });
  test.each([
    [{ cacheHitRate: -0.1 }, 'cost.cacheHitRate'],
    [{ promptCacheShare: 1.1 }, 'cost.promptCacheShare'],
    [{ models: [] }, 'cost.models'],
    [{ models: [{ id: '', share: 1 }] }, 'cost.models[0].id'],
    [{ models: [{ id: 'a/b', share: 0 }] }, 'cost.models[0].share'],
    [{ models: [{ id: 'a/b', share: 1.5 }] }, 'cost.models[0].share'],
    [{ models: [{ id: 'a/b', share: 1, weight: 2 }] }, 'cost.models[0]'],
    [{ selfHosting: { instances: 0 } }, 'cost.selfHosting.instances'],
    [{ selfHosting: { minInstances: 0 } }, 'cost.selfHosting.minInstances'],
    [{ selfHosting: { peakFactor: 0.5 } }, 'cost.selfHosting.peakFactor'],
    [{ selfHosting: { rpsPerInstance: 0 } }, 'cost.selfHosting.rpsPerInstance'],
    [{ selfHosting: { gpus: 2 } }, 'cost.selfHosting'],
    [{ payment: { topUpUsd: 0 } }, 'cost.payment.topUpUsd'],
  ])('%j is rejected at %s', (section, path) => {
    expect(() => parseCostSection(section, 'a.yaml')).toThrow(
      expect.objectContaining({ message: 'The cost: section of the answers file is invalid.', file: 'a.yaml', issues: [expect.objectContaining({ path })] }),
    );
  });
});
