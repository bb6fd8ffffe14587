import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchDocumentSchema as benchOwn } from '../../../src/bench/document.js';
import { requestRecordSchema as benchRecords } from '../../../src/bench/record.js';
import { benchDocumentSchema, benchViewSchema, cacheHitRate, errorRate, keyVariableNames, requestRecordSchema } from '../../../src/report/bench-input.js';
import { makeTarget } from '../../helpers/bench-builders.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8'));

describe('the bench document the report reads', () => {
  it('is bench\'s own schema, not a copy', () => {
    expect(benchDocumentSchema).toBe(benchOwn);
    expect(requestRecordSchema).toBe(benchRecords);
  });

  it.each(['us-east/summary.json', 'eu-west.json', 'shard-1.json', 'shard-2.json', 'other-config.json'])('accepts the real run %s as bench wrote it', (name) => {
    const r = benchDocumentSchema.safeParse(fixture(name));
    expect(r.success ? [] : r.error.issues).toEqual([]);
    expect(benchViewSchema.safeParse(fixture(name)).success).toBe(true);
  });

  it('accepts every requests.jsonl record of the real run', () => {
    const lines = readFileSync(new URL('../../fixtures/bench/us-east/requests.jsonl', import.meta.url), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(240); // 4 targets × 60 requests
    for (const line of lines) expect(requestRecordSchema.safeParse(JSON.parse(line)).success).toBe(true);
  });

  it('rejects an unknown error class, a summary without histograms and a wrong schemaVersion', () => {
    const doc = fixture('eu-west.json');
    doc.targets[0].errors.rate_limit = 1;
    expect(benchViewSchema.safeParse(doc).success).toBe(false);
    const bare = fixture('eu-west.json');
    delete bare.targets[0].histograms;
    expect(benchViewSchema.safeParse(bare).success).toBe(false);
    expect(benchViewSchema.safeParse({ ...fixture('eu-west.json'), schemaVersion: 2 }).success).toBe(false);
  });

  it('derives error and cache hit rates', () => {
    const t = makeTarget('or', { requests: { sent: 50, ok: 48, failed: 2 }, cache: { hits: 3, misses: 9, unknown: 38 } });
    expect(errorRate(t)).toBe(0.04); // 2 / 50
    expect(cacheHitRate(t)).toBe(0.25); // 3 / (3 + 9)
    expect(cacheHitRate(makeTarget('x'))).toBeNull(); // no known status
  });

  it('lists each key variable the config names once', () => {
    expect(keyVariableNames(fixture('eu-west.json').config)).toEqual(['OPENAI_API_KEY', 'OPENROUTER_API_KEY', 'LITELLM_API_KEY', 'CF_AIG_TOKEN']);
    expect(keyVariableNames({})).toEqual([]);
  });
});
