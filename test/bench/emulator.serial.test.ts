import { describe, expect, it } from 'vitest';
import { PROMPT_TEXTS } from '../../src/bench/plan.js';
import type { RequestRecord } from '../../src/bench/metrics.js';
import { profile, start } from '../emulator/helpers.js';
import { bench, emulatorTargets } from './helpers.js';

/**
 * The benchmark against the emulators, whose timing, faults and prices are known exactly. Expected values come
 * from the profile and the emulator's documented model (docs/emulators.md), not from the benchmark's code.
 */

const none = { kind: 'none' as const, ms: 0 };
// gpt-4o-mini in data/models.json: $0.15 / $0.60 per million input / output tokens.
const PRICE_IN = 0.15;
const PRICE_OUT = 0.6;
// The emulated model counts ceil(characters / 4) prompt tokens; the bench prefixes "[run xxxxxxxx] " (15 chars).
const PROMPT_TOKENS = Math.ceil((15 + PROMPT_TEXTS.short.length) / 4);

describe('timing and overhead against a known profile', () => {
  it('TTFT, ITL and e2e match the profile; measured overhead matches the configured one, inside its interval', async () => {
    // TTFT 60 ms (normal jitter, sd 4 ms, so the interval has a width to test), 8 ms per token, 6 tokens:
    // e2e = 60 + 5 × 8 = 100 ms. True overheads: LiteLLM +20 ms, OpenRouter +30 ms, Cloudflare 0.
    const emu = await start({
      profile: profile({
        provider: { ttftMs: 60, interTokenMs: 8, tokensPerChunk: 1, jitter: { kind: 'normal', ms: 4 }, chunkJitter: none },
        litellm: { overheadMs: 20, jitter: none },
        openrouter: { overheadMs: 30, jitter: none, processingCommentMs: 1000 },
        cloudflare: { overheadMs: 0, jitter: none },
      }),
    });
    try {
      const { doc, records } = await bench({ requests: 30, warmup: 2, maxTokens: 6, concurrency: 4, targets: emulatorTargets(emu) });
      const overhead = { direct: 0, litellm: 20, openrouter: 30, cloudflare: 0 } as Record<string, number>;
      for (const t of doc.targets) {
        const o = overhead[t.name]!;
        expect([t.name, t.requests]).toEqual([t.name, { sent: 30, ok: 30, failed: 0 }]);
        expect(Math.abs(t.latencyMs.ttft.p50! - (60 + o))).toBeLessThan(4);
        expect(Math.abs(t.latencyMs.e2e.p50! - (100 + o))).toBeLessThan(5);
        expect(Math.abs(t.latencyMs.itl.p50! - 8)).toBeLessThan(1);
        expect(t.tokens).toMatchObject({ output: 180, outputPerRequest: 6, usageReportedRate: 1 });
      }
      for (const name of ['litellm', 'openrouter', 'cloudflare']) {
        const o = doc.overhead.find((x) => x.target === name && x.metric === 'ttft')!;
        expect(o.n).toBe(30);
        expect(Math.abs(o.p50DeltaMs! - overhead[name]!)).toBeLessThan(3);
        expect(o.ci95![0]).toBeLessThanOrEqual(overhead[name]!);
        expect(o.ci95![1]).toBeGreaterThanOrEqual(overhead[name]!);
      }
      expect(doc.overhead.find((x) => x.target === 'litellm' && x.metric === 'ttft')!.verdict).toMatch(/^litellm adds (19|20|21|22)(\.\d)? ms \(.+ ms\) to TTFT$/);
      expect(doc.overhead.find((x) => x.target === 'cloudflare' && x.metric === 'ttft')!.verdict).toMatch(/^cloudflare makes no detectable difference to TTFT/);
      // every record has TTFT below e2e and ITL within the record's own gaps
      for (const r of records) {
        expect(r.ttftMs!).toBeLessThan(r.e2eMs);
        expect(r.chunkGapsMs).toHaveLength(5);
      }
    } finally {
      await emu.close();
    }
  });
});

describe('costs, usage and cache', () => {
  it('costs equal what the emulators report, and the price table agrees with the gateway', async () => {
    const emu = await start();
    try {
      // 4 output tokens. Expected cost of one request, from the emulator's own pricing: (in × 0.15 + out × 0.6) / 1e6
      const expected = (PROMPT_TOKENS * PRICE_IN + 4 * PRICE_OUT) / 1e6;
      const streamed = await bench({ requests: 3, warmup: 0, maxTokens: 4, concurrency: 2, targets: emulatorTargets(emu) });
      const byTarget = (rs: RequestRecord[], name: string) => rs.filter((r) => r.target === name);
      // OpenRouter reports usage.cost in the stream; the others are computed from the price table.
      for (const r of byTarget(streamed.records, 'openrouter')) expect(r).toMatchObject({ costSource: 'gateway', inputTokens: PROMPT_TOKENS, outputTokens: 4 });
      for (const r of streamed.records) expect(r.costUsd).toBeCloseTo(expected, 15);
      expect(streamed.doc.targets.find((t) => t.name === 'openrouter')!.cost).toMatchObject({ source: 'gateway', reportedVsComputedPct: 0 });
      expect(streamed.doc.targets.find((t) => t.name === 'direct')!.cost).toMatchObject({ source: 'computed', reportedVsComputedPct: null });
      expect(streamed.doc.targets.find((t) => t.name === 'direct')!.cost.totalUsd).toBeCloseTo(3 * expected, 15);

      // Non-streamed: LiteLLM reports x-litellm-response-cost (it cannot on streams).
      const whole = await bench({ requests: 2, warmup: 0, maxTokens: 4, stream: false, concurrency: 1, targets: emulatorTargets(emu, ['litellm']) });
      for (const r of whole.records) expect(r).toMatchObject({ costSource: 'gateway', ttftMs: null, tokensSource: 'usage' });
      for (const r of whole.records) expect(r.costUsd).toBeCloseTo(expected, 15);
      expect(whole.doc.overhead).toEqual([]);
    } finally {
      await emu.close();
    }
  });

  it('detects cache hits when the run allows caching (repeated prompts), and a hit costs nothing', async () => {
    const emu = await start();
    try {
      const { doc, records } = await bench({ requests: 4, warmup: 0, maxTokens: 3, concurrency: 1, cache: 'allow', targets: emulatorTargets(emu, ['openrouter', 'cloudflare']) });
      for (const t of doc.targets) expect([t.name, t.cache]).toEqual([t.name, { hits: 3, misses: 1, unknown: 0 }]);
      const hits = records.filter((r) => r.cacheStatus === 'hit');
      expect(hits).toHaveLength(6);
      for (const r of hits) expect(r.costUsd).toBe(0);
    } finally {
      await emu.close();
    }
  });

  it('with caches bypassed, nothing is served from a cache', async () => {
    const emu = await start({ cloudflare: { cacheTtlSec: 300 } });
    try {
      // The gateway caches by default here, but the run sends cf-aig-skip-cache and a nonce per request.
      const { doc } = await bench({ requests: 3, warmup: 0, maxTokens: 3, concurrency: 1, targets: emulatorTargets(emu, ['cloudflare']) });
      expect(doc.targets[0]!.cache).toEqual({ hits: 0, misses: 0, unknown: 3 });
    } finally {
      await emu.close();
    }
  });
});

describe('faults land in their classes and the run completes', () => {
  it('every fault the emulator can inject, one request each, direct to the provider', async () => {
    // The provider counts requests from 1; concurrency 1 and no warmup make request i the i-th of the run.
    const faults = [
      'provider:429=0@at=1',
      'provider:401@at=2',
      'provider:403@at=3',
      'provider:402@at=4',
      'provider:404@at=5',
      'provider:503@at=6',
      'provider:html-524@at=7',
      'provider:reset@at=8',
      'provider:disconnect=2@at=9',
      'provider:malformed=1@at=10',
      'provider:slow-headers=2s@at=11',
      'provider:stall=2s/1@at=12',
    ];
    const emu = await start({ faults });
    try {
      const { doc, records } = await bench({
        requests: 13,
        warmup: 0,
        maxTokens: 4,
        concurrency: 1,
        timeoutsMs: { connect: 2000, firstByte: 300, idle: 300, total: 5000 },
        targets: emulatorTargets(emu, ['direct']),
      });
      expect(records.map((r) => r.errorClass)).toEqual([
        'rate_limited',
        'auth',
        'auth',
        'insufficient_credits',
        'client_error',
        'server_error',
        'server_error',
        'connection',
        'stream_interrupted',
        'bad_response',
        'timeout',
        'timeout',
        null,
      ]);
      expect(records.map((r) => r.status)).toEqual([429, 401, 403, 402, 404, 503, 524, null, 200, 200, null, 200, 200]);
      expect(doc.status).toEqual({ ended: 'completed', ok: true, failedTargets: [] });
      expect(doc.targets[0]!.requests).toEqual({ sent: 13, ok: 1, failed: 12 });
      expect(doc.targets[0]!.errors).toEqual({
        rate_limited: 1,
        auth: 2,
        insufficient_credits: 1,
        client_error: 1,
        server_error: 2,
        timeout: 2,
        connection: 1,
        stream_interrupted: 1,
        bad_response: 1,
        upstream_error: 0,
      });
      // The 524 is a CDN's HTML page: its title is what the note quotes.
      expect(doc.warnings).toContain('direct: 2 × server_error (first: HTTP 503: The engine is currently overloaded, please try again later).');
    } finally {
      await emu.close();
    }
  });

  it('an error event inside a 200 stream is upstream_error (OpenRouter, LiteLLM); a refused connection is connection', async () => {
    // Provider request 1 comes from OpenRouter, 2 from LiteLLM (concurrency 1, one target at a time in the order below).
    const emu = await start({ faults: ['provider:500@at=1', 'provider:disconnect=1@at=2'] });
    try {
      const targets = emulatorTargets(emu, ['openrouter', 'litellm']);
      const closed = { name: 'nowhere', gateway: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY' };
      const { records } = await bench({ requests: 1, warmup: 0, maxTokens: 4, concurrency: 1, seed: 3, targets: [...targets, closed] });
      const cls = Object.fromEntries(records.map((r) => [r.target, [r.status, r.errorClass]]));
      expect(cls.nowhere).toEqual([null, 'connection']);
      // which of openrouter/litellm got provider request 1 depends on the seeded order; both must be upstream_error
      expect(cls.openrouter).toEqual([200, 'upstream_error']);
      expect(cls.litellm).toEqual([200, 'upstream_error']);
    } finally {
      await emu.close();
    }
  });

  it('honours Retry-After: the target\'s next request waits for it', async () => {
    const emu = await start({ faults: ['provider:429=1@at=1'] });
    try {
      const { records } = await bench({ requests: 2, warmup: 0, maxTokens: 2, concurrency: 1, targets: emulatorTargets(emu, ['direct']) });
      expect(records[0]).toMatchObject({ errorClass: 'rate_limited', retryAfterMs: 1000 });
      // the second request starts no earlier than the 429's headers + 1 s
      expect(records[1]!.startedAt - (records[0]!.startedAt + records[0]!.headersMs!)).toBeGreaterThanOrEqual(999);
      expect(records[1]!.errorClass).toBeNull();
    } finally {
      await emu.close();
    }
  });

  it('a key missing at the emulator shows up as auth, and the key never appears in the notes', async () => {
    const emu = await start();
    try {
      const { doc } = await bench(
        { requests: 1, warmup: 0, maxTokens: 2, concurrency: 1, targets: emulatorTargets(emu, ['litellm']) },
        { secrets: new Map([['LITELLM_KEY', 'test-key-sentinel-wrong-0123456789']]) },
      );
      expect(doc.targets[0]!.errors.auth).toBe(1);
      expect(JSON.stringify(doc)).not.toContain('test-key-sentinel-wrong-0123456789');
    } finally {
      await emu.close();
    }
  });
});
