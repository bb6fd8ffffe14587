import { describe, expect, it } from 'vitest';
import { checkEnv, requireKeys, tokenWarnings } from '../../../src/bench/env.js';
import type { Target } from '../../../src/bench/targets.js';
import { UsageError } from '../../../src/errors.js';

const target = (name: string, secrets: Target['secrets']): Target => ({
  name,
  gateway: 'g',
  gatewayName: 'G',
  model: 'm',
  url: 'http://127.0.0.1:1/v1/chat/completions',
  headers: {},
  secrets,
  extraBody: {},
  cost: {},
  cacheStatus: {},
  price: null,
});
const key = (env: string) => ({ header: 'Authorization', template: 'Bearer {key}', env });
const token = (env: string) => ({ header: 'cf-aig-authorization', template: 'Bearer {cf_token}', env, optional: true });

const targets = [target('a', [key('A_KEY')]), target('cf', [key('A_KEY'), token('CF_TOKEN')]), target('b', [key('B_KEY')])];

describe('the key variables a run names, checked before anything is sent', () => {
  it('every variable set: all their values to send from, nothing missing', () => {
    const r = checkEnv(targets, { A_KEY: 'test-a', B_KEY: 'test-b', CF_TOKEN: 'test-t', OTHER: 'not named' });
    expect([...r.secrets]).toEqual([
      ['A_KEY', 'test-a'],
      ['CF_TOKEN', 'test-t'],
      ['B_KEY', 'test-b'],
    ]);
    expect(r.missing).toEqual([]);
    expect(() => requireKeys(r.missing)).not.toThrow();
  });

  it('unset or empty: listed by name with the targets that use it, keys before tokens; no value for them', () => {
    const r = checkEnv(targets, { A_KEY: 'test-a', B_KEY: '' });
    expect(r.missing).toEqual([
      { name: 'B_KEY', targets: ['b'], required: true },
      { name: 'CF_TOKEN', targets: ['cf'], required: false },
    ]);
    expect([...r.secrets.keys()]).toEqual(['A_KEY']);
  });

  it('a missing API key is exit 2 naming it and its targets; a missing token alone is not an error but a warning', () => {
    const missing = checkEnv(targets, {}).missing;
    expect(() => requireKeys(missing)).toThrow(UsageError);
    expect(() => requireKeys(missing)).toThrow('Missing environment variables holding API keys: A_KEY (for a, cf), B_KEY (for b). Nothing was sent.');
    expect(() => requireKeys(checkEnv(targets, { A_KEY: 'x' }).missing)).toThrow('Missing environment variable holding API keys: B_KEY (for b). Nothing was sent.');
    const onlyToken = checkEnv(targets, { A_KEY: 'x', B_KEY: 'y' }).missing;
    expect(() => requireKeys(onlyToken)).not.toThrow();
    expect(tokenWarnings(onlyToken)).toEqual(['cf: CF_TOKEN is not set, so no gateway token is sent; an authenticated gateway answers 401 (auth errors).']);
    expect(tokenWarnings(missing.filter((m) => m.required))).toEqual([]);
    // a token two targets share names both
    expect(tokenWarnings([{ name: 'T', targets: ['x', 'y'], required: false }])).toEqual(['x, y: T is not set, so no gateway token is sent; an authenticated gateway answers 401 (auth errors).']);
    // the hint says what to do, and that a dry run needs no keys
    let hint: string | undefined;
    try {
      requireKeys(missing);
    } catch (e) {
      hint = (e as UsageError).hint;
    }
    expect(hint).toBe('Export them (keys are never read from the config file or flags), or change apiKeyEnv in the config. `--dry-run` shows the plan without them.');
  });
});
