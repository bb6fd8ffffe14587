import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { readWholeAnswer, StreamReader, ERROR_TEXT_MAX, type AnswerFindings } from './client-read.js';
import { drillPrompt, isWholeAnswer } from './nonce.js';
import type { ScenarioId } from './scenarios.js';
import type { ClientObservation, DrillTarget } from './types.js';

/**
 * The drill's client: one request through the gateway, as an application would send it, and what it saw. The
 * give-up is one deadline over the whole request (timeoutMs), not undici's per-phase timeouts, so a gateway that
 * trickles bytes forever is a hang too. Each request gets its own connection (a fresh Agent): a connection the
 * previous scenario left in a bad state never decides this one.
 */

export interface DrillRequestOptions {
  target: DrillTarget;
  nonce: string;
  scenario: ScenarioId;
  stream: boolean;
  timeoutMs: number;
  answerTokens: number;
  request: number;
  /** Stops the request early (Ctrl-C): the observation then says nothing reliable; the caller drops it. */
  signal?: AbortSignal;
}

interface Progress {
  status: number | null;
  found: AnswerFindings;
  body: string;
}

export async function sendDrillRequest(o: DrillRequestOptions): Promise<ClientObservation> {
  const started = performance.now();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('drill client timeout')), o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([deadline.signal, o.signal]) : deadline.signal;
  const agent = new Agent({ headersTimeout: 0, bodyTimeout: 0, connect: { timeout: o.timeoutMs } });
  const p: Progress = { status: null, found: { text: '', finished: false, sawDone: false, errorEvent: false, errorText: null }, body: '' };
  let transportError: string | null = null;
  try {
    await exchange(o, signal, agent, p);
  } catch (e) {
    if (!deadline.signal.aborted) transportError = describe(e);
  } finally {
    clearTimeout(timer);
    void agent.destroy().catch(() => undefined);
  }
  const timedOut = deadline.signal.aborted && transportError === null;
  const ok2xx = p.status !== null && p.status >= 200 && p.status < 300;
  return {
    nonce: o.nonce,
    scenario: o.scenario,
    stream: o.stream,
    status: p.status,
    complete: ok2xx && p.found.finished && isWholeAnswer(p.found.text, o.nonce, o.answerTokens),
    errorEvent: ok2xx && p.found.errorEvent,
    timedOut,
    transportError,
    ms: Math.round((performance.now() - started) * 10) / 10,
    errorText: ok2xx ? p.found.errorText : p.status !== null ? p.body.slice(0, ERROR_TEXT_MAX) || null : null,
  };
}

function requestBody(o: DrillRequestOptions): string {
  return JSON.stringify({
    model: o.target.model,
    messages: [{ role: 'user', content: drillPrompt(o.nonce) }],
    max_tokens: o.answerTokens,
    stream: o.stream,
    ...(o.stream ? { stream_options: { include_usage: true } } : {}),
  });
}

/** Send, then read the body to its end, filling `p` as it goes so a later failure keeps what was seen. */
async function exchange(o: DrillRequestOptions, signal: AbortSignal, agent: Agent, p: Progress): Promise<void> {
  const res = await request(`${o.target.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: o.stream ? 'text/event-stream' : 'application/json', ...o.target.headers },
    body: requestBody(o),
    signal,
    dispatcher: agent,
  });
  p.status = res.statusCode;
  const type = String(res.headers['content-type'] ?? '');
  // A gateway may answer a streamed request with JSON (an error, or no streaming): read what it sent.
  const reader = type.includes('text/event-stream') ? new StreamReader() : undefined;
  if (reader) p.found = reader.found;
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    const text = decoder.decode(chunk as Uint8Array, { stream: true });
    if (reader) reader.feed(text);
    else p.body += text;
  }
  if (!reader && p.status >= 200 && p.status < 300) p.found = readWholeAnswer(p.body);
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return typeof code === 'string' ? `${code}: ${e.message}${cause}` : `${e.message}${cause}`;
  }
  return String(e);
}
