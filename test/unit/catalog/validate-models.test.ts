import { describe, expect, it } from 'vitest';
import { validateModels } from '../../../src/catalog/validate-models.js';

const model = (over: Record<string, unknown> = {}) => ({ id: 'a/b', name: 'B', provider: 'p', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: 0.5, source: 's', checked: '2026-11-01', ...over });
const table = (models: unknown[]) => ({ version: 't', currency: 'USD', sources: [{ id: 's', title: 'S', url: 'https://example.com/s', publisher: 'vendor' }], models });

describe('model price table', () => {
  it('accepts a valid table, with no warnings', () => {
    expect(validateModels(table([model(), model({ id: 'a/c', cachedInputPerMTok: null }), model({ id: 'a/d', cachedInputPerMTok: 1 })]))).toMatchObject({ ok: true, warnings: [] });
  });

  it('reports duplicates and unknown sources with their paths', () => {
    expect(validateModels(table([model(), model({ source: 'x' }), model({ id: 'a/c' })]))).toEqual({
      ok: false,
      issues: [
        { path: 'models[1].id', message: 'duplicate model "a/b" (first at models[0])' },
        { path: 'models[1].source', message: 'unknown source "x": add it to "sources"' },
      ],
      warnings: [],
    });
  });

  it('warns when a cached input price is above the input price (equal is fine)', () => {
    expect(validateModels(table([model({ cachedInputPerMTok: 1.5 })]))).toMatchObject({ ok: true, warnings: [{ path: 'models[0].cachedInputPerMTok', message: 'cached input price is above the input price' }] });
  });

  it('reports schema problems without checking further', () => {
    expect(validateModels(table([model({ inputPerMTok: -1 })]))).toEqual({ ok: false, issues: [expect.objectContaining({ path: 'models[0].inputPerMTok' })], warnings: [] });
  });
});

const provenanceTable = () => ({
  version: 'test',
  currency: 'USD',
  sources: [
    { id: 'vendor', title: 'Price page', url: 'https://example.com/pricing', publisher: 'vendor' },
    { id: 'guide', title: 'A guide', url: 'https://guides.example.org/llm-prices-2026', publisher: 'third-party' },
  ],
  models: [
    { id: 'a/one', name: 'One', provider: 'a', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null, source: 'vendor', checked: '2026-11-20' },
    { id: 'a/two', name: 'Two', provider: 'a', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null, source: 'guide', checked: '2026-10-01', status: 'unverified' },
  ],
});
type Table = ReturnType<typeof provenanceTable>;

const check = (mutate: (t: Table) => void = () => {}) => {
  const t = provenanceTable();
  mutate(t);
  return validateModels(t);
};

describe('model price table provenance', () => {
  it('gives every price a status, verified unless it says otherwise', () => {
    const r = check();
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.models.map((m) => m.status)).toEqual(['verified', 'unverified']);
    expect(r.warnings).toEqual([]);
  });

  it('rejects a status it does not know', () => {
    const r = check((t) => Object.assign(t.models[0]!, { status: 'probably' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['models[0].status']);
  });

  it('warns when a price marked verified rests on a third party', () => {
    const r = check((t) => (t.models[1]!.status = 'verified'));
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['models[1].status']);
  });

  it('rejects a source that is a site front page or a repository root', () => {
    const r = check((t) => {
      t.sources[0]!.url = 'https://groq.com/';
      t.sources[1]!.url = 'https://github.com/someone/deepseek-api-pricing-2026';
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['sources[0].url', 'sources[1].url']);
  });
});
