/**
 * The failover drill's scenarios (pure): what the PRIMARY upstream does in each, while the secondary always
 * answers. A scenario's `kind` decides which outcomes are a pass, which are safe (the client learns of the
 * failure and can act) and which are a failure (grade.ts).
 */

export const SCENARIO_IDS = [
  'none',
  'http-429',
  'http-429-retry-after',
  'http-500',
  'http-503',
  'reset',
  'no-response',
  'slow-ttft',
  'stream-cut',
  'stream-stall',
  'stream-malformed',
  'no-done',
  'context-length',
  'content-filter',
  'flapping',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/**
 * control: nothing is wrong; retryable: a retry or a fallback can hide the fault; slow: the answer comes, late;
 * mid-stream: the fault comes after HTTP 200 (a fallback is then only possible if the gateway buffers);
 * unrecoverable: a 400 that no retry or fallback can fix, which must reach the client.
 */
export type ScenarioKind = 'control' | 'retryable' | 'slow' | 'mid-stream' | 'unrecoverable';

/** Knobs of the faults, from the drill config (`faults:`); the demo uses shorter ones. */
export interface FaultSettings {
  /** slow-ttft: the primary's first token (non-streamed: the whole answer) comes this late. */
  slowTtftMs: number;
  /** http-429-retry-after: the Retry-After header, in seconds. */
  retryAfterS: number;
  /** stream-cut / stream-stall / stream-malformed: how many content chunks go out before the fault. */
  cutAfterChunks: number;
  /** Content tokens in a whole answer (one token a chunk). */
  answerTokens: number;
}

export const DEFAULT_FAULTS: FaultSettings = { slowTtftMs: 8_000, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 24 };

/**
 * What the primary does with one attempt. `ok` answers in full. Statuses carry the OpenAI-style error body.
 * `reset` destroys the connection before any header; `no-response` reads the request and never answers (until the
 * caller goes away); `stall` sends `afterChunks` chunks (non-streamed: headers and part of the body) and then
 * nothing, keeping the connection open; `cut` closes the connection after them; `malformed` sends a chunk that is
 * not JSON after them (non-streamed: a body that is not JSON) and then ends as if all were well; `no-done` sends
 * every chunk, with finish_reason, but never `data: [DONE]` and keeps the connection open.
 */
export type PrimaryAction =
  | { kind: 'ok'; delayMs?: number }
  | { kind: 'status'; status: number; error: { message: string; type: string; code: string | null; param?: string | null }; retryAfterS?: number }
  | { kind: 'reset' }
  | { kind: 'no-response' }
  | { kind: 'stall'; afterChunks: number }
  | { kind: 'cut'; afterChunks: number }
  | { kind: 'malformed'; afterChunks: number }
  | { kind: 'no-done' };

export interface ScenarioDef {
  id: ScenarioId;
  kind: ScenarioKind;
  title: string;
  /** Modes it runs in: a scenario about the SSE framing has no non-streamed form. */
  modes: readonly ('stream' | 'non-stream')[];
}

const BOTH = ['stream', 'non-stream'] as const;

export const SCENARIOS: readonly ScenarioDef[] = [
  { id: 'none', kind: 'control', title: 'control: nothing fails', modes: BOTH },
  { id: 'http-429', kind: 'retryable', title: 'primary answers 429 without Retry-After', modes: BOTH },
  { id: 'http-429-retry-after', kind: 'retryable', title: 'primary answers 429 with Retry-After', modes: BOTH },
  { id: 'http-500', kind: 'retryable', title: 'primary answers 500', modes: BOTH },
  { id: 'http-503', kind: 'retryable', title: 'primary answers 503', modes: BOTH },
  { id: 'reset', kind: 'retryable', title: 'primary resets the connection before answering', modes: BOTH },
  { id: 'no-response', kind: 'retryable', title: 'primary accepts the request and never answers', modes: BOTH },
  { id: 'slow-ttft', kind: 'slow', title: 'primary starts answering very late', modes: BOTH },
  { id: 'stream-cut', kind: 'mid-stream', title: 'primary closes the connection mid-answer', modes: BOTH },
  { id: 'stream-stall', kind: 'mid-stream', title: 'primary stops sending mid-answer and keeps the connection open', modes: BOTH },
  { id: 'stream-malformed', kind: 'mid-stream', title: 'primary sends a chunk that is not JSON', modes: BOTH },
  { id: 'no-done', kind: 'mid-stream', title: 'primary ends its stream without data: [DONE] and keeps the connection open', modes: ['stream'] },
  { id: 'context-length', kind: 'unrecoverable', title: 'primary answers 400 context_length_exceeded', modes: BOTH },
  { id: 'content-filter', kind: 'unrecoverable', title: 'primary answers 400 content_filter', modes: BOTH },
  { id: 'flapping', kind: 'retryable', title: 'primary fails every other attempt (500)', modes: BOTH },
];

export function scenarioDef(id: ScenarioId): ScenarioDef {
  return SCENARIOS.find((s) => s.id === id)!;
}

export function isScenarioId(s: string): s is ScenarioId {
  return (SCENARIO_IDS as readonly string[]).includes(s);
}

/**
 * What the primary does with attempt `attempt` (0-based, counted per request by nonce) of request `request`
 * (0-based index within its scenario and mode). Flapping fails when request + attempt is even: request 0 fails
 * first and succeeds on a retry, request 1 succeeds at once, and so on, whatever else runs concurrently.
 */
export function primaryAction(id: ScenarioId, f: FaultSettings, request: number, attempt: number): PrimaryAction {
  switch (id) {
    case 'none':
      return { kind: 'ok' };
    case 'http-429':
      return { kind: 'status', status: 429, error: { message: 'Rate limit reached (drill).', type: 'rate_limit_error', code: 'rate_limit_exceeded' } };
    case 'http-429-retry-after':
      return { kind: 'status', status: 429, error: { message: 'Rate limit reached (drill).', type: 'rate_limit_error', code: 'rate_limit_exceeded' }, retryAfterS: f.retryAfterS };
    case 'http-500':
      return { kind: 'status', status: 500, error: { message: 'The server had an error (drill).', type: 'server_error', code: null } };
    case 'http-503':
      return { kind: 'status', status: 503, error: { message: 'The engine is overloaded (drill).', type: 'server_error', code: null } };
    case 'reset':
      return { kind: 'reset' };
    case 'no-response':
      return { kind: 'no-response' };
    case 'slow-ttft':
      return { kind: 'ok', delayMs: f.slowTtftMs };
    case 'stream-cut':
      return { kind: 'cut', afterChunks: f.cutAfterChunks };
    case 'stream-stall':
      return { kind: 'stall', afterChunks: f.cutAfterChunks };
    case 'stream-malformed':
      return { kind: 'malformed', afterChunks: f.cutAfterChunks };
    case 'no-done':
      return { kind: 'no-done' };
    case 'context-length':
      return {
        kind: 'status',
        status: 400,
        error: { message: "This model's maximum context length is 128000 tokens (drill).", type: 'invalid_request_error', code: 'context_length_exceeded', param: 'messages' },
      };
    case 'content-filter':
      return {
        kind: 'status',
        status: 400,
        error: { message: 'The prompt was filtered by the content management policy (drill).', type: 'invalid_request_error', code: 'content_filter', param: 'prompt' },
      };
    case 'flapping':
      return (request + attempt) % 2 === 0
        ? { kind: 'status', status: 500, error: { message: 'The server had an error (drill, flapping).', type: 'server_error', code: null } }
        : { kind: 'ok' };
  }
}
