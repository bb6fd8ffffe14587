import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { convertOpenRouterListing, mergePrices, perTokenToPerMillion, sameModelKey } from '../../src/catalog/import-openrouter.js';
import { validateModels } from '../../src/catalog/validate-models.js';
import { runDataPrices } from '../../src/commands/data-prices.js';
import { InputError, UsageError } from '../../src/errors.js';
import { CATALOG_FILE, FIXTURES, models } from './fixtures.js';
import { fakeCtx } from './ctx.js';

const LISTING = `${FIXTURES}openrouter-models.json`;
const listing = JSON.parse(readFileSync(LISTING, 'utf8')) as unknown;

describe('OpenRouter listing conversion', () => {
  test('per-token strings become exact per-million numbers', () => {
    expect(perTokenToPerMillion('0.000003')).toBe(3);
    expect(perTokenToPerMillion('0.00000015')).toBe(0.15);
    expect(perTokenToPerMillion('0.000000075')).toBe(0.075);
    expect(perTokenToPerMillion('abc')).toBeNaN();
  });

  test('converts priced models, keeps free ones, skips the router priced "-1"', () => {
    const r = convertOpenRouterListing(listing, '2026-11-25');
    if (!r.ok) throw new Error('not ok');
    expect(r.value.models.map((m) => m.id)).toEqual([
      'openai/gpt-4o-mini',
      'anthropic/claude-sonnet-4.5',
      'meta-llama/llama-3.3-70b-instruct',
      'mistralai/mistral-nemo:free',
    ]);
    expect(r.value.models[1]).toMatchObject({ inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3, contextTokens: 1_000_000, provider: 'openrouter', source: 'openrouter-models-api', checked: '2026-11-25' });
    expect(r.value.models[2]?.cachedInputPerMTok).toBeNull();
    expect(r.value.skipped).toEqual([{ path: 'data[3]', message: expect.stringMatching(/openrouter\/auto/) }]);
  });

  test('not a listing → issues', () => {
    const r = convertOpenRouterListing({ models: [] }, '2026-11-25');
    expect(r.ok).toBe(false);
  });

  test('merge: updates models with the same id up to "." vs "-", appends the rest, validates', () => {
    const r = convertOpenRouterListing(listing, '2026-11-25');
    if (!r.ok) throw new Error('not ok');
    const { table, updated, added } = mergePrices(models, r.value.models, { version: '2026-11-26' });
    expect(updated).toBe(3); // gpt-4o-mini, claude-sonnet-4-5 (as 4.5), llama-3.3-70b-instruct
    expect(added).toBe(1);
    const sonnet = table.models.find((m) => m.id === 'anthropic/claude-sonnet-4-5');
    expect(sonnet).toMatchObject({ name: 'Claude Sonnet 4.5', source: 'openrouter-models-api', inputPerMTok: 3 });
    expect(table.models.find((m) => m.id === 'anthropic/claude-sonnet-4.5')).toBeUndefined();
    expect(validateModels(table).ok).toBe(true);
    const only = mergePrices(models, r.value.models, { version: 'x', onlyExisting: true });
    expect(only.added).toBe(0);
    expect(only.table.models).toHaveLength(models.models.length);
  });
});

describe('OpenRouter listing conversion, entry by entry', () => {
  const entry = (over: Record<string, unknown>) => ({ id: 'a/b', name: 'A B', context_length: 1000.4, pricing: { prompt: '0.000001', completion: '0.000002' }, ...over });
  const convert = (...data: unknown[]) => {
    const r = convertOpenRouterListing({ data }, '2026-11-25');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value;
  };

  test('numbers as well as strings, with spaces; the name, else the id; a whole context length', () => {
    expect(perTokenToPerMillion(0.0000025)).toBe(2.5);
    expect(perTokenToPerMillion(' 0.000001 ')).toBe(1);
    expect(convert(entry({}), entry({ id: 'c/d', name: ' ', context_length: 0 }), entry({ id: 'e/f', name: undefined, context_length: null })).models.map((m) => [m.id, m.name, m.contextTokens])).toEqual([
      ['a/b', 'A B', 1000],
      ['c/d', 'c/d', undefined],
      ['e/f', 'e/f', undefined],
    ]);
  });

  test.each([
    ['a negative input price', { pricing: { prompt: '-1', completion: '0.000001' } }],
    ['a negative output price', { pricing: { prompt: '0.000001', completion: '-0.000001' } }],
    ['an unreadable price', { pricing: { prompt: 'free', completion: '0' } }],
    ['a negative cached price', { pricing: { prompt: '0.000001', completion: '0.000001', input_cache_read: '-1' } }],
    ['an unreadable cached price', { pricing: { prompt: '0.000001', completion: '0.000001', input_cache_read: 'n/a' } }],
  ])('skips %s, saying which prices', (_name, over) => {
    const r = convert(entry(over));
    expect(r.models).toEqual([]);
    expect(r.skipped).toEqual([{ path: 'data[0]', message: expect.stringMatching(/^"a\/b" has no usable per-token price \(prompt .*, completion .*\)$/) }]);
  });

  test('keeps a zero cached price, and skips an id the price table cannot hold, saying why', () => {
    expect(convert(entry({ pricing: { prompt: '0.000001', completion: '0.000001', input_cache_read: '0' } })).models[0]!.cachedInputPerMTok).toBe(0);
    expect(convert(entry({ id: 'no-slash' })).skipped).toEqual([{ path: 'data[0]', message: '"no-slash": author/slug, e.g. "openai/gpt-4o-mini"' }]);
  });

  test('a listing that is not one: issues with their paths', () => {
    const r = convertOpenRouterListing({ data: [{ id: 1 }] }, '2026-11-25');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['data.0.id', 'data.0.pricing']);
    const root = convertOpenRouterListing('text', '2026-11-25');
    if (!root.ok) expect(root.issues[0]!.path).toBe('(root)');
  });

  test('a negative context length is no context length, and the model is kept', () => {
    expect(convert(entry({ context_length: -5 })).models.map((m) => [m.id, 'contextTokens' in m])).toEqual([['a/b', false]]);
  });

  test('merging keeps a known context length the listing lacks, adds no empty one, and cites OpenRouter once', () => {
    const priced = (id: string, contextTokens?: number) => ({
      id, name: id, provider: 'p', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null, source: 'openrouter-models-api', checked: '2026-11-25', status: 'verified' as const,
      ...(contextTokens === undefined ? {} : { contextTokens }),
    });
    const first = mergePrices(undefined, [priced('a/with', 8_000), priced('a/without')], { version: 'v1' }).table;
    const again = mergePrices(first, [priced('a/with'), priced('a/without')], { version: 'v2' }).table;
    expect(again.models.map((m) => [m.id, 'contextTokens' in m, m.contextTokens])).toEqual([
      ['a/with', true, 8_000],
      ['a/without', false, undefined],
    ]);
    expect(again.sources.map((x) => x.id)).toEqual(['openrouter-models-api']);
  });

  test('ids match up to "." vs "-" and letter case', () => {
    expect(sameModelKey('Anthropic/Claude-Sonnet-4.5')).toBe('anthropic/claude-sonnet-4-5');
  });
});

describe('runDataPrices', () => {
  test('no --out: prints a complete, valid table on stdout; summary on stderr', async () => {
    const ctx = fakeCtx();
    await runDataPrices({ fromOpenrouter: LISTING, checked: '2026-11-25' }, ctx);
    const table = JSON.parse(ctx.stdout()) as unknown;
    expect(validateModels(table).ok).toBe(true);
    expect(ctx.stderr()).toMatch(/0 models updated, 4 added, 1 skipped/);
  });

  test('--out an existing table: merges into it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-prices-'));
    const out = join(dir, 'models.json');
    writeFileSync(out, JSON.stringify(models));
    const ctx = fakeCtx();
    await runDataPrices({ fromOpenrouter: LISTING, out, onlyExisting: true, checked: '2026-11-25' }, ctx);
    const written = validateModels(JSON.parse(readFileSync(out, 'utf8')));
    expect(written.ok && written.value.models.length).toBe(models.models.length);
    expect(ctx.stderr()).toMatch(/3 models updated, 0 added/);
    expect(ctx.stdout()).toBe('');
  });

  test('errors: missing flag, unreadable file, wrong shape', async () => {
    await expect(runDataPrices({}, fakeCtx())).rejects.toThrow(UsageError);
    await expect(runDataPrices({ fromOpenrouter: `${FIXTURES}nope.json` }, fakeCtx())).rejects.toThrow(InputError);
    await expect(runDataPrices({ fromOpenrouter: CATALOG_FILE }, fakeCtx())).rejects.toThrow(/not an OpenRouter models listing/);
  });
});
