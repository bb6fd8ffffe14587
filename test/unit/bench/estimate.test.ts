import { describe, expect, it } from 'vitest';
import { benchConfigSchema } from '../../../src/bench/config.js';
import { estimateRun, promptTokens, requestUsd } from '../../../src/bench/estimate.js';
import type { Price, Target } from '../../../src/bench/targets.js';

const target = (name: string, price: Price | null): Target => ({
  name,
  gateway: 'openai-compatible',
  gatewayName: 'direct',
  model: 'm',
  url: `http://127.0.0.1/${name}`,
  headers: {},
  secrets: [],
  extraBody: {},
  cost: {},
  cacheStatus: {},
  price,
});
const LIST = { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: null, from: 'openai/gpt-4o-mini' };
const config = (over: object) => benchConfigSchema.parse({ targets: [{ name: 'direct', gateway: 'openai-compatible', model: 'm' }], ...over });
const PROMPT = 'x'.repeat(400);

describe('the run estimate', () => {
  it('counts warmups as requests, output at max_tokens, and leaves an unpriced target out of the spend, by name', () => {
    const c = config({ requests: 10, warmup: 2, maxTokens: 100, cache: 'bypass' });
    const e = estimateRun(c, [target('direct', LIST), target('mine', null)], [PROMPT]);
    // 400 characters + the nonce "[run xxxxxxxx] " (15) = 415 → ⌈415 / 4⌉ = 104 tokens; 10 + 2 warmups = 12 requests a target;
    // per request (104 × 0.15 + 100 × 0.6) / 1e6 = $0.0000756, × 12 = $0.0009072
    const [d, mine] = e.targets;
    expect(d).toMatchObject({ name: 'direct', requests: 12, inputTokens: 1248, outputTokens: 1200, priceFrom: 'openai/gpt-4o-mini' });
    expect(d!.usd).toBeCloseTo(0.0009072, 12);
    expect(mine).toMatchObject({ name: 'mine', requests: 12, inputTokens: 1248, outputTokens: 1200, usd: null, priceFrom: null });
    // 2 targets × 12; 2 × 1,248; 2 × 1,200; only direct's spend
    expect(e).toMatchObject({ requests: 24, inputTokens: 2496, outputTokens: 2400, unpriced: ['mine'] });
    expect(e.usd).toBeCloseTo(0.0009072, 12);
  });

  it('a nonce adds 15 characters to the prompt only when the cache is bypassed', () => {
    // 400 characters → 100 tokens; with "[run xxxxxxxx] " 415 → 104
    expect(promptTokens(config({ cache: 'allow' }), [PROMPT], 0)).toBe(100);
    expect(promptTokens(config({ cache: 'bypass' }), [PROMPT], 0)).toBe(104);
  });

  it('one request at most: prompt tokens and max_tokens at list price; none without a price', () => {
    // (1,000 × 0.15 + 500 × 0.6) / 1e6 = 0.00045
    expect(requestUsd(target('direct', LIST), 1000, 500)).toBeCloseTo(0.00045, 12);
    expect(requestUsd(target('mine', null), 1000, 500)).toBeNull();
  });
});
