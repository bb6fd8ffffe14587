import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RunError } from '../errors.js';
import { cloudflareHandler, type CloudflareOptions } from './cloudflare.js';
import { ENDPOINT_IDS, parseFaultSpecs, type BuiltinEndpointId, type EndpointId, type FaultRule } from './faults.js';
import { gatewayHandler } from './gateway.js';
import type { GatewayProfile } from './gateway-profile.js';
import { shippedGatewayProfiles } from './gateway-profiles.js';
import { formatModel } from './gateway-template.js';
import { litellmHandler, type LiteLLMOptions } from './litellm.js';
import { ModelIndex, bareSlug, type PriceTable } from './model.js';
import { openrouterHandler, type OpenRouterOptions } from './openrouter.js';
import { REALISTIC_PROFILE, gatewayTiming, type Profile } from './profile.js';
import { providerHandler } from './provider.js';
import { EMULATOR_KEYS, type EmulatorClock, type EmulatorState } from './state.js';
import { realClock } from '../clock.js';
import { InProcessUpstream } from './inprocess.js';
import { Upstream, type UpstreamLike } from './upstream.js';

export { EMULATOR_KEYS } from './state.js';
export type { BuiltinEndpointId, EndpointId } from './faults.js';

export interface EmulatorOptions {
  /** Prices per catalog id (`author/slug`); also the set of models the emulators serve. */
  prices: PriceTable;
  /** Latency profile; default the "realistic" built-in. */
  profile?: Profile;
  /** Fault rules, or specs in `--fault` syntax. */
  faults?: readonly (FaultRule | string)[];
  /** Seed for text, jitter and fault rates. Default 1. */
  seed?: number;
  /**
   * Base port: provider = port, litellm = port+1, openrouter = port+2, cloudflare = port+3, then the data-driven
   * gateways in profile order (port+4, port+5, …). 0 (default) = random free ports.
   */
  port?: number;
  /** Listen address; default 127.0.0.1. */
  host?: string;
  litellm?: LiteLLMOptions;
  openrouter?: OpenRouterOptions;
  cloudflare?: CloudflareOptions;
  /** The data-driven gateways; default: the shipped data/emulators.json. */
  gateways?: readonly GatewayProfile[];
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
  /** How model names look here: slug (gpt-4o-mini), author/slug (openai/gpt-4o-mini), alias, or a data-driven gateway's pattern. */
  modelNaming: string;
  /** The configured true added overhead vs. the provider, ms (0 for the provider), excluding the local hop. */
  overheadMs: number;
  /** Other ways to call the same endpoint (Cloudflare's provider-specific path). */
  alternates: { label: string; baseUrl: string; chatUrl: string; modelNaming: 'slug' | 'author/slug' }[];
}

export interface RunningEmulators {
  endpoints: EndpointInfo[];
  byId: Record<BuiltinEndpointId, EndpointInfo> & Partial<Record<EndpointId, EndpointInfo>>;
  /** The data-driven gateways served, in port order. */
  gateways: readonly GatewayProfile[];
  profile: Profile;
  seed: number;
  faults: readonly FaultRule[];
  hop: 'in-process' | 'http';
  /** Chat requests received so far per endpoint. */
  counts(): EmulatorState['counters'];
  close(): Promise<void>;
}

/** The model name an endpoint expects for a catalog id (a data-driven gateway's from its pattern). */
export function modelIdFor(endpoint: EndpointId, catalogId: string, gateways: readonly GatewayProfile[] = shippedGatewayProfiles()): string {
  const gp = gateways.find((g) => g.id === endpoint);
  if (gp) return formatModel(gp.model.pattern, catalogId);
  return endpoint === 'openrouter' || endpoint === 'cloudflare' ? catalogId : bareSlug(catalogId);
}

/** Every endpoint id: the built-in ones, then the data-driven gateways'. */
export function endpointIds(gateways: readonly GatewayProfile[] = shippedGatewayProfiles()): string[] {
  return [...ENDPOINT_IDS, ...gateways.map((g) => g.id)];
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
  const ids = endpointIds(options.gateways ?? shippedGatewayProfiles());
  return {
    seed: options.seed ?? 1,
    profile: options.profile ?? REALISTIC_PROFILE,
    models: new ModelIndex(options.prices),
    faults: (options.faults ?? []).map((f) => (typeof f === 'string' ? parseFaultSpecs([f], ids)[0]! : f)),
    counters: Object.fromEntries(ids.map((id) => [id, 0])) as EmulatorState['counters'],
    clock: options.clock ?? realClock,
    ...(options.stampFirstContent ? { stampFirstContent: true } : {}),
  };
}

/** Every gateway's request handler (the three built-in ones, then the data-driven ones), reaching the provider through `upstream`. */
export function gatewayHandlers(state: EmulatorState, upstream: UpstreamLike, options: EmulatorOptions): [EndpointId, Handler][] {
  return [
    ['litellm', litellmHandler(state, upstream, options.litellm)],
    ['openrouter', openrouterHandler(state, upstream, options.openrouter)],
    ['cloudflare', cloudflareHandler(state, upstream, options.cloudflare)],
    ...(options.gateways ?? shippedGatewayProfiles()).map((gp): [EndpointId, Handler] => [gp.id, gatewayHandler(state, upstream, gp)]),
  ];
}

/** How to call a data-driven gateway. */
function describeDataGateway(gp: GatewayProfile, base: string, profile: Profile): EndpointInfo {
  const a = gp.auth;
  const key = a.mode === 'passthrough' ? EMULATOR_KEYS.provider : a.mode === 'none' ? 'test-key-unused' : a.key;
  const name = a.header.toLowerCase() === 'authorization' ? 'Authorization' : a.header;
  const authHeader = a.scheme === 'bearer' ? `${name}: Bearer` : name;
  const bearerAuth = a.header.toLowerCase() === 'authorization' && a.scheme === 'bearer';
  const headers: Record<string, string> = { ...(gp.selection?.send ?? {}) };
  if (a.mode === 'key' && !bearerAuth) headers[a.header] = a.scheme === 'bearer' ? `Bearer ${a.key}` : a.key;
  const note = a.mode === 'passthrough' ? 'provider key, passed through to the provider' : a.mode === 'none' ? 'not checked: this gateway takes no key' : 'gateway key';
  return {
    id: gp.id,
    label: gp.label,
    baseUrl: `${base}${gp.basePath}`,
    chatUrl: `${base}${gp.chatPaths[0]}`,
    apiKey: key,
    headers,
    keys: [
      { header: a.mode === 'key' ? authHeader : 'Authorization: Bearer', value: key, note },
      ...a.otherKeys.map((k) => ({ header: authHeader, value: k.key, note: k.note })),
    ],
    modelNaming: gp.model.pattern,
    overheadMs: gatewayTiming(profile, gp.id, gp.overheadMs).overheadMs,
    alternates: [],
  };
}

/** How to call each endpoint, given its base URL (`http://host:port`). */
export function describeEndpoints(url: (id: EndpointId) => string, profile: Profile, options: Pick<EmulatorOptions, 'cloudflare' | 'gateways'>): EndpointInfo[] {
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
    ...(options.gateways ?? shippedGatewayProfiles()).map((gp) => describeDataGateway(gp, url(gp.id), profile)),
  ];
}

/** Start the provider and every gateway on 127.0.0.1; resolves when all are listening. */
export async function startEmulators(options: EmulatorOptions): Promise<RunningEmulators> {
  if (options.prices.size === 0) throw new RunError('The emulators need at least one model in the price table.');
  const gatewayProfiles = options.gateways ?? shippedGatewayProfiles();
  const state = emulatorState({ ...options, gateways: gatewayProfiles });
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
    const gateways = gatewayHandlers(state, up, { ...options, gateways: gatewayProfiles });
    const ports: Record<EndpointId, number> = { provider: providerPort };
    for (let i = 0; i < gateways.length; i++) {
      const [id, handler] = gateways[i]!;
      const s = makeServer(handler);
      servers.push(s);
      ports[id] = await listen(s, base === 0 ? 0 : base + i + 1, host);
    }
    const endpoints = describeEndpoints((id) => `http://${host}:${ports[id]}`, state.profile, { ...options, gateways: gatewayProfiles });
    const byId = Object.fromEntries(endpoints.map((e) => [e.id, e])) as RunningEmulators['byId'];
    let closing: Promise<void> | undefined;
    return {
      endpoints,
      byId,
      gateways: gatewayProfiles,
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
