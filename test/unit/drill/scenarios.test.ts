import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS, isScenarioId, primaryAction, SCENARIO_IDS, SCENARIOS, scenarioDef, type FaultSettings } from '../../../src/drill/scenarios.js';

const F: FaultSettings = { slowTtftMs: 1234, retryAfterS: 7, cutAfterChunks: 5, answerTokens: 20 };

describe('the scenario list', () => {
  it('holds the issue\'s fourteen scenarios plus http-429 with Retry-After, each defined once, in SCENARIO_IDS order', () => {
    expect(SCENARIO_IDS).toHaveLength(15);
    expect(SCENARIOS.map((s) => s.id)).toEqual([...SCENARIO_IDS]);
    expect(new Set(SCENARIO_IDS).size).toBe(15);
  });

  it.each([
    ['none', 'control'],
    ['http-429', 'retryable'],
    ['http-429-retry-after', 'retryable'],
    ['http-500', 'retryable'],
    ['http-503', 'retryable'],
    ['reset', 'retryable'],
    ['no-response', 'retryable'],
    ['slow-ttft', 'slow'],
    ['stream-cut', 'mid-stream'],
    ['stream-stall', 'mid-stream'],
    ['stream-malformed', 'mid-stream'],
    ['no-done', 'mid-stream'],
    ['context-length', 'unrecoverable'],
    ['content-filter', 'unrecoverable'],
    ['flapping', 'retryable'],
  ] as const)('%s is %s', (id, kind) => {
    expect(scenarioDef(id).kind).toBe(kind);
  });

  it('runs every scenario streamed and not, except no-done (about the SSE [DONE] line: stream only)', () => {
    for (const s of SCENARIOS) expect(s.modes).toEqual(s.id === 'no-done' ? ['stream'] : ['stream', 'non-stream']);
  });

  it('knows its ids and nothing else', () => {
    expect(isScenarioId('stream-cut')).toBe(true);
    expect(isScenarioId('http-502')).toBe(false);
    expect(isScenarioId('')).toBe(false);
  });

  it('has defaults whose cut comes before the end of the answer', () => {
    expect(DEFAULT_FAULTS).toEqual({ slowTtftMs: 8000, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 24 });
  });
});

describe('primaryAction: what the primary does', () => {
  it('answers in full in the control', () => {
    expect(primaryAction('none', F, 0, 0)).toEqual({ kind: 'ok' });
    expect(primaryAction('none', F, 3, 5)).toEqual({ kind: 'ok' });
  });

  it('answers 429 without Retry-After, and with the configured one in http-429-retry-after', () => {
    const plain = primaryAction('http-429', F, 0, 0);
    expect(plain).toMatchObject({ kind: 'status', status: 429, error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' } });
    expect(plain).not.toHaveProperty('retryAfterS');
    expect(primaryAction('http-429-retry-after', F, 0, 0)).toMatchObject({ kind: 'status', status: 429, retryAfterS: 7 });
  });

  it.each([
    ['http-500', 500, 'server_error', null],
    ['http-503', 503, 'server_error', null],
    ['context-length', 400, 'invalid_request_error', 'context_length_exceeded'],
    ['content-filter', 400, 'invalid_request_error', 'content_filter'],
  ] as const)('%s answers %i (%s, code %s) on every attempt', (id, status, type, code) => {
    for (const [r, a] of [[0, 0], [0, 1], [1, 0], [2, 3]] as const) {
      expect(primaryAction(id, F, r, a)).toMatchObject({ kind: 'status', status, error: { type, code } });
    }
  });

  it('every error the primary sends says it is a drill, with the OpenAI type and code of its status (the Retry-After one too)', () => {
    const errors = (['http-429', 'http-429-retry-after', 'http-500', 'http-503', 'context-length', 'content-filter'] as const).map((id) => {
      const a = primaryAction(id, F, 0, 0);
      return a.kind === 'status' ? a.error : undefined;
    });
    for (const e of errors) expect(e?.message).toMatch(/\(drill\)\.$/);
    // 429 with or without Retry-After: the same error body, only the header differs.
    expect(errors[1]).toEqual(errors[0]);
    expect(errors[0]).toEqual({ message: 'Rate limit reached (drill).', type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    const flap = primaryAction('flapping', F, 0, 0);
    expect(flap).toEqual({ kind: 'status', status: 500, error: { message: 'The server had an error (drill, flapping).', type: 'server_error', code: null } });
  });

  it('names the parameter at fault in the 400s, as OpenAI does', () => {
    expect(primaryAction('context-length', F, 0, 0)).toMatchObject({ error: { param: 'messages' } });
    expect(primaryAction('content-filter', F, 0, 0)).toMatchObject({ error: { param: 'prompt' } });
  });

  it('maps the connection faults and the stream faults to their actions, cut after cutAfterChunks (5 here)', () => {
    expect(primaryAction('reset', F, 0, 0)).toEqual({ kind: 'reset' });
    expect(primaryAction('no-response', F, 0, 0)).toEqual({ kind: 'no-response' });
    expect(primaryAction('slow-ttft', F, 0, 0)).toEqual({ kind: 'ok', delayMs: 1234 });
    expect(primaryAction('stream-cut', F, 0, 0)).toEqual({ kind: 'cut', afterChunks: 5 });
    expect(primaryAction('stream-stall', F, 0, 0)).toEqual({ kind: 'stall', afterChunks: 5 });
    expect(primaryAction('stream-malformed', F, 0, 0)).toEqual({ kind: 'malformed', afterChunks: 5 });
    expect(primaryAction('no-done', F, 0, 0)).toEqual({ kind: 'no-done' });
  });

  it('flaps: fails (500) when request + attempt is even, answers when odd', () => {
    // request 0: attempt 0 → 0 even, fails; attempt 1 → 1 odd, answers.
    expect(primaryAction('flapping', F, 0, 0)).toMatchObject({ kind: 'status', status: 500 });
    expect(primaryAction('flapping', F, 0, 1)).toEqual({ kind: 'ok' });
    // request 1: attempt 0 → 1 odd, answers at once; attempt 1 → 2 even, fails.
    expect(primaryAction('flapping', F, 1, 0)).toEqual({ kind: 'ok' });
    expect(primaryAction('flapping', F, 1, 1)).toMatchObject({ kind: 'status', status: 500 });
    // request 2, attempt 2 → 4 even: fails.
    expect(primaryAction('flapping', F, 2, 2)).toMatchObject({ kind: 'status', status: 500 });
  });
});
