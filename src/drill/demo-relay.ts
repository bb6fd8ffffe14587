import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamBreakMode } from './behaviour-schema.js';
import { STREAM_BREAK_EVENT, malformedEvent } from './demo-policy.js';

/**
 * Relaying an upstream stream to the client as its bytes come (IO). Once the 200 has gone out the gateway can no
 * longer fall back, so a stream that breaks (cut, or silent past an idle timeout) ends the way the gateway's
 * data says: a normal end, an SSE error event then the end, or a dropped connection.
 */

export function breakStream(client: ServerResponse, mode: StreamBreakMode): void {
  if (mode === 'abort') client.destroy();
  else client.end(mode === 'in-band-error-event' ? STREAM_BREAK_EVENT : undefined);
}

export interface RelayOptions {
  up: IncomingMessage;
  /** Drop the upstream connection (when the stream breaks or the client leaves). */
  stop(): void;
  client: ServerResponse;
  status: number;
  contentType: string;
  /** The gateway's idle timeout in demo time, or null (a stall then lasts until the client gives up). */
  idleMs: number | null;
  mode: StreamBreakMode;
  /** Take an event whose data is not JSON as a broken stream (the gateway parses its upstream's SSE). */
  breakOnMalformed: boolean;
}

/**
 * What to write of the upstream's bytes: all of them as they come, or, for a gateway that parses, each complete
 * event once it is known to be sound; `broken` when one is not.
 */
function eventGate(parse: boolean): { take(chunk: Buffer): { write: string | Buffer; broken: boolean }; rest(): string } {
  let pending = '';
  return {
    take: (chunk) => {
      if (!parse) return { write: chunk, broken: false };
      pending += chunk.toString('utf8');
      const events = pending.split('\n\n');
      pending = events.pop()!;
      const bad = events.findIndex(malformedEvent);
      const sound = bad === -1 ? events : events.slice(0, bad);
      return { write: sound.map((e) => `${e}\n\n`).join(''), broken: bad !== -1 };
    },
    // Whatever followed the last complete event when the upstream ended.
    rest: () => pending,
  };
}

export function relayStream(o: RelayOptions): void {
  let over = false;
  let timer: NodeJS.Timeout | undefined;
  const settle = (): boolean => {
    if (over) return false;
    over = true;
    clearTimeout(timer);
    return true;
  };
  const broke = (): void => {
    if (!settle()) return;
    o.stop();
    breakStream(o.client, o.mode);
  };
  const arm = (): void => {
    clearTimeout(timer);
    if (o.idleMs !== null) timer = setTimeout(broke, o.idleMs);
  };
  o.client.writeHead(o.status, { 'content-type': o.contentType, 'cache-control': 'no-cache' });
  o.client.flushHeaders();
  const gate = eventGate(o.breakOnMalformed);
  o.up.on('data', (c: Buffer) => {
    if (over) return;
    const { write, broken } = gate.take(c);
    if (write.length > 0) o.client.write(write);
    if (broken) return broke();
    arm();
  });
  o.up.on('end', () => {
    if (settle()) o.client.end(gate.rest());
  });
  o.up.on('error', broke);
  o.up.on('close', () => {
    if (!o.up.complete) broke();
  });
  o.client.on('close', () => {
    if (settle()) o.stop();
  });
  arm();
}
