import type { DrillDocument } from '../drill/document.js';
import { parseDrillGates } from '../drill/gates.js';
import { isScenarioId, scenarioDef, SCENARIO_IDS, type ScenarioId } from '../drill/scenarios.js';
import type { Mode } from '../drill/types.js';
import type { Gate } from '../gates/grammar.js';
import { UsageError } from '../errors.js';
import { numberFlag } from '../io/flag-numbers.js';
import { nearest } from '../suggest.js';
import type { DrillFlags } from './drill.js';

/** `gateway-scout drill`'s flags, checked before a config is read or a port opened (pure). */

export interface CheckedDrillFlags {
  scenarios: ScenarioId[] | undefined;
  stream: boolean | 'both' | undefined;
  requests: number | undefined;
  gates: Gate[] | undefined;
}

/** The config file's limit on requests (src/drill/config.ts), for the flag too. */
const REQUESTS = { min: 1, max: 1_000, integer: true };

function scenariosFlag(raw: string): ScenarioId[] {
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError('--scenarios needs at least one scenario id.', `Known: ${SCENARIO_IDS.join(', ')}.`);
  for (const id of ids) {
    if (!isScenarioId(id)) {
      const near = nearest(id, SCENARIO_IDS);
      throw new UsageError(`--scenarios: unknown scenario "${id}".`, `${near.length > 0 ? `Did you mean ${near.join(' or ')}? ` : ''}Known: ${SCENARIO_IDS.join(', ')}.`);
    }
  }
  return [...new Set(ids as ScenarioId[])];
}

function streamFlag(raw: string): boolean | 'both' {
  const v = raw.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === 'both') return 'both';
  throw new UsageError(`--stream expects true, false or both, got "${raw}".`);
}

export function checkDrillFlags(flags: DrillFlags): CheckedDrillFlags {
  if (flags.demo && flags.config) throw new UsageError('Use either --demo (built-in emulated gateways) or --config FILE, not both.');
  if (!flags.demo && !flags.config) {
    throw new UsageError('drill needs --config FILE, or --demo to try it on built-in emulated gateways.', 'Print the set-up for your gateway with: gateway-scout drill init --gateway litellm');
  }
  return {
    scenarios: flags.scenarios === undefined ? undefined : scenariosFlag(flags.scenarios),
    stream: flags.stream === undefined ? undefined : streamFlag(flags.stream),
    requests: flags.requests === undefined ? undefined : numberFlag('--requests', flags.requests, REQUESTS, { count: true }),
    gates: flags.failOn === undefined ? undefined : parseDrillGates(flags.failOn),
  };
}

export const modesFor = (stream: boolean | 'both'): Mode[] => (stream === 'both' ? ['stream', 'non-stream'] : stream ? ['stream'] : ['non-stream']);

/** Requests each target is sent: every scenario in each of its modes that is asked for, `requests` times. */
export function requestsPerTarget(c: DrillDocument['config']): number {
  const modes = modesFor(c.stream);
  return c.scenarios.reduce((n, id) => n + scenarioDef(id).modes.filter((m) => modes.includes(m)).length * c.requests, 0);
}

/** "15 scenarios, streamed and not, 3 requests each: 87 requests". */
export function describeDrill(c: DrillDocument['config']): string {
  const modes = c.stream === 'both' ? 'streamed and not' : c.stream ? 'streamed' : 'not streamed';
  const n = requestsPerTarget(c);
  return `${c.scenarios.length} scenario${c.scenarios.length === 1 ? '' : 's'}, ${modes}, ${c.requests} request${c.requests === 1 ? '' : 's'} each: ${n} request${n === 1 ? '' : 's'} per target`;
}
