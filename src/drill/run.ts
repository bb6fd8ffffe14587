import { randomBytes } from 'node:crypto';
import { sendDrillRequest } from './client.js';
import { makeNonce } from './nonce.js';
import { scenarioDef, type FaultSettings, type ScenarioId } from './scenarios.js';
import type { ClientObservation, DrillRequestResult, DrillTarget, Mode } from './types.js';
import type { DrillUpstreams } from './upstream-server.js';

/**
 * The drill's orchestrator: scenario by scenario, mode by mode, every target in parallel, each sending its requests
 * one after another; then a settle pause so attempts a gateway makes after its client gave up are logged, and
 * only then each request's attempts are read from the upstreams' log. Ctrl-C (signal) stops sending; what was
 * measured is returned, and a request cut short by the abort is dropped (it measured nothing).
 */

export interface RunDrillInput {
  targets: DrillTarget[];
  upstreams: DrillUpstreams;
  scenarios: ScenarioId[];
  modes: Mode[];
  requests: number;
  timeoutMs: number;
  faults: FaultSettings;
  /** Between scenarios, ms: lets a gateway's cooldown of the primary run out. */
  pauseMs: number;
  /** After each scenario and mode, ms (default 250). */
  settleMs?: number;
  signal?: AbortSignal;
  onResult?: (r: DrillRequestResult) => void;
  makeHex?: () => string;
}

export interface RunDrillOutput {
  results: DrillRequestResult[];
  interrupted: boolean;
  unattributed: number;
}

interface Sent {
  target: DrillTarget;
  request: number;
  client: ClientObservation;
}

export async function runDrill(input: RunDrillInput): Promise<RunDrillOutput> {
  const results: DrillRequestResult[] = [];
  const steps = input.scenarios.flatMap((id) => input.modes.filter((m) => scenarioDef(id).modes.includes(m)).map((mode) => ({ id, mode })));
  let lastScenario: ScenarioId | undefined;
  for (const { id, mode } of steps) {
    if (input.signal?.aborted) break;
    if (lastScenario !== undefined && lastScenario !== id && input.pauseMs > 0) await sleep(input.pauseMs, input.signal);
    if (input.signal?.aborted) break;
    lastScenario = id;
    input.upstreams.setScenario(id);
    const sent = (await Promise.all(input.targets.map((t) => sendAll(input, t, id, mode === 'stream')))).flat();
    if (!input.signal?.aborted) await sleep(input.settleMs ?? 250, input.signal);
    for (const s of sent) {
      const r: DrillRequestResult = { target: s.target.name, scenario: id, stream: mode === 'stream', request: s.request, client: s.client, attempts: input.upstreams.attemptsFor(s.client.nonce) };
      results.push(r);
      input.onResult?.(r);
    }
  }
  return { results, interrupted: input.signal?.aborted ?? false, unattributed: input.upstreams.unattributed() };
}

/** One target's requests for one scenario and mode, in order; stops at an abort and drops the request it cut. */
async function sendAll(input: RunDrillInput, target: DrillTarget, scenario: ScenarioId, stream: boolean): Promise<Sent[]> {
  const makeHex = input.makeHex ?? (() => randomBytes(6).toString('hex'));
  const out: Sent[] = [];
  for (let request = 0; request < input.requests; request++) {
    if (input.signal?.aborted) break;
    const nonce = makeNonce(request, makeHex());
    const client = await sendDrillRequest({ target, nonce, scenario, stream, timeoutMs: input.timeoutMs, answerTokens: input.faults.answerTokens, request, signal: input.signal });
    if (input.signal?.aborted) break;
    out.push({ target, request, client });
  }
  return out;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
