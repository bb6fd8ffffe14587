import { describe, expect, it } from 'vitest';
import { completionBody, contentChunk, errorBody, malformedBody, MALFORMED_EVENT, messageContents, promptTokensOf, SSE_DONE, usageChunk } from '../../../src/drill/answer-body.js';

const ids = { id: 'c1', model: 'm', created: 7 };

describe('answer bodies', () => {
  it('content chunks: the role on the first, finish_reason "stop" on the last, one SSE event each', () => {
    expect(contentChunk(ids, 't1 ', true, false)).toBe('data: {"id":"c1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"t1 "},"finish_reason":null}]}\n\n');
    expect(contentChunk(ids, 'end', false, true)).toBe('data: {"id":"c1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":{"content":"end"},"finish_reason":"stop"}]}\n\n');
  });

  it('usage: 18 prompt + 6 completion = 24 total', () => {
    expect(JSON.parse(usageChunk(ids, { promptTokens: 18, completionTokens: 6 }).slice(6))).toEqual({ id: 'c1', object: 'chat.completion.chunk', created: 7, model: 'm', choices: [], usage: { prompt_tokens: 18, completion_tokens: 6, total_tokens: 24 } });
    expect(JSON.parse(completionBody(ids, 'hi', { promptTokens: 2, completionTokens: 1 }))).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { total_tokens: 3 } });
  });

  it('[DONE] and the malformed event are each one whole SSE event; the malformed one\'s data is not JSON', () => {
    expect(SSE_DONE).toBe('data: [DONE]\n\n');
    expect(MALFORMED_EVENT).toMatch(/^data: \{[^\n]*\n\n$/);
    expect(() => JSON.parse(MALFORMED_EVENT.slice(6))).toThrow();
  });

  it('a malformed body stops inside the content string (quotes escaped), so it is never JSON', () => {
    const b = malformedBody(ids, 'say "a"');
    expect(b.endsWith('"content":"say \\"a\\"')).toBe(true);
    expect(() => JSON.parse(b)).toThrow();
  });

  it('the error body is the OpenAI shape, param null unless given', () => {
    expect(JSON.parse(errorBody({ message: 'm', type: 't', code: null }))).toEqual({ error: { message: 'm', type: 't', code: null, param: null } });
    expect(JSON.parse(errorBody({ message: 'm', type: 't', code: 'c', param: 'messages' })).error.param).toBe('messages');
  });
});

describe('prompt contents and tokens', () => {
  it('reads string contents and the text of content parts; other parts and shapes count as empty', () => {
    const parts = [{ type: 'text', text: 'cde' }, { type: 'image_url', image_url: {} }, { type: 'text', text: 42 }, null, 'loose'];
    const body = { messages: [{ role: 'system', content: 'ab' }, { role: 'user', content: parts }, { role: 'tool' }, null, { content: 9 }] };
    expect(messageContents(body)).toEqual(['ab', 'cde', '', '', '']);
    expect(messageContents({})).toEqual([]);
    expect(messageContents(null)).toEqual([]);
    expect(messageContents('messages')).toEqual([]);
    expect(messageContents({ messages: 'ab' })).toEqual([]);
  });

  it('one token per 4 characters over all contents, rounded up: 0 → 0, 4 → 1, 2 + 3 = 5 → 2', () => {
    expect(promptTokensOf([])).toBe(0);
    expect(promptTokensOf(['abcd'])).toBe(1);
    expect(promptTokensOf(['ab', 'cde'])).toBe(2);
  });
});
