import { describe, expect, it } from 'vitest';
import { answerTokens, drillPrompt, findNonce, isWholeAnswer, makeNonce } from '../../../src/drill/nonce.js';

describe('nonces', () => {
  it('is gsd-<request>-<12 hex>', () => {
    expect(makeNonce(0, '0123456789ab')).toBe('gsd-0-0123456789ab');
    expect(makeNonce(42, 'ffffffffffff')).toBe('gsd-42-ffffffffffff');
  });

  it.each(['0123456789a', '0123456789abc', '0123456789AB', 'zzzzzzzzzzzz'])('refuses "%s" as the hex part', (hex) => {
    expect(() => makeNonce(0, hex)).toThrow(/12 hex digits/);
  });

  it('is found in the prompt it was put in, with its request index', () => {
    expect(findNonce(drillPrompt('gsd-7-abcdefabcdef'))).toEqual({ nonce: 'gsd-7-abcdefabcdef', request: 7 });
  });

  it('is found inside a JSON request body, as an upstream sees it', () => {
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: drillPrompt('gsd-3-000000000001') }] });
    expect(findNonce(body)).toEqual({ nonce: 'gsd-3-000000000001', request: 3 });
  });

  it.each([
    ['no nonce', 'hello'],
    ['too few hex digits', 'gsd-1-abcdefabcde'],
    ['upper-case hex', 'gsd-1-ABCDEFABCDEF'],
    ['glued to a word', 'xgsd-1-abcdefabcdef'],
    ['thirteen hex digits (no word boundary after 12)', 'gsd-1-abcdefabcdef0'],
  ])('finds nothing with %s', (_why, text) => {
    expect(findNonce(text)).toBeUndefined();
  });
});

describe('the known answer', () => {
  it('is n tokens, one a chunk, the last one end-<nonce>', () => {
    expect(answerTokens('gsd-0-0123456789ab', 4)).toEqual(['t1 ', 't2 ', 't3 ', 'end-gsd-0-0123456789ab']);
  });

  it('has at least one token, and whole tokens only', () => {
    expect(answerTokens('n', 0)).toEqual(['end-n']);
    expect(answerTokens('n', 2.9)).toEqual(['t1 ', 'end-n']);
  });

  it('tells the whole answer from a cut one, another nonce\'s, or one with extra text', () => {
    const nonce = 'gsd-0-0123456789ab';
    expect(isWholeAnswer('t1 t2 end-gsd-0-0123456789ab', nonce, 3)).toBe(true);
    expect(isWholeAnswer('t1 t2 ', nonce, 3)).toBe(false);
    expect(isWholeAnswer('t1 t2 end-gsd-1-0123456789ab', nonce, 3)).toBe(false);
    expect(isWholeAnswer('t1 t2 end-gsd-0-0123456789ab!', nonce, 3)).toBe(false);
    expect(isWholeAnswer('t1 t2 end-gsd-0-0123456789ab', nonce, 4)).toBe(false);
  });
});
