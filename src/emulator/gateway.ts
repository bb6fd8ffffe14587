import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TtlCache } from './cache.js';
import { isStreamFault, pickFault } from './faults.js';
import type { GatewayError, GatewayProfile } from './gateway-profile.js';
import { fillIds, fillTemplate, newGatewayId, parseModel, setPath, type TemplateVars } from './gateway-template.js';
import { BodyTooLarge, bearer, header, isTrue, readBody, sendJson, sendRaw, type Headers, pathOf } from './http.js';
import { bareSlug, costUsd } from './model.js';
import { applyPreFault, waitOverhead } from './pre-fault.js';
import { gatewayDelay, gatewayTiming } from './profile.js';
import { sendBodyWithFault, validateChatBody } from './provider.js';
import { EMULATOR_KEYS, wallMs, type EmulatorState } from './state.js';
import { streamAnswer, type GatewayCtx } from './gateway-stream.js';
import type { UpstreamLike, UpstreamResponse } from './upstream.js';
import { serve } from './capacity.js';

/**
 * One handler for every data-driven gateway (data/emulators.json): the profile says its paths, auth, model
 * names, headers, error bodies and how a broken provider stream reaches the client; this code only follows it.
 * Flow per chat request: fault check → auth → provider selection → body → model name → cache → overhead →
 * forward to the emulated provider → pass the answer on in the gateway's shape.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

type Ctx = GatewayCtx;

/** How long the emulated gateway keeps a cached answer (s); the real defaults differ and are not emulated. */
const CACHE_TTL_SEC = 300;

export function gatewayHandler(state: EmulatorState, upstream: UpstreamLike, gp: GatewayProfile): Handler {
  const ctx: Ctx = { state, upstream, gp, cache: new TtlCache<string>(() => wallMs(state.clock)) };
  return (req, res) => {
    const path = pathOf(req);
    if (req.method === 'POST' && gp.chatPaths.includes(path)) {
      handleChat(ctx, req, res).catch((e: unknown) => fail(ctx, res, e));
      return;
    }
    sendError(res, gp.errors.gateway, { 'x-emulator-endpoint': gp.id }, { message: `No route for ${req.method} ${path}.` }, 404);
  };
}

function sendError(res: ServerResponse, e: GatewayError, headers: Headers, vars: TemplateVars = {}, status = e.httpStatus): void {
  sendJson(res, status, fillTemplate(e.body, { message: '', ...vars, status }), headers);
}

function fail(ctx: Ctx, res: ServerResponse, e: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const message = e instanceof BodyTooLarge ? 'Request body too large.' : `Emulator error: ${e instanceof Error ? e.message : String(e)}`;
  sendError(res, ctx.gp.errors.gateway, {}, { message }, e instanceof BodyTooLarge ? 413 : 500);
}

/** The key a client sent in the profile's auth header, or undefined. */
function sentKey(req: IncomingMessage, gp: GatewayProfile): string | undefined {
  const v = header(req, gp.auth.header.toLowerCase());
  if (v === undefined) return undefined;
  return gp.auth.scheme === 'bearer' ? bearer(v) : v.trim() || undefined;
}

/** The auth answer for a request, or undefined when it may go on. */
function authProblem(req: IncomingMessage, gp: GatewayProfile): GatewayError | undefined {
  if (gp.auth.mode !== 'key') return undefined;
  const key = sentKey(req, gp);
  if (key === undefined) return gp.errors.authMissing;
  const other = gp.auth.otherKeys.find((k) => k.key === key);
  if (other) return gp.errors[other.answer] ?? gp.errors.gateway;
  return key === gp.auth.key ? undefined : (gp.errors.authInvalid ?? gp.errors.authMissing);
}

/** The catalog id a model name stands for, or undefined. */
export function resolveGatewayModel(state: EmulatorState, pattern: string, name: string): string | undefined {
  const m = parseModel(pattern, name);
  if (!m) return undefined;
  if (m.author === undefined) return state.models.resolve(m.slug);
  const id = `${m.author}/${m.slug}`;
  return state.models.price(id) ? id : undefined;
}

/** The first of the gateway's patterns that names a known model. */
function resolveAny(state: EmulatorState, gp: GatewayProfile, name: string): string | undefined {
  for (const p of [gp.model.pattern, ...gp.model.accepts]) {
    const id = resolveGatewayModel(state, p, name);
    if (id !== undefined) return id;
  }
  return undefined;
}

async function handleChat(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state, gp } = ctx;
  const { clock } = state;
  const index = (state.counters[gp.id] = (state.counters[gp.id] ?? 0) + 1);
  const fault = state.faults.length ? pickFault(state.faults, gp.id, index, state.seed) : undefined;
  const raw = await readBody(req);
  const t0 = clock.now();
  const headers: Headers = { 'x-emulator-endpoint': gp.id };
  if (gp.requestId.where === 'header') {
    const field = gp.requestId.field.toLowerCase();
    headers[field] = (gp.requestId.echo ? header(req, field) : undefined) ?? newGatewayId(gp.requestId.format, wallMs(clock));
  }
  const answered = fault
    ? await applyPreFault(clock, fault, req, res, (f) => {
        if (f.retryAfterSec !== undefined) headers['retry-after'] = String(f.retryAfterSec);
        sendError(res, gp.errors.gateway, headers, { message: `Emulated fault ${f.status}.` }, f.status);
      })
    : false;
  if (answered) return;

  const auth = authProblem(req, gp);
  if (auth) return sendError(res, auth, headers);
  if (gp.selection && !gp.selection.anyOf.some((h) => header(req, h.toLowerCase()) !== undefined)) {
    return sendError(res, gp.errors.selectionMissing ?? gp.errors.badRequest, headers);
  }
  const body = validateChatBody(raw);
  if (typeof body === 'string') return sendError(res, gp.errors.badRequest, headers, { message: body });
  const catalogId = resolveAny(state, gp, body.model);
  if (catalogId === undefined) return sendError(res, gp.errors.unknownModel, headers, { model: body.model, message: `Unknown model ${body.model}.` });
  const vars = { provider: catalogId.slice(0, catalogId.indexOf('/')), model: catalogId };
  for (const h of gp.headers) headers[h.header.toLowerCase()] = String(fillTemplate(fillIds(h.value, wallMs(clock)), vars));
  const stream = body.stream === true;

  const cacheKey = cacheLookup(ctx, req, raw, stream, headers);
  if (cacheKey?.hit !== undefined) {
    sendRaw(res, 200, cacheKey.hit, headers);
    return;
  }
  const timing = gatewayTiming(state.profile, gp.id, gp.overheadMs);
  if (!(await serve(state, gp.id, res))) return;
  const overhead = gatewayDelay(timing, state.seed, gp.id, index);
  if (!(await waitOverhead(clock, overhead, res, headers))) return;
  (body as { model: string }).model = bareSlug(catalogId);
  // A passthrough gateway forwards the client's provider key; the others use their own (configured) one.
  const authorization = gp.auth.mode === 'passthrough' ? (header(req, 'authorization') ?? gp.auth.forwardWhenMissing ?? '') : `Bearer ${EMULATOR_KEYS.provider}`;
  const tUp = clock.now();
  let up: UpstreamResponse;
  try {
    up = await ctx.upstream.chat(res, JSON.stringify(body), authorization, stream);
  } catch {
    if (!res.destroyed) sendError(res, gp.errors.gateway, headers, { message: 'The provider could not be reached.' }, 502);
    return;
  }
  for (const l of gp.latencyHeaders) headers[l.header.toLowerCase()] = String(Math.round(l.value === 'overhead' ? tUp - t0 : clock.now() - tUp));
  if (up.status !== 200) return upstreamError(ctx, res, up, headers, vars.provider);
  const streamFault = isStreamFault(fault) ? fault : undefined;
  if (!stream) return plainAnswer(ctx, res, up, headers, catalogId, cacheKey?.key, streamFault);
  return streamAnswer(ctx, res, up, headers, catalogId, streamFault);
}

/** Decide the cache status; returns the key to store under (a miss) or the cached body (a hit). */
function cacheLookup(ctx: Ctx, req: IncomingMessage, raw: Buffer, stream: boolean, headers: Headers): { key: string; hit?: string } | undefined {
  const c = ctx.gp.cache;
  if (!c) return undefined;
  const on = c.enableHeader !== undefined && isTrue(header(req, c.enableHeader.toLowerCase()));
  if (!on || stream) {
    if (c.offValue !== undefined) headers[c.header.toLowerCase()] = c.offValue;
    return undefined;
  }
  const key = createHash('sha256').update(raw).digest('hex');
  const hit = ctx.cache.get(key);
  headers[c.header.toLowerCase()] = hit ? c.hit : c.miss;
  return hit ? { key, hit: hit.value } : { key };
}

async function upstreamError(ctx: Ctx, res: ServerResponse, up: UpstreamResponse, headers: Headers, provider: string): Promise<void> {
  const text = await up.body.text().catch(() => '');
  up.done();
  if (res.destroyed) return;
  const rule = ctx.gp.upstreamError;
  const status = rule.httpStatus === 'internal-error' ? 500 : rule.httpStatus === 'bad-gateway-for-5xx' && up.status >= 500 ? 502 : up.status;
  if (rule.body === 'passthrough') {
    sendRaw(res, status, text, headers);
    return;
  }
  let upstreamErr: unknown = { message: text.slice(0, 200) };
  try {
    upstreamErr = (JSON.parse(text) as { error?: unknown }).error ?? upstreamErr;
  } catch {
    // not JSON: keep the text
  }
  const e = upstreamErr as { message?: unknown; type?: unknown; code?: unknown };
  const vars = { upstreamError: upstreamErr, provider, status, message: typeof e.message === 'string' ? e.message : '', type: e.type ?? null, code: e.code ?? null };
  sendJson(res, status, fillTemplate(rule.body, vars), headers);
}

async function plainAnswer(
  ctx: Ctx,
  res: ServerResponse,
  up: UpstreamResponse,
  headers: Headers,
  catalogId: string,
  cacheKey: string | undefined,
  fault: Parameters<typeof sendBodyWithFault>[5],
): Promise<void> {
  const { gp, state } = ctx;
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(await up.body.text()) as Record<string, unknown>;
  } catch {
    up.done();
    if (!res.destroyed) sendError(res, gp.errors.gateway, headers, { message: 'The provider sent an invalid response.' }, 502);
    return;
  }
  up.done();
  for (const [field, format] of Object.entries(gp.bodyFields)) obj[field] = newGatewayId(format, wallMs(state.clock));
  if (gp.requestId.where === 'body') obj[gp.requestId.field] = newGatewayId(gp.requestId.format, wallMs(state.clock));
  const price = state.models.price(catalogId);
  if (gp.cost && price) {
    const u = (obj.usage ?? {}) as { prompt_tokens?: number; completion_tokens?: number };
    setPath(obj, gp.cost.field, costUsd(price, u.prompt_tokens ?? 0, u.completion_tokens ?? 0));
  }
  const text = JSON.stringify(obj);
  if (cacheKey !== undefined) ctx.cache.set(cacheKey, text, CACHE_TTL_SEC);
  await sendBodyWithFault(state.clock, res, 200, text, headers, fault);
}
