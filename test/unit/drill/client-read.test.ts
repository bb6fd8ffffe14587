import { describe, expect, it } from 'vitest';
import { readWholeAnswer, StreamReader } from '../../../src/drill/client-read.js';

const chunk = (content: string | null, finish: string | null = null): string => `data: {"choices":[{"index":0,"delta":${content === null ? '{}' : JSON.stringify({ content })},"finish_reason":${JSON.stringify(finish)}}]}\n\n`;

function read(...pieces: string[]) {
  const r = new StreamReader();
  for (const p of pieces) r.feed(p);
  return r.found;
}

describe('StreamReader', () => {
  it('assembles delta.content across events split anywhere, and sees finish_reason and [DONE]', () => {
    const text = chunk('t1 ') + chunk('end-x', 'stop') + 'data: [DONE]\n\n';
    // Split in the middle of an event and of the [DONE] line.
    expect(read(text.slice(0, 17), text.slice(17, 70), text.slice(70, -5), text.slice(-5))).toEqual({ text: 't1 end-x', finished: true, sawDone: true, errorEvent: false, errorText: null });
  });

  it('reads CRLF line ends and skips comments and usage-only chunks', () => {
    const text = ': keep-alive\r\n\r\n' + chunk('a').replace(/\n/g, '\r\n') + 'data: {"choices":[],"usage":{"prompt_tokens":1}}\n\n';
    expect(read(text)).toMatchObject({ text: 'a', finished: false, sawDone: false, errorEvent: false });
  });

  it('a finish_reason on a chunk with no content still counts; without one (null or absent) the answer is not finished', () => {
    expect(read(chunk('a'), chunk(null, 'length'))).toMatchObject({ text: 'a', finished: true });
    expect(read(chunk('a'), chunk('b')).finished).toBe(false);
    expect(read('data: {"choices":[{"delta":{"content":"a"}}]}\n\n').finished).toBe(false);
  });

  it('a null or non-string content adds nothing; a chunk of another shape (null, a number, no choices) is skipped', () => {
    expect(read('data: {"choices":[{"delta":{"content":null,"tool_calls":[]},"finish_reason":null}]}\n\n', 'data: {"choices":[{"delta":{"content":7}}]}\n\n', chunk('a')).text).toBe('a');
    expect(read('data: null\n\n', 'data: 5\n\n', 'data: {"choices":[null]}\n\n', 'data: {"choices":{}}\n\n', chunk('b'))).toMatchObject({ text: 'b', errorEvent: false });
  });

  it('[DONE] with stray spaces around it is still the end marker', () => {
    expect(read('data: [DONE] \n\n')).toMatchObject({ sawDone: true, errorEvent: false });
  });

  it('an error object, an `event: error`, or data that is not JSON is an in-band error; the first one\'s text is kept', () => {
    expect(read(chunk('a'), 'data: {"error":{"message":"boom"}}\n\n', 'data: {"error":{"message":"second"}}\n\n')).toMatchObject({ text: 'a', errorEvent: true, errorText: '{"error":{"message":"boom"}}' });
    expect(read('event: error\ndata: {"message":"x"}\n\n')).toMatchObject({ errorEvent: true, errorText: '{"message":"x"}' });
    expect(read('data: {"choices":\n\n')).toMatchObject({ errorEvent: true, errorText: 'malformed SSE data: {"choices":' });
    // An explicit `"error": null` (some gateways send it on every chunk) is no error.
    expect(read('data: {"error":null,"choices":[{"delta":{"content":"a"},"finish_reason":null}]}\n\n')).toMatchObject({ text: 'a', errorEvent: false });
  });

  it('clips the error text to 300 characters', () => {
    const long = `{"error":{"message":"${'y'.repeat(400)}"}}`;
    expect(read(`data: ${long}\n\n`).errorText).toBe(long.slice(0, 300));
  });
});

describe('readWholeAnswer', () => {
  it('reads the message content and whether a finish_reason came', () => {
    expect(readWholeAnswer('{"choices":[{"message":{"content":"hi"},"finish_reason":"stop"}]}')).toEqual({ text: 'hi', finished: true, sawDone: false, errorEvent: false, errorText: null });
    expect(readWholeAnswer('{"choices":[{"message":{"content":"hi"},"finish_reason":null}]}')).toMatchObject({ text: 'hi', finished: false });
    expect(readWholeAnswer('{"choices":[]}')).toMatchObject({ text: '', finished: false, errorEvent: false });
    expect(readWholeAnswer('{"choices":[{"message":{"content":"hi"}}]}')).toMatchObject({ text: 'hi', finished: false });
    expect(readWholeAnswer('{"choices":[{"message":{"content":null},"finish_reason":"tool_calls"}]}')).toMatchObject({ text: '', finished: true });
    expect(readWholeAnswer('null')).toMatchObject({ text: '', finished: false, errorEvent: false });
  });

  it('an error object, or a body that is not JSON, is an in-band error', () => {
    expect(readWholeAnswer('{"error":{"code":"x"}}')).toEqual({ text: '', finished: false, sawDone: false, errorEvent: true, errorText: '{"error":{"code":"x"}}' });
    expect(readWholeAnswer('{"id":"a","choices":[{"message":{"content":"t1')).toMatchObject({ errorEvent: true, errorText: 'body is not JSON: {"id":"a","choices":[{"message":{"content":"t1' });
    expect(readWholeAnswer('{"error":null,"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}]}')).toMatchObject({ errorEvent: false, finished: true });
  });
});
