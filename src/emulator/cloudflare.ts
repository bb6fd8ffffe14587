import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TtlCache } from './cache.js';
import { isStreamFault, pickFault, type Fault } from './faults.js';
import { BodyTooLarge, SSE_HEADERS, SseOut, SseSplitter, bearer, header, isTrue, readBody, sendJson, sendRaw, type Headers, pathOf } from './http.js';
import { applyPreFault, waitOverhead } from './pre-fault.js';
import { gatewayDelay } from './profile.js';
import { sendBodyWithFault } from './provider.js';
import { EMULATOR_KEYS, newId, wallMs, type EmulatorClock, type EmulatorState } from './state.js';
import { type UpstreamLike, headerString } from './upstream.js';
import { serve } from './capacity.js';

/**
 * The emulated Cloudflare AI Gateway:
 *   POST /v1/{account_id}/{gateway_id}/compat/chat/completions   (model `{provider}/{model}`, e.g. openai/gpt-4o-mini)
 *   POST /v1/{account_id}/{gateway_id}/{provider}/chat/completions (native body, model `gpt-4o-mini`)
 * Cloudflare marks /compat deprecated (it keeps working for existing integrations); its replacement, the REST API
 * at api.cloudflare.com/…/ai/v1, is not emulated (whether it takes your provider keys is a conflict in the catalog).
 * The provider key travels in `Authorization` and is checked by the (emulated) provider; an authenticated gateway
 * (default) also requires `cf-aig-authorization: Bearer <token>`. Provider responses and errors pass through.
 * Caching is off unless `cf-aig-cache-ttl` (or `cf-cache-ttl`), the gateway default TTL, or `cf-aig-cache-key`
 * (5 min) applies; `cf-aig-skip-cache` bypasses it; the key is SHA-256 over provider, path, model, the provider
 * auth header and the full body. `cf-aig-cache-status: HIT|MISS` is set when caching applied; every response
 * carries `cf-aig-log-id`. Optional gateway-wide rate limit (fixed or sliding window) returning 429.
 *
 * The JSON shape of gateway-originated errors is not documented by Cloudflare (UNVERIFIED); the emulator uses
 * `{"success":false,"result":[],"messages":[],"error":[{"code":N,"message":"…"}]}`.
 */

export interface CloudflareOptions {
  accountId?: string;
  gatewayId?: string;
  /** Require cf-aig-authorization (an "Authenticated Gateway"). Default true. */
  authenticated?: boolean;
  /** Gateway default cache TTL in seconds; null/undefined = caching off unless a request asks. */
  cacheTtlSec?: number | null;
  /** Gateway-wide rate limit. */
  rateLimit?: { limit: number; periodSec: number; technique?: 'fixed' | 'sliding' } | null;
}

export const CUSTOM_KEY_DEFAULT_TTL_SEC = 300;

export function cloudflareError(code: number, message: string): unknown {
  return { success: false, result: [], messages: [], error: [{ code, message }] };
}

export class RateLimiter {
  private windowStart = 0;
  private count = 0;
  private readonly stamps: number[] = [];
  constructor(
    readonly limit: number,
    readonly periodMs: number,
    readonly technique: 'fixed' | 'sliding',
    private readonly now: () => number,
  ) {}
  /** Count a request; false when it is over the limit. */
  take(): boolean {
    const t = this.now();
    if (this.technique === 'fixed') {
      const w = Math.floor(t / this.periodMs) * this.periodMs;
      if (w !== this.windowStart) {
        this.windowStart = w;
        this.count = 0;
      }
      if (this.count >= this.limit) return false;
      this.count++;
      return true;
    }
    while (this.stamps.length > 0 && this.stamps[0]! <= t - this.periodMs) this.stamps.shift();
    if (this.stamps.length >= this.limit) return false;
    this.stamps.push(t);
    return true;
  }
  /** Seconds until a request would be allowed again (rounded up, at least 1). */
  retryAfterSec(): number {
    const t = this.now();
    const until = this.technique === 'fixed' ? this.windowStart + this.periodMs : (this.stamps[0] ?? t) + this.periodMs;
    return Math.max(1, Math.ceil((until - t) / 1000));
  }
}

interface CachedResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

interface Ctx {
  state: EmulatorState;
  upstream: UpstreamLike;
  accountId: string;
  gatewayId: string;
  authenticated: boolean;
  defaultTtl: number | null;
  limiter: RateLimiter | undefined;
  cache: TtlCache<CachedResponse>;
  providers: Set<string>;
}

export function cloudflareHandler(
  state: EmulatorState,
  upstream: UpstreamLike,
  opts: CloudflareOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const rl = opts.rateLimit;
  const now = (): number => wallMs(state.clock);
  const ctx: Ctx = {
    state,
    upstream,
    accountId: opts.accountId ?? EMULATOR_KEYS.cloudflareAccount,
    gatewayId: opts.gatewayId ?? EMULATOR_KEYS.cloudflareGateway,
    authenticated: opts.authenticated ?? true,
    defaultTtl: opts.cacheTtlSec ?? null,
    limiter: rl ? new RateLimiter(rl.limit, rl.periodSec * 1000, rl.technique ?? 'fixed', now) : undefined,
    cache: new TtlCache<CachedResponse>(now),
    providers: new Set(state.models.ids().map((id) => id.slice(0, id.indexOf('/')))),
  };
  const prefix = `/v1/${ctx.accountId}/${ctx.gatewayId}/`;
  return (req, res) => {
    const path = pathOf(req);
    if (req.method === 'POST' && path.startsWith(prefix) && path.endsWith('/chat/completions')) {
      const route = path.slice(prefix.length, -'/chat/completions'.length);
      if (route === 'compat' || (ctx.providers.has(route) && !route.includes('/'))) {
        handleChat(ctx, req, res, path, route).catch((e: unknown) => fail(res, e));
        return;
      }
    }
    if (path.startsWith('/v1/') && !path.startsWith(prefix)) {
      sendJson(res, 400, cloudflareError(2001, 'Please configure AI Gateway in the Cloudflare dashboard (unknown account or gateway).'));
      return;
    }
    sendJson(res, 404, cloudflareError(2002, `No route for ${req.method} ${path}.`));
  };
}

function fail(res: ServerResponse, e: unknown): void {
  if (e instanceof BodyTooLarge) {
    if (!res.headersSent) sendJson(res, 413, cloudflareError(2004, 'Request body too large.'));
    return;
  }
  if (!res.headersSent && !res.destroyed) sendJson(res, 500, cloudflareError(2005, 'Internal error.'));
  else res.destroy();
}

function preFault(clock: EmulatorClock, fault: Fault, req: IncomingMessage, res: ServerResponse, headers: Headers): Promise<boolean> {
  return applyPreFault(
    clock,
    fault,
    req,
    res,
    (f) => {
      if (f.retryAfterSec !== undefined) headers['retry-after'] = String(f.retryAfterSec);
      sendJson(res, f.status, cloudflareError(f.status === 429 ? 2003 : 2005, f.status === 429 ? 'Rate limited (emulated fault).' : `Emulated error ${f.status}.`), headers);
    },
    headers as Record<string, string>,
  );
}

const CONTENT_RE = /"delta":\{[^}]*"content":"[^"]/;

async function handleChat(ctx: Ctx, req: IncomingMessage, res: ServerResponse, path: string, route: string): Promise<void> {
  const { state } = ctx;
  const index = ++state.counters.cloudflare;
  const fault = state.faults.length ? pickFault(state.faults, 'cloudflare', index, state.seed) : undefined;
  const raw = await readBody(req);
  const logId = newId('01EMU');
  const headers: Headers = {
    'cf-aig-log-id': logId,
    'cf-aig-event-id': randomUUID(),
    'cf-ray': `${logId.slice(-16)}-EMU`,
    server: 'cloudflare',
    'x-emulator-endpoint': 'cloudflare',
  };
  if (fault && (await preFault(state.clock, fault, req, res, headers))) return;

  if (ctx.authenticated) {
    const token = bearer(req.headers['cf-aig-authorization']);
    if (token !== EMULATOR_KEYS.cloudflareToken) {
      sendJson(res, 401, cloudflareError(2009, 'Unauthorized'), headers);
      return;
    }
  }
  if (ctx.limiter && !ctx.limiter.take()) {
    headers['retry-after'] = String(ctx.limiter.retryAfterSec());
    sendJson(res, 429, cloudflareError(2003, 'Rate limited'), headers);
    return;
  }

  let body: Record<string, unknown>;
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    sendJson(res, 400, cloudflareError(2008, 'Invalid JSON body.'), headers);
    return;
  }
  const model = typeof body.model === 'string' ? body.model : '';
  let provider = route;
  let upBody: string | Buffer = raw;
  if (route === 'compat') {
    const slash = model.indexOf('/');
    provider = slash > 0 ? model.slice(0, slash) : '';
    if (!ctx.providers.has(provider)) {
      sendJson(res, 400, cloudflareError(2008, `Invalid model "${model}": expected {provider}/{model}, e.g. openai/gpt-4o-mini.`), headers);
      return;
    }
    body.model = model.slice(slash + 1);
    upBody = JSON.stringify(body);
  }
  const stream = body.stream === true;
  const authorization = header(req, 'authorization');

  // Cache decision.
  const skip = isTrue(header(req, 'cf-aig-skip-cache') ?? header(req, 'cf-skip-cache'));
  const customKey = header(req, 'cf-aig-cache-key');
  const ttlHeader = Number(header(req, 'cf-aig-cache-ttl') ?? header(req, 'cf-cache-ttl'));
  let ttl: number | null = Number.isFinite(ttlHeader) && ttlHeader > 0 ? ttlHeader : ctx.defaultTtl;
  if (ttl === null && customKey !== undefined) ttl = CUSTOM_KEY_DEFAULT_TTL_SEC;
  let cacheKey: string | undefined;
  if (!skip && ttl !== null && ttl > 0) {
    cacheKey =
      customKey !== undefined
        ? `custom\u0000${customKey}`
        : createHash('sha256').update(`${provider}\u0000${path}\u0000${model}\u0000${authorization ?? ''}\u0000`).update(raw).digest('hex');
    const hit = ctx.cache.get(cacheKey);
    if (hit) {
      headers['cf-aig-cache-status'] = 'HIT';
      sendRaw(res, hit.value.status, hit.value.body, headers, hit.value.contentType);
      return;
    }
    headers['cf-aig-cache-status'] = 'MISS';
  }

  const overhead = gatewayDelay(state.profile.cloudflare, state.seed, 'cloudflare', index);
  if (!(await serve(state, 'cloudflare', res))) return;
  if (!(await waitOverhead(state.clock, overhead, res, headers))) return;

  let up;
  try {
    up = await ctx.upstream.chat(res, upBody, authorization ?? '', stream);
  } catch {
    if (res.destroyed) return;
    sendJson(res, 502, cloudflareError(2005, 'Failed to reach the provider.'), headers);
    return;
  }
  for (const name of ['retry-after', 'x-request-id', 'openai-processing-ms']) {
    const v = headerString(up.headers, name);
    if (v !== undefined) headers[name] = v;
  }
  const contentType = headerString(up.headers, 'content-type') ?? 'application/json';
  const streamFault = isStreamFault(fault) ? fault : undefined;

  if (!stream || up.status !== 200 || !contentType.startsWith('text/event-stream')) {
    let text: string;
    try {
      text = await up.body.text();
    } catch {
      up.done();
      res.destroy(); // the provider connection broke mid-body: pass the break through
      return;
    }
    up.done();
    if (cacheKey && up.status === 200) ctx.cache.set(cacheKey, { status: 200, contentType, body: Buffer.from(text) }, ttl!);
    headers['content-type'] = contentType;
    await sendBodyWithFault(state.clock, res, up.status, text, headers, up.status === 200 ? streamFault : undefined);
    return;
  }

  res.writeHead(200, { ...SSE_HEADERS, ...headers, 'content-type': contentType });
  res.flushHeaders();
  const out = new SseOut(res, streamFault, state.clock);
  const split = new SseSplitter();
  const captured: string[] | undefined = cacheKey ? [] : undefined;
  let sawDone = false;
  try {
    up.body.setEncoding('utf8');
    for await (const chunk of up.body) {
      const events = split.push(chunk as string);
      for (const ev of events) {
        const text = ev + '\n\n';
        if (ev === 'data: [DONE]') sawDone = true;
        captured?.push(text);
        if (!(await out.raw(text, CONTENT_RE.test(ev) ? 1 : 0))) return;
      }
      out.flush();
    }
    const tail = split.tail();
    if (tail !== undefined) await out.raw(tail, 0);
  } catch {
    out.flush();
    res.destroy();
    return;
  } finally {
    up.done();
  }
  if (captured && sawDone && cacheKey) ctx.cache.set(cacheKey, { status: 200, contentType, body: Buffer.from(captured.join('')) }, ttl!);
  await out.end();
}
