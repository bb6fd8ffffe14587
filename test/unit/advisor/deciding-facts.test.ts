import { describe, expect, it } from 'vitest';
import { decidingFacts, topTwo } from '../../../src/advisor/deciding-facts.js';
import type { Advice, Ranked, Reason } from '../../../src/advisor/score.js';

const reason = (text: string, extra: Partial<Reason> = {}): Reason => ({ criterion: 'c', answer: 'a', effect: 'for', weight: 1, text, ...extra });
const ranked = (gateway: string, score: number, eligible = true, extra: Partial<Ranked> = {}): Ranked => ({
  gateway,
  name: gateway.toUpperCase(),
  members: [gateway],
  score,
  eligible,
  reasons: [],
  excludedBecause: [],
  watchOuts: [],
  ...extra,
});
const advice = (ranking: Ranked[], stacks: Ranked[] = []) => ({ ranking, stacks, recommendation: {}, sources: [] }) as unknown as Advice;

describe('the two options the answer turns on', () => {
  it('are the two best eligible by score, stacks included, whatever the order given', () => {
    expect(topTwo(advice([ranked('a', 70), ranked('b', 90), ranked('x', 99, false)], [ranked('ab', 80)])).map((r) => r.gateway)).toEqual(['b', 'ab']);
  });
  it('are the first two of the ranking when nothing is eligible', () => {
    expect(topTwo(advice([ranked('a', 10, false), ranked('b', 60, false), ranked('c', 90, false)])).map((r) => r.gateway)).toEqual(['a', 'b']);
  });
  it('is one when only one is eligible', () => {
    expect(topTwo(advice([ranked('a', 10, false), ranked('b', 60)])).map((r) => r.gateway)).toEqual(['b']);
  });
});

describe('the facts behind them', () => {
  it('are their reasons and exclusions, with source and check date, the text cut to 80 characters', () => {
    const long = 'x'.repeat(81);
    const a = ranked('a', 90, true, { reasons: [reason('short', { gateway: 'a', source: 's1', checked: '2026-01-01' }), reason(long)] });
    const b = ranked('b', 80, true, { excludedBecause: [reason('cannot', { gateway: 'b', source: 's2', checked: '2025-01-01' })] });
    expect(decidingFacts(advice([a, b, ranked('c', 10)]))).toEqual([
      { option: 'A', gateway: 'a', what: 'short', source: 's1', checked: '2026-01-01' },
      { option: 'A', gateway: undefined, what: `${'x'.repeat(79)}…`, source: undefined, checked: undefined },
      { option: 'B', gateway: 'b', what: 'cannot', source: 's2', checked: '2025-01-01' },
    ]);
  });
  it('keep a text of exactly 80 characters whole', () => {
    const text = 'y'.repeat(80);
    expect(decidingFacts(advice([ranked('a', 1, true, { reasons: [reason(text)] })]))[0]!.what).toBe(text);
  });
});
