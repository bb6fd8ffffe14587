import type { Clock } from '../clock.js';
import type { BuiltinEndpointId, FaultRule } from './faults.js';
import type { ModelIndex } from './model.js';
import type { Profile } from './profile.js';

/** What every emulated endpoint of one `startEmulators` call shares. */
export interface EmulatorState {
  readonly seed: number;
  readonly profile: Profile;
  readonly models: ModelIndex;
  readonly faults: readonly FaultRule[];
  /** Chat requests received so far, per endpoint (the next request's index is counter + 1); data-driven gateways by id. */
  readonly counters: Record<BuiltinEndpointId, number> & Record<string, number>;
  /**
   * Every time read and every wait of the emulators: the chunk schedule, gateway overheads, fault delays,
   * keep-alive comments, cache TTLs, rate-limit windows and timestamps. Real by default; tests pass a virtual one.
   */
  readonly clock: EmulatorClock;
  /** Add `emulator_sent_at` (epoch ms) to the provider's first content chunk, sent at once (harness benchmark). */
  readonly stampFirstContent?: boolean;
}

/** The part of the shared clock the emulators use: they never sleep until a time, they set timers. */
export type EmulatorClock = Pick<Clock, 'now' | 'epoch' | 'timer'>;

/** Epoch milliseconds now, on the emulators' clock (timestamps, cache TTLs, rate-limit windows). */
export function wallMs(clock: EmulatorClock): number {
  return clock.epoch(clock.now());
}

/** Keys and ids the emulators accept. Obviously fake, never real credentials. */
export const EMULATOR_KEYS = {
  provider: 'test-key-provider',
  litellmMaster: 'test-key-litellm-master',
  litellmVirtual: 'test-key-litellm-virtual',
  openrouter: 'test-key-openrouter',
  openrouterNoCredits: 'test-key-openrouter-no-credits',
  cloudflareToken: 'test-key-cf-aig-token',
  cloudflareAccount: 'emulated-account',
  cloudflareGateway: 'emulated-gateway',
  // The data-driven gateways' keys live in their profiles (data/emulators.json, auth.key); listed here too so
  // every fake credential is in one place (a test checks they agree).
  vercel: 'test-key-vercel-ai-gateway',
  kong: 'test-key-kong-consumer',
  helicone: 'test-key-helicone',
  heliconeNoCredits: 'test-key-helicone-no-credits',
} as const;

let idCounter = 0;
/** A short unique id (process-wide counter + random tail); not cryptographic. */
export function newId(prefix: string): string {
  idCounter = (idCounter + 1) >>> 0;
  return prefix + idCounter.toString(36).padStart(6, '0') + Math.random().toString(36).slice(2, 12).padEnd(10, '0');
}
