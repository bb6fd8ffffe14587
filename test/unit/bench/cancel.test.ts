import { describe, expect, it } from 'vitest';
import { RequestCancel } from '../../../src/bench/cancel.js';

describe('RequestCancel: a request abort switch that behaves as an AbortController signal does', () => {
  it('calls each listener once on the first abort, keeps the reason, ignores a second abort', () => {
    const c = new RequestCancel();
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    c.addEventListener('abort', a);
    c.addEventListener('abort', b);
    expect(c.aborted).toBe(false);
    expect(c.reason).toBeUndefined();
    const why = new Error('total timeout');
    c.abort(why);
    c.abort(new Error('later'));
    expect(calls).toEqual(['a', 'b']);
    expect(c.aborted).toBe(true);
    expect(c.reason).toBe(why);
  });

  it('a removed listener is not called; an abort without a reason still carries an error', () => {
    const c = new RequestCancel();
    let called = 0;
    const fn = () => called++;
    c.addEventListener('abort', fn);
    c.removeEventListener('abort', fn);
    c.removeEventListener('abort', fn); // removing twice is harmless
    c.abort();
    expect(called).toBe(0);
    expect(c.reason).toBeInstanceOf(Error);
    expect((c.reason as Error).message).toBe('This operation was aborted');
  });

  it('removing a listener that was never added leaves the others in place', () => {
    const c = new RequestCancel();
    const calls: string[] = [];
    c.addEventListener('abort', () => calls.push('a'));
    c.addEventListener('abort', () => calls.push('b'));
    c.removeEventListener('abort', () => calls.push('never added'));
    c.abort();
    expect(calls).toEqual(['a', 'b']);
  });

  it('a listener added after the abort is never called (the signal has already fired)', () => {
    const c = new RequestCancel();
    c.abort();
    let called = 0;
    c.addEventListener('abort', () => called++);
    c.abort();
    expect(called).toBe(0);
  });
});
