import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchDocumentSchema as benchOwn } from '../../../src/bench/document.js';
import { requestRecordSchema as benchRecords } from '../../../src/bench/record.js';
import { benchDocumentSchema, benchViewSchema, cacheHitRate, errorRate, keyVariableNames, requestRecordSchema, upgradeBenchDocument } from '../../../src/report/bench-input.js';
import { errors, makeSummary, makeTarget } from '../../helpers/bench-builders.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8'));

describe('the bench document the report reads', () => {
  it('is bench\'s own schema, not a copy', () => {
    expect(benchDocumentSchema).toBe(benchOwn);
    expect(requestRecordSchema).toBe(benchRecords);
  });

  // The fixtures were written by bench with schemaVersion 1 (status a string): readers still take them.
  it.each(['us-east/summary.json', 'eu-west.json', 'shard-1.json', 'shard-2.json', 'other-config.json'])('accepts the real version 1 run %s as bench wrote it, upgraded', (name) => {
    const old = fixture(name);
    expect(old.schemaVersion).toBe(1);
    const r = benchDocumentSchema.safeParse(upgradeBenchDocument(old));
    expect(r.success ? [] : r.error.issues).toEqual([]);
    expect(r.data?.status).toEqual({ ended: old.status, ok: true, failedTargets: [] });
    expect(benchViewSchema.safeParse(upgradeBenchDocument(old)).success).toBe(true);
    // not without the upgrade: a version 1 status is a string
    expect(benchDocumentSchema.safeParse(old).success).toBe(false);
  });

  it('upgrades a version 1 summary with a dead target: it is named as failed, with its errors', () => {
    const v1 = {
      ...makeSummary([makeTarget('direct'), makeTarget('litellm', { requests: { sent: 20, ok: 0, failed: 20 }, errors: errors({ server_error: 15, timeout: 5 }) })]),
      schemaVersion: 1,
      status: 'max-spend',
    };
    const r = benchDocumentSchema.parse(upgradeBenchDocument(v1));
    expect(r.schemaVersion).toBe(2);
    expect(r.status).toEqual({
      ended: 'max-spend',
      ok: false,
      failedTargets: [
        // version 1 kept the first message only in its notes: no example
        { target: 'litellm', sent: 20, topError: { class: 'server_error', count: 15, example: null }, reason: 'all 20 measured requests failed: 15 × server_error, 5 × timeout' },
      ],
    });
    // a version 2 document, a malformed one and something else pass through untouched, for the schema to judge
    const v2 = makeSummary([makeTarget('direct')]);
    expect(upgradeBenchDocument(v2)).toBe(v2);
    const odd = { schemaVersion: 1, status: 'exploded', targets: [] };
    expect(upgradeBenchDocument(odd)).toBe(odd);
    expect(upgradeBenchDocument('text')).toBe('text');
    // a malformed row is left for the schema to report, not a crash
    const bad = { ...v1, targets: [{ name: 'x' }] };
    expect(benchDocumentSchema.safeParse(upgradeBenchDocument(bad)).error?.issues[0]?.path).toEqual(['targets', 0, 'gateway']);
  });

  it('accepts every requests.jsonl record of the real run', () => {
    const lines = readFileSync(new URL('../../fixtures/bench/us-east/requests.jsonl', import.meta.url), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(240); // 4 targets × 60 requests
    for (const line of lines) expect(requestRecordSchema.safeParse(JSON.parse(line)).success).toBe(true);
  });

  it('rejects an unknown error class, a summary without histograms and a wrong schemaVersion', () => {
    const doc = fixture('eu-west.json');
    doc.targets[0].errors.rate_limit = 1;
    expect(benchViewSchema.safeParse(upgradeBenchDocument(doc)).success).toBe(false);
    const bare = fixture('eu-west.json');
    delete bare.targets[0].histograms;
    expect(benchViewSchema.safeParse(upgradeBenchDocument(bare)).success).toBe(false);
    // a version 1 document's string status under version 2 is not upgraded; an unknown version is refused
    expect(benchViewSchema.safeParse(upgradeBenchDocument({ ...fixture('eu-west.json'), schemaVersion: 2 })).success).toBe(false);
    expect(benchViewSchema.safeParse(upgradeBenchDocument({ ...fixture('eu-west.json'), schemaVersion: 3 })).success).toBe(false);
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
