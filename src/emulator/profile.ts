import { z } from 'zod';
import { mixSeed, mulberry32, normal } from './random.js';
import { UsageError } from '../errors.js';
import { numberFlag } from '../io/flag-numbers.js';

/**
 * Latency profiles for the emulators (pure: no IO). A profile fixes, per endpoint, when bytes are sent:
 *
 * - provider: response headers and the role-only first chunk go out as soon as the request is read; the first
 *   content chunk goes out at `ttftMs` (+ TTFT jitter); content chunk `c` (0-based) at
 *   `ttftMs + c × tokensPerChunk × interTokenMs` (+ per-gap jitter). A non-streamed response is sent whole at the
 *   time the last content chunk would have been sent.
 * - each gateway adds `overheadMs` (+ its jitter) before it forwards the request to the emulated provider, so
 *   "gateway minus direct" TTFT and total time = overheadMs + the cost of one local HTTP hop (see docs/emulators.md).
 *
 * The defaults below are emulator SETTINGS chosen to look like a typical hosted small model. The gateway overheads
 * in them are illustrative values that give each gateway a distinct, known "true" overhead for tests and demos —
 * not claims about the real gateways, whose overhead the catalog treats as unknown until measured.
 */

/** Every delay in a profile is at most ten minutes: far beyond any real model, short enough for a timer. */
const MAX_MS = 600_000;
const ms = () => z.number().nonnegative().max(MAX_MS);

export const JITTER_KINDS = ['none', 'uniform', 'normal'] as const;
export type JitterKind = (typeof JITTER_KINDS)[number];

export const jitterSchema = z
  .strictObject({
    kind: z.enum(JITTER_KINDS).describe('none | uniform (±ms, flat) | normal (standard deviation ms)'),
    ms: ms(),
  })
  .describe('Random delay added to a base delay; the result is clamped at 0.');
export type Jitter = z.infer<typeof jitterSchema>;

const NO_JITTER: Jitter = { kind: 'none', ms: 0 };

export const capacitySchema = z
  .strictObject({
    slots: z.number().int().min(1).max(100_000).describe('Requests in service at once.'),
    serviceMs: z.number().positive().max(MAX_MS).describe('How long each request holds its slot (added to its latency).'),
  })
  .describe('At most `slots` requests in service at once, each for serviceMs; beyond that, requests queue (first come, first served). True capacity: slots × 1000 / serviceMs requests per second.');
export type Capacity = z.infer<typeof capacitySchema>;

export const providerTimingSchema = z.strictObject({
  ttftMs: ms().describe('Request read → first content chunk.'),
  interTokenMs: ms().describe('Time per generated token after the first chunk.'),
  tokensPerChunk: z.number().int().positive().max(10_000).describe('Tokens grouped into one SSE chunk.'),
  jitter: jitterSchema.default(NO_JITTER).describe('Added to the TTFT.'),
  chunkJitter: jitterSchema.default(NO_JITTER).describe('Added to each gap between content chunks.'),
});
export type ProviderTiming = z.infer<typeof providerTimingSchema>;

export const gatewayTimingSchema = z.strictObject({
  overheadMs: ms().describe('Delay the gateway adds before forwarding (the true overhead).'),
  jitter: jitterSchema.default(NO_JITTER),
});
export type GatewayTiming = z.infer<typeof gatewayTimingSchema>;

export const openrouterTimingSchema = gatewayTimingSchema.extend({
  processingCommentMs: z
    .number()
    .positive()
    .max(MAX_MS)
    .describe('While a stream is silent this long, send a ": OPENROUTER PROCESSING" comment line.'),
});
export type OpenRouterTiming = z.infer<typeof openrouterTimingSchema>;

export const profileSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  outputTokens: z
    .number()
    .int()
    .positive()
    .max(1_000_000)
    .describe('Completion length when the request sets neither max_tokens nor max_completion_tokens.'),
  provider: providerTimingSchema,
  litellm: gatewayTimingSchema,
  openrouter: openrouterTimingSchema,
  cloudflare: gatewayTimingSchema,
  gateways: z
    .record(z.string(), gatewayTimingSchema)
    .default({})
    .describe('Overheads of the data-driven gateways (data/emulators.json), by id.'),
  otherGateways: gatewayTimingSchema
    .nullable()
    .default(null)
    .describe('For data-driven gateways not in `gateways`; null: each one\'s default overheadMs from data/emulators.json.'),
  capacity: z
    .record(z.string(), capacitySchema)
    .default({})
    .describe('Capacity by endpoint id (provider, litellm, openrouter, cloudflare, or a data-driven gateway\'s id); an endpoint not listed is unlimited. A gateway queues and serves a request before its overhead.'),
});
export type Profile = z.infer<typeof profileSchema>;

/** A data-driven gateway's timing under a profile: its own entry, else otherGateways, else its data default. */
export function gatewayTiming(profile: Profile, id: string, dataDefaultMs: number): GatewayTiming {
  return profile.gateways[id] ?? profile.otherGateways ?? { overheadMs: dataDefaultMs, jitter: NO_JITTER };
}

/** Realistic-looking defaults: emulator settings, not measurements; the gateway overheads are illustrative. */
export const REALISTIC_PROFILE: Profile = {
  name: 'realistic',
  description:
    'Emulator settings, not measurements: a hosted small model (TTFT ~350 ms, ~60 tokens/s, 1 token per chunk); illustrative fixed gateway overheads LiteLLM +4 ms, OpenRouter +40 ms, Cloudflare +25 ms, the other gateways each their overheadMs in data/emulators.json (not claims about the real gateways).',
  outputTokens: 128,
  provider: {
    ttftMs: 350,
    interTokenMs: 1000 / 60,
    tokensPerChunk: 1,
    jitter: { kind: 'normal', ms: 30 },
    chunkJitter: { kind: 'uniform', ms: 2 },
  },
  litellm: { overheadMs: 4, jitter: NO_JITTER },
  openrouter: { overheadMs: 40, jitter: NO_JITTER, processingCommentMs: 1000 },
  cloudflare: { overheadMs: 25, jitter: NO_JITTER },
  gateways: {},
  otherGateways: null,
  capacity: {},
};

/** No added latency anywhere: for throughput tests of the harness and the emulators themselves. */
export const ZERO_PROFILE: Profile = {
  name: 'zero',
  description: 'No simulated latency; every delay is 0 (throughput tests).',
  outputTokens: 128,
  provider: { ttftMs: 0, interTokenMs: 0, tokensPerChunk: 1, jitter: NO_JITTER, chunkJitter: NO_JITTER },
  litellm: { overheadMs: 0, jitter: NO_JITTER },
  openrouter: { overheadMs: 0, jitter: NO_JITTER, processingCommentMs: 1000 },
  cloudflare: { overheadMs: 0, jitter: NO_JITTER },
  gateways: {},
  otherGateways: { overheadMs: 0, jitter: NO_JITTER },
  capacity: {},
};

export const BUILTIN_PROFILES: Readonly<Record<string, Profile>> = {
  realistic: REALISTIC_PROFILE,
  zero: ZERO_PROFILE,
};

/**
 * A profile file: any subset of a profile, applied over `extends` (a built-in name, default "realistic"),
 * plus optional fault specs (same syntax as `--fault`) and a seed.
 */
const partialJitter = jitterSchema.partial();
export const profileFileSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.enum(['realistic', 'zero']).default('realistic'),
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  outputTokens: z.number().int().positive().max(1_000_000).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  provider: providerTimingSchema.partial().extend({ jitter: partialJitter.optional(), chunkJitter: partialJitter.optional() }).optional(),
  litellm: gatewayTimingSchema.partial().extend({ jitter: partialJitter.optional() }).optional(),
  openrouter: openrouterTimingSchema.partial().extend({ jitter: partialJitter.optional() }).optional(),
  cloudflare: gatewayTimingSchema.partial().extend({ jitter: partialJitter.optional() }).optional(),
  gateways: z.record(z.string(), gatewayTimingSchema.extend({ jitter: jitterSchema.default(NO_JITTER) })).optional(),
  otherGateways: gatewayTimingSchema.nullable().optional(),
  capacity: z.record(z.string(), capacitySchema).optional().describe('Capacity by endpoint id, over the base profile\'s.'),
  faults: z.array(z.string().min(1)).default([]).describe('Fault specs, as for --fault.'),
});
export type ProfileFile = z.infer<typeof profileFileSchema>;

function mergeJitter(base: Jitter, over: Partial<Jitter> | undefined): Jitter {
  return over ? { ...base, ...over } : base;
}

/** Resolve a parsed profile file against its base profile. */
export function resolveProfileFile(file: ProfileFile): { profile: Profile; faults: string[]; seed?: number } {
  const base = BUILTIN_PROFILES[file.extends] ?? REALISTIC_PROFILE;
  const profile: Profile = {
    name: file.name ?? `${file.extends}+file`,
    description: file.description ?? base.description,
    outputTokens: file.outputTokens ?? base.outputTokens,
    provider: {
      ...base.provider,
      ...file.provider,
      jitter: mergeJitter(base.provider.jitter, file.provider?.jitter),
      chunkJitter: mergeJitter(base.provider.chunkJitter, file.provider?.chunkJitter),
    },
    litellm: { ...base.litellm, ...file.litellm, jitter: mergeJitter(base.litellm.jitter, file.litellm?.jitter) },
    openrouter: {
      ...base.openrouter,
      ...file.openrouter,
      jitter: mergeJitter(base.openrouter.jitter, file.openrouter?.jitter),
    },
    cloudflare: {
      ...base.cloudflare,
      ...file.cloudflare,
      jitter: mergeJitter(base.cloudflare.jitter, file.cloudflare?.jitter),
    },
    gateways: { ...base.gateways, ...file.gateways },
    otherGateways: file.otherGateways === undefined ? base.otherGateways : file.otherGateways,
    capacity: { ...base.capacity, ...file.capacity },
  };
  const checked = profileSchema.parse(profile);
  return file.seed === undefined ? { profile: checked, faults: file.faults } : { profile: checked, faults: file.faults, seed: file.seed };
}

/** Base delay plus one jitter sample, clamped at 0. */
export function applyJitter(baseMs: number, jitter: Jitter, rng: () => number): number {
  if (jitter.kind === 'none' || jitter.ms === 0) return baseMs;
  const delta = jitter.kind === 'uniform' ? (rng() * 2 - 1) * jitter.ms : normal(rng) * jitter.ms;
  return Math.max(0, baseMs + delta);
}

/** The RNG for one request's timing on one endpoint. */
export function timingRng(seed: number, endpoint: string, requestIndex: number): () => number {
  return mulberry32(mixSeed(seed, endpoint, requestIndex, 'timing'));
}

/**
 * Offsets (ms after the request was read) at which each content chunk is sent. Monotonic non-decreasing.
 * Chunk c's base offset is ttftMs + c × tokensPerChunk × interTokenMs; jitter on the TTFT shifts every chunk,
 * jitter per gap accumulates.
 */
export function chunkOffsets(timing: ProviderTiming, chunkCount: number, rng: () => number): number[] {
  const out = new Array<number>(chunkCount);
  if (chunkCount === 0) return out;
  let t = applyJitter(timing.ttftMs, timing.jitter, rng);
  const gap = timing.tokensPerChunk * timing.interTokenMs;
  out[0] = t;
  for (let c = 1; c < chunkCount; c++) {
    t += applyJitter(gap, timing.chunkJitter, rng);
    out[c] = t;
  }
  return out;
}

/** True when the profile never delays a provider response (lets the server skip timers entirely). */
export function isInstant(timing: ProviderTiming): boolean {
  return (
    timing.ttftMs === 0 &&
    timing.interTokenMs === 0 &&
    (timing.jitter.kind === 'none' || timing.jitter.ms === 0) &&
    (timing.chunkJitter.kind === 'none' || timing.chunkJitter.ms === 0)
  );
}

/** A gateway's added delay for one request. */
export function gatewayDelay(timing: GatewayTiming, seed: number, endpoint: string, requestIndex: number): number {
  if (timing.overheadMs === 0 && (timing.jitter.kind === 'none' || timing.jitter.ms === 0)) return 0;
  if (timing.jitter.kind === 'none' || timing.jitter.ms === 0) return timing.overheadMs;
  return applyJitter(timing.overheadMs, timing.jitter, mulberry32(mixSeed(seed, endpoint, requestIndex, 'overhead')));
}

/** Per-field overrides from `emulate` flags, as commander hands them over (strings). */
export interface ProfileFlags {
  ttft?: string;
  tokensPerSecond?: string;
  tokensPerChunk?: string;
  outputTokens?: string;
  overhead?: string;
  capacity?: string;
}

const GATEWAYS = ['litellm', 'openrouter', 'cloudflare'] as const;

/** Bounds of the profile flags: far beyond any real model, finite so that timers stay meaningful. */
const FLAG_BOUNDS = {
  ms: { min: 0, max: MAX_MS },
  tokensPerSecond: { min: 0, max: 100_000, minExclusive: true },
  tokensPerChunk: { min: 1, max: 10_000, integer: true },
  outputTokens: { min: 1, max: 1_000_000, integer: true },
} as const;

/**
 * Apply `--ttft`, `--tokens-per-second`, `--tokens-per-chunk`, `--output-tokens` and `--overhead` to a profile.
 * `dataGateways`: the ids of the data-driven gateways, which `--overhead` also takes. Pure.
 */
export function applyProfileFlags(base: Profile, flags: ProfileFlags, dataGateways: readonly string[] = []): Profile {
  const p: Profile = structuredClone(base);
  const changed: string[] = [];
  if (flags.ttft !== undefined) {
    p.provider.ttftMs = numberFlag('--ttft', flags.ttft, FLAG_BOUNDS.ms);
    changed.push(`ttft ${p.provider.ttftMs} ms`);
  }
  if (flags.tokensPerSecond !== undefined) {
    const tps = numberFlag('--tokens-per-second', flags.tokensPerSecond, FLAG_BOUNDS.tokensPerSecond);
    p.provider.interTokenMs = 1000 / tps;
    changed.push(`${tps} tokens/s`);
  }
  if (flags.tokensPerChunk !== undefined) {
    p.provider.tokensPerChunk = numberFlag('--tokens-per-chunk', flags.tokensPerChunk, FLAG_BOUNDS.tokensPerChunk, { count: true });
    changed.push(`${p.provider.tokensPerChunk} tokens/chunk`);
  }
  if (flags.outputTokens !== undefined) {
    p.outputTokens = numberFlag('--output-tokens', flags.outputTokens, FLAG_BOUNDS.outputTokens, { count: true });
    changed.push(`${p.outputTokens} output tokens`);
  }
  if (flags.overhead !== undefined) {
    for (const part of flags.overhead.split(',').map((x) => x.trim()).filter(Boolean)) {
      const [name = '', ms] = part.split('=');
      const builtin = (GATEWAYS as readonly string[]).includes(name);
      if ((!builtin && !dataGateways.includes(name)) || ms === undefined) {
        throw new UsageError(`--overhead expects GATEWAY=MS[,...] with GATEWAY one of ${[...GATEWAYS, ...dataGateways].join(', ')}, got "${part}".`);
      }
      const value = numberFlag('--overhead', ms, FLAG_BOUNDS.ms);
      if (builtin) p[name as (typeof GATEWAYS)[number]].overheadMs = value;
      else p.gateways[name] = { overheadMs: value, jitter: NO_JITTER };
      changed.push(`${name} +${ms} ms`);
    }
  }
  if (flags.capacity !== undefined) {
    const ids = ['provider', ...GATEWAYS, ...dataGateways];
    for (const part of flags.capacity.split(',').map((x) => x.trim()).filter(Boolean)) {
      const m = /^([a-z][a-z0-9-]*)=(\d+)x(\d+(?:\.\d+)?)$/.exec(part);
      if (!m || !ids.includes(m[1]!)) {
        throw new UsageError(`--capacity expects ENDPOINT=SLOTSxMS[,...] with ENDPOINT one of ${ids.join(', ')}, e.g. litellm=4x50 (4 requests at once, 50 ms each: 80 requests/s), got "${part}".`);
      }
      const slots = numberFlag('--capacity slots', m[2]!, { min: 1, max: 100_000, integer: true }, { count: true });
      const serviceMs = numberFlag('--capacity service time', m[3]!, { min: 0, max: MAX_MS, minExclusive: true });
      p.capacity[m[1]!] = { slots, serviceMs };
      changed.push(`${m[1]} ${slots}×${serviceMs} ms`);
    }
  }
  if (changed.length > 0) p.name = `${base.name}+flags (${changed.join(', ')})`;
  return p;
}
