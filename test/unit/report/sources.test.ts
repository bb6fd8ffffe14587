import { describe, expect, it } from 'vitest';
import type { ModelTable } from '../../../src/catalog/models-schema.js';
import { factLabel, sourcesDocument, sourcesDocumentSchema } from '../../../src/report/sources-document.js';
import { renderSources, wrap } from '../../../src/report/sources.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

const LONG_URL = 'https://github.com/example-org/example-docs/blob/0123456789abcdef/src/content/docs/gateway/reference/pricing-and-limits.mdx';

// Gateway "a": every fact on "src" (checked 2026-11-01), except one fee and one feature on "page".
const a = makeGateway('a', {
  pricing: {
    tokenMarkupPercent: { value: 0, ...fact },
    fees: [{ id: 'card', label: 'Card fee', basis: 'credit-purchase', appliesWhen: 'card-credits', percent: 5, source: 'page', checked: '2026-10-01', status: 'unverified' }],
    plans: [],
    limits: [],
  },
});
a.features!.sso = { level: 'partial', source: 'page', checked: '2026-11-20', status: 'conflict' };
const catalog = makeCatalog([a], {
  sources: [
    { id: 'src', title: 'Test source', url: 'https://example.com/src', publisher: 'vendor' },
    { id: 'page', title: 'Pricing page', url: LONG_URL, publisher: 'vendor', published: '2026-09-30' },
    { id: 'orphan', title: 'Nobody cites me', url: 'https://example.com/orphan', publisher: 'third-party' },
  ],
});
const models: ModelTable = {
  version: 'm1',
  currency: 'USD',
  sources: [{ id: 'prices', title: 'Model prices', url: 'https://example.com/prices', publisher: 'vendor' }],
  models: [{ id: 'x/model', name: 'X', provider: 'x', inputPerMTok: 1, outputPerMTok: 4, cachedInputPerMTok: null, source: 'prices', checked: '2026-11-02', status: 'verified' }],
};
const now = new Date('2026-11-26T12:00:00Z');
const doc = sourcesDocument({ value: catalog, file: 'cat.json' }, { value: models, file: 'models.json' }, now);

describe('the sources document', () => {
  it('is valid against its schema', () => {
    expect(sourcesDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('lists every source stalest first, with the ones nothing cites last', () => {
    // page: oldest check 2026-10-01; src: 2026-11-01; prices: 2026-11-02; orphan: none.
    expect(doc.sources.map((s) => s.id)).toEqual(['page', 'src', 'prices', 'orphan']);
    expect(doc.sources.map((s) => s.file)).toEqual(['catalog', 'catalog', 'models', 'catalog']);
  });

  it('gives each source its facts by name, with their dates and statuses, oldest first', () => {
    const page = doc.sources[0]!;
    expect(page.facts).toEqual([
      { fact: 'a pricing.fees[card]', summary: 'Card fee', path: 'gateways[0].pricing.fees[0]', checked: '2026-10-01', status: 'unverified' },
      { fact: 'a features.sso', summary: 'level: partial', path: 'gateways[0].features.sso', checked: '2026-11-20', status: 'conflict' },
    ]);
    expect(page).toMatchObject({ oldestChecked: '2026-10-01', counts: { verified: 0, unverified: 1, conflict: 1 }, published: '2026-09-30' });
    expect(doc.sources[2]!.facts).toEqual([
      { fact: 'model x/model', summary: 'X: $1 in / $4 out per M tokens', path: 'models[0]', checked: '2026-11-02', status: 'verified' },
    ]);
  });

  it('totals the facts and counts the unused sources', () => {
    // makeGateway's facts on "src" (deployment ×2, licence, operations, reach, markup, the 17 features less the one
    // moved to "page", api): 2 + 1 + 1 + 1 + 1 + 16 + 1 = 23, all verified; plus 2 on "page" and 1 model price.
    expect(doc.totals).toEqual({ sources: 4, facts: 26, verified: 24, unverified: 1, conflict: 1, unused: 1 });
  });

  it('can be narrowed to one source', () => {
    const only = sourcesDocument({ value: catalog, file: 'cat.json' }, { value: models, file: 'models.json' }, now, 'prices');
    expect(only.sources.map((s) => s.id)).toEqual(['prices']);
    expect(only.totals).toMatchObject({ sources: 1, facts: 1 });
  });
});

describe('fact labels', () => {
  it.each([
    ['gateways[0].pricing.fees[0]', 'a pricing.fees[card]'],
    ['gateways[0].latency[0]', 'a latency[0]'], // latency figures have no id
    ['gateways[0].api', 'a api'],
  ])('%s → %s', (path, label) => {
    const root = { gateways: [{ ...catalog.gateways[0]!, latency: [{ metric: 'overhead' }] }] };
    expect(factLabel(root, path)).toBe(label);
  });
});

const ANSI = /\u001b\[[0-9;]*m/g;

describe('the human report', () => {
  it.each([20, 40, 72, 120])('fits %i columns, with and without colour', (width) => {
    for (const color of [false, true]) {
      const lines = renderSources(doc, width, color).trimEnd().split('\n');
      const widest = Math.max(...lines.map((l) => l.replace(ANSI, '').length));
      expect(widest).toBeLessThanOrEqual(width);
    }
  });

  it('keeps every character of a long URL, broken after a "/"', () => {
    const text = renderSources(doc, 60, false);
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.trim().startsWith('https://github.com/example-org'));
    const joined = lines.slice(start, start + 3).map((l) => l.trim()).join('');
    expect(joined.startsWith(LONG_URL)).toBe(true);
    expect(lines[start]!.trimEnd().endsWith('/')).toBe(true);
  });

  it('shows each fact with its date and status, and says which sources nothing cites', () => {
    const text = renderSources(doc, 100, false);
    expect(text).toMatch(/^ {2}2026-10-01 {2}unverified {2}a pricing\.fees\[card\]: Card fee$/m);
    expect(text).toMatch(/^ {2}2026-11-20 {2}conflict {4}a features\.sso: level: partial$/m);
    expect(text).toMatch(/^orphan · third-party · catalog · 0 facts · cited by nothing$/m);
    expect(text).toMatch(/4 sources back 26 facts: 24 verified, 1 unverified, 1 conflict; 1 cited by nothing\./);
  });

  it('colours only when asked', () => {
    expect(renderSources(doc, 100, false)).not.toMatch(ANSI);
    expect(renderSources(doc, 100, true)).toMatch(ANSI);
  });
});

describe('wrap', () => {
  it('wraps on spaces with a hanging indent and never exceeds the width', () => {
    expect(wrap('one two three four', 10, 0, 2)).toEqual(['one two', '  three', '  four']);
    expect(wrap('abcdefghijkl', 5, 0, 0)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrap('', 10, 2, 2)).toEqual(['  ']);
  });
});
