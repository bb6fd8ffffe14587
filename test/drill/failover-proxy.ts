import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny failover gateway for the drill's end-to-end tests: forwards a chat request to the primary and, on a
 * status `failOverOn` accepts, a connection error or its own timeout, to the secondary. The chosen answer's bytes
 * are relayed as they come; when the upstream breaks off mid-body the proxy either ends its own response cleanly
 * (`onBreak: 'end'`, as Portkey issue #1797 describes) or aborts it (`'abort'`).
 */
export interface ProxyOptions {
  failOverOn: (status: number) => boolean;
  onBreak: 'end' | 'abort';
  /** Give up on the primary after this long and try the secondary (none when absent). */
  timeoutMs?: number;
}

export async function startFailoverProxy(primaryUrl: string, secondaryUrl: string, o: ProxyOptions): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      const relay = (up: IncomingMessage): void => {
        res.writeHead(up.statusCode ?? 502, { 'content-type': up.headers['content-type'] ?? 'application/json' });
        up.on('data', (d: Buffer) => res.write(d));
        up.on('end', () => res.end());
        const broke = (): void => void (o.onBreak === 'end' ? res.end() : res.destroy());
        up.on('error', broke);
        up.on('aborted', broke);
      };
      const secondary = (): void => forward(`${secondaryUrl}/chat/completions`, body, undefined, relay, () => res.writeHead(502).end());
      forward(`${primaryUrl}/chat/completions`, body, o.timeoutMs, (up) => (o.failOverOn(up.statusCode ?? 0) ? (up.resume(), secondary()) : relay(up)), secondary);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())),
  };
}

function forward(url: string, body: Buffer, timeoutMs: number | undefined, onResponse: (r: IncomingMessage) => void, onFail: () => void): void {
  let failed = false;
  const fail = (): void => void (failed || ((failed = true), onFail()));
  // Once an answer has begun, it is relayed (or cut) as it comes: no second upstream for it.
  const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (r) => {
    failed = true;
    req.setTimeout(0);
    onResponse(r);
  });
  req.on('error', fail);
  if (timeoutMs !== undefined) req.setTimeout(timeoutMs, () => (req.destroy(), fail()));
  req.end(body);
}
