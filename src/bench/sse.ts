import { ERROR_TEXT_MAX } from './error-text.js';
import { createParser, type EventSourceParser } from 'eventsource-parser';

/**
 * Server-sent events → benchmark events (pure: text in, events out). Framing is eventsource-parser's (events
 * split across network chunks or coalesced into one, CRLF/CR/LF line ends, `:` comments, multi-line data), so
 * the timing code never sees a half event. Each decoded event is classified by what it carries:
 *
 * - `token`: the chunk carries generated output — non-empty `delta.content`, `delta.reasoning` /
 *   `delta.reasoning_content`, or `delta.tool_calls`. A role-only chunk (`{"role":"assistant","content":""}`),
 *   an empty delta or a usage-only chunk carries none, so it never starts the TTFT clock.
 * - `usage` / `cost`: token counts and a gateway-reported cost, wherever they appear (usually the last chunk).
 * - `error`: an `error` object inside a 200 stream (a gateway reporting an upstream failure).
 * - comments (`: OPENROUTER PROCESSING`) and `[DONE]` are reported separately and carry no token.
 */

export interface Usage {
  input?: number;
  output?: number;
  cachedInput?: number;
}

export interface ChunkInfo {
  id?: string;
  /** What kind of generated output the chunk carries, if any. */
  token?: 'content' | 'reasoning' | 'tool';
  /** Characters of generated output (content + reasoning + tool arguments), for estimating tokens without usage. */
  chars: number;
  finished: boolean;
  usage?: Usage;
  cost?: number;
  error?: string;
}

export type SseEvent = { kind: 'comment' } | { kind: 'done' } | { kind: 'chunk'; info: ChunkInfo } | { kind: 'malformed'; why: string };

// Functions rather than arrow constants: an arrow's mutant is fixed when the module loads (docs/testing.md).
function num(v: unknown): number | undefined {
  return Number.isFinite(v) ? (v as number) : undefined; // false for anything not a number
}

/** Read `path` (e.g. ["usage", "cost"]) from an object. */
export function pick(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const k of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Usage in the OpenAI shape (prompt_/completion_tokens), or input_/output_tokens as some gateways send. */
export function readUsage(u: unknown): Usage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const o = u as Record<string, unknown>;
  const input = num(o.prompt_tokens) ?? num(o.input_tokens);
  const output = num(o.completion_tokens) ?? num(o.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const cached = num(pick(o, ['prompt_tokens_details', 'cached_tokens'])) ?? num(o.cache_read_input_tokens);
  // Assigned field by field rather than spread from conditional objects: this runs once per response.
  const usage: Usage = {};
  if (input !== undefined) usage.input = input;
  if (output !== undefined) usage.output = output;
  if (cached !== undefined) usage.cachedInput = cached;
  return usage;
}

function errorMessage(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    const m = typeof o.message === 'string' ? o.message : JSON.stringify(e);
    return o.code !== undefined && o.code !== null ? `${String(o.code)}: ${m}` : m;
  }
  return String(e);
}

function textLen(v: unknown): number {
  return typeof v === 'string' ? v.length : 0;
}

/** Classify one parsed response object: a stream chunk, or a whole non-streamed completion. */
export function classifyObject(obj: Record<string, unknown>, costPath?: readonly string[]): ChunkInfo {
  const info: ChunkInfo = { chars: 0, finished: false };
  if (typeof obj.id === 'string') info.id = obj.id;
  if (obj.error !== undefined && obj.error !== null) info.error = errorMessage(obj.error);
  const choices = Array.isArray(obj.choices) ? (obj.choices as unknown[]) : [];
  for (const c of choices) {
    if (!c || typeof c !== 'object') continue;
    const choice = c as Record<string, unknown>;
    if (typeof choice.finish_reason === 'string' && choice.finish_reason !== 'error') info.finished = true;
    const d = (choice.delta ?? choice.message) as Record<string, unknown> | undefined;
    if (!d || typeof d !== 'object') continue;
    const content = textLen(d.content);
    const reasoning = textLen(d.reasoning) + textLen(d.reasoning_content);
    let tool = 0;
    if (Array.isArray(d.tool_calls)) {
      for (const tc of d.tool_calls as Record<string, unknown>[]) tool += 1 + textLen(pick(tc, ['function', 'arguments']));
    }
    info.chars += content + reasoning + tool;
    // Reasoning and tool calls are generated output too (AIPerf, guidellm): they start the TTFT clock.
    info.token ??= content > 0 ? 'content' : reasoning > 0 ? 'reasoning' : tool > 0 ? 'tool' : undefined;
  }
  const usage = readUsage(obj.usage);
  if (usage) info.usage = usage;
  if (costPath) {
    const raw = pick(obj, costPath);
    // Some gateways send the cost as a decimal string; an empty or unreadable one is no cost.
    const cost = num(typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw);
    if (cost !== undefined) info.cost = cost;
  }
  return info;
}

/** Classify one SSE `data:` payload. */
export function classifyData(data: string, costPath?: readonly string[]): SseEvent {
  if (data === '[DONE]') return { kind: 'done' };
  let obj: unknown;
  try {
    obj = JSON.parse(data);
  } catch {
    // Bounded (an event can be megabytes) but longer than any message is shown: the engine cuts the message
    // for display after redacting it.
    return { kind: 'malformed', why: `an event is not JSON: ${data.slice(0, 4 * ERROR_TEXT_MAX)}` };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { kind: 'malformed', why: 'an event is not a JSON object' };
  return { kind: 'chunk', info: classifyObject(obj as Record<string, unknown>, costPath) };
}

/**
 * Incremental decoder: feed text as it arrives; `onEvent` fires once per complete event, synchronously, so the
 * caller can stamp it with the arrival time of the network chunk that completed it.
 */
export class SseDecoder {
  private readonly parser: EventSourceParser;
  private ending = false;
  private trailing = false;
  private skipLf = false;

  constructor(onEvent: (e: SseEvent) => void, costPath?: readonly string[]) {
    this.parser = createParser({
      onEvent: (m) => {
        if (this.ending) this.trailing = true;
        else onEvent(classifyData(m.data, costPath));
      },
      onComment: () => {
        if (!this.ending) onEvent({ kind: 'comment' });
      },
    });
  }

  feed(text: string): void {
    // Line ends are normalised to LF before parsing. A CR at the end of a piece is a line end whatever follows
    // (an LF next would only make it CRLF), so the event it completes is reported now, with this piece's arrival
    // time, rather than when the next piece happens to arrive; the LF of a split CRLF is then dropped.
    let t = text;
    if (this.skipLf && t.charCodeAt(0) === 10) t = t.slice(1);
    this.skipLf = t.charCodeAt(t.length - 1) === 13;
    this.parser.feed(t.replace(/\r\n?/g, '\n'));
  }

  /**
   * The stream ended: true when it stopped inside an event (a field line whose terminating blank line never
   * came). That event is not delivered: a cut-off event cannot be trusted.
   */
  end(): boolean {
    this.ending = true;
    this.parser.feed('\n\n');
    this.parser.reset();
    return this.trailing;
  }
}
