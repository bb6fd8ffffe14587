import type { ScenarioId } from './scenarios.js';

/** Shared shapes of the failover drill (pure types; see /src/drill/README in docs/drill.md). */

export type UpstreamRole = 'primary' | 'secondary';
export type Mode = 'stream' | 'non-stream';

/** One attempt an upstream received, as IT logged it (never as the gateway reports it). */
export interface AttemptRecord {
  upstream: UpstreamRole;
  /** The nonce found in the request's prompt; null when there was none (not a drill request). */
  nonce: string | null;
  scenario: ScenarioId;
  stream: boolean;
  /** ms since the drill started, when the request's body had arrived. */
  atMs: number;
  /** What the upstream did: the PrimaryAction kind ("ok" for the secondary), or "status-<n>". */
  action: string;
  /** Tokens the upstream billed for this attempt: prompt tokens once it began an answer (HTTP 200), plus the
   * completion tokens it sent. 0 for an attempt refused before any answer. */
  promptTokens: number;
  completionTokens: number;
  /** The upstream sent its whole answer (and [DONE] when streamed). */
  completed: boolean;
}

/** What the client saw for one request through the gateway. */
export interface ClientObservation {
  nonce: string;
  scenario: ScenarioId;
  stream: boolean;
  /** HTTP status; null when no response headers arrived (connection error, or gave up). */
  status: number | null;
  /** The answer text the client assembled was the whole known answer (nonce.ts isWholeAnswer), with a finish_reason. */
  complete: boolean;
  /** An error reached the client in-band: an SSE event or a 200 body with an `error` object. */
  errorEvent: boolean;
  /** The client gave up at timeoutsMs.request with no end to the response. */
  timedOut: boolean;
  /** A transport error the client saw (connection reset, socket closed before the end), or null. */
  transportError: string | null;
  /** Request sent → final answer: the end of the body, the error, or the give-up. */
  ms: number;
  /** The first 300 characters of an error body or event (inert text, for the report). */
  errorText: string | null;
}

export const OUTCOMES = ['ok', 'retried-ok', 'failed-over', 'error-surfaced', 'silent-truncation', 'hang', 'retried-unrecoverable'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Grade = 'pass' | 'safe' | 'fail';

/** One request's result: the client's view joined with the upstreams' attempts under its nonce. */
export interface DrillRequestResult {
  target: string;
  scenario: ScenarioId;
  stream: boolean;
  request: number;
  client: ClientObservation;
  attempts: AttemptRecord[];
}

/** A gateway to drill, resolved (keys read from the environment by the command; never printed). */
export interface DrillTarget {
  name: string;
  /** Catalog gateway id, or null for a gateway not in the catalog. */
  gateway: string | null;
  /** OpenAI-style base URL; the client POSTs to baseUrl + "/chat/completions". */
  baseUrl: string;
  model: string;
  /** Full request headers (Authorization included when a key was given). */
  headers: Record<string, string>;
}
