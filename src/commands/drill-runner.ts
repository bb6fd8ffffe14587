import type { RunDrillInput } from '../drill/run.js';
import type { DrillRequestResult, DrillTarget } from '../drill/types.js';
import type { DrillUpstreams, UpstreamAddress } from '../drill/upstream-server.js';
import { RunError } from '../errors.js';

/**
 * The drill's IO behind one function, so the command can be tested with a fake: start the two upstreams, get the
 * targets (the config's, or the demo's gateways pointed at the upstreams), run the scenarios, close everything.
 * The live runner imports the upstreams and the runner (src/drill/upstream-server.ts, run.ts) lazily, so
 * `--help` stays fast.
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

/** What runDrill takes, less what the runner makes itself (the upstreams and the targets, once they listen). */
export interface RunnerInput extends Pick<RunDrillInput, 'scenarios' | 'modes' | 'requests' | 'timeoutMs' | 'faults' | 'pauseMs'> {
  upstreams: { primary: UpstreamAddress; secondary: UpstreamAddress };
  targets(urls: UpstreamUrls): Promise<TargetSet>;
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

export type UpstreamModule = Pick<typeof import('../drill/upstream-server.js'), 'startUpstreams'>;
export type RunModule = Pick<typeof import('../drill/run.js'), 'runDrill'>;

async function listen(m: UpstreamModule, input: RunnerInput): Promise<DrillUpstreams> {
  try {
    return await m.startUpstreams({ primary: input.upstreams.primary, secondary: input.upstreams.secondary, faults: input.faults });
  } catch (e) {
    const p = input.upstreams.primary;
    const s = input.upstreams.secondary;
    throw new RunError(`The drill's upstreams could not listen on ${p.host ?? '127.0.0.1'}:${p.port} and ${s.host ?? '127.0.0.1'}:${s.port}: ${(e as Error).message}`, 'Is another drill (or anything else) using the ports? Choose free ones in upstreams: and point your gateway at them.');
  }
}

/** The two modules the live runner needs (tests pass fakes to runnerWith). */
export interface RunnerModules {
  upstreams: UpstreamModule;
  run: RunModule;
}

async function loadLive(): Promise<RunnerModules> {
  return { upstreams: await import('../drill/upstream-server.js'), run: await import('../drill/run.js') };
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
