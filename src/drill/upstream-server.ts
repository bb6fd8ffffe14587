import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RunError } from '../errors.js';
import { messageContents, promptTokensOf } from './answer-body.js';
import { writeAnswer } from './answer-writer.js';
import { AttemptLog } from './attempt-log.js';
import { answerTokens, findNonce } from './nonce.js';
import { primaryAction, type FaultSettings, type PrimaryAction, type ScenarioId } from './scenarios.js';
import type { AttemptRecord, UpstreamRole } from './types.js';

/**
 * The drill's two fault-injecting upstreams: OpenAI-compatible emulated providers the user's gateway routes to.
 * The primary misbehaves as the current scenario says; the secondary always answers in full. Both log every chat
 * attempt by the nonce in its prompt (attempt-log.ts), which is how the drill knows what the gateway really did.
 */

export interface UpstreamAddress {
  port: number;
  host?: string;
}

export interface DrillUpstreams {
  /** OpenAI-style base, e.g. http://127.0.0.1:18001/v1. */
  primaryUrl: string;
  secondaryUrl: string;
  setScenario(id: ScenarioId): void;
  attemptsFor(nonce: string): AttemptRecord[];
  /** Chat requests that carried no nonce (a gateway's health check, or a nonce the gateway stripped). */
  unattributed(): number;
  close(): Promise<void>;
}

interface Shared {
  log: AttemptLog;
  faults: FaultSettings;
  scenario: ScenarioId;
  serial: number;
}

export async function startUpstreams(opts: { primary: UpstreamAddress; secondary: UpstreamAddress; faults: FaultSettings; startedAt?: number }): Promise<DrillUpstreams> {
  const shared: Shared = { log: new AttemptLog(opts.startedAt ?? Date.now()), faults: opts.faults, scenario: 'none', serial: 0 };
  const primary = await listen(createServer((q, r) => serve('primary', shared, q, r)), opts.primary, 'primary');
  const secondary = await listen(createServer((q, r) => serve('secondary', shared, q, r)), opts.secondary, 'secondary').catch(async (e: unknown) => {
    await stop(primary.server);
    throw e;
  });
  return {
    primaryUrl: primary.url,
    secondaryUrl: secondary.url,
    setScenario: (id) => void (shared.scenario = id),
    attemptsFor: (nonce) => shared.log.attemptsFor(nonce),
    unattributed: () => shared.log.unattributed(),
    close: async () => void (await Promise.all([stop(primary.server), stop(secondary.server)])),
  };
}

/** Listen, or fail with a RunError naming the upstream, the address and what to change (exit 3, no stack). */
function listen(server: Server, at: UpstreamAddress, role: UpstreamRole): Promise<{ server: Server; url: string }> {
  const host = at.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new RunError(`the drill's ${role} upstream cannot listen on ${host}:${at.port}: ${e.code ?? e.message}`, `choose another port in upstreams.${role}.port (and in your gateway's config), or stop what uses it`)),
    );
    server.listen(at.port, host, () => {
      const { port } = server.address() as AddressInfo;
      const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      resolve({ server, url: `http://${shown}:${port}/v1` });
    });
  });
}

/** Close the listener and every connection, held ones (no-response, stall, no-done) included. */
function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A failure while answering (the caller gone mid-write) drops that connection, never the drill. */
function serve(role: UpstreamRole, shared: Shared, req: IncomingMessage, res: ServerResponse): void {
  handle(role, shared, req, res).catch(() => res.destroy());
}

async function handle(role: UpstreamRole, shared: Shared, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/health') return json(res, 200, { status: 'ok', upstream: role });
  if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
    return json(res, 200, { object: 'list', data: [{ id: 'drill-model', object: 'model', created: 0, owned_by: 'gateway-scout-drill' }] });
  }
  if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/chat/completions')) {
    return json(res, 404, { error: { message: `no route ${req.method} ${path} on the drill's ${role} upstream`, type: 'invalid_request_error', code: null } });
  }
  let body: { model?: unknown; stream?: unknown; stream_options?: { include_usage?: unknown } };
  try {
    body = JSON.parse((await readBody(req)) || 'null') as typeof body;
    if (!body || typeof body !== 'object') throw new Error('not an object');
  } catch {
    return json(res, 400, { error: { message: 'the request body is not a JSON object', type: 'invalid_request_error', code: null } });
  }
  const contents = messageContents(body);
  const found = findNonce(contents.join('\n'));
  const stream = body.stream === true;
  const { record, attempt } = shared.log.add(role, found?.nonce ?? null, shared.scenario, stream);
  // Requests without a nonce get the scenario's first action: a health check sees the primary as down too.
  const action: PrimaryAction = role === 'secondary' ? { kind: 'ok' } : primaryAction(shared.scenario, shared.faults, found?.request ?? 0, attempt);
  const ids = { id: `chatcmpl-drill-${role}-${++shared.serial}`, model: typeof body.model === 'string' ? body.model : 'drill-model', created: Math.floor(Date.now() / 1000) };
  await writeAnswer(res, action, {
    ids,
    tokens: answerTokens(found?.nonce ?? 'unattributed', shared.faults.answerTokens),
    stream,
    includeUsage: body.stream_options?.include_usage === true,
    promptTokens: promptTokensOf(contents),
    record,
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
