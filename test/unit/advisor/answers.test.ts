import { describe, expect, it } from 'vitest';
import { ANSWER_DEFAULTS, answersSchema, mergeAnswers } from '../../../src/advisor/answers.js';
import { answersFromFlags, hasAnswerFlags } from '../../../src/io/answers-input.js';
import { answersFileSchema } from '../../../src/io/answers-file-schema.js';
import { UsageError } from '../../../src/errors.js';

describe('answers', () => {
  it('fills every field from the documented defaults', () => {
    expect(mergeAnswers()).toEqual({ ...ANSWER_DEFAULTS, needs: [...ANSWER_DEFAULTS.needs] });
  });

  it('layers defaults, then the file, then flags', () => {
    const file = { hosting: 'managed' as const, providers: 4, caching: 'exact' as const };
    const flags = answersFromFlags({ providers: '7', needs: 'sso,budgets' });
    const a = mergeAnswers(file, flags);
    expect(a).toMatchObject({ hosting: 'managed', providers: 7, caching: 'exact', needs: ['budgets', 'sso'] });
    expect(a.latency).toBe(ANSWER_DEFAULTS.latency);
  });

  it('normalises needs into the documented order without duplicates', () => {
    expect(mergeAnswers({ needs: ['sso', 'fallbacks', 'sso'] }).needs).toEqual(['fallbacks', 'sso']);
  });

  it('the zod schema (the questionnaire\'s answers) also puts needs in the documented order', () => {
    expect(answersSchema.parse({ ...ANSWER_DEFAULTS, needs: ['sso', 'budgets', 'fallbacks'] }).needs).toEqual(['fallbacks', 'budgets', 'sso']);
  });

  it('lets --no-own-provider-keys override a file that says true', () => {
    expect(mergeAnswers({ ownProviderKeys: true }, answersFromFlags({ ownProviderKeys: false })).ownProviderKeys).toBe(false);
  });

  it.each([
    [{ providers: '0' }, /--providers expects a whole number from 1 to 1,000, got "0"/],
    [{ monthlyRequests: '-5' }, /--monthly-requests expects a whole number from 0 to 1,000,000,000,000, got "-5"/],
    [{ avgInputTokens: '1.5' }, /--avg-input-tokens/],
    [{ needs: 'fallbacks,teleport' }, /--needs: unknown value "teleport"/],
  ])('rejects bad flag values with a message naming the flag: %o', (flags, message) => {
    expect(() => answersFromFlags(flags)).toThrow(UsageError);
    expect(() => answersFromFlags(flags)).toThrow(message);
  });

  it('accepts underscores in large numbers and "none" for needs', () => {
    expect(answersFromFlags({ monthlyRequests: '20_000_000', needs: 'none' })).toEqual({ monthlyRequests: 20_000_000, needs: [] });
  });

  it('knows whether any answer flag was given', () => {
    expect(hasAnswerFlags({})).toBe(false);
    expect(hasAnswerFlags({ caching: 'exact' })).toBe(true);
  });

  it('rejects unknown keys in an answers file but allows a cost section', () => {
    expect(answersFileSchema.safeParse({ hosting: 'managed', colour: 'red' }).success).toBe(false);
    expect(answersFileSchema.safeParse({ hosting: 'managed', cost: { cacheHitRate: 0.2 } }).success).toBe(true);
  });
});
