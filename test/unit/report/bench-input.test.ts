import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchSummarySchema, cacheHitRate, costPer1k, errorRate, keyVariableNames, requestRecordSchema } from '../../../src/report/bench-input.js';
import { makeTarget } from '../../helpers/bench-builders.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8'));

describe('bench summary input contract', () => {
  it.each(['us-east/summary.json', 'eu-west.json', 'shard-1.json', 'shard-2.json', 'other-config.json', 'pinned-only.json'])('accepts the fixture %s', (name) => {
    const r = benchSummarySchema.safeParse(fixture(name));
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it('accepts every requests.jsonl record of the fixture run', () => {
    const lines = readFileSync(new URL('../../fixtures/bench/us-east/requests.jsonl', import.meta.url), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(240); // 4 targets × 60 requests
    for (const line of lines) expect(requestRecordSchema.safeParse(JSON.parse(line)).success).toBe(true);
  });

  it('rejects an unknown error class and a wrong schemaVersion', () => {
    const doc = fixture('eu-west.json');
    doc.targets[0].errors = { rate_limit: 1 };
    expect(benchSummarySchema.safeParse(doc).success).toBe(false);
    expect(benchSummarySchema.safeParse({ ...fixture('eu-west.json'), schemaVersion: 2 }).success).toBe(false);
  });

  it('derives rates and both cost figures', () => {
    const t = makeTarget('or', { requests: { sent: 50, ok: 48, failed: 2 }, cache: { hits: 3, misses: 9, unknown: 38 } });
    expect(errorRate(t)).toBe(0.04); // 2 / 50
    expect(cacheHitRate(t)).toBe(0.25); // 3 / (3 + 9)
    // Reported 0.101 per 1k, 1% above computed: computed = 0.101 / 1.01 = 0.1.
    expect(costPer1k({ ...t, cost: { totalUsd: 0.005, per1kRequestsUsd: 0.101, source: 'gateway', reportedVsComputedPct: 1 } })).toEqual({ reported: 0.101, computed: 0.1 });
    expect(costPer1k({ ...t, cost: { totalUsd: 0.005, per1kRequestsUsd: 0.1, source: 'computed', reportedVsComputedPct: null } })).toEqual({ reported: null, computed: 0.1 });
    expect(costPer1k({ ...t, cost: { totalUsd: null, per1kRequestsUsd: null, source: 'unknown', reportedVsComputedPct: null } })).toEqual({ reported: null, computed: null });
  });

  it('lists each key variable the config names once', () => {
    expect(keyVariableNames(fixture('eu-west.json').config)).toEqual(['OPENAI_API_KEY', 'OPENROUTER_API_KEY', 'LITELLM_API_KEY', 'CF_AIG_TOKEN']);
  });
});
