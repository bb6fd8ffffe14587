import { Agent } from 'undici';
import type { AbortLike } from '../clock.js';
import type { Timeouts } from './config.js';

/**
 * What the engine needs from the outside world, injected so a test can replace it: a clock (../clock.ts, shared
 * with the emulators), and a transport that sends one request. The real ones: performance.now(), and one undici
 * Agent per target.
 */

export { realClock, type Clock } from '../clock.js';

export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body piece by piece as it arrives (bytes, or text). */
  body: AsyncIterable<Uint8Array | string>;
  /** Stop reading and release the connection. */
  destroy(): void;
}

export interface Transport {
  send(target: number, req: { url: string; headers: Record<string, string>; body: string; signal: AbortLike }): Promise<TransportResponse>;
  close(): Promise<void>;
}

/**
 * One undici Agent per target: its own connection pool (keep-alive, so warmup connections are reused), the
 * connect timeout, headers timeout (first byte) and body timeout (idle gap) set explicitly — undici's 300 s
 * defaults would hide a stuck gateway. Redirects are never followed: a 3xx is a result, so a credential is never
 * sent on to another host.
 */
export function undiciTransport(count: number, timeouts: Timeouts, connections: number | null): Transport {
  const urls = new Map<string, URL>();
  const agents = Array.from(
    { length: count },
    () =>
      new Agent({
        connect: { timeout: timeouts.connect },
        headersTimeout: timeouts.firstByte,
        bodyTimeout: timeouts.idle,
        keepAliveTimeout: 30_000,
        connections,
      }),
  );
  return {
    async send(target, req) {
      let url = urls.get(req.url);
      if (url === undefined) urls.set(req.url, (url = new URL(req.url)));
      const res = await agents[target]!.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'POST',
        headers: req.headers,
        body: req.body,
        // undici reads only aborted, reason and the 'abort' listener of a signal (see ./cancel.ts).
        signal: req.signal as AbortSignal,
      });
      return {
        status: res.statusCode,
        headers: res.headers,
        body: res.body,
        destroy: () => void res.body.destroy(),
      };
    },
    async close() {
      await Promise.all(agents.map((a) => a.destroy().catch(() => undefined)));
    },
  };
}

