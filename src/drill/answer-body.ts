/**
 * The drill upstreams' answers as text (pure): OpenAI-shaped chat.completion.chunk events, the whole
 * chat.completion body, the error body, and the prompt's token count. The server (upstream-server.ts) and the
 * writer (answer-writer.ts) decide when each piece goes out.
 */

export interface AnswerIds {
  id: string;
  model: string;
  created: number;
}

export interface UsageCounts {
  promptTokens: number;
  completionTokens: number;
}

function usageJson(u: UsageCounts): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return { prompt_tokens: u.promptTokens, completion_tokens: u.completionTokens, total_tokens: u.promptTokens + u.completionTokens };
}

/** One SSE event carrying a JSON payload (with its blank-line terminator). */
export function sseData(payload: object): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';

/** A content chunk; `first` adds the assistant role as OpenAI's first chunk does; `last` carries finish_reason. */
export function contentChunk(ids: AnswerIds, token: string, first: boolean, last: boolean): string {
  const delta = first ? { role: 'assistant', content: token } : { content: token };
  return sseData({
    id: ids.id,
    object: 'chat.completion.chunk',
    created: ids.created,
    model: ids.model,
    choices: [{ index: 0, delta, finish_reason: last ? 'stop' : null }],
  });
}

/** The usage chunk OpenAI sends after the last content chunk when stream_options.include_usage is set. */
export function usageChunk(ids: AnswerIds, u: UsageCounts): string {
  return sseData({ id: ids.id, object: 'chat.completion.chunk', created: ids.created, model: ids.model, choices: [], usage: usageJson(u) });
}

/** A stream event that is not JSON: what `malformed` sends after its good chunks. */
export const MALFORMED_EVENT = 'data: {"id":"drill-malformed","choices":[{"delta":{"content":\n\n';

export function completionBody(ids: AnswerIds, content: string, u: UsageCounts): string {
  return JSON.stringify({
    id: ids.id,
    object: 'chat.completion',
    created: ids.created,
    model: ids.model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: usageJson(u),
  });
}

/** A body that starts like a completion and is cut inside the content string: not JSON. */
export function malformedBody(ids: AnswerIds, partialContent: string): string {
  return `{"id":${JSON.stringify(ids.id)},"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":${JSON.stringify(partialContent).slice(0, -1)}`;
}

export function errorBody(error: { message: string; type: string; code: string | null; param?: string | null }): string {
  return JSON.stringify({ error: { message: error.message, type: error.type, code: error.code, param: error.param ?? null } });
}

/** A field of a parsed JSON value, whatever its shape (`null?.x` and `"s"?.x` are undefined). */
function field(obj: unknown, key: string): unknown {
  return (obj as Record<string, unknown> | null | undefined)?.[key];
}

/** The text of one message's content: a string, or OpenAI content parts whose `text` counts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => textOf(field(p, 'text'))).join('');
}

function textOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Every message's content: where the nonce is looked for and what the prompt tokens are counted from. */
export function messageContents(body: unknown): string[] {
  const messages = field(body, 'messages');
  if (!Array.isArray(messages)) return [];
  return messages.map((m) => contentText(field(m, 'content')));
}

/** Prompt tokens as the drill bills them: one per four characters of all message contents, rounded up. */
export function promptTokensOf(contents: readonly string[]): number {
  return Math.ceil(contents.reduce((n, c) => n + c.length, 0) / 4);
}
