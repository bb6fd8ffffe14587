import { describe, expect, it } from 'vitest';
import { runnerWith, type RunnerInput, type RunnerModules } from '../../../src/commands/drill-runner.js';
import type { DrillUpstreams } from '../../../src/drill/upstream-server.js';
import { RunError } from '../../../src/errors.js';
import { DEFAULT_FAULTS } from '../../../src/drill/scenarios.js';
import { target } from '../../helpers/drill-builders.js';

/** The live runner's order of things, with fake upstreams and a fake runDrill recording what happened. */
function fakes(o: { listenFails?: boolean; runFails?: boolean } = {}) {
  const log: string[] = [];
  const upstreams: DrillUpstreams = {
    primaryUrl: 'http://127.0.0.1:1/v1',
    secondaryUrl: 'http://127.0.0.1:2/v1',
    setScenario: () => undefined,
    attemptsFor: () => [],
    unattributed: () => 0,
    close: async () => void log.push('upstreams closed'),
  };
  const modules: RunnerModules = {
    upstreams: {
      startUpstreams: async (x) => {
        log.push(`listen ${x.primary.port} ${x.secondary.port} answerTokens=${x.faults.answerTokens}`);
        if (o.listenFails) throw new Error('listen EADDRINUSE: address already in use 127.0.0.1:18001');
        return upstreams;
      },
    },
    run: {
      runDrill: async (x) => {
        log.push(`run ${x.targets.map((t) => t.name).join(',')} ${x.scenarios.join(',')} ${x.modes.join(',')} requests=${x.requests} timeout=${x.timeoutMs}`);
        if (o.runFails) throw new Error('boom');
        return { results: [], interrupted: false, unattributed: 2 };
      },
    },
  };
  const input: RunnerInput = {
    upstreams: { primary: { port: 18001, host: '127.0.0.1' }, secondary: { port: 18002, host: '127.0.0.1' } },
    targets: async (urls) => {
      log.push(`targets for ${urls.primaryUrl} ${urls.secondaryUrl}`);
      return { targets: [target('gw')], close: async () => void log.push('targets closed') };
    },
    scenarios: ['none', 'http-500'],
    modes: ['stream'],
    requests: 2,
    timeoutMs: 1500,
    faults: DEFAULT_FAULTS,
    pauseMs: 0,
    signal: new AbortController().signal,
    onResult: () => undefined,
  };
  return { log, modules, input };
}

describe('the live runner', () => {
  it('listens, gives the targets the upstreams\' URLs, runs, then closes the targets and the upstreams', async () => {
    const f = fakes();
    const out = await runnerWith(async () => f.modules)(f.input);
    expect(out).toEqual({ targets: [target('gw')], results: [], interrupted: false, unattributed: 2 });
    expect(f.log).toEqual([
      'listen 18001 18002 answerTokens=24',
      'targets for http://127.0.0.1:1/v1 http://127.0.0.1:2/v1',
      'run gw none,http-500 stream requests=2 timeout=1500',
      'targets closed',
      'upstreams closed',
    ]);
  });

  it('closes everything when the run fails', async () => {
    const f = fakes({ runFails: true });
    await expect(runnerWith(async () => f.modules)(f.input)).rejects.toThrow('boom');
    expect(f.log.slice(-2)).toEqual(['targets closed', 'upstreams closed']);
  });

  it('says which ports could not be taken, as a failed run (exit 3)', async () => {
    const f = fakes({ listenFails: true });
    const e = await runnerWith(async () => f.modules)(f.input).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).message).toBe("The drill's upstreams could not listen on 127.0.0.1:18001 and 127.0.0.1:18002: listen EADDRINUSE: address already in use 127.0.0.1:18001");
  });
});
