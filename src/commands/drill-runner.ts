import type { FaultSettings, ScenarioId } from '../drill/scenarios.js';
import type { AttemptRecord, DrillRequestResult, DrillTarget, Mode } from '../drill/types.js';
import { RunError } from '../errors.js';
import { optionalImport } from './optional-import.js';

/**
 * The drill's IO behind one function, so the command can be tested with a fake: start the two upstreams, get the
 * targets (the config's, or the demo's gateways pointed at the upstreams), run the scenarios, close everything.
 * The live runner reaches the upstreams and the runner (src/drill/upstream-server.ts, run.ts) by URL, through the
 * interfaces below, which are the ones CONTRACT-21 gives them.
 */

export interface UpstreamUrls {
  primaryUrl: string;
  secondaryUrl: string;
}

/** Targets to drill once the upstreams listen, and how to stop whatever serves them (the demo's gateways). */
export interface TargetSet {
  targets: DrillTarget[];
  close(): Promise<void>;
}

export interface RunnerInput {
  upstreams: { primary: { port: number; host?: string }; secondary: { port: number; host?: string } };
  targets(urls: UpstreamUrls): Promise<TargetSet>;
  scenarios: ScenarioId[];
  modes: Mode[];
  requests: number;
  timeoutMs: number;
  faults: FaultSettings;
  pauseMs: number;
  signal: AbortSignal;
  onResult(r: DrillRequestResult): void;
}

export interface RunnerOutput {
  targets: DrillTarget[];
  results: DrillRequestResult[];
  interrupted: boolean;
  unattributed: number;
}

export type DrillRunner = (input: RunnerInput) => Promise<RunnerOutput>;

/** src/drill/upstream-server.ts, as the contract gives it. */
export interface DrillUpstreams extends UpstreamUrls {
  setScenario(id: ScenarioId): void;
  attemptsFor(nonce: string): AttemptRecord[];
  unattributed(): number;
  close(): Promise<void>;
}
export interface UpstreamModule {
  startUpstreams(o: { primary: { port: number; host?: string }; secondary: { port: number; host?: string }; faults: FaultSettings }): Promise<DrillUpstreams>;
}
/** src/drill/run.ts, as the contract gives it. */
export interface RunModule {
  runDrill(input: {
    targets: DrillTarget[];
    upstreams: DrillUpstreams;
    scenarios: ScenarioId[];
    modes: Mode[];
    requests: number;
    timeoutMs: number;
    faults: FaultSettings;
    pauseMs: number;
    signal?: AbortSignal;
    onResult?: (r: DrillRequestResult) => void;
  }): Promise<{ results: DrillRequestResult[]; interrupted: boolean; unattributed: number }>;
}

async function listen(m: UpstreamModule, input: RunnerInput): Promise<DrillUpstreams> {
  try {
    return await m.startUpstreams({ primary: input.upstreams.primary, secondary: input.upstreams.secondary, faults: input.faults });
  } catch (e) {
    const p = input.upstreams.primary;
    const s = input.upstreams.secondary;
    throw new RunError(`The drill's upstreams could not listen on ${p.host ?? '127.0.0.1'}:${p.port} and ${s.host ?? '127.0.0.1'}:${s.port}: ${(e as Error).message}`, 'Is another drill (or anything else) using the ports? Choose free ones in upstreams: and point your gateway at them.');
  }
}

/** The two modules the live runner needs: A1's, by URL (tests pass fakes to runnerWith). */
export interface RunnerModules {
  upstreams: UpstreamModule;
  run: RunModule;
}

async function loadLive(): Promise<RunnerModules> {
  const upstreams = await optionalImport<UpstreamModule>(new URL('../drill/upstream-server.js', import.meta.url), 'The drill upstream server');
  const run = await optionalImport<RunModule>(new URL('../drill/run.js', import.meta.url), 'The drill runner');
  return { upstreams, run };
}

/** Start the upstreams, then the targets, run, and close both whatever happens (the targets first). */
export function runnerWith(load: () => Promise<RunnerModules>): DrillRunner {
  return async (input) => {
    const m = await load();
    const upstreams = await listen(m.upstreams, input);
    try {
      const set = await input.targets({ primaryUrl: upstreams.primaryUrl, secondaryUrl: upstreams.secondaryUrl });
      try {
        const { targets } = set;
        const { scenarios, modes, requests, timeoutMs, faults, pauseMs, signal, onResult } = input;
        return { targets, ...(await m.run.runDrill({ targets, upstreams, scenarios, modes, requests, timeoutMs, faults, pauseMs, signal, onResult })) };
      } finally {
        await set.close();
      }
    } finally {
      await upstreams.close();
    }
  };
}

export const liveRunner: DrillRunner = runnerWith(loadLive);
