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
