import { resolve } from 'node:path';
import { zodIssues } from '../catalog/validate.js';
import { drillConfigSchema, type DrillConfig } from '../drill/config.js';
import type { DrillDocument } from '../drill/document.js';
import { SCENARIO_IDS } from '../drill/scenarios.js';
import type { DrillTarget } from '../drill/types.js';
import { InputError, UsageError } from '../errors.js';
import { readStructured } from '../io/files.js';
import type { Ctx } from './context.js';
import type { CheckedDrillFlags } from './drill-flags.js';
import type { RunnerInput, TargetSet, UpstreamUrls } from './drill-runner.js';

/**
 * What a drill will do, from the config file (or the demo) and the flags: the settings the document records, where
 * the upstreams listen, the targets, and the key values to keep out of every output. Nothing is started here.
 */

export interface DrillPlan {
  /** The config file; undefined for the demo. */
  file: string | undefined;
  config: DrillDocument['config'];
  upstreams: RunnerInput['upstreams'];
  targets(urls: UpstreamUrls): Promise<TargetSet>;
  /** Target names known before anything starts (the demo's come with its gateways). */
  knownTargets: string[] | undefined;
  /** Environment variables holding keys (to mask in GitHub Actions) and their values (scrubbed from every output). */
  keyNames: string[];
  secrets: string[];
}

const KEY_FIELDS = ['apiKey', 'api_key', 'key', 'token', 'secret', 'password'];

function settings(c: Pick<DrillConfig, 'scenarios' | 'requests' | 'stream' | 'timeoutsMs' | 'faults' | 'pauseMs'>, flags: CheckedDrillFlags): DrillDocument['config'] {
  return {
    scenarios: flags.scenarios ?? c.scenarios ?? [...SCENARIO_IDS],
    requests: flags.requests ?? c.requests,
    stream: flags.stream ?? c.stream,
    timeoutsMs: { request: c.timeoutsMs.request },
    faults: { ...c.faults },
    pauseMs: c.pauseMs,
  };
}

async function readConfig(file: string): Promise<DrillConfig> {
  const raw = await readStructured(file, 'drill config');
  const target = (raw as { target?: unknown } | null)?.target;
  const literal = target && typeof target === 'object' ? KEY_FIELDS.filter((k) => k in target) : [];
  if (literal.length > 0) {
    // Said apart from the schema's "unknown key": the value is a secret, and never goes in the file.
    const issues = literal.map((k) => ({ path: `target.${k}`, message: 'keys are never read from the config file: put the key in an environment variable and name it in apiKeyEnv' }));
    throw new InputError(`The drill config ${file} contains a key.`, file, issues);
  }
  const parsed = drillConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(`The drill config ${file} is invalid.`, file, zodIssues(parsed.error), 'See gateway-scout schema drill-config, or print a starting one with gateway-scout drill init --gateway ID.');
  }
  return parsed.data;
}

export async function planFromConfig(path: string, ctx: Pick<Ctx, 'cwd' | 'env'>, flags: CheckedDrillFlags): Promise<DrillPlan> {
  const file = resolve(ctx.cwd, path);
  const c = await readConfig(file);
  const keyName = c.target.apiKeyEnv;
  const key = keyName === undefined ? undefined : ctx.env[keyName];
  if (keyName !== undefined && !key) {
    throw new UsageError(`target.apiKeyEnv in ${file} names ${keyName}, which is not set (or empty).`, `Set it first, e.g. export ${keyName}=…, or leave apiKeyEnv out if the gateway needs no key.`);
  }
  const target: DrillTarget = {
    name: c.target.name,
    gateway: c.target.gateway ?? null,
    baseUrl: c.target.baseUrl,
    model: c.target.model,
    headers: { ...c.target.headers, ...(key ? { authorization: `Bearer ${key}` } : {}) },
  };
  return {
    file,
    config: settings(c, flags),
    upstreams: { primary: c.upstreams.primary, secondary: c.upstreams.secondary },
    targets: async () => ({ targets: [target], close: async () => undefined }),
    knownTargets: [target.name],
    keyNames: keyName ? [keyName] : [],
    secrets: key ? [key] : [],
  };
}

export async function planFromDemo(flags: CheckedDrillFlags): Promise<DrillPlan> {
  const { loadDrillDemo } = await import('./drill-demo.js');
  const d = await loadDrillDemo();
  return {
    file: undefined,
    config: settings({ scenarios: undefined, requests: d.requests, stream: d.stream, timeoutsMs: { request: d.timeoutMs }, faults: d.faults, pauseMs: d.pauseMs }, flags),
    // Any free ports: the demo's gateways are told where the upstreams are once they listen.
    upstreams: { primary: { port: 0, host: '127.0.0.1' }, secondary: { port: 0, host: '127.0.0.1' } },
    targets: d.targets,
    knownTargets: undefined,
    keyNames: [],
    secrets: [],
  };
}
