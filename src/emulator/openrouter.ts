import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TtlCache } from './cache.js';
import { isStreamFault, pickFault, type Fault } from './faults.js';
import { BodyTooLarge, SSE_HEADERS, SseOut, bearer, header, isTrue, readBody, sendJson, sendRaw, type Headers, pathOf } from './http.js';
import { bareSlug, costUsd, type Price } from './model.js';
import { applyPreFault, waitOverhead } from './pre-fault.js';
import { gatewayDelay } from './profile.js';
import { sendBodyWithFault, validateChatBody } from './provider.js';
import { EMULATOR_KEYS, newId, wallMs, type EmulatorClock, type EmulatorState } from './state.js';
import { CONTENT_RE, type UpstreamLike, headerString, looksWellFormed, parseData, upstreamErrorMessage, upstreamEvents } from './upstream.js';
import { serve } from './capacity.js';

/**
 * The emulated OpenRouter API: `POST /api/v1/chat/completions`, `GET /api/v1/models`; Bearer key; `author/slug`
 * model ids (`:variant` suffixes ignored); `usage` with `cost` always present (in the last chunk when streaming);
 * `X-Generation-Id`; `: OPENROUTER PROCESSING` comments while a stream is silent; error body
 * `{"error":{"code","message","metadata"}}`; 402 for the no-credits key; errors after a stream began arrive as a
 * `data:` event with an `error` field under HTTP 200; response cache via `X-OpenRouter-Cache`.
 *
 * A stream commits to HTTP 200 (headers and a first processing comment) as soon as the gateway overhead has
 * elapsed, before the provider answers; so a provider error on a streamed request becomes an error event.
 */

export interface OpenRouterOptions {
  /** Default TTL of the response cache, seconds (OpenRouter's default is 300). */
  cacheTtlSec?: number;
}

export function openrouterError(code: number, message: string, metadata?: Record<string, unknown>): unknown {
  return { error: metadata ? { code, message, metadata } : { code, message } };
}

const PROVIDER_NAMES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google',
  'meta-llama': 'Meta',
  mistralai: 'Mistral',
  deepseek: 'DeepSeek',
  'x-ai': 'xAI',
  qwen: 'Alibaba',
};

function providerName(catalogId: string): string {
  const author = catalogId.slice(0, catalogId.indexOf('/'));
  return PROVIDER_NAMES[author] ?? author;
}

interface Cached {
  genId: string;
  /** Non-streamed: the response object. Streamed: the chunk payloads as sent (without the usage chunk). */
  body: Record<string, unknown> | string[];
}

/** The keep-alive comment OpenRouter sends while a stream is silent. */
const PROCESSING = ': OPENROUTER PROCESSING\n\n';

/** How the provider ends an ordinary content chunk, and how OpenRouter does. */
const CONTENT_TAIL = '"logprobs":null,"finish_reason":null}]}';
const OR_CONTENT_TAIL = '"logprobs":null,"finish_reason":null,"native_finish_reason":null}]}';

interface Ctx {
  state: EmulatorState;
  upstream: UpstreamLike;
  cache: TtlCache<Cached>;
  defaultTtl: number;
}

export function openrouterHandler(
  state: EmulatorState,
  upstream: UpstreamLike,
  opts: OpenRouterOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const ctx: Ctx = { state, upstream, cache: new TtlCache<Cached>(() => wallMs(state.clock)), defaultTtl: opts.cacheTtlSec ?? 300 };
  const perTok = (v: number): string => String(v / 1_000_000);
  const modelsBody = JSON.stringify({
    data: state.models.ids().map((id) => {
      const p = state.models.price(id)!;
      return {
        id,
        canonical_slug: id,
        name: id,
        created: 1_700_000_000,
        description: 'Emulated model (gateway-scout).',
        context_length: 128000,
        architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Other' },
        pricing: {
          prompt: perTok(p.inputPerMTok),
          completion: perTok(p.outputPerMTok),
          request: '0',
          image: '0',
          ...(p.cachedInputPerMTok !== null ? { input_cache_read: perTok(p.cachedInputPerMTok) } : {}),
        },
        top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: false },
        supported_parameters: ['max_tokens', 'temperature', 'stream', 'stream_options'],
      };
    }),
  });
  return (req, res) => {
    const path = pathOf(req);
    if (req.method === 'POST' && path === '/api/v1/chat/completions') {
      handleChat(ctx, req, res).catch((e: unknown) => fail(res, e));
      return;
    }
    if (req.method === 'GET' && path === '/api/v1/models') {
      sendRaw(res, 200, modelsBody, {});
      return;
    }
    sendJson(res, 404, openrouterError(404, 'Not Found'));
  };
}

function fail(res: ServerResponse, e: unknown): void {
  if (e instanceof BodyTooLarge) {
    if (!res.headersSent) sendJson(res, 413, openrouterError(413, 'Request body too large.'));
    return;
  }
  if (!res.headersSent && !res.destroyed) sendJson(res, 500, openrouterError(500, 'Internal Server Error'));
  else res.destroy();
}

/** Resolve an OpenRouter model name to a catalog id: `author/slug`, optional `:variant`, optional `~` prefix. */
export function resolveOpenRouterModel(state: EmulatorState, name: string): string | undefined {
  let n = name.startsWith('~') ? name.slice(1) : name;
  const colon = n.indexOf(':');
  if (colon >= 0) n = n.slice(0, colon);
  return state.models.price(n) ? n : undefined;
}

function rateLimitHeaders(headers: Headers, retryAfter: number | undefined, now: number): void {
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  headers['x-ratelimit-limit'] = '20';
  headers['x-ratelimit-remaining'] = '0';
  headers['x-ratelimit-reset'] = String(now + (retryAfter ?? 1) * 1000);
}

function preFault(clock: EmulatorClock, fault: Fault, req: IncomingMessage, res: ServerResponse, headers: Headers): Promise<boolean> {
  return applyPreFault(clock, fault, req, res, (f) => {
    const now = wallMs(clock);
    if (f.status === 429) rateLimitHeaders(headers, f.retryAfterSec, now);
    else if (f.retryAfterSec !== undefined) headers['retry-after'] = String(f.retryAfterSec);
    const message =
      f.status === 429
        ? 'Rate limit exceeded (emulated fault).'
        : f.status === 402
          ? 'Insufficient credits. Add more using https://openrouter.ai/credits'
          : `Emulated error ${f.status}.`;
    sendJson(res, f.status, openrouterError(f.status, message), headers);
  });
}

function usageWithCost(u: Record<string, unknown>, price: Price | undefined, free = false): Record<string, unknown> {
  const p = free ? 0 : (u.prompt_tokens as number | undefined) ?? 0;
  const c = free ? 0 : (u.completion_tokens as number | undefined) ?? 0;
  const promptCost = price ? (p * price.inputPerMTok) / 1e6 : 0;
  const completionCost = price ? (c * price.outputPerMTok) / 1e6 : 0;
  return {
    prompt_tokens: p,
    completion_tokens: c,
    total_tokens: p + c,
    cost: price ? costUsd(price, p, c) : 0,
    is_byok: false,
    prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0, audio_tokens: 0 },
    cost_details: {
      upstream_inference_cost: null,
      upstream_inference_prompt_cost: promptCost,
      upstream_inference_completions_cost: completionCost,
    },
    completion_tokens_details: { reasoning_tokens: 0, image_tokens: 0 },
  };
}

/** Rewrite a provider chunk / completion into OpenRouter's shape (in place). */
function rewrite(obj: Record<string, unknown>, genId: string, catalogId: string, provider: string): Record<string, unknown> {
  obj.id = genId;
  obj.provider = provider;
  obj.model = catalogId;
  delete obj.service_tier;
  const choices = obj.choices;
  if (Array.isArray(choices)) {
    for (const c of choices as Record<string, unknown>[]) c.native_finish_reason = c.finish_reason ?? null;
  }
  return obj;
}

function errorEvent(created: number, genId: string, catalogId: string, provider: string, code: number | string, message: string): string {
  return JSON.stringify({
    id: genId,
    object: 'chat.completion.chunk',
    created,
    model: catalogId,
    provider,
    error: { code, message },
    choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error', native_finish_reason: 'error' }],
  });
}

async function handleChat(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state } = ctx;
  const { clock } = state;
  const index = ++state.counters.openrouter;
  const fault = state.faults.length ? pickFault(state.faults, 'openrouter', index, state.seed) : undefined;
  const raw = await readBody(req);
  const created = Math.floor(wallMs(clock) / 1000);
  const genId = newId(`gen-${created}-`);
  const headers: Headers = { 'x-generation-id': genId, 'x-emulator-endpoint': 'openrouter' };
  if (fault && (await preFault(clock, fault, req, res, headers))) return;

  const key = bearer(req.headers.authorization);
  if (key === undefined) {
    sendJson(res, 401, openrouterError(401, 'No auth credentials found'), headers);
    return;
  }
  if (key === EMULATOR_KEYS.openrouterNoCredits) {
    sendJson(res, 402, openrouterError(402, 'Insufficient credits. Add more using https://openrouter.ai/credits'), headers);
    return;
  }
  if (key !== EMULATOR_KEYS.openrouter) {
    sendJson(res, 401, openrouterError(401, 'User not found.'), headers);
    return;
  }
  const body = validateChatBody(raw);
  if (typeof body === 'string') {
    sendJson(res, 400, openrouterError(400, body), headers);
    return;
  }
  const catalogId = resolveOpenRouterModel(state, body.model);
  if (catalogId === undefined) {
    sendJson(res, 400, openrouterError(400, `${body.model} is not a valid model ID`), headers);
    return;
  }
  const price = state.models.price(catalogId);
  const provider = providerName(catalogId);
  const stream = body.stream === true;
  const streamFault = isStreamFault(fault) ? fault : undefined;

  // Response cache (opt-in per request).
  let cacheKey: string | undefined;
  let ttl = ctx.defaultTtl;
  if (isTrue(header(req, 'x-openrouter-cache'))) {
    const t = Number(header(req, 'x-openrouter-cache-ttl'));
    if (Number.isInteger(t) && t >= 1 && t <= 86_400) ttl = t;
    const bodyHash = createHash('sha256').update(raw).digest('hex');
    cacheKey = createHash('sha256').update(`${key}\u0000${catalogId}\u0000chat\u0000${stream ? 'stream' : 'json'}\u0000${bodyHash}`).digest('hex');
    if (isTrue(header(req, 'x-openrouter-cache-clear'))) ctx.cache.delete(cacheKey);
    const hit = ctx.cache.get(cacheKey);
    headers['x-openrouter-cache-ttl'] = String(ttl);
    if (hit) {
      headers['x-openrouter-cache-status'] = 'HIT';
      headers['x-openrouter-cache-age'] = String(Math.floor((wallMs(clock) - hit.storedAt) / 1000));
      headers['x-openrouter-cache-source-id'] = hit.value.genId;
      await serveCached(clock, res, hit.value, genId, created, catalogId, provider, headers, stream, streamFault);
      return;
    }
    headers['x-openrouter-cache-status'] = 'MISS';
  }

  const overhead = gatewayDelay(state.profile.openrouter, state.seed, 'openrouter', index);
  if (!(await serve(state, 'openrouter', res))) return;
  if (!(await waitOverhead(clock, overhead, res, headers))) return;
  const upBody = body as unknown as Record<string, unknown>;
  upBody.model = bareSlug(catalogId);
  if (stream) upBody.stream_options = { include_usage: true };

  if (!stream) {
    let up;
    try {
      up = await ctx.upstream.chat(res, JSON.stringify(upBody), `Bearer ${EMULATOR_KEYS.provider}`);
    } catch {
      if (res.destroyed) return;
      sendJson(res, 502, openrouterError(502, 'Network connection lost.', { provider_name: provider }), headers);
      return;
    }
    if (up.status !== 200) {
      await sendUpstreamError(res, up.status, up.headers, await up.body.text().catch(() => ''), provider, headers, wallMs(clock));
      up.done();
      return;
    }
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(await up.body.text()) as Record<string, unknown>;
    } catch {
      up.done();
      if (res.destroyed) return;
      // Generation had begun: OpenRouter reports it under HTTP 200.
      sendJson(res, 200, openrouterError(502, 'Provider returned an invalid response', { provider_name: provider }), headers);
      return;
    }
    up.done();
    rewrite(obj, genId, catalogId, provider);
    const usage = (obj.usage as Record<string, unknown> | undefined) ?? {};
    if (cacheKey) ctx.cache.set(cacheKey, { genId, body: { ...obj, usage: undefined } }, ttl);
    obj.usage = usageWithCost(usage, price);
    await sendBodyWithFault(clock, res, 200, JSON.stringify(obj), headers, streamFault);
    return;
  }

  // Streaming: commit to 200 now.
  res.writeHead(200, { ...SSE_HEADERS, ...headers });
  res.write(PROCESSING);
  const out = new SseOut(res, streamFault, clock);
  // A comment goes out once the stream has been silent for commentMs, except during this endpoint's own stall
  // fault (silence on purpose). A write only notes its time; the timer, when it finds a later write, re-arms for
  // the rest of the interval (cheaper than re-arming on every write).
  const commentMs = state.profile.openrouter.processingCommentMs;
  let lastWrite = clock.now();
  let cancelKeepAlive = clock.timer(commentMs, function tick() {
    if (out.closed) return;
    const silent = clock.now() - lastWrite;
    if (silent < commentMs) {
      cancelKeepAlive = clock.timer(commentMs - silent, tick);
      return;
    }
    if (!out.stalling) res.write(PROCESSING);
    lastWrite = clock.now();
    cancelKeepAlive = clock.timer(commentMs, tick);
  });
  out.onWrite = () => {
    lastWrite = clock.now();
  };
  const collected: string[] | undefined = cacheKey ? [] : undefined;
  let head: string | undefined;
  let completed = false;
  try {
    let up;
    try {
      up = await ctx.upstream.chat(res, JSON.stringify(upBody), `Bearer ${EMULATOR_KEYS.provider}`, true);
    } catch {
      await out.data(errorEvent(created, genId, catalogId, provider, 502, 'Network connection lost.'));
      return;
    }
    try {
      if (up.status !== 200) {
        const text = await up.body.text().catch(() => '');
        const e = upstreamErrorMessage(text);
        await out.data(errorEvent(created, genId, catalogId, provider, up.status === 429 ? 429 : 502, `Provider returned error: ${e.message}`));
        return;
      }
      for await (const batch of upstreamEvents(up.body)) {
        for (const ev of batch) {
          if (ev.kind === 'comment') continue;
          if (ev.kind === 'done') {
            completed = true;
            if (!(await out.event('data: [DONE]'))) return;
            continue;
          }
          if (ev.kind === 'malformed' || !looksWellFormed(ev.data)) {
            await out.data(errorEvent(created, genId, catalogId, provider, 502, 'Provider returned an invalid response'));
            return;
          }
          const d = ev.data;
          let outData: string;
          const ci = head !== undefined && d.endsWith(CONTENT_TAIL) ? d.indexOf(',"choices":[') : -1;
          if (ci > 0 && !d.includes('"usage":')) {
            // Fast path for ordinary content chunks: swap the provider's prefix for OpenRouter's.
            outData = head + d.slice(ci, -CONTENT_TAIL.length) + OR_CONTENT_TAIL;
          } else {
            const json = parseData(d);
            if (!json) {
              await out.data(errorEvent(created, genId, catalogId, provider, 502, 'Provider returned an invalid response'));
              return;
            }
            const obj = rewrite(json, genId, catalogId, provider);
            if (obj.usage && typeof obj.usage === 'object') obj.usage = usageWithCost(obj.usage as Record<string, unknown>, price);
            outData = JSON.stringify(obj);
            if (head === undefined) {
              head = `{"id":"${genId}","object":"chat.completion.chunk","created":${typeof obj.created === 'number' ? obj.created : created},"model":${JSON.stringify(catalogId)},"provider":${JSON.stringify(provider)},"system_fingerprint":"fp_emulated"`;
            }
          }
          if (collected && !outData.includes('"usage":')) collected.push(outData);
          if (!(await out.data(outData, CONTENT_RE.test(outData)))) return;
        }
        out.flush();
      }
    } catch {
      if (!out.closed) await out.data(errorEvent(created, genId, catalogId, provider, 502, 'Provider disconnected unexpectedly'));
    } finally {
      up.done();
    }
  } finally {
    cancelKeepAlive();
    if (completed && collected && cacheKey) ctx.cache.set(cacheKey, { genId, body: collected }, ttl);
    await out.end();
  }
}

async function sendUpstreamError(
  res: ServerResponse,
  status: number,
  upHeaders: Record<string, string | string[] | undefined>,
  text: string,
  provider: string,
  headers: Headers,
  now: number,
): Promise<void> {
  if (res.destroyed) return;
  const e = upstreamErrorMessage(text);
  const metadata = { raw: e.message, provider_name: provider, ...(e.code !== undefined && e.code !== null ? { provider_code: e.code } : {}) };
  if (status === 429) {
    const ra = Number(headerString(upHeaders, 'retry-after'));
    rateLimitHeaders(headers, Number.isFinite(ra) ? ra : undefined, now);
    sendJson(res, 429, openrouterError(429, 'Provider returned error', { ...metadata, error_type: 'rate_limit_exceeded' }), headers);
    return;
  }
  if (status === 400) {
    sendJson(res, 400, openrouterError(400, 'Provider returned error', metadata), headers);
    return;
  }
  // 5xx and anything unexpected: masked as 502.
  sendJson(res, 502, openrouterError(502, 'Provider returned error', metadata), headers);
}

async function serveCached(
  clock: EmulatorClock,
  res: ServerResponse,
  hit: Cached,
  genId: string,
  created: number,
  catalogId: string,
  provider: string,
  headers: Headers,
  stream: boolean,
  fault: Fault | undefined,
): Promise<void> {
  const freeUsage = usageWithCost({}, undefined, true);
  if (!stream || !Array.isArray(hit.body)) {
    const obj = { ...(hit.body as Record<string, unknown>), id: genId, usage: freeUsage };
    await sendBodyWithFault(clock, res, 200, JSON.stringify(obj), headers, fault);
    return;
  }
  res.writeHead(200, { ...SSE_HEADERS, ...headers });
  const out = new SseOut(res, isStreamFault(fault) ? fault : undefined, clock);
  for (const chunk of hit.body) {
    const data = chunk.split(hit.genId).join(genId);
    if (!(await out.data(data, CONTENT_RE.test(data)))) return;
  }
  const usageChunk = {
    id: genId,
    object: 'chat.completion.chunk',
    created,
    model: catalogId,
    provider,
    choices: [],
    usage: freeUsage,
  };
  if (!(await out.data(JSON.stringify(usageChunk)))) return;
  if (!(await out.event('data: [DONE]'))) return;
  await out.end();
}
