import type { IncomingMessage, ServerResponse } from 'node:http';
import { isStreamFault, malformedJsonBody, mangleUsage, pickFault, type Fault } from './faults.js';
import { BodyTooLarge, SSE_HEADERS, SseOut, bearer, delay, maskKey, readBody, sendJson, sendRaw, type Headers, pathOf } from './http.js';
import { bareSlug, planCompletion, usageObject, type CompletionRequestLike } from './model.js';
import { chunkOffsets, isInstant, timingRng } from './profile.js';
import { EMULATOR_KEYS, newId, wallMs, type EmulatorClock, type EmulatorState } from './state.js';
import { applyPreFault } from './pre-fault.js';
import { serve } from './capacity.js';

/**
 * The emulated model provider: OpenAI's `POST /v1/chat/completions` (also `/chat/completions`) and
 * `GET /v1/models`, with Bearer auth (`test-key-provider`). Models are the catalog's bare slugs
 * (`gpt-4o-mini`); the full `author/slug` id is accepted too.
 */

export function openaiError(message: string, type: string, code: string | null, param: string | null = null): unknown {
  return { error: { message, type, param, code } };
}

const STATUS_ERRORS: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'Bad request (emulated fault).', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided (emulated fault).', type: 'invalid_request_error', code: 'invalid_api_key' },
  402: { message: 'Payment required (emulated fault).', type: 'insufficient_quota', code: 'insufficient_quota' },
  403: { message: 'Forbidden (emulated fault).', type: 'invalid_request_error', code: null },
  429: {
    message: 'Rate limit reached for requests (emulated fault). Please try again later.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

function faultStatusBody(status: number): unknown {
  const e = STATUS_ERRORS[status] ?? { message: `Emulated error ${status}.`, type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null };
  return openaiError(e.message, e.type, e.code);
}

interface ChatBody extends CompletionRequestLike {
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
}

/** Validate an OpenAI chat body; returns an error message or the body. */
export function validateChatBody(raw: Buffer): ChatBody | string {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'We could not parse the JSON body of your request.';
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'The request body must be a JSON object.';
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') return "you must provide a model parameter";
  if (!Array.isArray(b.messages) || b.messages.length === 0) return "Invalid 'messages': expected a non-empty array.";
  return b as unknown as ChatBody;
}

export function providerHandler(state: EmulatorState): (req: IncomingMessage, res: ServerResponse) => void {
  const modelsBody = JSON.stringify({
    object: 'list',
    data: state.models.ids().map((id) => ({ id: bareSlug(id), object: 'model', created: 1_700_000_000, owned_by: id.split('/')[0] })),
  });
  return (req, res) => {
    const path = pathOf(req);
    if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions')) {
      handleChat(state, req, res).catch((e: unknown) => internalError(res, e));
      return;
    }
    if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      if (bearer(req.headers.authorization) !== EMULATOR_KEYS.provider) {
        sendJson(res, 401, openaiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
        return;
      }
      sendRaw(res, 200, modelsBody, {});
      return;
    }
    sendJson(res, 404, openaiError(`Unknown request URL: ${req.method} ${path}.`, 'invalid_request_error', 'unknown_url'));
  };
}

export function internalError(res: ServerResponse, e: unknown): void {
  if (e instanceof BodyTooLarge) {
    if (!res.headersSent) sendJson(res, 413, openaiError('Request body too large.', 'invalid_request_error', null));
    return;
  }
  if (!res.headersSent && !res.destroyed) {
    sendJson(res, 500, openaiError(`Emulator error: ${e instanceof Error ? e.message : String(e)}`, 'server_error', null));
  } else {
    res.destroy();
  }
}

async function handleChat(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const index = ++state.counters.provider;
  const fault = state.faults.length ? pickFault(state.faults, 'provider', index, state.seed) : undefined;
  const raw = await readBody(req);
  const requestId = newId('req_');
  const headers: Headers = { 'x-request-id': requestId, 'x-emulator-endpoint': 'provider' };

  if (fault && (await applyProviderPreFault(state.clock, fault, req, res, headers))) return;

  const key = bearer(req.headers.authorization);
  if (key !== EMULATOR_KEYS.provider) {
    const msg =
      key === undefined
        ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
        : `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
    sendJson(res, 401, openaiError(msg, 'invalid_request_error', key === undefined ? null : 'invalid_api_key'), headers);
    return;
  }
  const body = validateChatBody(raw);
  if (typeof body === 'string') {
    sendJson(res, 400, openaiError(body, 'invalid_request_error', null), headers);
    return;
  }
  const catalogId = state.models.resolve(body.model);
  if (catalogId === undefined) {
    sendJson(
      res,
      404,
      openaiError(`The model \`${body.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'),
      headers,
    );
    return;
  }

  const timing = state.profile.provider;
  if (!(await serve(state, 'provider', res))) return;
  const plan = planCompletion(body, { seed: state.seed, outputTokens: state.profile.outputTokens, tokensPerChunk: timing.tokensPerChunk });
  const instant = isInstant(timing);
  const offsets = instant ? undefined : chunkOffsets(timing, plan.chunks.length, timingRng(state.seed, 'provider', index));
  const { clock } = state;
  const t0 = clock.now();
  const id = newId('chatcmpl-');
  const created = Math.floor(clock.epoch(t0) / 1000);
  const model = body.model;
  const streamFault = isStreamFault(fault) ? fault : undefined;

  if (body.stream === true) {
    res.writeHead(200, { ...SSE_HEADERS, ...headers });
    const out = new SseOut(res, streamFault, clock);
    const head = `{"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"service_tier":"default","system_fingerprint":"fp_emulated","choices":[`;
    await out.data(head + '{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}');
    out.flush();
    for (let c = 0; c < plan.chunks.length; c++) {
      if (offsets) {
        const wait = t0 + offsets[c]! - clock.now();
        if (wait >= 0.5) {
          out.flush();
          await delay(clock, wait, res);
        }
      }
      if (out.closed) return;
      const choice = '{"index":0,"delta":{"content":' + JSON.stringify(plan.chunks[c]) + '},"logprobs":null,"finish_reason":null}]';
      if (c === 0 && state.stampFirstContent) {
        // Ground truth for the harness benchmark: when this server wrote the first content chunk (epoch ms).
        if (!(await out.data(head + choice + `,"emulator_sent_at":${wallMs(clock).toFixed(3)}}`, true))) return;
        out.flush();
        continue;
      }
      if (!(await out.data(head + choice + '}', true))) return;
    }
    if (!(await out.data(head + `{"index":0,"delta":{},"logprobs":null,"finish_reason":"${plan.finishReason}"}]}`))) return;
    const so = body.stream_options;
    if (so && typeof so === 'object' && so.include_usage === true) {
      if (!(await out.data(head.slice(0, -1) + '[],"usage":' + JSON.stringify(usageObject(plan.promptTokens, plan.completionTokens)) + '}'))) return;
    }
    if (!(await out.event('data: [DONE]'))) return;
    await out.end();
    return;
  }

  if (offsets && offsets.length > 0) {
    const wait = t0 + offsets[offsets.length - 1]! - clock.now();
    if (wait > 0) await delay(clock, wait, res);
    if (res.destroyed) return;
  }
  const json = JSON.stringify({
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: plan.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: plan.finishReason,
      },
    ],
    usage: usageObject(plan.promptTokens, plan.completionTokens),
    service_tier: 'default',
    system_fingerprint: 'fp_emulated',
  });
  headers['openai-processing-ms'] = String(Math.round(clock.now() - t0));
  await sendBodyWithFault(clock, res, 200, json, headers, streamFault);
}

/** Faults that act before the response starts. Returns true when the request was answered (or killed). */
export function applyProviderPreFault(clock: EmulatorClock, fault: Fault, req: IncomingMessage, res: ServerResponse, headers: Headers): Promise<boolean> {
  return applyPreFault(clock, fault, req, res, (f) => {
    if (f.retryAfterSec !== undefined) headers['retry-after'] = String(f.retryAfterSec);
    sendJson(res, f.status, faultStatusBody(f.status), headers);
  });
}

/** Send a complete (non-streamed) body, applying a disconnect / stall / malformed / usage fault if given (buffer changes nothing). */
export async function sendBodyWithFault(
  clock: EmulatorClock,
  res: ServerResponse,
  status: number,
  json: string,
  headers: Headers,
  fault: Fault | undefined,
): Promise<void> {
  if (res.destroyed) return;
  if (fault?.kind === 'usage') {
    sendRaw(res, status, usageFaulted(json, fault), headers);
    return;
  }
  if (!fault || !isStreamFault(fault) || fault.kind === 'buffer') {
    sendRaw(res, status, json, headers);
    return;
  }
  const buf = Buffer.from(json);
  if (fault.kind === 'malformed') {
    sendRaw(res, status, malformedJsonBody(json), headers);
    return;
  }
  headers['content-type'] = 'application/json';
  headers['content-length'] = buf.length;
  res.writeHead(status, headers);
  if (fault.kind === 'stall') {
    res.flushHeaders();
    await delay(clock, fault.ms, res);
    if (!res.destroyed) res.end(buf);
    return;
  }
  // disconnect: half the body, then close.
  res.write(buf.subarray(0, Math.floor(buf.length / 2)));
  await new Promise<void>((r) => setImmediate(r));
  res.destroy();
}

/** A JSON body with its usage changed by a usage fault; a body that does not parse goes out as it is. */
function usageFaulted(json: string, fault: Extract<Fault, { kind: 'usage' }>): string {
  try {
    const obj = JSON.parse(json) as unknown;
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return json;
    return JSON.stringify(mangleUsage(obj as Record<string, unknown>, fault) ?? {});
  } catch {
    return json;
  }
}
