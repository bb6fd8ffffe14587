import { describe, expect, it } from 'vitest';
import type { EngineTarget } from '../../../src/bench/engine.js';
import type { ErrorClass, Trace } from '../../../src/bench/metrics.js';
import { errorSummary, header, readSome, readStream, readWhole, safeHost, Utf8 } from '../../../src/bench/response.js';
import type { TransportResponse } from '../../../src/bench/transport.js';

/**
 * Reading responses in process. The shapes are those the emulators send (src/emulator) and the gateways document:
 * OpenAI-style chat chunks, OpenRouter's `usage.cost` in the last chunk, LiteLLM's `{"error":{…}}`, Cloudflare's
 * `{"error":[{code,message}]}`, a CDN's HTML 524 page, FastAPI's `{"detail":…}`.
 */

const target = (bodyPath?: string[]): EngineTarget => ({
  name: 'gw',
  url: 'http://127.0.0.1:1/v1/chat/completions',
  headers: {},
  cost: bodyPath ? { bodyPath } : {},
  cacheStatus: {},
  price: null,
});

function newTrace(): Trace {
  return {
    target: 'gw', round: 1, seq: 1, stream: true, scheduledAtEpoch: 0, startedAtEpoch: 0, scheduledAt: 0, sentAt: 0,
    tokenTimes: [], endAt: 0, status: 200, errorClass: null, chars: 0, promptChars: 0, cacheStatus: null,
  };
}

/** The engine's fail: the first failure wins. */
function failInto(trace: Trace, messages: string[]) {
  return (c: ErrorClass, m: string) => {
    if (trace.errorClass !== null) return;
    trace.errorClass = c;
    messages.push(m);
  };
}

/** A response whose body arrives in the given pieces; the clock reads 10, 20, 30 … one step per piece. */
function response(pieces: (string | Uint8Array)[]) {
  let destroyed = 0;
  let read = 0;
  const r: TransportResponse = {
    status: 200,
    headers: {},
    body: (async function* () {
      for (const p of pieces) {
        read++;
        yield p;
      }
    })(),
    destroy: () => void destroyed++,
  };
  let t = 0;
  const clock = { now: () => (t += 10), epoch: (x: number) => x, timer: () => () => {} } as never;
  return { r, clock, destroyed: () => destroyed, read: () => read };
}

const chunk = (o: object) => `data: ${JSON.stringify(o)}\n\n`;
const delta = (d: object, finish: string | null = null, id = 'gen-1') => chunk({ id, object: 'chat.completion.chunk', choices: [{ index: 0, delta: d, finish_reason: finish }] });

async function stream(pieces: (string | Uint8Array)[], bodyPath?: string[]) {
  const trace = newTrace();
  const messages: string[] = [];
  const firsts: number[] = [];
  const res = response(pieces);
  await readStream(res.r, target(bodyPath), trace, failInto(trace, messages), res.clock, (at) => firsts.push(at));
  return { trace, messages, firsts, destroyed: res.destroyed(), read: res.read() };
}

describe('readStream: a chat stream, event by event', () => {
  it('times token-bearing chunks by the piece that completed them; the role-only chunk does not start TTFT', async () => {
    const { trace, messages, firsts } = await stream(
      [
        ': OPENROUTER PROCESSING\n\n' + delta({ role: 'assistant', content: '' }, null, 'gen-1'), // t = 10: a comment, no token
        delta({ content: 'Hel' }, null, 'gen-2'), // t = 20
        delta({ content: 'lo' }) + delta({}, 'stop'), // t = 30: both events in one piece
        chunk({ id: 'gen-1', choices: [], usage: { prompt_tokens: 12, completion_tokens: 2, cost: 0.00042 } }) + 'data: [DONE]\n\n', // t = 40
      ],
      ['usage', 'cost'],
    );
    expect(messages).toEqual([]);
    expect(trace.errorClass).toBeNull();
    expect(trace.tokenTimes).toEqual([20, 30]);
    expect(firsts).toEqual([20]); // once, at the first token chunk
    expect(trace.chars).toBe(5); // 'Hel' + 'lo'
    expect(trace.usage).toEqual({ input: 12, output: 2 });
    expect(trace.gatewayCost).toBe(0.00042);
    expect(trace.responseId).toBe('gen-1'); // the first id seen is kept
  });

  it('usage, cost and id seen early are kept when later chunks carry none', async () => {
    const { trace, messages } = await stream(
      [
        chunk({ choices: [{ index: 0, delta: { content: 'ab' } }], usage: { prompt_tokens: 4, completion_tokens: 1 }, cost: 0.5 }), // no id
        delta({ content: 'c' }, null, 'gen-7'),
        chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }), // no usage, cost or id
      ],
      ['cost'],
    );
    expect(messages).toEqual([]);
    expect(trace).toMatchObject({ usage: { input: 4, output: 1 }, gatewayCost: 0.5, responseId: 'gen-7', chars: 3 });
  });

  it('keeps a character split across network pieces whole', async () => {
    // 'é' is C3 A9 in UTF-8; the piece boundary falls between the two bytes
    const bytes = new TextEncoder().encode(delta({ content: 'é' }, 'stop'));
    const cut = bytes.indexOf(0xa9);
    const { trace, messages } = await stream([bytes.slice(0, cut), bytes.slice(cut)]);
    expect(messages).toEqual([]);
    expect(trace.chars).toBe(1);
    expect(trace.tokenTimes).toEqual([20]); // completed by the second piece
  });

  it('an error event in a 200 stream is an upstream error; reading stops there', async () => {
    const { trace, messages, destroyed, read } = await stream([
      delta({ content: 'a' }),
      chunk({ error: { message: 'Overloaded', code: 529 } }),
      delta({ content: 'b' }, 'stop'),
    ]);
    expect(trace.errorClass).toBe('upstream_error');
    expect(messages).toEqual(['error event in a 200 stream: 529: Overloaded']);
    expect(destroyed).toBe(1);
    expect(read).toBe(2); // the third piece was never read
    expect(trace.tokenTimes).toEqual([10]);
  });

  it('an error event keeps its whole message: the engine cuts it for display after redacting', async () => {
    const { messages } = await stream([chunk({ error: 'x'.repeat(300) })]);
    expect(messages).toEqual([`error event in a 200 stream: ${'x'.repeat(300)}`]);
  });

  it('events after an error are ignored even within the same piece', async () => {
    const { trace } = await stream([chunk({ error: 'boom' }) + delta({ content: 'late' }, 'stop')]);
    expect(trace.errorClass).toBe('upstream_error');
    expect(trace.tokenTimes).toEqual([]);
    expect(trace.chars).toBe(0);
  });

  it('an event that is not JSON is a bad response', async () => {
    const { trace, messages } = await stream(['data: {oops\n\n', delta({ content: 'a' }, 'stop')]);
    expect(trace.errorClass).toBe('bad_response');
    expect(messages).toEqual(['unparseable stream event (an event is not JSON: {oops)']);
  });

  it('a finish_reason without [DONE] completes the stream, and so does [DONE] without a finish_reason', async () => {
    expect((await stream([delta({ content: 'a' }, 'stop')])).trace.errorClass).toBeNull();
    expect((await stream([delta({ content: 'a' }), 'data: [DONE]\n\n'])).trace.errorClass).toBeNull();
  });

  it('a stream that stops early is interrupted, and says whether it stopped inside an event', async () => {
    const early = await stream([delta({ content: 'a' })]);
    expect(early.trace.errorClass).toBe('stream_interrupted');
    expect(early.messages).toEqual(['the stream ended before a finish_reason or [DONE]']);
    const cut = await stream([delta({ content: 'a' }), 'data: {"choices":[{"delta":{"content":"b"}']);
    expect(cut.trace.errorClass).toBe('stream_interrupted');
    expect(cut.messages).toEqual(['the stream stopped inside an event']);
    expect(cut.trace.tokenTimes).toEqual([10]); // the cut-off event is not counted
  });

  it('a finished stream with no generated output is not a measurable response, unless usage counted output', async () => {
    const empty = await stream([delta({ role: 'assistant', content: '' }), delta({}, 'stop')]);
    expect(empty.trace.errorClass).toBe('bad_response');
    expect(empty.messages).toEqual(['the stream finished without any generated output']);
    const zero = await stream([delta({}, 'stop'), chunk({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 0 } })]);
    expect(zero.messages).toEqual(['the stream finished without any generated output']);
    const counted = await stream([delta({}, 'stop'), chunk({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } })]);
    expect(counted.trace.errorClass).toBeNull();
    expect(counted.trace.usage).toEqual({ input: 3, output: 4 });
  });

  it('reasoning and tool-call deltas are generated output', async () => {
    const { trace } = await stream([
      delta({ reasoning: 'think' }), // t = 10
      delta({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] }, 'tool_calls'), // t = 20
    ]);
    expect(trace.errorClass).toBeNull();
    expect(trace.tokenTimes).toEqual([10, 20]);
    expect(trace.chars).toBe(5 + 1 + 2); // 'think', one call, '{}'
  });
});

describe('readWhole: a non-streamed body', () => {
  const whole = (body: string, opts: { stream?: boolean; contentType?: string; bodyPath?: string[]; status?: number } = {}) => {
    const trace = newTrace();
    trace.status = opts.status ?? 200;
    const messages: string[] = [];
    readWhole(body, opts.contentType ?? 'application/json', opts.stream ?? false, target(opts.bodyPath), trace, failInto(trace, messages), 77);
    return { trace, messages };
  };
  const completion = {
    id: 'chatcmpl-9',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12, cost: '0.0001' },
  };

  it('takes output, usage, cost and id from a completion, and stamps its one token time', () => {
    const { trace, messages } = whole(JSON.stringify(completion), { bodyPath: ['usage', 'cost'] });
    expect(messages).toEqual([]);
    expect(trace).toMatchObject({ chars: 11, usage: { input: 9, output: 3 }, gatewayCost: 0.0001, responseId: 'chatcmpl-9', tokenTimes: [77] });
  });

  it('no content: no token time', () => {
    const body = { ...completion, choices: [{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'stop' }], usage: undefined };
    const { trace, messages } = whole(JSON.stringify(body));
    expect(messages).toEqual([]);
    expect(trace.tokenTimes).toEqual([]);
    expect(trace.usage).toBeUndefined();
    expect(trace.gatewayCost).toBeUndefined();
  });

  it('says what it expected when the body does not parse', () => {
    const html = whole('<html>', { contentType: 'text/html' });
    expect(html.trace.errorClass).toBe('bad_response');
    expect(html.messages).toEqual(['expected JSON, got text/html that does not parse']);
    expect(whole('oops', { stream: true, contentType: '' }).messages).toEqual(['expected text/event-stream, got no content type that does not parse']);
  });

  it('refuses JSON that is not an object, and an object without choices', () => {
    for (const body of ['null', '[1]', '3']) {
      const r = whole(body);
      expect(r.trace.errorClass).toBe('bad_response');
      expect(r.messages).toEqual(['the response is not a JSON object']);
    }
    const r = whole('{"id":"x"}');
    expect(r.trace.errorClass).toBe('bad_response');
    expect(r.messages).toEqual(['the response has no choices']);
  });

  it('an error body under 200 is an upstream error', () => {
    const r = whole(JSON.stringify({ error: { message: 'No endpoints found', code: 404 } }));
    expect(r.trace.errorClass).toBe('upstream_error');
    expect(r.messages).toEqual(['error body under HTTP 200: 404: No endpoints found']);
    // a long error is kept whole here (the engine cuts it after redacting)
    expect(whole(JSON.stringify({ error: 'z'.repeat(300) })).messages).toEqual([`error body under HTTP 200: ${'z'.repeat(300)}`]);
  });

  it('a JSON completion where a stream was asked for is a bad response', () => {
    const r = whole(JSON.stringify(completion), { stream: true });
    expect(r.trace.errorClass).toBe('bad_response');
    expect(r.messages).toEqual(['asked for a stream, got application/json']);
    expect(whole(JSON.stringify(completion), { stream: true, contentType: '' }).messages).toEqual(['asked for a stream, got no content type']);
    expect(r.trace.tokenTimes).toEqual([]);
  });
});

describe('error bodies in one line', () => {
  it("reads each gateway's error shape", () => {
    // LiteLLM / OpenAI
    expect(errorSummary(401, '{"error":{"message":"Authentication Error, Invalid proxy server token passed.","type":"auth_error","code":"401"}}')).toBe(
      'HTTP 401: Authentication Error, Invalid proxy server token passed.',
    );
    // Cloudflare AI Gateway: an array of errors, the first one shown
    expect(errorSummary(429, '{"success":false,"result":[],"messages":[],"error":[{"code":2003,"message":"Rate limited"},{"code":1,"message":"other"}]}')).toBe('HTTP 429: Rate limited');
    // a bare string error, a top-level message, FastAPI's detail
    expect(errorSummary(400, '{"error":"bad model"}')).toBe('HTTP 400: bad model');
    expect(errorSummary(429, '{"message":"slow down"}')).toBe('HTTP 429: slow down');
    expect(errorSummary(404, '{"detail":"Not Found"}')).toBe('HTTP 404: Not Found');
    // message before detail
    expect(errorSummary(500, '{"message":"m","detail":"d"}')).toBe('HTTP 500: m');
    // JSON without a readable message: the status alone
    expect(errorSummary(500, '{"error":{"code":1}}')).toBe('HTTP 500');
  });

  it("a CDN's HTML page gives its title; other text on one line, whole (the engine cuts it after redacting)", () => {
    expect(errorSummary(524, '<!DOCTYPE html><html><head><TITLE>example.com | 524: A timeout occurred</TITLE></head><body>…</body></html>')).toBe('HTTP 524: example.com | 524: A timeout occurred');
    expect(errorSummary(503, 'upstream connect error\n  or disconnect/reset before headers')).toBe('HTTP 503: upstream connect error or disconnect/reset before headers');
    expect(errorSummary(502, `  ${'y'.repeat(200)}`)).toBe(`HTTP 502: ${'y'.repeat(200)}`);
    expect(errorSummary(null, '')).toBe('no response');
    expect(errorSummary(500, '   ')).toBe('HTTP 500');
  });
});

describe('headers, partial bodies, redirect targets', () => {
  it('reads a header: the first of repeated values; none when the catalog names none', () => {
    const h = { 'x-request-id': ['a', 'b'], 'cf-aig-cache-status': 'HIT' };
    expect(header(h, 'x-request-id')).toBe('a');
    expect(header(h, 'cf-aig-cache-status')).toBe('HIT');
    expect(header(h, 'missing')).toBeUndefined();
    expect(header(h, undefined)).toBeUndefined();
  });

  it('reads a body up to a limit, then lets the connection go', async () => {
    const small = response(['ab', 'cd']);
    expect(await readSome(small.r.body, 10, small.r.destroy)).toBe('abcd');
    expect(small.destroyed()).toBe(0);
    const big = response(['abc', 'def', 'ghi']);
    // the limit is reached by the second piece (6 ≥ 5): what was read so far, the rest never read
    expect(await readSome(big.r.body, 5, big.r.destroy)).toBe('abcdef');
    expect(big.destroyed()).toBe(1);
    expect(big.read()).toBe(2);
    const exact = response(['abc', 'de', 'f']);
    expect(await readSome(exact.r.body, 5, exact.r.destroy)).toBe('abcde'); // exactly the limit: stop
  });

  it('decodes bytes across pieces and flushes an incomplete character at the end', async () => {
    const utf8 = new Utf8();
    expect(utf8.text(Uint8Array.of(0xc3))).toBe('');
    expect(utf8.text(Uint8Array.of(0xa9))).toBe('é');
    expect(utf8.text('plain')).toBe('plain');
    expect(utf8.text(Uint8Array.of(0xc3))).toBe('');
    expect(utf8.end()).toBe('\uFFFD');
    const r = response([Uint8Array.of(0x61, 0xc3)]);
    expect(await readSome(r.r.body, 100, r.r.destroy)).toBe('a\uFFFD');
  });

  it('keeps only the host of a redirect target, never its path or query', () => {
    expect(safeHost('https://login.example.com:8443/cb?token=secret')).toBe('login.example.com:8443');
    expect(safeHost('//cdn.example.net/x?sig=1')).toBe('cdn.example.net');
    expect(safeHost('/v1/chat/completions?key=1')).toBe('the same host');
    expect(safeHost('mailto:someone@example.com')).toBe('a location without a host');
    expect(safeHost('http://[::1')).toBe('an unreadable location');
  });
});

describe('readSome over bytes', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('a character split across pieces comes out whole; the limit counts characters, not bytes', async () => {
    const e = bytes('é'); // 2 bytes, 1 character
    const whole = response([Uint8Array.of(0x61, e[0]!), Uint8Array.of(e[1]!, 0x62)]);
    expect(await readSome(whole.r.body, 100, whole.r.destroy)).toBe('aéb');
    // 'éééé' is 8 bytes but 4 characters: a limit of 5 is not reached, so every piece is read
    const wide = response([bytes('éé'), bytes('éé')]);
    expect(await readSome(wide.r.body, 5, wide.r.destroy)).toBe('éééé');
    expect(wide.destroyed()).toBe(0);
    // bytes and text mixed: 'ab' + 'cd' + 'ef' reaches 5 characters with the third piece
    const mixed = response([bytes('ab'), 'cd', bytes('ef'), 'gh']);
    expect(await readSome(mixed.r.body, 5, mixed.r.destroy)).toBe('abcdef');
    expect(mixed.destroyed()).toBe(1);
  });

  it('checking the limit early does not cut a character in two', async () => {
    // 'a' + first byte of 'é' is 2 bytes ≥ the limit 2, but only 1 character: the half character waits for the
    // next piece, which completes it ('aé' + 'b' = 3 characters ≥ 2: stop there)
    const split = response([Uint8Array.of(0x61, 0xc3), Uint8Array.of(0xa9, 0x62), bytes('never read')]);
    expect(await readSome(split.r.body, 2, split.r.destroy)).toBe('aéb');
    expect(split.destroyed()).toBe(1);
    // a text piece between the halves of a character leaves the half in the decoder, as Utf8 does
    const around = response([Uint8Array.of(0x61, 0xc3), 'x', Uint8Array.of(0xa9)]);
    expect(await readSome(around.r.body, 100, around.r.destroy)).toBe('axé');
  });
});
