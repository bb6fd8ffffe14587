import type { IncomingMessage, ServerResponse } from 'node:http';
import { resetConnection, sendHtml524, type Fault } from './faults.js';
import { delay, type Headers } from './http.js';
import type { EmulatorClock } from './state.js';

export type StatusFault = Extract<Fault, { kind: 'status' }>;

/**
 * Faults that act before the response starts, the same on every endpoint; `sendStatus` answers a status fault
 * in the endpoint's own error shape. Returns true when the request was answered (or killed).
 */
export async function applyPreFault(
  clock: EmulatorClock,
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  sendStatus: (f: StatusFault) => void,
  html524Headers: Record<string, string> = {},
): Promise<boolean> {
  switch (fault.kind) {
    case 'reset':
      resetConnection(req);
      return true;
    case 'html-524':
      sendHtml524(res, html524Headers);
      return true;
    case 'status':
      sendStatus(fault);
      return true;
    case 'slow-headers':
      await delay(clock, fault.ms, res);
      return res.destroyed;
    default:
      return false;
  }
}

/** Wait out a gateway's configured overhead (and say so in a header); false when the client left meanwhile. */
export async function waitOverhead(clock: EmulatorClock, ms: number, res: ServerResponse, headers: Headers): Promise<boolean> {
  headers['x-emulator-overhead-ms'] = String(ms);
  if (ms > 0) await delay(clock, ms, res);
  return !res.destroyed;
}
