import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayFailover } from './behaviour-schema.js';
import { attempt, type AttemptResult } from './demo-attempt.js';
import { demoTimeoutMs, failureAnswer, nextStep, type AttemptFailure } from './demo-policy.js';
import { relayStream } from './demo-relay.js';

/**
 * One emulated failover gateway for `drill --demo` (IO): an OpenAI-style chat endpoint on 127.0.0.1 that sends
 * each request, body unchanged, to the primary, retrying and falling back to the secondary as its
 * data/failover.json entry says. The same handler serves every gateway; only the entry differs.
 */

export interface DemoGatewayOptions {
  behaviour: GatewayFailover;
  primaryUrl: string;
  secondaryUrl: string;
  /** Demo time over real time (demo-settings.ts DEMO_TIME_SCALE). */
  timeScale: number;
  /** The demo client's give-up time: a scaled gateway timeout that would not end before it is left out. */
  clientTimeoutMs: number;
}

export interface RunningDemoGateway {
  port: number;
  close(): Promise<void>;
}

const CHAT_PATHS = ['/v1/chat/completions', '/chat/completions'];

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

const gatewayError = (message: string): string => JSON.stringify({ error: { message, type: 'invalid_request_error', code: null } });

/** Primary first (with its retries), then the secondary when the entry falls back on what the primary did. */
async function route(o: DemoGatewayOptions, body: Buffer, stream: boolean, signal: AbortSignal): Promise<AttemptResult> {
  const b = o.behaviour;
  const timeout = { ms: demoTimeoutMs(b, o.timeScale, o.clientTimeoutMs), scope: b.timeout.scope };
  const buffer = !stream || b.fallback.afterFirstChunk;
  let failure: AttemptFailure = { kind: 'connect' };
  for (const [i, base] of [o.primaryUrl, o.secondaryUrl].entries()) {
    for (let done = 0; ; done++) {
      const r = await attempt({ url: `${base}/chat/completions`, body, buffer, expectJson: !stream, timeout, signal });
      if (r.kind !== 'failed' || signal.aborted) return r;
      failure = r.failure;
      const step = nextStep(b, failure, { done, onPrimary: i === 0, timeScale: o.timeScale });
      if (step.action === 'give-up') return r;
      if (step.action === 'fallback') break;
      await sleep(step.waitMs, signal);
      // The client left during the wait: no attempt after it, or the upstreams would log one it never saw.
      if (signal.aborted) return r;
    }
  }
  return { kind: 'failed', failure };
}

function deliver(o: DemoGatewayOptions, r: AttemptResult, res: ServerResponse): void {
  if (r.kind === 'failed') {
    const a = failureAnswer(r.failure);
    return answer(res, a.status, a.contentType, a.body);
  }
  if (r.kind === 'buffered') return answer(res, r.status, r.contentType, r.body);
  const t = o.behaviour.timeout;
  const idleMs = t.scope === 'idle' ? demoTimeoutMs(o.behaviour, o.timeScale, o.clientTimeoutMs) : null;
  relayStream({ up: r.res, stop: r.stop, client: res, status: r.status, contentType: r.contentType, idleMs, mode: o.behaviour.streamBreak.mode, breakOnMalformed: o.behaviour.streamBreak.malformedChunk === 'break' });
}

async function handle(o: DemoGatewayOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  if (req.method !== 'POST' || !CHAT_PATHS.includes(path)) return answer(res, 404, 'application/json', gatewayError(`No route for ${req.method} ${path} (demo gateway).`));
  const body = await readBody(req);
  let stream: boolean;
  try {
    stream = (JSON.parse(body.toString('utf8')) as { stream?: unknown }).stream === true;
  } catch {
    return answer(res, 400, 'application/json', gatewayError('The request body is not JSON (demo gateway).'));
  }
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  const r = await route(o, body, stream, ac.signal);
  if (!ac.signal.aborted) return deliver(o, r, res);
  if (r.kind === 'streaming') r.stop();
}

export async function startDemoGateway(o: DemoGatewayOptions): Promise<RunningDemoGateway> {
  const server = createServer((req, res) => {
    handle(o, req, res).catch(() => (res.headersSent ? res.destroy() : answer(res, 500, 'application/json', gatewayError('The demo gateway failed.'))));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        // Held connections (a client still waiting on a hang) would keep close() waiting: drop them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
