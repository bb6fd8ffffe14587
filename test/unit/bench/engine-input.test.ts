import { describe, expect, it } from 'vitest';
import { benchConfigSchema } from '../../../src/bench/config.js';
import { engineInput } from '../../../src/bench/engine-input.js';
import { resolveTargets } from '../../../src/bench/targets.js';
import { loadCatalog, loadModels } from '../../../src/io/data-files.js';

const catalog = (await loadCatalog()).value;
const models = (await loadModels()).value;
const direct = { name: 'direct', gateway: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', model: 'gpt-4o-mini', apiKeyEnv: 'KEY', baseline: true };

function input(over: object, maxSpendUsd?: number) {
  const config = benchConfigSchema.parse({ requests: 3, warmup: 1, seed: 5, maxTokens: 10, targets: [direct], ...over });
  const { targets } = resolveTargets(config, catalog, models);
  return engineInput({ config, targets, secrets: new Map([['KEY', 'test-key-123456']]), prompts: ['hello there'], ...(maxSpendUsd !== undefined ? { maxSpendUsd } : {}) });
}

describe('engineInput: the plan and the engine options every thread builds alike', () => {
  it('a closed loop: warmup then measured jobs, headers with the key, the body and its prompt length', () => {
    const { mode, jobs: planned, options } = input({ concurrency: 2, stream: true, cache: 'allow' });
    const jobs = [...planned];
    expect(mode).toEqual({ kind: 'closed', concurrency: 2 });
    expect(jobs.map((j) => [j.round || 0, j.warmup])).toEqual([[0, true], [1, false], [2, false], [3, false]]); // the warmup round is -0
    expect(options.stream).toBe(true);
    expect(options.targets[0]!.headers).toMatchObject({ 'content-type': 'application/json', accept: 'text/event-stream', 'user-agent': 'gateway-scout-bench', Authorization: 'Bearer test-key-123456' });
    expect(options.secrets).toEqual(['test-key-123456']);
    expect(options.maxSpendUsd).toBeUndefined();
    // cache allowed: no nonce, the prompt as written (11 characters)
    const body = options.body(jobs[1]!);
    expect(body.promptChars).toBe(11);
    expect(JSON.parse(body.text)).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello there' }], max_tokens: 10, stream: true, stream_options: { include_usage: true } });
    // gpt-4o-mini at the shipped prices: a positive estimate for the spend cap
    expect(options.estimateUsd(0)).toBeGreaterThan(0);
  });

  it('an open loop with caches bypassed: send times, a nonce per request, whole responses, the spend cap', () => {
    const { mode, jobs: planned, options } = input({ rate: 10, arrival: 'constant', stream: false, cache: 'bypass' }, 0.5);
    const jobs = [...planned];
    expect(mode).toEqual({ kind: 'open', rate: 10, arrival: 'constant' });
    // one target at 10/s, evenly spaced: 0, 100, 200 ms
    expect(jobs.filter((j) => !j.warmup).map((j) => j.atMs)).toEqual([0, 100, 200]);
    expect(options.targets[0]!.headers.accept).toBe('application/json');
    expect(options.maxSpendUsd).toBe(0.5);
    const a = options.body(jobs[1]!);
    const b = options.body(jobs[2]!);
    // "[run xxxxxxxx] " (15 characters) before the 11-character prompt
    expect(a.promptChars).toBe(26);
    expect(JSON.parse(a.text).messages[0].content).toMatch(/^\[run [0-9a-f]{8}\] hello there$/);
    expect(a.text).not.toBe(b.text);
    expect(JSON.parse(a.text).stream).toBe(false);
    expect(JSON.parse(a.text).stream_options).toBeUndefined();
  });
});
