import type { ServerResponse } from 'node:http';
import { completionBody, contentChunk, errorBody, malformedBody, MALFORMED_EVENT, SSE_DONE, usageChunk, type AnswerIds } from './answer-body.js';
import type { PrimaryAction } from './scenarios.js';
import type { AttemptRecord } from './types.js';

/**
 * Writes one attempt's answer as its PrimaryAction says (scenarios.ts), updating the attempt's record as bytes go
 * out. Connections that must stay open (no-response, stall, no-done) are simply left alone: the server's close()
 * destroys them, and a caller that goes away closes them.
 */

export interface AnswerContext {
  ids: AnswerIds;
  /** The whole answer's tokens (nonce.ts answerTokens), one per chunk. */
  tokens: readonly string[];
  stream: boolean;
  includeUsage: boolean;
  promptTokens: number;
  record: AttemptRecord;
}

const JSON_TYPE = 'application/json';
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

export async function writeAnswer(res: ServerResponse, action: PrimaryAction, cx: AnswerContext): Promise<void> {
  cx.record.action = action.kind === 'status' ? `status-${action.status}` : action.kind;
  switch (action.kind) {
    case 'status': {
      const headers: Record<string, string> = { 'content-type': JSON_TYPE };
      if (action.retryAfterS !== undefined) headers['retry-after'] = String(action.retryAfterS);
      res.writeHead(action.status, headers).end(errorBody(action.error));
      return;
    }
    case 'reset':
      // An RST rather than a FIN, so the caller sees ECONNRESET as from a crashed provider.
      res.socket?.resetAndDestroy();
      return;
    case 'no-response':
      return;
    case 'ok':
      if (action.delayMs) await waitOrClose(res, action.delayMs);
      return cx.stream ? streamAnswer(res, cx, cx.tokens.length, 'whole') : wholeAnswer(res, cx);
    case 'no-done':
      return cx.stream ? streamAnswer(res, cx, cx.tokens.length, 'hold') : partBody(res, cx, cx.tokens.length, 'hold');
    case 'stall':
      return cx.stream ? streamAnswer(res, cx, action.afterChunks, 'hold') : partBody(res, cx, action.afterChunks, 'hold');
    case 'cut':
      return cx.stream ? streamAnswer(res, cx, action.afterChunks, 'cut') : partBody(res, cx, action.afterChunks, 'cut');
    case 'malformed':
      return cx.stream ? streamAnswer(res, cx, action.afterChunks, 'malformed') : malformedAnswer(res, cx, action.afterChunks);
  }
}

/** How a stream ends: in full with [DONE]; open with no more bytes; cut (connection closed); a bad event, then [DONE]. */
type StreamEnd = 'whole' | 'hold' | 'cut' | 'malformed';

async function streamAnswer(res: ServerResponse, cx: AnswerContext, chunks: number, end: StreamEnd): Promise<void> {
  if (res.destroyed) return;
  res.writeHead(200, SSE_HEADERS);
  cx.record.promptTokens = cx.promptTokens;
  const n = cx.tokens.length;
  for (let i = 0; i < Math.min(chunks, n); i++) {
    if (!(await send(res, contentChunk(cx.ids, cx.tokens[i]!, i === 0, i === n - 1)))) return;
    cx.record.completionTokens++;
  }
  if (end === 'cut') {
    res.destroy();
    return;
  }
  if (end === 'malformed') {
    // Then [DONE] and a clean end, as if all were well: whether the client learns of it is the gateway's doing.
    await send(res, MALFORMED_EVENT + SSE_DONE);
    res.end();
    return;
  }
  if (cx.includeUsage && chunks >= n) await send(res, usageChunk(cx.ids, { promptTokens: cx.promptTokens, completionTokens: n }));
  if (end === 'hold') return;
  await send(res, SSE_DONE);
  res.end();
  cx.record.completed = !res.destroyed;
}

function wholeAnswer(res: ServerResponse, cx: AnswerContext): void {
  if (res.destroyed) return;
  const body = completionBody(cx.ids, cx.tokens.join(''), { promptTokens: cx.promptTokens, completionTokens: cx.tokens.length });
  res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) }).end(body);
  Object.assign(cx.record, { promptTokens: cx.promptTokens, completionTokens: cx.tokens.length, completed: true });
}

/**
 * Non-streamed faults: the headers promise the whole body (content-length), and only its first part goes out, as
 * far as `tokens` tokens would reach; then the connection is held or closed. Billed as that many tokens.
 */
async function partBody(res: ServerResponse, cx: AnswerContext, tokens: number, end: 'hold' | 'cut'): Promise<void> {
  if (res.destroyed) return;
  const whole = completionBody(cx.ids, cx.tokens.join(''), { promptTokens: cx.promptTokens, completionTokens: cx.tokens.length });
  const part = malformedBody(cx.ids, cx.tokens.slice(0, tokens).join(''));
  res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(whole) });
  Object.assign(cx.record, { promptTokens: cx.promptTokens, completionTokens: Math.min(tokens, cx.tokens.length) });
  await send(res, part);
  if (end === 'cut') res.destroy();
}

/** Non-streamed malformed: a 200 whose body, cut inside the content, is not JSON, ended as if all were well. */
function malformedAnswer(res: ServerResponse, cx: AnswerContext, tokens: number): void {
  if (res.destroyed) return;
  const body = malformedBody(cx.ids, cx.tokens.slice(0, tokens).join(''));
  res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) }).end(body);
  Object.assign(cx.record, { promptTokens: cx.promptTokens, completionTokens: tokens });
}

/** Write and wait until the bytes are handed to the socket, so each chunk goes out as its own write. */
function send(res: ServerResponse, text: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => res.write(text, (err) => resolve(!err && !res.destroyed)));
}

/** Wait `ms`, or less if the caller goes away first (a gateway that gave up on a slow primary). */
function waitOrClose(res: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}
