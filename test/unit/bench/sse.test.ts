import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyData, classifyObject, pick, readUsage, SseDecoder, type SseEvent } from '../../../src/bench/sse.js';

/**
 * The model: a stream is a list of logical events, each with what the decoder must report for it. The wire form
 * is written independently here (data lines, comments, a chosen line ending) and then cut into network chunks at
 * arbitrary points; whatever the cuts and line endings, the decoded events must equal the model's.
 */
type Logical =
  | { kind: 'role' }
  | { kind: 'content'; text: string }
  | { kind: 'reasoning'; text: string }
  | { kind: 'tool'; args: string }
  | { kind: 'empty' }
  | { kind: 'usage'; prompt: number; completion: number; cost: number }
  | { kind: 'comment'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'done' };

const chunk = (delta: object, extra: object = {}) => JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }], ...extra });

function wire(e: Logical): { lines: string[] } {
  switch (e.kind) {
    case 'role':
      return { lines: [`data: ${chunk({ role: 'assistant', content: '' })}`] };
    case 'content':
      return { lines: [`data: ${chunk({ content: e.text })}`] };
    case 'reasoning':
      return { lines: [`data: ${chunk({ reasoning: e.text })}`] };
    case 'tool':
      return { lines: [`data: ${chunk({ tool_calls: [{ index: 0, function: { arguments: e.args } }] })}`] };
    case 'empty':
      return { lines: [`data: ${chunk({})}`] };
    case 'usage':
      return { lines: [`data: ${JSON.stringify({ id: 'chatcmpl-1', choices: [], usage: { prompt_tokens: e.prompt, completion_tokens: e.completion, cost: e.cost } })}`] };
    case 'comment':
      return { lines: [`: ${e.text}`] };
    case 'error':
      return { lines: [`data: ${JSON.stringify({ error: { code: 502, message: e.message }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] })}`] };
    case 'done':
      return { lines: ['data: [DONE]'] };
  }
}

/** What the decoder must report, written from the model (not from the code under test). */
function expected(e: Logical): string {
  switch (e.kind) {
    case 'role':
    case 'empty':
      return 'chunk:none:0';
    case 'content':
      return `chunk:content:${e.text.length}`;
    case 'reasoning':
      return `chunk:reasoning:${e.text.length}`;
    case 'tool':
      // One for the call itself plus the arguments' characters.
      return `chunk:tool:${1 + e.args.length}`;
    case 'usage':
      return `chunk:none:0:usage=${e.prompt}/${e.completion}:cost=${e.cost}`;
    case 'comment':
      return 'comment';
    case 'error':
      return 'error:502: ' + e.message;
    case 'done':
      return 'done';
  }
}

function show(ev: SseEvent): string {
  if (ev.kind !== 'chunk') return ev.kind;
  const c = ev.info;
  if (c.error !== undefined) return `error:${c.error}`;
  let s = `chunk:${c.token ?? 'none'}:${c.chars}`;
  if (c.usage) s += `:usage=${c.usage.input}/${c.usage.output}`;
  if (c.cost !== undefined) s += `:cost=${c.cost}`;
  return s;
}

// Text that could confuse a hand-written splitter: newlines inside JSON strings are escaped by JSON.stringify,
// but "data:" and colons and unicode are not.
const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ':', 'data:', 'é', '😀', '\\', '"', '\n', '\r'), minLength: 1, maxLength: 12 });
const logical: fc.Arbitrary<Logical> = fc.oneof(
  fc.constant<Logical>({ kind: 'role' }),
  text.map((t): Logical => ({ kind: 'content', text: t })),
  text.map((t): Logical => ({ kind: 'reasoning', text: t })),
  text.map((t): Logical => ({ kind: 'tool', args: t })),
  fc.constant<Logical>({ kind: 'empty' }),
  fc.record({ prompt: fc.nat(5000), completion: fc.nat(5000), cost: fc.double({ min: 0, max: 1, noNaN: true }) }).map((u): Logical => ({ kind: 'usage', ...u })),
  fc.constantFrom('OPENROUTER PROCESSING', 'keep-alive', '').map((t): Logical => ({ kind: 'comment', text: t })),
  fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !/[\r\n]/.test(s)).map((m): Logical => ({ kind: 'error', message: m })),
);
const eol = fc.constantFrom('\n', '\r\n', '\r');

/** Cut a string into pieces at sorted random positions (possibly many events per piece, possibly one byte). */
function cut(s: string, points: number[]): string[] {
  const at = [...new Set(points.map((p) => p % (s.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of at) {
    out.push(s.slice(prev, p));
    prev = p;
  }
  out.push(s.slice(prev));
  return out.filter((x) => x.length > 0);
}

function decodeAll(pieces: readonly string[]): { events: string[]; cut: boolean } {
  const events: string[] = [];
  const d = new SseDecoder((e) => events.push(show(e)), ['usage', 'cost']);
  for (const p of pieces) d.feed(p);
  return { events, cut: d.end() };
}

describe('SSE decoding (property-based)', () => {
  it('reports every event once, in order, however the stream is split or its lines end', () => {
    fc.assert(
      fc.property(fc.array(logical, { maxLength: 20 }), eol, fc.array(fc.nat(10_000), { maxLength: 30 }), (events, nl, points) => {
        const all = [...events, { kind: 'done' } as Logical];
        // Comments end at their own line end; a blank line after them is harmless and is what servers send.
        const body = all.map((e) => wire(e).lines.join(nl) + nl + nl).join('');
        const { events: got, cut: open } = decodeAll(cut(body, points));
        expect(got).toEqual(all.map(expected));
        expect(open).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('reports each event while reading the piece that completes it (so its arrival time is the right one)', () => {
    fc.assert(
      fc.property(fc.array(logical, { minLength: 1, maxLength: 12 }), eol, fc.array(fc.nat(10_000), { maxLength: 30 }), (events, nl, points) => {
        const blocks = events.map((e) => wire(e).lines.join(nl) + nl + nl);
        const body = blocks.join('');
        const pieces = cut(body, points);
        // A data event is complete once the first character of its closing blank line has arrived (for CRLF,
        // its CR); a comment once its own line has ended.
        const completeAt: number[] = [];
        let offset = 0;
        events.forEach((e, i) => {
          const lines = wire(e).lines;
          completeAt.push(e.kind === 'comment' ? offset + lines[0]!.length : offset + blocks[i]!.length - nl.length);
          offset += blocks[i]!.length;
        });
        const pieceOf = (pos: number) => {
          let end = 0;
          for (let i = 0; i < pieces.length; i++) {
            end += pieces[i]!.length;
            if (pos < end) return i;
          }
          return pieces.length - 1;
        };
        const seenIn: number[] = [];
        let current = 0;
        const d = new SseDecoder(() => seenIn.push(current));
        pieces.forEach((p, i) => {
          current = i;
          d.feed(p);
        });
        d.end();
        expect(seenIn).toEqual(completeAt.map(pieceOf));
      }),
      { numRuns: 300 },
    );
  });

  it('several events in one network chunk are all reported (coalesced)', () => {
    const body = [{ kind: 'role' }, { kind: 'content', text: 'Hi' }, { kind: 'content', text: ' there' }, { kind: 'done' }]
      .map((e) => wire(e as Logical).lines.join('\n') + '\n\n')
      .join('');
    expect(decodeAll([body]).events).toEqual(['chunk:none:0', 'chunk:content:2', 'chunk:content:6', 'done']);
  });

  it('a stream cut inside an event says so and does not deliver the half event', () => {
    fc.assert(
      fc.property(fc.array(logical, { minLength: 1, maxLength: 8 }), eol, fc.nat(), (events, nl, k) => {
        const complete = events.map((e) => wire(e).lines.join(nl) + nl + nl).join('');
        const last = `data: ${chunk({ content: 'partial' })}`;
        // Stop somewhere inside the final data line (after "data: " so the line is recognisably data).
        const stopAt = 6 + (k % (last.length - 6));
        const { events: got, cut: open } = decodeAll([complete, last.slice(0, stopAt)]);
        expect(got).toEqual(events.map(expected));
        expect(open).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a data line whose terminating blank line never came counts as cut off', () => {
    const { events, cut: open } = decodeAll([`data: ${chunk({ content: 'x' })}\n`]);
    expect(events).toEqual([]);
    expect(open).toBe(true);
  });

  it('multi-line data fields are joined with a newline before parsing', () => {
    const { events } = decodeAll(['data: {"choices":[{"delta":\ndata: {"content":"ok"}}]}\n\n']);
    expect(events).toEqual(['chunk:content:2']);
  });
});

describe('classifying one event', () => {
  it('a role-only first chunk, an empty delta and a usage-only chunk carry no token', () => {
    for (const data of [chunk({ role: 'assistant', content: '' }), chunk({}), chunk({ content: null }), '{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}']) {
      const ev = classifyData(data);
      expect(ev.kind === 'chunk' && ev.info.token).toBeUndefined();
    }
  });

  it('reasoning (either field name) and tool calls start the TTFT clock like content', () => {
    const kinds = [chunk({ reasoning_content: 'think' }), chunk({ reasoning: 'think' }), chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '' } }] }), chunk({ content: 'x' })].map((d) => {
      const ev = classifyData(d);
      return ev.kind === 'chunk' ? ev.info.token : ev.kind;
    });
    expect(kinds).toEqual(['reasoning', 'reasoning', 'tool', 'content']);
  });

  it('an error object in a 200 stream is reported as an error, with its code', () => {
    const ev = classifyData('{"error":{"code":429,"message":"Provider returned error"},"choices":[{"delta":{"content":""},"finish_reason":"error"}]}');
    expect(ev.kind === 'chunk' && ev.info.error).toBe('429: Provider returned error');
    expect(ev.kind === 'chunk' && ev.info.finished).toBe(false);
  });

  it('unparseable data is malformed; [DONE] is done', () => {
    expect(classifyData('{"id":"x","choices":[{"delta":{"content":"').kind).toBe('malformed');
    expect(classifyData('[1,2]').kind).toBe('malformed');
    expect(classifyData('[DONE]').kind).toBe('done');
  });

  it('reads usage in the OpenAI and the input/output shapes, cached tokens, and a cost given as a string', () => {
    const a = classifyData('{"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":4},"cost":"0.0012"}}', ['usage', 'cost']);
    expect(a.kind === 'chunk' && a.info).toMatchObject({ usage: { input: 10, output: 5, cachedInput: 4 }, cost: 0.0012 });
    const b = classifyData('{"choices":[],"usage":{"input_tokens":7,"output_tokens":2}}');
    expect(b.kind === 'chunk' && b.info.usage).toEqual({ input: 7, output: 2 });
  });
});

describe('what a chunk carries, field by field', () => {
  const info = (data: string, costPath?: string[]) => {
    const ev = classifyData(data, costPath);
    if (ev.kind !== 'chunk') throw new Error(`not a chunk: ${ev.kind}`);
    return ev.info;
  };

  it('a content chunk: its id, its token kind and length, and nothing else', () => {
    // no usage, cost or error keys at all, not even undefined ones
    expect(info(chunk({ content: 'abc' }))).toStrictEqual({ id: 'chatcmpl-1', chars: 3, finished: false, token: 'content' });
    expect(info('{"id":42,"choices":[]}')).toStrictEqual({ chars: 0, finished: false }); // a non-string id is not an id
    // a cost path but no cost in the chunk: no cost key
    expect(info(chunk({ content: 'abc' }), ['usage', 'cost'])).toStrictEqual({ id: 'chatcmpl-1', chars: 3, finished: false, token: 'content' });
  });

  it('a finish_reason finishes the response, except "error"; null does not', () => {
    const fin = (r: unknown) => info(JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: r }] })).finished;
    expect([fin('stop'), fin('length'), fin('tool_calls'), fin(null), fin('error')]).toEqual([true, true, true, false, false]);
    // a non-streamed completion has `message` instead of `delta`
    expect(info('{"choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}')).toMatchObject({ chars: 2, token: 'content', finished: true });
  });

  it('skips choices and deltas that are not objects', () => {
    expect(info('{"choices":[null,3,{"delta":null,"finish_reason":"stop"},{"delta":"x"}]}')).toStrictEqual({ chars: 0, finished: true });
    expect(info('{"choices":"none"}')).toStrictEqual({ chars: 0, finished: false });
  });

  it('the first kind of output in a chunk names it; characters of all kinds add up', () => {
    // two choices: reasoning first, then content; tool call with no arguments counts 1
    const c = info(JSON.stringify({ choices: [{ delta: { reasoning: 'ab' } }, { delta: { content: 'cde', tool_calls: [{ index: 0 }] } }] }));
    expect(c).toMatchObject({ token: 'reasoning', chars: 2 + 3 + 1 });
    expect(info(chunk({ tool_calls: [] })).token).toBeUndefined(); // an empty list of calls is no output
  });

  it('error objects: message with code, code alone, a string, and null (no error)', () => {
    expect(info('{"error":{"message":"m","code":null}}').error).toBe('m');
    expect(info('{"error":{"message":"m"}}').error).toBe('m');
    expect(info('{"error":{"code":500}}').error).toBe('500: {"code":500}'); // no message: the object itself
    expect(info('{"error":"upstream timeout"}').error).toBe('upstream timeout');
    expect(info('{"error":503}').error).toBe('503');
    expect(info(`{"error":null,${chunk({ content: 'a' }).slice(1)}`)).toStrictEqual({ id: 'chatcmpl-1', chars: 1, finished: false, token: 'content' });
  });

  it('a cost: a number or a decimal string; empty, blank, unreadable or infinite is none', () => {
    const cost = (v: string) => info(`{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"cost":${v}}}`, ['usage', 'cost']).cost;
    expect([cost('0.0012'), cost('"0.0012"'), cost('0'), cost('" 0.5 "')]).toEqual([0.0012, 0.0012, 0, 0.5]);
    expect([cost('""'), cost('"  "'), cost('"abc"'), cost('1e999'), cost('null'), cost('true')]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    // without a cost path, no cost is read
    expect(classifyObject({ choices: [], usage: { cost: 1 } }).cost).toBeUndefined();
  });

  it('usage: only the counts that are there; none when neither count is', () => {
    expect(readUsage({ completion_tokens: 4 })).toStrictEqual({ output: 4 });
    expect(readUsage({ prompt_tokens: 3 })).toStrictEqual({ input: 3 });
    // Anthropic's shape through a gateway: input_/output_tokens and cache_read_input_tokens
    expect(readUsage({ input_tokens: 10, output_tokens: 2, cache_read_input_tokens: 6 })).toStrictEqual({ input: 10, output: 2, cachedInput: 6 });
    expect(readUsage({ total_tokens: 5 })).toBeUndefined();
    expect(readUsage({ prompt_tokens_details: { cached_tokens: 3 } })).toBeUndefined();
    // not numbers, or not finite (1e999 parses to Infinity): not counts
    expect(readUsage(JSON.parse('{"prompt_tokens":"10","completion_tokens":1e999,"output_tokens":2}'))).toStrictEqual({ output: 2 });
    expect([readUsage(null), readUsage('x'), readUsage(7)]).toEqual([undefined, undefined, undefined]);
  });

  it('pick walks a path and stops at anything that is not an object', () => {
    expect(pick({ usage: { cost: 2 } }, ['usage', 'cost'])).toBe(2);
    expect(pick({ usage: null }, ['usage', 'cost'])).toBeUndefined();
    expect(pick({ usage: 'abc' }, ['usage', 'length'])).toBeUndefined();
    expect(pick(undefined, ['a'])).toBeUndefined();
  });

  it('says why an event is malformed', () => {
    expect(classifyData('{oops')).toEqual({ kind: 'malformed', why: 'an event is not JSON: {oops' });
    // bounded at 800 characters (4 × the 200 shown): the engine cuts the message for display after redacting
    expect(classifyData(`x${'y'.repeat(1000)}`)).toEqual({ kind: 'malformed', why: `an event is not JSON: x${'y'.repeat(799)}` });
    for (const data of ['null', '5', '"text"', '[]']) expect(classifyData(data)).toEqual({ kind: 'malformed', why: 'an event is not a JSON object' });
  });
});

describe('SSE decoding, line ends split across pieces', () => {
  it('a CRLF split between pieces inside a multi-line event is one line end, not a blank line', () => {
    const { events } = decodeAll(['data: {"choices":[{"delta":\r', '\ndata: {"content":"ok"}}]}\r\n\r\n']);
    expect(events).toEqual(['chunk:content:2']);
  });

  it('a piece that is only the LF of a split CRLF adds nothing', () => {
    const { events } = decodeAll(['data: {"choices":[{"delta":\r', '\n', 'data: {"content":"ok"}}]}\r', '\n\r\n']);
    expect(events).toEqual(['chunk:content:2']);
  });

  it('a comment cut off by the end of the stream is not reported', () => {
    const events: string[] = [];
    const d = new SseDecoder((e) => events.push(e.kind));
    d.feed(': keep-alive');
    d.end();
    expect(events).toEqual([]);
  });
});
