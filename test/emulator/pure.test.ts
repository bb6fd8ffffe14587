import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseDuration, parseFaultSpec, pickFault } from '../../src/emulator/faults.js';
import { ModelIndex, costUsd, planCompletion, priceTableFromModels, promptTokens } from '../../src/emulator/model.js';
import { REALISTIC_PROFILE, ZERO_PROFILE, applyJitter, chunkOffsets, profileFileSchema, resolveProfileFile, timingRng } from '../../src/emulator/profile.js';
import { mulberry32 } from '../../src/emulator/random.js';
import { PRICES } from './helpers.js';

describe('simulated model', () => {
  const req = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello there' }] };
  it('is deterministic per (seed, model, prompt) and differs otherwise', () => {
    const a = planCompletion({ ...req, max_tokens: 20 }, { seed: 1, outputTokens: 50, tokensPerChunk: 1 });
    const b = planCompletion({ ...req, max_tokens: 20 }, { seed: 1, outputTokens: 50, tokensPerChunk: 1 });
    const c = planCompletion({ ...req, max_tokens: 20 }, { seed: 2, outputTokens: 50, tokensPerChunk: 1 });
    expect(a.text).toBe(b.text);
    expect(a.text).not.toBe(c.text);
  });
  it('length: max_completion_tokens > max_tokens > outputTokens; chunks group tokens', () => {
    expect(planCompletion({ ...req, max_tokens: 9, max_completion_tokens: 4 }, { seed: 1, outputTokens: 50, tokensPerChunk: 1 }).completionTokens).toBe(4);
    const p = planCompletion(req, { seed: 1, outputTokens: 7, tokensPerChunk: 3 });
    expect(p).toMatchObject({ completionTokens: 7, finishReason: 'stop' });
    expect(p.chunks).toHaveLength(3);
    expect(p.chunks.join('').split(' ')).toHaveLength(7);
  });
  it('prompt tokens = ceil(chars/4) over text, including content parts', () => {
    expect(promptTokens([{ content: 'abcde' }, { content: [{ type: 'text', text: 'abc' }] }])).toBe(2);
    expect(promptTokens([{ content: '' }])).toBe(1);
  });
  it('cost and the catalog table adapter', () => {
    expect(costUsd({ inputPerMTok: 2, outputPerMTok: 10, cachedInputPerMTok: null }, 1_000_000, 500_000)).toBe(7);
    const t = priceTableFromModels({
      version: '1',
      currency: 'USD',
      sources: [{ id: 's', title: 't', url: 'https://example.com', publisher: 'vendor' }],
      models: [{ id: 'openai/gpt-4o-mini', name: 'x', provider: 'openai', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null, source: 's', checked: '2026-01-01', status: 'verified' }],
    });
    expect(t.get('openai/gpt-4o-mini')).toEqual({ inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: null });
    const idx = new ModelIndex(PRICES);
    expect(idx.resolve('gpt-4o-mini')).toBe('openai/gpt-4o-mini');
    expect(idx.resolve('openai/gpt-4o-mini')).toBe('openai/gpt-4o-mini');
    expect(idx.resolve('nope')).toBeUndefined();
  });
});

describe('profiles', () => {
  it('chunk offsets without jitter are exact', () => {
    const t = { ttftMs: 100, interTokenMs: 10, tokensPerChunk: 2, jitter: { kind: 'none' as const, ms: 0 }, chunkJitter: { kind: 'none' as const, ms: 0 } };
    expect(chunkOffsets(t, 4, mulberry32(1))).toEqual([100, 120, 140, 160]);
  });
  it('jitter is seeded per (seed, endpoint, request) and clamped at 0', () => {
    const t = REALISTIC_PROFILE.provider;
    expect(chunkOffsets(t, 5, timingRng(1, 'provider', 3))).toEqual(chunkOffsets(t, 5, timingRng(1, 'provider', 3)));
    expect(chunkOffsets(t, 5, timingRng(1, 'provider', 3))).not.toEqual(chunkOffsets(t, 5, timingRng(1, 'provider', 4)));
    const rng = mulberry32(5);
    for (let i = 0; i < 1000; i++) {
      const u = applyJitter(10, { kind: 'uniform', ms: 5 }, rng);
      expect(u).toBeGreaterThanOrEqual(5);
      expect(u).toBeLessThanOrEqual(15);
      expect(applyJitter(1, { kind: 'normal', ms: 50 }, rng)).toBeGreaterThanOrEqual(0);
    }
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += applyJitter(300, { kind: 'normal', ms: 20 }, rng);
    expect(Math.abs(sum / 20000 - 300)).toBeLessThan(1);
  });
  it('profile files extend a built-in and may carry faults and a seed', () => {
    const f = profileFileSchema.parse({ extends: 'zero', provider: { ttftMs: 50 }, openrouter: { overheadMs: 5 }, faults: ['provider:429'], seed: 9 });
    const r = resolveProfileFile(f);
    expect(r.profile.provider).toMatchObject({ ttftMs: 50, interTokenMs: 0 });
    expect(r.profile.openrouter).toMatchObject({ overheadMs: 5, processingCommentMs: ZERO_PROFILE.openrouter.processingCommentMs });
    expect(r).toMatchObject({ faults: ['provider:429'], seed: 9 });
    expect(() => profileFileSchema.parse({ provider: { ttftMs: -1 } })).toThrow();
    expect(() => profileFileSchema.parse({ bogus: 1 })).toThrow();
  });
});

describe('fault specs', () => {
  it('parses every kind and schedule', () => {
    expect(parseFaultSpec('provider:429')).toMatchObject({ endpoints: ['provider'], fault: { kind: 'status', status: 429, retryAfterSec: 1 }, when: { kind: 'always' } });
    expect(parseFaultSpec('all:503=4@every=5')).toMatchObject({ endpoints: ['provider', 'litellm', 'openrouter', 'cloudflare'], fault: { status: 503, retryAfterSec: 4 }, when: { kind: 'every', n: 5 } });
    expect(parseFaultSpec('litellm:500').fault).toEqual({ kind: 'status', status: 500 });
    expect(parseFaultSpec('openrouter:stall=1.5s/3@first=2')).toMatchObject({ fault: { kind: 'stall', ms: 1500, afterChunks: 3 }, when: { kind: 'first', n: 2 } });
    expect(parseFaultSpec('cloudflare:disconnect@at=1,4').when).toEqual({ kind: 'at', indices: new Set([1, 4]) });
    expect(parseFaultSpec('provider:malformed=0').fault).toEqual({ kind: 'malformed', afterChunks: 0 });
    expect(parseFaultSpec('provider:slow-headers=300ms').fault).toEqual({ kind: 'slow-headers', ms: 300 });
    expect(parseFaultSpec('provider:reset@rate=0.25').when).toEqual({ kind: 'rate', p: 0.25 });
    expect(parseFaultSpec('provider:html-524').fault).toEqual({ kind: 'html-524' });
    expect(parseDuration('2')).toBe(2000);
  });
  it.each(['provider', 'nope:429', 'provider:teapot', 'provider:429@every=0', 'provider:429@rate=2', 'provider:reset=1', 'provider:stall=fast', 'provider:429@when=1'])(
    'rejects %s with a UsageError',
    (spec) => {
      expect(() => parseFaultSpec(spec)).toThrow(UsageError);
    },
  );
  it('pickFault: first matching rule wins; rate is deterministic', () => {
    const rules = [parseFaultSpec('provider:429@at=2'), parseFaultSpec('provider:500@every=2')];
    expect(pickFault(rules, 'provider', 2, 1)).toMatchObject({ status: 429 });
    expect(pickFault(rules, 'provider', 4, 1)).toMatchObject({ status: 500 });
    expect(pickFault(rules, 'provider', 3, 1)).toBeUndefined();
    expect(pickFault(rules, 'litellm', 2, 1)).toBeUndefined();
    const rate = [parseFaultSpec('provider:500@rate=0.3')];
    const hits = Array.from({ length: 2000 }, (_, i) => pickFault(rate, 'provider', i + 1, 7) !== undefined);
    expect(hits).toEqual(Array.from({ length: 2000 }, (_, i) => pickFault(rate, 'provider', i + 1, 7) !== undefined));
    const share = hits.filter(Boolean).length / 2000;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
});

describe('the example profile file', () => {
  it('parses and resolves', async () => {
    const { readFile } = await import('node:fs/promises');
    const data = JSON.parse(await readFile(new URL('../../data/emulator-profile.example.json', import.meta.url), 'utf8')) as unknown;
    const r = resolveProfileFile(profileFileSchema.parse(data));
    expect(r.profile.provider.tokensPerChunk).toBe(2);
    expect(r.profile.cloudflare.jitter).toEqual({ kind: 'uniform', ms: 5 });
    expect(r.faults.map((f) => parseFaultSpec(f).spec)).toHaveLength(2);
  });
});

describe('profile flags', () => {
  it('override the chosen profile field by field', async () => {
    const { applyProfileFlags, REALISTIC_PROFILE } = await import('../../src/emulator/profile.js');
    const p = applyProfileFlags(REALISTIC_PROFILE, { ttft: '120', tokensPerSecond: '100', tokensPerChunk: '4', outputTokens: '64', overhead: 'litellm=2,cloudflare=10' });
    expect(p.provider).toMatchObject({ ttftMs: 120, interTokenMs: 10, tokensPerChunk: 4 });
    expect(p.outputTokens).toBe(64);
    expect([p.litellm.overheadMs, p.openrouter.overheadMs, p.cloudflare.overheadMs]).toEqual([2, 40, 10]);
    expect(REALISTIC_PROFILE.provider.ttftMs).toBe(350); // the built-in is not mutated
  });

  it.each([
    [{ ttft: '-1' }, /--ttft expects a number from 0 to 600,000, got "-1"/],
    [{ ttft: '1e9' }, /--ttft expects a number from 0 to 600,000, got "1e9"/],
    [{ tokensPerSecond: '0' }, /--tokens-per-second expects a number > 0 and ≤ 100,000/],
    [{ tokensPerChunk: '2.5' }, /--tokens-per-chunk expects a whole number from 1 to 10,000/],
    [{ overhead: 'kong=3' }, /--overhead expects GATEWAY=MS/],
  ])('reject bad values with the flag named: %o', async (flags, message) => {
    const { applyProfileFlags, REALISTIC_PROFILE } = await import('../../src/emulator/profile.js');
    expect(() => applyProfileFlags(REALISTIC_PROFILE, flags)).toThrow(message);
  });
});
