import type { ServerResponse } from 'node:http';
import type { TtlCache } from './cache.js';
import { isStreamFault } from './faults.js';
import type { GatewayProfile } from './gateway-profile.js';
import { fillTemplate, setPath } from './gateway-template.js';
import { SSE_HEADERS, SseOut, type Headers } from './http.js';
import { costUsd } from './model.js';
import type { sendBodyWithFault } from './provider.js';
import type { EmulatorState } from './state.js';
import { CONTENT_RE, type UpstreamLike, type UpstreamResponse, parseData, upstreamEvents } from './upstream.js';

/** The data-driven gateway's streamed answer: the provider's chunks relayed, a broken stream shown the profile's way. */

export interface GatewayCtx {
  state: EmulatorState;
  upstream: UpstreamLike;
  gp: GatewayProfile;
  cache: TtlCache<string>;
}

type Ctx = GatewayCtx;

/** A usage chunk with the gateway's cost field added (when it reports cost and the chunk carries usage). */
function withCost(ctx: Ctx, data: string, catalogId: string): string {
  const price = ctx.state.models.price(catalogId);
  if (!ctx.gp.cost || !price || !data.includes('"usage":{')) return data;
  const obj = parseData(data);
  const u = obj?.usage as { prompt_tokens?: number; completion_tokens?: number } | undefined;
  if (!obj || !u) return data;
  setPath(obj, ctx.gp.cost.field, costUsd(price, u.prompt_tokens ?? 0, u.completion_tokens ?? 0));
  return JSON.stringify(obj);
}

export async function streamAnswer(
  ctx: Ctx,
  res: ServerResponse,
  up: UpstreamResponse,
  headers: Headers,
  catalogId: string,
  fault: Parameters<typeof sendBodyWithFault>[5],
): Promise<void> {
  res.writeHead(200, { ...SSE_HEADERS, ...headers });
  res.flushHeaders();
  const out = new SseOut(res, fault && isStreamFault(fault) ? fault : undefined, ctx.state.clock);
  try {
    for await (const batch of upstreamEvents(up.body)) {
      for (const ev of batch) {
        if (ev.kind === 'comment') continue;
        // Chunks (a malformed one too) go on as the provider sent them: these gateways relay the stream.
        const ok = ev.kind === 'data' ? await out.data(withCost(ctx, ev.data, catalogId), CONTENT_RE.test(ev.data)) : await out.event(ev.raw);
        if (!ok) return;
      }
      out.flush();
    }
  } catch (e) {
    if (!out.closed) await streamBroke(ctx, out, res, e);
    return;
  } finally {
    up.done();
  }
  await out.end();
}

/** The provider's stream broke after HTTP 200: show it the way this gateway does. */
async function streamBroke(ctx: Ctx, out: SseOut, res: ServerResponse, e: unknown): Promise<void> {
  const sf = ctx.gp.streamFailure;
  if (sf.mode === 'abort') {
    out.flush();
    await new Promise<void>((r) => setImmediate(r));
    res.destroy();
    return;
  }
  if (sf.mode === 'in-band-error-event') {
    const message = `The provider stream broke: ${e instanceof Error ? e.message : String(e)}`;
    await out.data(JSON.stringify(fillTemplate(sf.event, { message, status: 502 })));
  }
  // clean-end: what was relayed so far, then a normal end (no [DONE], no error).
  await out.end();
}
