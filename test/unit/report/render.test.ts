import { describe, expect, it } from 'vitest';
import { mergeAnswers } from '../../../src/advisor/answers.js';
import { recommendationDocument } from '../../../src/advisor/document.js';
import { advise } from '../../../src/advisor/score.js';
import { compareDocument } from '../../../src/report/compare-document.js';
import { renderCompare } from '../../../src/report/compare.js';
import { renderAnswersSummary, renderRecommendation } from '../../../src/report/recommendation.js';
import { briefReason, costOf, pickId } from '../../../src/report/pick.js';
import type { RecommendationDocument } from '../../../src/advisor/document-schema.js';
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
    expect(renderRecommendation(doc, { width: 80, color: false, next: [{ command: 'gateway-scout compare', why: 'the catalog side by side' }] })).toMatchInlineSnapshot(`
      "Recommendation: Edge Gateway
        score 84/100 · the only eligible option

      Why
        + You want exact-match caching: exact-cache is yes [1]
        + You want managed: managed is yes [1]
        + Your ops capacity is some: Edge Gateway leaves you nothing to run [1]
        + You hold provider keys: byok is yes [1]
        ~ Latency is sensitive: Edge Gateway's added latency is unknown (no verified
          figure), so it counts as neutral; measure it with \`gateway-scout bench\` and
          give the results to \`choose --bench\`
        … 2 more with --details

      Excluded
        ✗ Self Proxy: You want a managed service; Self Proxy is not offered as one
          (no) [1]

      Watch out
        ! warn  Cache is off by default [1]

      Sources
        [1] https://example.com/src

      Catalog test, last verified 2026-11-01; prices and facts in force on 2026-11-25.
      More: --details.

      Next
        gateway-scout compare  the catalog side by side
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
        needs            none
        platforms        none"
    `);
  });

  it('renders the comparison with fees as numbers', () => {
    const out = renderCompare(compareDocument(catalog, 'catalog.json', '2026-11-01', now), { width: 80, color: false });
    expect(out).toContain('Card fee: 5.5%, min $0.80');
    expect(out).not.toContain('\u001b[');
  });
});

describe('short reasons keep the claim and its figures, and leave the note for --details', () => {
  it.each([
    [{ text: 'You need fallbacks: fallbacks is yes (Router retries (num_retries) and falls back)', note: 'Router retries (num_retries) and falls back' }, 'You need fallbacks: fallbacks is yes'],
    [{ text: 'Latency is sensitive: typical added latency about 4.8 ms (100 QPS, c7i.xlarge, unverified)', note: '100 QPS, c7i.xlarge' }, 'Latency is sensitive: typical added latency about 4.8 ms'],
    [{ text: 'You want semantic caching: semantic-cache is no (not offered); only exact-match caching (yes)', note: 'not offered' }, 'You want semantic caching: semantic-cache is no; only exact-match caching (yes)'],
    // No note: a name with parentheses is not a note (the demo once cut this reason at "Proxy").
    [{ text: 'At 20,000,000 requests/month LiteLLM Proxy (AI Gateway) is the cheapest: about $7,824/month' }, 'At 20,000,000 requests/month LiteLLM Proxy (AI Gateway) is the cheapest: about $7,824/month'],
    [{ text: 'You hold provider keys: byok is yes', note: 'a note the text does not quote' }, 'You hold provider keys: byok is yes'],
  ])('%j', (reason, brief) => {
    expect(briefReason(reason)).toBe(brief);
  });
});

describe('the pick’s cost, for a gateway or a stack', () => {
  const doc = {
    recommendation: { gateway: 'a', stack: ['a', 'b'] },
    stacks: [{ gateway: 'a-with-b', members: ['a', 'b'] }],
    cost: { monthlyUsd: { a: { total: 10, licenceUnpublished: false, costable: true }, 'a-with-b': { total: 12.5, licenceUnpublished: true, costable: true } } },
  } as unknown as RecommendationDocument;

  it('a stack goes by its stack id, and its cost is read under that id', () => {
    expect(pickId(doc)).toBe('a-with-b');
    expect(costOf(doc, 'a-with-b')).toEqual({ total: 12.5, licenceUnpublished: true, costable: true });
    expect(costOf(doc, 'missing')).toBeUndefined();
    expect(costOf({}, 'a')).toBeUndefined();
  });
});
