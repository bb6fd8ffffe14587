import { describe, expect, it } from 'vitest';
import { mergeAnswers } from '../../../src/advisor/answers.js';
import { recommendationDocument } from '../../../src/advisor/document.js';
import { advise } from '../../../src/advisor/score.js';
import { compareDocument } from '../../../src/report/compare-document.js';
import { renderCompare } from '../../../src/report/compare.js';
import { renderAnswersSummary, renderRecommendation } from '../../../src/report/recommendation.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

const catalog = makeCatalog([
  makeGateway('edge', {
    name: 'Edge Gateway',
    levels: { 'exact-cache': 'yes', byok: 'yes', fallbacks: 'partial' },
    pitfalls: [{ id: 'cache-off', title: 'Cache is off by default', detail: 'Turn it on per gateway.', severity: 'warn', when: [{ answer: 'caching', in: ['exact'] }], ...fact }],
    pricing: {
      tokenMarkupPercent: { value: 0, ...fact },
      fees: [{ id: 'card', label: 'Card fee', basis: 'credit-purchase', appliesWhen: 'card-credits', percent: 5.5, minimumUsd: 0.8, ...fact }],
      plans: [],
      limits: [],
    },
  }),
  makeGateway('proxy', {
    name: 'Self Proxy',
    deployment: { selfHosted: { level: 'yes', ...fact }, managed: { level: 'no', ...fact } },
    operations: { burden: 'moderate', components: ['proxy'], ...fact },
  }),
]);
const now = new Date('2026-11-25T00:00:00Z');

describe('renderers (strings, no colour)', () => {
  it('renders a recommendation with ranking, reasons, exclusions, watch-outs, sources and next steps', () => {
    const answers = mergeAnswers({ hosting: 'managed', caching: 'exact', needs: ['fallbacks'] });
    const doc = recommendationDocument(catalog, { file: 'catalog.json', lastVerified: '2026-11-01', warnings: [] }, answers, advise(catalog, answers), now);
    expect(renderRecommendation(doc, false, ['gateway-scout compare'])).toMatchInlineSnapshot(`
      "Recommendation: Edge Gateway  score 84/100, confidence high

      Ranking
      ┌───┬──────────────┬───────┬──────────┬──────────────────────────────────────────────────────────────┐
      │ # │ gateway      │ score │ eligible │ top reason                                                   │
      ├───┼──────────────┼───────┼──────────┼──────────────────────────────────────────────────────────────┤
      │ 1 │ Edge Gateway │ 84    │ yes      │ You want exact-match caching: exact-cache is yes             │
      │ 2 │ Self Proxy   │ 25    │ no       │ You want a managed service; Self Proxy is not offered as one │
      └───┴──────────────┴───────┴──────────┴──────────────────────────────────────────────────────────────┘

      Why Edge Gateway
        + You want exact-match caching: exact-cache is yes [src]
        + You want managed: managed is yes [src]
        + Your ops capacity is some: Edge Gateway leaves you nothing to run [src]
        + You hold provider keys: byok is yes [src]
        ~ Latency is sensitive: Edge Gateway's added latency is unknown (no verified figure), so it counts as neutral; measure it with \`gateway-scout bench\` and give the results to \`choose --bench\`
        ~ You need fallbacks: fallbacks is partial [src]
        ~ You call 2 provider(s): about 10 providers reachable [src]

      Excluded
        ✗ Self Proxy: You want a managed service; Self Proxy is not offered as one [src]

      Watch out
        ! [warn] Cache is off by default (because caching is exact)
            Turn it on per gateway. [src]

      Sources
        [src] Test source https://example.com/src

      Catalog test, last verified 2026-11-01.

      Next
        gateway-scout compare
      "
    `);
  });

  it('summarises answers', () => {
    expect(renderAnswersSummary(mergeAnswers({ needs: [] }), false)).toMatchInlineSnapshot(`
      "Your answers
        hosting          either
        providers        2
        ownProviderKeys  yes
        caching          none
        monthlyRequests  1,000,000
        avgInputTokens   1,000
        avgOutputTokens  300
        opsCapacity      some
        dataControl      standard
        latency          sensitive
        needs            none"
    `);
  });

  it('renders the comparison with fees as numbers', () => {
    const out = renderCompare(compareDocument(catalog, 'catalog.json', '2026-11-01', now), false);
    expect(out).toContain('Card fee: 5.5%, min $0.80');
    expect(out).not.toContain('\u001b[');
  });
});
