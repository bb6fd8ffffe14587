import { describe, expect, it } from 'vitest';
import { mergeAnswers, type PartialAnswers } from '../../../src/advisor/answers.js';
import { advise } from '../../../src/advisor/score.js';
import { costAllOptions, computeCosts, costSummaryForAdvisor, workloadFrom } from '../../../src/cost/model.js';
import type { PartialCostOptions } from '../../../src/cost/options.js';
import { catalog, models, options } from '../../cost/fixtures.js';

/**
 * choose and cost decide eligibility in one place; this grid over the shipped catalog locks that they agree: the
 * options choose ranks as eligible are exactly the ones cost calls eligible, the cost criterion compares exactly
 * those, and the cheapest cost names is one choose could pick.
 */
const grid: [PartialAnswers, PartialCostOptions][] = [];
for (const hosting of ['either', 'self-hosted', 'managed'] as const)
  for (const ownProviderKeys of [true, false])
    for (const dataControl of ['standard', 'zero-retention', 'own-infrastructure'] as const)
      for (const monthlyRequests of [1_000_000, 20_000_000, 100_000_000])
        for (const needs of [['fallbacks', 'observability'], ['budgets', 'rate-limiting', 'sso']] as const)
          grid.push([{ hosting, ownProviderKeys, dataControl, monthlyRequests, needs: [...needs] }, {}]);
// Credits forced, where a limit can exclude instead of falling back to your keys.
for (const monthlyRequests of [20_000_000, 100_000_000]) grid.push([{ ownProviderKeys: false, monthlyRequests }, { useManagedBilling: true }]);

const eligibleInChoose = (a: PartialAnswers, o: PartialCostOptions) => {
  const answers = mergeAnswers(a);
  const opts = options(o);
  const advice = advise(catalog, answers, { monthlyUsd: costSummaryForAdvisor(answers, opts, catalog, models), workload: workloadFrom(answers, opts, models) });
  return {
    advice,
    ids: [...advice.ranking.filter((r) => r.eligible), ...advice.stacks].map((r) => r.gateway).sort(),
  };
};

describe('choose and cost agree on who is eligible', () => {
  it.each(grid)('%j %j', (a, o) => {
    const { advice, ids } = eligibleInChoose(a, o);
    const costs = costAllOptions(mergeAnswers(a), options(o), catalog, models);
    expect(costs.filter((c) => c.eligible).map((c) => c.gateway).sort()).toEqual(ids);
    // The excluded say the same thing in both.
    for (const c of costs.filter((x) => !x.eligible)) {
      const r = advice.ranking.find((x) => x.gateway === c.gateway);
      if (r) expect(r.excludedBecause.map((e) => e.text)).toEqual(c.excludedBecause);
    }
    // The cost criterion compares exactly the eligible options.
    const costed = [...advice.ranking, ...advice.stacks].filter((r) => r.reasons.some((x) => x.criterion === 'cost')).map((r) => r.gateway).sort();
    expect(costed).toEqual(ids);
    if (advice.recommendation.gateway !== null) expect(ids).toContain([...advice.ranking, ...advice.stacks].find((r) => r.members.join() === advice.recommendation.stack.join())!.gateway);
  });

  it('the cost document\'s options are the ones costed line by line, and its cheapest is eligible', () => {
    for (const [a, o] of grid.filter((_, i) => i % 9 === 0)) {
      const answers = mergeAnswers(a);
      const r = computeCosts(answers, options(o), catalog, models);
      const lineByLine = costAllOptions(answers, options(o), catalog, models);
      expect([...r.gateways, ...r.stacks].map((c) => [c.gateway, c.eligible])).toEqual(lineByLine.map((c) => [c.gateway, c.eligible]));
      if (r.cheapest) expect(eligibleInChoose(a, o).ids).toContain(r.cheapest.gateway);
      expect(r.curve.series.map((s) => s.gateway).sort()).toEqual(lineByLine.filter((c) => c.eligible).map((c) => c.gateway).sort());
    }
  });
});
