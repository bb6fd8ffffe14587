import { describe, expect, it } from 'vitest';
import { chooseSummaryMarkdown, costSummaryMarkdown, pickId, type PickDocument } from '../../../src/report/pick-summary.js';

/** A made-up choose document: two gateways and one stack of both, scores chosen by hand. */
function doc(over: Partial<PickDocument['recommendation']> = {}): PickDocument {
  return {
    recommendation: { gateway: 'alpha', stack: ['alpha'], name: 'Alpha', score: 80, confidenceText: 'medium: 6 points ahead of Beta', runnerUp: 'beta', ...over },
    ranking: [
      { gateway: 'alpha', name: 'Alpha', score: 80, eligible: true },
      { gateway: 'beta', name: 'Beta', score: 74, eligible: true },
      { gateway: 'gamma', name: 'Gamma', score: 99, eligible: false },
    ],
    stacks: [{ gateway: 'alpha-with-beta', name: 'Alpha | Beta', members: ['alpha', 'beta'], score: 77, eligible: true }],
  };
}

describe('pickId', () => {
  it('is the gateway for a single gateway, the stack id for a combination, null when nothing is eligible', () => {
    expect(pickId(doc())).toBe('alpha');
    // The stack's members in request order are what identifies it (its `gateway` field is the stack id).
    expect(pickId(doc({ gateway: 'alpha', stack: ['alpha', 'beta'], name: 'Alpha | Beta' }))).toBe('alpha-with-beta');
    expect(pickId(doc({ gateway: null, stack: [] }))).toBeNull();
  });
});

describe('chooseSummaryMarkdown', () => {
  it('names the pick, its id and score, then the eligible options by score, without gates when none was asked', () => {
    const md = chooseSummaryMarkdown(doc(), [], false);
    expect(md).toBe(
      [
        '### gateway-scout choose',
        '',
        '**Pick: Alpha** (`alpha`), score **80**/100; confidence medium: 6 points ahead of Beta.',
        '',
        '| option | id | score |',
        '| --- | --- | ---: |',
        // gamma (99) is not eligible: left out. The stack (77) sorts between alpha (80) and beta (74); its | escaped.
        '| Alpha | `alpha` | 80 |',
        '| Alpha \\| Beta | `alpha-with-beta` | 77 |',
        '| Beta | `beta` | 74 |',
        '',
        '',
      ].join('\n'),
    );
  });

  it('says the gates passed, or lists each failure, then a blank line', () => {
    expect(chooseSummaryMarkdown(doc(), [], true).endsWith('| Beta | `beta` | 74 |\n\n**Gates: ✅ passed**\n\n')).toBe(true);
    const md = chooseSummaryMarkdown(doc(), ['expected beta, but the top pick is Alpha'], true);
    expect(md.endsWith('| Beta | `beta` | 74 |\n\n**Gates: ❌ 1 failed**\n\n- expected beta, but the top pick is Alpha\n\n')).toBe(true);
    expect(md).not.toContain('✅');
  });

  it('lists the five best eligible options at most, and keeps a backtick in an id from ending its code span', () => {
    const ranking = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ gateway: id, name: id.toUpperCase(), score: 90 - i, eligible: true }));
    const md = chooseSummaryMarkdown({ ...doc(), ranking, stacks: [] }, [], false);
    // Scores 90..85: the five best are a..e; f (85) is left out.
    expect(md.match(/^\| [A-F] \|/gm)).toEqual(['| A |', '| B |', '| C |', '| D |', '| E |']);
    expect(chooseSummaryMarkdown(doc({ gateway: 'x`y', stack: ['x`y'] }), [], false)).toContain("(`x'y`)");
  });

  it('says when nothing is eligible, and keeps markup in names inert', () => {
    expect(chooseSummaryMarkdown({ ...doc({ gateway: null, stack: [] }), ranking: [], stacks: [] }, [], false)).toBe('### gateway-scout choose\n\n**No option is eligible for these answers.**\n\n');
    const md = chooseSummaryMarkdown(doc({ name: '<img src=x>' }), [], false);
    expect(md).toContain('**Pick: \\<img src=x\\>**');
  });
});

describe('costSummaryMarkdown', () => {
  const cost = { inputs: { answers: { monthlyRequests: 2_500_000 } }, gateways: [{ gateway: 'alpha', name: 'Alpha' }], stacks: [{ gateway: 'alpha-with-beta', name: 'Alpha with Beta' }] };

  it('names the cheapest option (gateway or stack) with its monthly total at the volume', () => {
    expect(costSummaryMarkdown({ ...cost, cheapest: { gateway: 'alpha-with-beta', totalUsd: 1234.5, excludesUnpublished: false } })).toBe(
      '### gateway-scout cost\n\n**Cheapest: Alpha with Beta** (`alpha-with-beta`), $1234.50/month at 2,500,000 requests/month.\n\n',
    );
    expect(costSummaryMarkdown({ ...cost, cheapest: { gateway: 'alpha', totalUsd: 10, excludesUnpublished: true } })).toContain('$10.00/month at 2,500,000 requests/month (excluding fees whose amount is not published).');
    expect(costSummaryMarkdown({ ...cost, cheapest: null })).toContain('**No option is eligible at 2,500,000 requests/month.**');
    // An option missing from both lists (a document edited by hand) is named by its id.
    expect(costSummaryMarkdown({ ...cost, cheapest: { gateway: 'zeta', totalUsd: 0.5, excludesUnpublished: false } })).toContain('**Cheapest: zeta** (`zeta`), $0.5/month');
  });
});
