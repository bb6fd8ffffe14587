import { describe, expect, it } from 'vitest';
import { zodIssues } from '../../../src/catalog/validate.js';
import { drillConfigSchema } from '../../../src/drill/config.js';

const MIN = {
  upstreams: { primary: { port: 18001 }, secondary: { port: 18002 } },
  target: { name: 'litellm', gateway: 'litellm', baseUrl: 'http://127.0.0.1:4000/v1', model: 'drill' },
};

/** The issues of a config that must be refused, as `path: message` lines (the way the command prints them). */
function issues(raw: unknown): string[] {
  const r = drillConfigSchema.safeParse(raw);
  expect(r.success).toBe(false);
  return zodIssues(r.error!).map((i) => `${i.path}: ${i.message}`);
}

const patch = (over: Record<string, unknown>) => ({ ...MIN, ...over });
const withTarget = (over: Record<string, unknown>) => ({ ...MIN, target: { ...MIN.target, ...over } });

describe('drill config: defaults', () => {
  it('fills in everything but the upstreams and the target', () => {
    expect(drillConfigSchema.parse(MIN)).toEqual({
      upstreams: { primary: { port: 18001, host: '127.0.0.1' }, secondary: { port: 18002, host: '127.0.0.1' } },
      target: { name: 'litellm', gateway: 'litellm', baseUrl: 'http://127.0.0.1:4000/v1', model: 'drill', headers: {} },
      requests: 3,
      stream: 'both',
      timeoutsMs: { request: 30_000 },
      faults: { slowTtftMs: 8000, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 24 },
      pauseMs: 0,
    });
  });

  it('leaves scenarios out (all, in order, chosen by the command) unless listed', () => {
    expect(drillConfigSchema.parse(MIN).scenarios).toBeUndefined();
    expect(drillConfigSchema.parse(patch({ scenarios: ['stream-cut', 'none'] })).scenarios).toEqual(['stream-cut', 'none']);
  });

  it('keeps what is given, filling the rest of a partly given block', () => {
    const c = drillConfigSchema.parse(patch({ stream: false, requests: 5, faults: { answerTokens: 10 }, timeoutsMs: { request: 2000 }, upstreams: { primary: { port: 1, host: '0.0.0.0' }, secondary: { port: 2 } } }));
    expect(c.stream).toBe(false);
    expect(c.requests).toBe(5);
    expect(c.faults).toEqual({ slowTtftMs: 8000, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 10 });
    expect(c.timeoutsMs).toEqual({ request: 2000 });
    expect(c.upstreams.primary).toEqual({ port: 1, host: '0.0.0.0' });
  });

  it('takes non-secret headers and an apiKeyEnv', () => {
    const c = drillConfigSchema.parse(withTarget({ apiKeyEnv: 'LITELLM_KEY', headers: { 'x-portkey-config': '{"strategy":{"mode":"fallback"}}' } }));
    expect(c.target.apiKeyEnv).toBe('LITELLM_KEY');
    expect(c.target.headers).toEqual({ 'x-portkey-config': '{"strategy":{"mode":"fallback"}}' });
  });
});

describe('drill config: errors name the field', () => {
  it('needs upstreams and a target', () => {
    expect(issues({})).toEqual([expect.stringMatching(/^upstreams: /), expect.stringMatching(/^target: /)]);
  });

  it('refuses unknown keys, with their path', () => {
    expect(issues(patch({ scenario: ['none'] }))).toEqual(['scenario: unknown key "scenario" (check its spelling; unknown keys are not allowed)']);
    expect(issues(withTarget({ apiKey: 'sk-1' }))).toEqual(['target.apiKey: unknown key "apiKey" (check its spelling; unknown keys are not allowed)']);
  });

  it('refuses an unknown scenario id, an empty list, and a bad stream value', () => {
    expect(issues(patch({ scenarios: ['none', 'http-502'] }))).toEqual([expect.stringMatching(/^scenarios\[1\]: /)]);
    expect(issues(patch({ scenarios: [] }))).toEqual([expect.stringMatching(/^scenarios: /)]);
    expect(issues(patch({ stream: 'yes' }))).toEqual([expect.stringMatching(/^stream: /)]);
  });

  it.each([
    ['requests 0', { requests: 0 }, 'requests'],
    ['requests 1001', { requests: 1001 }, 'requests'],
    ['requests 1.5', { requests: 1.5 }, 'requests'],
    ['a zero timeout', { timeoutsMs: { request: 0 } }, 'timeoutsMs.request'],
    ['a negative pause', { pauseMs: -1 }, 'pauseMs'],
    ['answerTokens 1', { faults: { answerTokens: 1, cutAfterChunks: 1 } }, 'faults.answerTokens'],
    ['port 0', { upstreams: { primary: { port: 0 }, secondary: { port: 2 } } }, 'upstreams.primary.port'],
    ['port 65536', { upstreams: { primary: { port: 1 }, secondary: { port: 65_536 } } }, 'upstreams.secondary.port'],
  ])('refuses %s at its path', (_why, over, path) => {
    expect(issues(patch(over))[0]).toMatch(new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}: `));
  });

  it('needs two ports', () => {
    expect(issues(patch({ upstreams: { primary: { port: 9000 }, secondary: { port: 9000 } } }))).toEqual(['upstreams.secondary.port: the secondary needs a port of its own']);
  });

  it('needs the cut before the end of the answer', () => {
    // cutAfterChunks 24 = answerTokens 24: nothing would be cut.
    expect(issues(patch({ faults: { cutAfterChunks: 24 } }))).toEqual(['faults.cutAfterChunks: must be below answerTokens (24), or nothing is cut']);
    expect(drillConfigSchema.safeParse(patch({ faults: { cutAfterChunks: 23 } })).success).toBe(true);
  });

  it('keeps credentials out of the file, in any letter case', () => {
    for (const h of ['Authorization', 'x-api-key', 'X-Portkey-Api-Key', 'cf-aig-authorization']) {
      expect(issues(withTarget({ headers: { [h]: 'secret' } }))).toEqual(['target.headers: credentials never go in the file: name the variable in apiKeyEnv instead']);
    }
  });

  it('wants a variable name in apiKeyEnv, a URL in baseUrl and a name made for a file', () => {
    expect(issues(withTarget({ apiKeyEnv: 'sk-live-123' }))).toEqual(['target.apiKeyEnv: an environment variable name, e.g. LITELLM_API_KEY']);
    // "localhost:4000" parses as a URL with the scheme "localhost:": only http and https are taken.
    expect(issues(withTarget({ baseUrl: 'localhost:4000' }))).toEqual(['target.baseUrl: an http(s) URL, e.g. http://127.0.0.1:4000/v1']);
    expect(issues(withTarget({ baseUrl: 'ftp://127.0.0.1/v1' }))).toEqual(['target.baseUrl: an http(s) URL, e.g. http://127.0.0.1:4000/v1']);
    expect(issues(withTarget({ name: 'my gateway' }))).toEqual(['target.name: letters, digits, ".", "_" or "-", e.g. "litellm"']);
  });
});
