import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isStreamFault, pickFault, type Fault } from './faults.js';
import { BodyTooLarge, SSE_HEADERS, SseOut, bearer, header, maskKey, readBody, sendJson, sendRaw, type Headers, pathOf } from './http.js';
import { bareSlug, costUsd } from './model.js';
import { applyPreFault, waitOverhead } from './pre-fault.js';
import { gatewayDelay } from './profile.js';
import { sendBodyWithFault, validateChatBody } from './provider.js';
import { EMULATOR_KEYS, type EmulatorClock, type EmulatorState } from './state.js';
import { CONTENT_RE, type UpstreamLike, headerString, looksWellFormed, parseData, upstreamErrorMessage, upstreamEvents } from './upstream.js';
import { serve } from './capacity.js';

/**
 * The emulated LiteLLM proxy: `/chat/completions` and `/v1/chat/completions`, `/v1/models`, `/health` (+
 * `/health/liveliness`, `/health/readiness`), Bearer master or virtual key (or `x-litellm-api-key`), `model_name`
 * aliases (default: the catalog's bare slugs; full `author/slug` ids accepted too), `x-litellm-*` response headers,
 * OpenAI-style error bodies. Forwards to the emulated provider after the profile's overhead.
 */

export interface LiteLLMOptions {
  /** model_name alias → catalog id. Default: bare slug → id for every catalog model. */
  aliases?: Readonly<Record<string, string>>;
}

export const LITELLM_VERSION = '1.80.0-emulated';

export function litellmError(message: string, type: string, code: number, param = 'None'): unknown {
  return { error: { message, type, param, code } };
}

const EXCEPTION_NAMES: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  402: 'BadRequestError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  408: 'Timeout',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
  500: 'InternalServerError',
  502: 'APIError',
  503: 'ServiceUnavailableError',
};

export function litellmAliases(state: EmulatorState, opts: LiteLLMOptions): Map<string, string> {
  const m = new Map<string, string>();
  if (opts.aliases) {
    for (const [alias, id] of Object.entries(opts.aliases)) m.set(alias, id);
  } else {
    for (const id of state.models.ids()) if (!m.has(bareSlug(id))) m.set(bareSlug(id), id);
  }
  for (const id of state.models.ids()) if (!m.has(id)) m.set(id, id);
  return m;
}

export function litellmHandler(
  state: EmulatorState,
  upstream: UpstreamLike,
  opts: LiteLLMOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const aliases = litellmAliases(state, opts);
  const modelIds = new Map<string, string>();
  for (const alias of aliases.keys()) modelIds.set(alias, createHash('sha256').update(`emulated-deployment:${alias}`).digest('hex'));
  const modelsBody = JSON.stringify({
    data: [...aliases.keys()].map((alias) => ({ id: alias, object: 'model', created: 1677610602, owned_by: 'openai' })),
    object: 'list',
  });
  const spend = new Map<string, number>();
  const ctx: Ctx = { state, upstream, aliases, modelIds, spend };

  return (req, res) => {
    const path = pathOf(req);
    if (req.method === 'POST' && (path === '/chat/completions' || path === '/v1/chat/completions')) {
      handleChat(ctx, req, res).catch((e: unknown) => fail(res, e));
      return;
    }
    if (req.method === 'GET' && (path === '/health/liveliness' || path === '/health/liveness')) {
      sendJson(res, 200, "I'm alive!");
      return;
    }
    if (req.method === 'GET' && path === '/health/readiness') {
      sendJson(res, 200, { status: 'healthy', db: 'Not connected', cache: null, litellm_version: LITELLM_VERSION, success_callbacks: [] });
      return;
    }
    if (req.method === 'GET' && (path === '/v1/models' || path === '/models' || path === '/health')) {
      const key = authKey(req);
      if (!isValidKey(key)) {
        sendJson(res, 401, authErrorBody(key));
        return;
      }
      if (path === '/health') {
        const healthy = [...aliases.entries()].map(([alias, id]) => ({
          model: `openai/${bareSlug(id)}`,
          model_name: alias,
          api_base: `${upstream.origin}/v1`,
        }));
        sendJson(res, 200, { healthy_endpoints: healthy, unhealthy_endpoints: [], healthy_count: healthy.length, unhealthy_count: 0 });
        return;
      }
      sendRaw(res, 200, modelsBody, {});
      return;
    }
    sendJson(res, 404, { detail: 'Not Found' });
  };
}

interface Ctx {
  state: EmulatorState;
  upstream: UpstreamLike;
  aliases: Map<string, string>;
  modelIds: Map<string, string>;
  spend: Map<string, number>;
}

function authKey(req: IncomingMessage): string | undefined {
  const alt = header(req, 'x-litellm-api-key');
  if (alt !== undefined) return bearer(alt) ?? alt.trim();
  return bearer(req.headers.authorization);
}

function isValidKey(key: string | undefined): key is string {
  return key === EMULATOR_KEYS.litellmMaster || key === EMULATOR_KEYS.litellmVirtual;
}

function authErrorBody(key: string | undefined): unknown {
  const msg =
    key === undefined
      ? 'Authentication Error, No api key passed in.'
      : `Authentication Error, Invalid proxy server token passed. Received API Key = ${maskKey(key)}, Key Hash (Token) =${createHash('sha256').update(key).digest('hex').slice(0, 16)}. Unable to find token in cache or \`LiteLLM_VerificationTokenTable\``;
  return litellmError(msg, 'auth_error', 401);
}

function fail(res: ServerResponse, e: unknown): void {
  if (e instanceof BodyTooLarge) {
    if (!res.headersSent) sendJson(res, 413, litellmError('Request body too large.', 'invalid_request_error', 413));
    return;
  }
  if (!res.headersSent && !res.destroyed) {
    sendJson(res, 500, litellmError(`litellm.APIConnectionError: ${e instanceof Error ? e.message : String(e)}`, 'None', 500));
  } else res.destroy();
}

function preFault(clock: EmulatorClock, fault: Fault, req: IncomingMessage, res: ServerResponse, headers: Headers): Promise<boolean> {
  return applyPreFault(clock, fault, req, res, (f) => {
    if (f.retryAfterSec !== undefined) headers['retry-after'] = String(f.retryAfterSec);
    const msg =
      f.status === 429
        ? '429: LiteLLM Rate Limit Handler for rate limit type = key. Crossed TPM / RPM / Max Parallel Request Limit (emulated fault).'
        : `litellm.${EXCEPTION_NAMES[f.status] ?? 'APIError'}: emulated fault ${f.status}`;
    sendJson(res, f.status, litellmError(msg, f.status === 429 ? 'throttling_error' : 'None', f.status), headers);
  });
}

function ms(v: number): string {
  return v.toFixed(3);
}

async function handleChat(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state } = ctx;
  const { clock } = state;
  const tStart = clock.now();
  const index = ++state.counters.litellm;
  const fault = state.faults.length ? pickFault(state.faults, 'litellm', index, state.seed) : undefined;
  const raw = await readBody(req);
  const callId = randomUUID();
  const headers: Headers = { 'x-litellm-call-id': callId, 'x-litellm-version': LITELLM_VERSION, 'x-emulator-endpoint': 'litellm' };
  if (fault && (await preFault(clock, fault, req, res, headers))) return;

  const key = authKey(req);
  if (!isValidKey(key)) {
    sendJson(res, 401, authErrorBody(key), headers);
    return;
  }
  const body = validateChatBody(raw);
  if (typeof body === 'string') {
    sendJson(res, 400, litellmError(body, 'invalid_request_error', 400), headers);
    return;
  }
  const alias = body.model;
  const catalogId = ctx.aliases.get(alias);
  if (catalogId === undefined) {
    sendJson(
      res,
      400,
      litellmError(
        `/chat/completions: Invalid model name passed in model=${alias}. Call \`/v1/models\` to view available models for your key.`,
        'None',
        400,
      ),
      headers,
    );
    return;
  }
  const overhead = gatewayDelay(state.profile.litellm, state.seed, 'litellm', index);
  headers['x-litellm-model-id'] = ctx.modelIds.get(alias) ?? '';
  headers['x-litellm-model-group'] = alias;
  headers['x-litellm-model-api-base'] = `${ctx.upstream.origin}/v1`;
  headers['x-litellm-attempted-retries'] = '0';
  headers['x-litellm-attempted-fallbacks'] = '0';
  if (!(await serve(state, 'litellm', res))) return;
  if (!(await waitOverhead(clock, overhead, res, headers))) return;
  (body as { model: string }).model = bareSlug(catalogId);
  const price = state.models.price(catalogId);
  const stream = body.stream === true;
  const tUp = clock.now();
  let up;
  try {
    up = await ctx.upstream.chat(res, JSON.stringify(body), `Bearer ${EMULATOR_KEYS.provider}`, stream);
  } catch (e) {
    if (res.destroyed) return;
    sendJson(res, 500, litellmError(`litellm.APIConnectionError: APIConnectionError: OpenAIException - ${e instanceof Error ? e.message : String(e)}`, 'None', 500), headers);
    return;
  }
  const reqId = headerString(up.headers, 'x-request-id');
  if (reqId) headers['llm_provider-x-request-id'] = reqId;

  if (up.status !== 200) {
    let text = '';
    try {
      text = await up.body.text();
    } catch {
      // connection broke while reading the error
    }
    up.done();
    const e = upstreamErrorMessage(text);
    const name = EXCEPTION_NAMES[up.status] ?? 'APIError';
    const retry = headerString(up.headers, 'retry-after');
    if (retry !== undefined) {
      headers['retry-after'] = retry;
      headers['llm_provider-retry-after'] = retry;
    }
    sendJson(
      res,
      up.status,
      litellmError(`litellm.${name}: ${name}: OpenAIException - ${e.message}. Received Model Group=${alias}`, e.type ?? 'None', up.status),
      headers,
    );
    return;
  }

  const streamFault = isStreamFault(fault) ? fault : undefined;
  if (!stream) {
    let text: string;
    let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
    try {
      text = await up.body.text();
      usage = (JSON.parse(text) as { usage?: typeof usage }).usage;
    } catch (e) {
      up.done();
      if (res.destroyed) return;
      sendJson(res, 500, litellmError(`litellm.APIConnectionError: APIConnectionError: OpenAIException - ${e instanceof Error ? e.message : 'invalid response'}`, 'None', 500), headers);
      return;
    }
    up.done();
    const now = clock.now();
    const cost = price && usage ? costUsd(price, usage.prompt_tokens ?? 0, usage.completion_tokens ?? 0) : 0;
    const spent = (ctx.spend.get(key) ?? 0) + cost;
    ctx.spend.set(key, spent);
    headers['x-litellm-response-cost'] = String(cost);
    headers['x-litellm-key-spend'] = String(spent);
    headers['x-litellm-response-duration-ms'] = ms(now - tStart);
    headers['x-litellm-overhead-duration-ms'] = ms(tUp - tStart);
    await sendBodyWithFault(clock, res, 200, text, headers, streamFault);
    return;
  }

  const now = clock.now();
  headers['x-litellm-response-duration-ms'] = ms(now - tStart);
  headers['x-litellm-overhead-duration-ms'] = ms(tUp - tStart);
  headers['x-litellm-key-spend'] = String(ctx.spend.get(key) ?? 0);
  res.writeHead(200, { ...SSE_HEADERS, ...headers });
  res.flushHeaders();
  const out = new SseOut(res, streamFault, clock);
  try {
    for await (const batch of upstreamEvents(up.body)) {
      for (const ev of batch) {
        if (ev.kind === 'comment') continue;
        if (ev.kind === 'done') {
          if (!(await out.event('data: [DONE]'))) return;
          continue;
        }
        if (ev.kind === 'malformed' || !looksWellFormed(ev.data)) {
          await out.data(JSON.stringify(litellmError('litellm.APIConnectionError: Unable to parse the provider stream chunk.', 'None', 500)));
          await out.end();
          return;
        }
        if (price && ev.data.includes('"usage":{')) {
          const u = parseData(ev.data)?.usage as { prompt_tokens?: number; completion_tokens?: number } | undefined | null;
          if (u) ctx.spend.set(key, (ctx.spend.get(key) ?? 0) + costUsd(price, u.prompt_tokens ?? 0, u.completion_tokens ?? 0));
        }
        // Chunks are passed on as the provider sent them (the real proxy re-serialises them; same content).
        if (!(await out.data(ev.data, CONTENT_RE.test(ev.data)))) return;
      }
      out.flush();
    }
  } catch (e) {
    if (out.closed) return;
    await out.data(
      JSON.stringify(litellmError(`litellm.APIConnectionError: OpenAIException - ${e instanceof Error ? e.message : String(e)}`, 'None', 500)),
    );
  } finally {
    up.done();
  }
  await out.end();
}
