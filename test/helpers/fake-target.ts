import type { Target } from '../../src/bench/targets.js';

/** A resolved bench target for tests that run the engine on a fake transport: direct, keyed by KEY, no price. */
export function fakeTarget(name: string, over: Partial<Target> = {}): Target {
  return {
    name,
    gateway: 'openai-compatible',
    gatewayName: 'direct',
    model: 'm',
    url: `http://fake/${name}/chat/completions`,
    headers: {},
    secrets: [{ header: 'Authorization', template: 'Bearer {key}', env: 'KEY' }],
    extraBody: {},
    cost: {},
    cacheStatus: {},
    price: null,
    ...over,
  };
}
