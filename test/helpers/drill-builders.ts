import type { ScenarioId } from '../../src/drill/scenarios.js';
import type { AttemptRecord, ClientObservation, DrillRequestResult, DrillTarget } from '../../src/drill/types.js';

/**
 * Hand-built drill results for the tests: a client observation and the upstreams' attempts, each spelled out
 * field by field at the call site (only the fields a test is about), the rest a plain successful request.
 */

export const NONCE = 'gsd-0-0123456789ab';

export function client(over: Partial<ClientObservation> = {}): ClientObservation {
  return {
    nonce: NONCE,
    scenario: 'none',
    stream: true,
    status: 200,
    complete: true,
    errorEvent: false,
    timedOut: false,
    transportError: null,
    ms: 100,
    errorText: null,
    ...over,
  };
}

/** An attempt: 10 prompt tokens and 24 completion tokens when it answered in full, nothing when refused. */
export function attempt(upstream: AttemptRecord['upstream'], over: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    upstream,
    nonce: NONCE,
    scenario: 'none',
    stream: true,
    atMs: 0,
    action: 'ok',
    promptTokens: 10,
    completionTokens: 24,
    completed: true,
    ...over,
  };
}

/** A primary attempt refused with a status: no answer began, so no tokens. */
export const refused = (status: number, over: Partial<AttemptRecord> = {}): AttemptRecord =>
  attempt('primary', { action: `status-${status}`, promptTokens: 0, completionTokens: 0, completed: false, ...over });

export function result(scenario: ScenarioId, c: Partial<ClientObservation>, attempts: AttemptRecord[], over: Partial<DrillRequestResult> = {}): DrillRequestResult {
  const stream = over.stream ?? c.stream ?? true;
  return {
    target: 'gw',
    scenario,
    stream,
    request: 0,
    client: client({ scenario, stream, ...c }),
    attempts: attempts.map((a) => ({ ...a, scenario, stream })),
    ...over,
  };
}

export function target(name = 'gw', gateway: string | null = 'litellm'): DrillTarget {
  return { name, gateway, baseUrl: `http://127.0.0.1:4000/${name}/v1`, model: 'drill-model', headers: {} };
}
