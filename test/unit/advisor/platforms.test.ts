import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { checkAnswersFile } from '../../../src/advisor/answers-check.js';
import { advise } from '../../../src/advisor/score.js';
import { applies } from '../../../src/advisor/usage.js';
import { workloadFor } from '../../../src/advisor/workload.js';
import { UsageError } from '../../../src/errors.js';
import { answersFromFlags } from '../../../src/io/answers-input.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

/**
 * The platforms question: a gateway documented to plug into a platform the team runs earns the "platform"
 * criterion (weight 1 per platform named); others get 0 and say so.
 */
const fits = makeGateway('fits', { platforms: [{ platform: 'vercel', why: 'Vercel deployments authenticate with OIDC, no key to keep', ...fact }] });
const plain = makeGateway('plain');
const catalog = makeCatalog([plain, fits]);
const base: PartialAnswers = { needs: [], hosting: 'either', ownProviderKeys: true, providers: 2, caching: 'none', opsCapacity: 'some', dataControl: 'standard', latency: 'sensitive' };
const rank = (a: PartialAnswers) => advise(catalog, mergeAnswers({ ...base, ...a })).ranking;

describe('platforms in the score', () => {
  it('changes nothing when the team names no platform', () => {
    // byok 1×1, providers 1×0.5 (10 reachable: log10(10)/2), operations 2×1, latency 2×0.5 (unknown) = 4.5 / 6 = 75
    const r = rank({});
    expect(r.map((x) => [x.gateway, x.score])).toEqual([['fits', 75], ['plain', 75]]);
    expect(r[0]!.reasons.some((x) => x.criterion === 'platform')).toBe(false);
  });

  it('ranks the gateway that fits a platform the team runs first, citing why', () => {
    // fits: (4.5 + 1) / 7 = 78.6 → 79; plain: 4.5 / 7 = 64.3 → 64
    const r = rank({ platforms: ['vercel'] });
    expect(r.map((x) => [x.gateway, x.score])).toEqual([['fits', 79], ['plain', 64]]);
    const reason = r[0]!.reasons.find((x) => x.criterion === 'platform')!;
    expect(reason.text).toBe('You run vercel: Vercel deployments authenticate with OIDC, no key to keep');
    const miss = r[1]!.reasons.find((x) => x.criterion === 'platform')!;
    expect(miss.text).toBe('You run vercel: PLAIN has no documented way to plug into it');
  });

  it('weighs each platform named: a fit for one of two', () => {
    // fits: (4.5 + 1 + 0) / 8 = 68.75 → 69; plain: 4.5 / 8 = 56.25 → 56
    expect(rank({ platforms: ['kubernetes', 'vercel'] }).map((x) => [x.gateway, x.score])).toEqual([['fits', 69], ['plain', 56]]);
  });
});

describe('platforms as an answer', () => {
  it('reads a comma list from --platforms, "none" for none', () => {
    expect(answersFromFlags({ platforms: 'vercel, kubernetes' })).toEqual({ platforms: ['vercel', 'kubernetes'] });
    expect(answersFromFlags({ platforms: 'none' })).toEqual({ platforms: [] });
  });

  it('refuses an unknown platform, naming the flag and the choices', () => {
    expect(() => answersFromFlags({ platforms: 'heroku' })).toThrow(UsageError);
    expect(() => answersFromFlags({ platforms: 'heroku' })).toThrow('--platforms: unknown value "heroku".');
  });

  it('keeps the question order in a file, once each, and defaults to none', () => {
    expect(checkAnswersFile({ platforms: ['kong', 'kubernetes', 'kong'] })?.answers.platforms).toEqual(['kubernetes', 'kong']);
    expect(checkAnswersFile({ platforms: ['heroku'] })).toBeUndefined();
    expect(mergeAnswers({}).platforms).toEqual([]);
  });
});

describe('a fee for zero retention', () => {
  it('applies only when the team asks for zero retention', () => {
    const usage = (dataControl: 'standard' | 'zero-retention' | 'own-infrastructure') => {
      const answers = mergeAnswers({ dataControl });
      return { billing: 'managed' as const, answers, workload: workloadFor(answers) };
    };
    expect(applies('zero-data-retention', usage('zero-retention'))).toBe(true);
    expect(applies('zero-data-retention', usage('standard'))).toBe(false);
    expect(applies('zero-data-retention', usage('own-infrastructure'))).toBe(false);
  });
});

describe('a fee tied to a chosen plan', () => {
  it('never applies by the usage alone, whatever the answers', () => {
    for (const dataControl of ['standard', 'zero-retention', 'own-infrastructure'] as const) {
      const answers = mergeAnswers({ dataControl });
      expect(applies('plan-chosen', { billing: 'managed', answers, workload: workloadFor(answers) })).toBe(false);
    }
  });
});
