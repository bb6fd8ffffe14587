import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RunError } from '../errors.js';
import { cloudflareHandler, type CloudflareOptions } from './cloudflare.js';
import { ENDPOINT_IDS, parseFaultSpecs, type EndpointId, type FaultRule } from './faults.js';
import { litellmHandler, type LiteLLMOptions } from './litellm.js';
import { ModelIndex, bareSlug, type PriceTable } from './model.js';
import { openrouterHandler, type OpenRouterOptions } from './openrouter.js';
import { REALISTIC_PROFILE, type Profile } from './profile.js';
import { providerHandler } from './provider.js';
import { EMULATOR_KEYS, type EmulatorClock, type EmulatorState } from './state.js';
import { realClock } from '../clock.js';
import { InProcessUpstream } from './inprocess.js';
import { Upstream, type UpstreamLike } from './upstream.js';

export { EMULATOR_KEYS } from './state.js';
export type { EndpointId } from './faults.js';

export interface EmulatorOptions {
  /** Prices per catalog id (`author/slug`); also the set of models the emulators serve. */
  prices: PriceTable;
  /** Latency profile; default the "realistic" built-in. */
  profile?: Profile;
  /** Fault rules, or specs in `--fault` syntax. */
  faults?: readonly (FaultRule | string)[];
  /** Seed for text, jitter and fault rates. Default 1. */
  seed?: number;
  /** Base port: provider = port, litellm = port+1, openrouter = port+2, cloudflare = port+3. 0 (default) = random free ports. */
  port?: number;
  /** Listen address; default 127.0.0.1. */
  host?: string;
  litellm?: LiteLLMOptions;
  openrouter?: OpenRouterOptions;
  cloudflare?: CloudflareOptions;
  /**
   * The clock for every delay and time read (chunk schedule, overheads, fault delays, keep-alive comments, cache
   * TTLs, rate-limit windows, timestamps). Default: the real clock. Tests pass a virtual one.
   */
  clock?: EmulatorClock;
  /**
   * How gateways reach the provider: "in-process" (default; the hop costs microseconds, so gateway − direct is
   * exactly the configured overhead) or "http" (a real keep-alive HTTP hop via undici; adds ~0.2–1 ms and caps
   * throughput at a few thousand requests/s on two cores).
   */
  hop?: 'in-process' | 'http';
  /**
   * Stamp the provider's first content chunk with `emulator_sent_at` (epoch ms on the clock, real: performance.timeOrigin + now) and
   * send it at once: the server's own first-chunk time, to check a client's TTFT against. Off by default.
   */
  stampFirstContent?: boolean;
}

export interface AcceptedKey {
  /** Where it goes, e.g. "Authorization: Bearer" or "cf-aig-authorization: Bearer". */
  header: string;
  value: string;
  note: string;
}

export interface EndpointInfo {
  id: EndpointId;
  label: string;
  /** Base URL for an OpenAI-compatible SDK (the SDK appends /chat/completions). */
  baseUrl: string;
  chatUrl: string;
  /** The key to send as `Authorization: Bearer`. */
  apiKey: string;
  /** Extra headers every request needs (Cloudflare's cf-aig-authorization). */
  headers: Record<string, string>;
  /** Every credential the endpoint accepts, with what it does. */
  keys: AcceptedKey[];
  /** How model names look here: slug (gpt-4o-mini), author/slug (openai/gpt-4o-mini), or alias. */
  modelNaming: 'slug' | 'author/slug' | 'alias';
  /** The configured true added overhead vs. the provider, ms (0 for the provider), excluding the local hop. */
  overheadMs: number;
  /** Other ways to call the same endpoint (Cloudflare's provider-specific path). */
  alternates: { label: string; baseUrl: string; chatUrl: string; modelNaming: 'slug' | 'author/slug' }[];
}

export interface RunningEmulators {
  endpoints: EndpointInfo[];
  byId: Record<EndpointId, EndpointInfo>;
  profile: Profile;
  seed: number;
  faults: readonly FaultRule[];
  hop: 'in-process' | 'http';
  /** Chat requests received so far per endpoint. */
  counts(): Record<EndpointId, number>;
  close(): Promise<void>;
}

/** The model name an endpoint expects for a catalog id. */
export function modelIdFor(endpoint: EndpointId, catalogId: string): string {
  return endpoint === 'openrouter' || endpoint === 'cloudflare' ? catalogId : bareSlug(catalogId);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    server.listen({ port, host, backlog: 2048 }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function makeServer(handler: Handler): Server {
  const server = createServer({ keepAlive: true, noDelay: true, requestTimeout: 0, keepAliveTimeout: 65_000 }, handler);
  server.headersTimeout = 66_000;
  server.maxRequestsPerSocket = 0;
  // A client that resets mid-request must not crash the process.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The state every endpoint of one emulator set shares. */
export function emulatorState(options: EmulatorOptions): EmulatorState {
  return {
    seed: options.seed ?? 1,
    profile: options.profile ?? REALISTIC_PROFILE,
    models: new ModelIndex(options.prices),
    faults: (options.faults ?? []).map((f) => (typeof f === 'string' ? parseFaultSpecs([f])[0]! : f)),
    counters: { provider: 0, litellm: 0, openrouter: 0, cloudflare: 0 },
    clock: options.clock ?? realClock,
    ...(options.stampFirstContent ? { stampFirstContent: true } : {}),
  };
}

/** The three gateways' request handlers, reaching the provider through `upstream`. */
export function gatewayHandlers(state: EmulatorState, upstream: UpstreamLike, options: EmulatorOptions): [EndpointId, Handler][] {
  return [
    ['litellm', litellmHandler(state, upstream, options.litellm)],
    ['openrouter', openrouterHandler(state, upstream, options.openrouter)],
    ['cloudflare', cloudflareHandler(state, upstream, options.cloudflare)],
  ];
}

/** How to call each endpoint, given its base URL (`http://host:port`). */
export function describeEndpoints(url: (id: EndpointId) => string, profile: Profile, options: Pick<EmulatorOptions, 'cloudflare'>): EndpointInfo[] {
  const cfAccount = options.cloudflare?.accountId ?? EMULATOR_KEYS.cloudflareAccount;
  const cfGateway = options.cloudflare?.gatewayId ?? EMULATOR_KEYS.cloudflareGateway;
  const cfBase = `${url('cloudflare')}/v1/${cfAccount}/${cfGateway}`;
  const cfAuth = options.cloudflare?.authenticated ?? true;
  return [
    {
      id: 'provider',
      label: 'Provider (direct, OpenAI-style)',
      baseUrl: `${url('provider')}/v1`,
      chatUrl: `${url('provider')}/v1/chat/completions`,
      apiKey: EMULATOR_KEYS.provider,
      headers: {},
      keys: [{ header: 'Authorization: Bearer', value: EMULATOR_KEYS.provider, note: 'provider API key' }],
      modelNaming: 'slug',
      overheadMs: 0,
      alternates: [],
    },
    {
      id: 'litellm',
      label: 'LiteLLM proxy',
      baseUrl: url('litellm'),
      chatUrl: `${url('litellm')}/chat/completions`,
      apiKey: EMULATOR_KEYS.litellmMaster,
      headers: {},
      keys: [
        { header: 'Authorization: Bearer', value: EMULATOR_KEYS.litellmMaster, note: 'master key' },
        { header: 'Authorization: Bearer', value: EMULATOR_KEYS.litellmVirtual, note: 'virtual key' },
      ],
      modelNaming: 'alias',
      overheadMs: profile.litellm.overheadMs,
      alternates: [],
    },
    {
      id: 'openrouter',
      label: 'OpenRouter',
      baseUrl: `${url('openrouter')}/api/v1`,
      chatUrl: `${url('openrouter')}/api/v1/chat/completions`,
      apiKey: EMULATOR_KEYS.openrouter,
      headers: {},
      keys: [
        { header: 'Authorization: Bearer', value: EMULATOR_KEYS.openrouter, note: 'API key with credits' },
        { header: 'Authorization: Bearer', value: EMULATOR_KEYS.openrouterNoCredits, note: 'always 402 insufficient credits' },
      ],
      modelNaming: 'author/slug',
      overheadMs: profile.openrouter.overheadMs,
      alternates: [],
    },
    {
      id: 'cloudflare',
      label: 'Cloudflare AI Gateway (compat, deprecated by Cloudflare)',
      baseUrl: `${cfBase}/compat`,
      chatUrl: `${cfBase}/compat/chat/completions`,
      apiKey: EMULATOR_KEYS.provider,
      headers: cfAuth ? { 'cf-aig-authorization': `Bearer ${EMULATOR_KEYS.cloudflareToken}` } : {},
      keys: [
        { header: 'Authorization: Bearer', value: EMULATOR_KEYS.provider, note: 'provider key, passed through' },
        ...(cfAuth ? [{ header: 'cf-aig-authorization: Bearer', value: EMULATOR_KEYS.cloudflareToken, note: 'authenticated gateway token' }] : []),
      ],
      modelNaming: 'author/slug',
      overheadMs: profile.cloudflare.overheadMs,
      alternates: [
        { label: 'provider-specific (openai)', baseUrl: `${cfBase}/openai`, chatUrl: `${cfBase}/openai/chat/completions`, modelNaming: 'slug' },
      ],
    },
  ];
}

/** Start the provider and the three gateways on 127.0.0.1; resolves when all are listening. */
export async function startEmulators(options: EmulatorOptions): Promise<RunningEmulators> {
  if (options.prices.size === 0) throw new RunError('The emulators need at least one model in the price table.');
  const state = emulatorState(options);
  const host = options.host ?? '127.0.0.1';
  const base = options.port ?? 0;
  const servers: Server[] = [];
  let upstream: UpstreamLike | undefined;
  try {
    const provider = providerHandler(state);
    const providerServer = makeServer(provider);
    servers.push(providerServer);
    const providerPort = await listen(providerServer, base === 0 ? 0 : base, host);
    const origin = `http://${host}:${providerPort}`;
    upstream = options.hop === 'http' ? new Upstream(origin) : new InProcessUpstream(origin, provider);
    const up = upstream;
    const gateways = gatewayHandlers(state, up, options);
    const ports: Record<EndpointId, number> = { provider: providerPort, litellm: 0, openrouter: 0, cloudflare: 0 };
    for (let i = 0; i < gateways.length; i++) {
      const [id, handler] = gateways[i]!;
      const s = makeServer(handler);
      servers.push(s);
      ports[id] = await listen(s, base === 0 ? 0 : base + i + 1, host);
    }
    const endpoints = describeEndpoints((id) => `http://${host}:${ports[id]}`, state.profile, options);
    const byId = Object.fromEntries(endpoints.map((e) => [e.id, e])) as Record<EndpointId, EndpointInfo>;
    let closing: Promise<void> | undefined;
    return {
      endpoints,
      byId,
      profile: state.profile,
      seed: state.seed,
      faults: state.faults,
      hop: options.hop ?? 'in-process',
      counts: () => ({ ...state.counters }),
      close: () => (closing ??= closeAll(servers, up)),
    };
  } catch (e) {
    await closeAll(servers, upstream);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
      throw new RunError(`Cannot listen on ${host}: ${err.message}.`, 'Choose another --port, or 0 for random free ports.');
    }
    throw e;
  }
}

async function closeAll(servers: Server[], upstream: UpstreamLike | undefined): Promise<void> {
  const closes = servers.map(
    (s) =>
      new Promise<void>((resolve) => {
        if (!s.listening) {
          resolve();
          return;
        }
        s.close(() => resolve());
        s.closeAllConnections();
      }),
  );
  await Promise.all([...closes, upstream?.close().catch(() => undefined)]);
}

export { ENDPOINT_IDS };
