import type { IncomingHttpHeaders } from 'node:http';
import { callInProcess, InProcessUpstream } from '../../src/emulator/inprocess.js';
import { providerHandler } from '../../src/emulator/provider.js';
import { describeEndpoints, emulatorState, gatewayHandlers, type EmulatorOptions, type EndpointId } from '../../src/emulator/server.js';
import type { EmulatorState } from '../../src/emulator/state.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { MESSAGES, PRICES, modelFor, profile } from './helpers.js';

/**
 * The emulators on virtual time, with no sockets: a request goes to an endpoint's handler through the same
 * in-process request/response pair the gateways use to reach the provider, and every piece the handler writes is
 * recorded with the virtual time it was written at. Nothing waits for real, so a schedule is checked exactly.
 */

/** One SSE event (or, for a plain body, one written piece) and when it was written, in ms after the send. */
export interface Timed {
  at: number;
  text: string;
}

export interface Recorded {
  /** 0 when the connection was reset before any response byte. */
  status: number;
  headers: IncomingHttpHeaders;
  /** When the response head went out (ms after the send); undefined after a reset. */
  head?: number;
  /** SSE events in order (comments included), or the pieces of a plain body. */
  events: Timed[];
  /** When each content chunk (a non-empty delta.content) was written. */
  content: number[];
  /** When the body ended, or failed. */
  end: number;
  text: string;
  error?: unknown;
}

const CONTENT = /"delta":\{[^}]*"content":"[^"]/;

export interface VirtualEmulators {
  clock: VirtualClock;
  state: EmulatorState;
  /** Send one chat request to an endpoint (the test client's leg) and record its response on virtual time. */
  send(id: EndpointId, body?: Record<string, unknown>, headers?: Record<string, string>): Promise<Recorded>;
}

export function virtualEmulators(opts: Partial<EmulatorOptions> = {}): VirtualEmulators {
  const clock = new VirtualClock();
  const options: EmulatorOptions = { prices: PRICES, profile: profile(), seed: 7, ...opts, clock };
  const state = emulatorState(options);
  const provider = providerHandler(state);
  const handlers = new Map([['provider' as EndpointId, provider], ...gatewayHandlers(state, new InProcessUpstream('http://127.0.0.1:9', provider), options)]);
  const endpoints = describeEndpoints(() => 'http://127.0.0.1:9', state.profile, options);

  async function record(id: EndpointId, body: Record<string, unknown>, headers: Record<string, string>): Promise<Recorded> {
    const ep = endpoints.find((e) => e.id === id)!;
    const sentAt = clock.now();
    const since = (): number => clock.now() - sentAt;
    const call = callInProcess(handlers.get(id)!, {
      method: 'POST',
      url: new URL(ep.chatUrl).pathname,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ep.apiKey}`, ...ep.headers, ...headers },
      body: JSON.stringify({ model: modelFor(id), messages: MESSAGES, ...body }),
    });
    let res;
    try {
      res = await call.response;
    } catch (error) {
      return { status: 0, headers: {}, events: [], content: [], end: since(), text: '', error };
    }
    const head = since();
    const sse = String(res.headers['content-type']).startsWith('text/event-stream');
    const events: Timed[] = [];
    let text = '';
    let rest = '';
    let error: unknown;
    try {
      for await (const piece of res.body) {
        const at = since();
        text += piece;
        if (!sse) {
          events.push({ at, text: String(piece) });
          continue;
        }
        const parts = (rest + piece).split('\n\n');
        rest = parts.pop() ?? '';
        for (const p of parts) events.push({ at, text: p });
      }
    } catch (e) {
      error = e;
    }
    const content = events.filter((e) => CONTENT.test(e.text)).map((e) => e.at);
    return { status: res.status, headers: res.headers, head, events, content, end: since(), text, ...(error === undefined ? {} : { error }) };
  }

  return {
    clock,
    state,
    send: (id, body = {}, headers = {}) => clock.run(record(id, body, headers)),
  };
}
