import { z } from 'zod';
import { LOAD_BOUNDS, LOAD_DEFAULTS } from './defaults.js';
import { MAX_DURATION_S, parseDuration, type Ramp } from './duration.js';
import { sloSchema, type Slo } from './slo.js';
import { sweepSchema } from './sweep-plan.js';

export { LOAD_BOUNDS, LOAD_DEFAULTS };

/**
 * The benchmark configuration (`gateway-scout bench --config FILE`, `gateway-scout schema bench-config`): what
 * to send, how hard, and to which targets. Pure: the command reads the file and the environment.
 */

export const BUILTIN_PROMPTS = ['short', 'medium', 'long'] as const;
export const DIRECT_GATEWAY = 'openai-compatible';
/** Values `bench init` leaves for the user to fill in (YOUR_ACCOUNT_ID); refused until they are. */
export function isPlaceholder(value: string): boolean {
  return /^YOUR_[A-Z0-9_]+$/.test(value);
}

/** The first placeholder inside a value (a base URL's http://localhost:8000/YOUR_ROUTE), if any. */
export function placeholderIn(value: string): string | undefined {
  return /(?<![A-Za-z0-9_])YOUR_[A-Z0-9_]+(?![A-Za-z0-9])/.exec(value)?.[0];
}

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, e.g. OPENAI_API_KEY')
  .describe('Name of the environment variable holding the secret (never the secret itself).');

/** Header names that carry credentials: they must come from apiKeyEnv / gatewayTokenEnv, never from the file. */
function carriesCredential(header: string): boolean {
  return ['authorization', 'proxy-authorization', 'cf-aig-authorization', 'x-api-key', 'api-key', 'x-litellm-api-key'].includes(header.toLowerCase());
}

export const timeoutsSchema = z.strictObject({
  connect: z.number().int().positive().default(5_000).describe('TCP (and TLS) connect, ms.'),
  firstByte: z.number().int().positive().default(60_000).describe('Request sent → response headers, ms.'),
  idle: z.number().int().positive().default(30_000).describe('Longest silence between two pieces of the body, ms.'),
  total: z.number().int().positive().default(120_000).describe('Request sent → end of the response, ms.'),
});
export type Timeouts = z.infer<typeof timeoutsSchema>;

export const targetSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", e.g. "openrouter"'),
    gateway: z.string().min(1).describe('A catalog gateway id (litellm, openrouter, cloudflare) or "openai-compatible" (direct to a provider).'),
    baseUrl: z.url().optional().describe('Overrides the catalog\'s base URL (self-hosted deployments, emulators).'),
    model: z.string().min(1).describe('Model name as this target expects it, e.g. "gpt-4o-mini" or "openai/gpt-4o-mini".'),
    apiKeyEnv: envName.optional().describe('Variable with the key for the Authorization header; default from the catalog.'),
    gatewayTokenEnv: envName.optional().describe('Variable with a gateway token (Cloudflare: cf-aig-authorization), for an authenticated gateway: sent when the variable is set; when it is not, no token is sent and the run warns (an authenticated gateway then answers 401).'),
    baseline: z.boolean().default(false).describe('The target the others are compared with (overhead).'),
    headers: z.record(z.string(), z.string()).default({}).describe('Extra, non-secret request headers.'),
    pricing: z
      .strictObject({ inputUsdPerMTok: z.number().nonnegative(), outputUsdPerMTok: z.number().nonnegative() })
      .optional()
      .describe('Prices to compute cost with, instead of data/models.json.'),
    accountId: z.string().min(1).optional().describe('Fills {account_id} in the catalog\'s base URL (Cloudflare).'),
    gatewayId: z.string().min(1).optional().describe('Fills {gateway_id} in the catalog\'s base URL (Cloudflare).'),
    endpoint: z.string().min(1).optional().describe('A named base URL from the catalog, e.g. Cloudflare "compat" or "provider".'),
    provider: z.string().min(1).optional().describe('Fills {provider} (Cloudflare\'s provider endpoint), e.g. "openai".'),
  })
  .superRefine((t, ctx) => {
    for (const h of Object.keys(t.headers)) {
      if (carriesCredential(h)) {
        ctx.addIssue({
          code: 'custom',
          path: ['headers', h],
          message: `"${h}" carries a credential: name the environment variable in apiKeyEnv or gatewayTokenEnv instead`,
        });
      }
    }
  });
export type TargetConfig = z.infer<typeof targetSchema>;

const promptSchema = z
  .union([z.enum(BUILTIN_PROMPTS), z.strictObject({ file: z.string().min(1).describe('One prompt per line; requests cycle through them.') })])
  .describe('Built-in short | medium | long, or {file: prompts.txt}.');

const B = LOAD_BOUNDS;

const durationSchema = z
  .union([z.string(), z.number()])
  .refine((d) => parseDuration(d) !== undefined, { message: `a duration such as "90s", "10m" or "1h" (or seconds), at most ${MAX_DURATION_S / 86_400} days` });

const rampSchema = z
  .strictObject({
    from: z.number().nonnegative().max(B.rate.max).describe('Requests per second per target at the start.'),
    to: z.number().positive().max(B.rate.max).describe('Requests per second per target at the end of the ramp, and after it.'),
    overS: z.number().positive().max(MAX_DURATION_S).describe('Seconds the ramp takes.'),
  })
  .describe('Open loop with a linear ramp of the rate per target: from → to over overS seconds, then to.');
export const benchConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    requests: z.number().int().min(B.requests.min).max(B.requests.max).default(LOAD_DEFAULTS.requests).describe('Measured requests per target, after warmup.'),
    warmup: z.number().int().min(B.warmup.min).max(B.warmup.max).default(LOAD_DEFAULTS.warmup).describe('Requests per target before measuring (also warms connections and TLS).'),
    concurrency: z.number().int().min(B.concurrency.min).max(B.concurrency.max).optional().describe(`Closed loop: requests in flight at once (default ${LOAD_DEFAULTS.concurrency}).`),
    rate: z.number().positive().max(B.rate.max).optional().describe('Open loop: requests per second per target, sent on schedule however many are in flight.'),
    arrival: z.enum(['poisson', 'constant']).default('poisson').describe('Open loop: Poisson (exponential gaps) or evenly spaced sends.'),
    stream: z.boolean().default(true),
    maxTokens: z.number().int().min(B.maxTokens.min).max(B.maxTokens.max).default(LOAD_DEFAULTS.maxTokens).describe('max_tokens sent with every request.'),
    prompt: promptSchema.default('short'),
    cache: z
      .enum(['bypass', 'allow'])
      .default('bypass')
      .describe('bypass: a nonce per request plus each gateway\'s skip-cache header; allow: repeat prompts and measure hits.'),
    timeoutsMs: timeoutsSchema.default({ connect: 5_000, firstByte: 60_000, idle: 30_000, total: 120_000 }),
    seed: z.number().int().min(B.seed.min).max(B.seed.max).default(LOAD_DEFAULTS.seed).describe('Seeds the run order, arrival times, nonces and the bootstrap.'),
    slo: sloSchema.optional(),
    duration: durationSchema
      .optional()
      .describe('Timed run, e.g. "90s", "10m", "1h" (or seconds). With a rate or ramp the request count follows (rate × duration; do not set requests too); in the closed loop requests are sent until it has passed (requests, when set, caps them).'),
    ramp: rampSchema.optional(),
    sliceS: z.number().positive().max(MAX_DURATION_S).optional().describe('Results per time slice of this many seconds of the measured phase (by scheduled send), so a long run shows drift; default for timed runs: a tenth of the duration.'),
    sweep: sweepSchema.optional(),
    targets: z.array(targetSchema).min(1),
  })
  .superRefine((c, ctx) => {
    if (c.rate !== undefined && c.concurrency !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['rate'], message: 'set either concurrency (closed loop) or rate (open loop), not both' });
    }
    if (c.ramp !== undefined && (c.rate !== undefined || c.concurrency !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ramp'], message: `a ramp sets the open-loop rate itself: remove ${c.rate !== undefined ? 'rate' : 'concurrency'}` });
    }
    for (const timed of ['duration', 'ramp'] as const) {
      if (c.sweep !== undefined && c[timed] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [timed], message: `a sweep times its own steps (sweep.stepDurationS or stepRequests): remove ${timed}, or remove sweep for a ${timed === 'ramp' ? 'ramped' : 'timed'} run` });
      }
    }
    if (c.sweep !== undefined && c.concurrency !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['concurrency'], message: 'a sweep is open loop (each step sends at its rate): remove concurrency, or remove sweep for a closed-loop run' });
    }
    if (c.sweep !== undefined && c.rate !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['rate'], message: 'a sweep sets the rate of each step (sweep.rates): remove rate, or remove sweep for a run at one rate' });
    }
    const seen = new Map<string, number>();
    c.targets.forEach((t, i) => {
      const first = seen.get(t.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['targets', i, 'name'], message: `"${t.name}" is already the name of targets[${first}]` });
      else seen.set(t.name, i);
    });
    const baselines = c.targets.flatMap((t, i) => (t.baseline ? [i] : []));
    if (baselines.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['targets', baselines[1]!, 'baseline'], message: 'only one target can be the baseline' });
    }
  });
export type BenchConfigInput = z.input<typeof benchConfigSchema>;
export type BenchConfig = z.infer<typeof benchConfigSchema>;

export const DEFAULT_CONCURRENCY = LOAD_DEFAULTS.concurrency;

/** How requests are paced: a fixed number in flight, or sends on a schedule. */
export type LoadMode = { kind: 'closed'; concurrency: number } | { kind: 'open'; rate: number; arrival: 'poisson' | 'constant'; ramp?: Ramp };

/** With a ramp, `rate` is the rate it ends at. */
export function loadMode(c: BenchConfig): LoadMode {
  if (c.ramp !== undefined) return { kind: 'open', rate: c.ramp.to, arrival: c.arrival, ramp: c.ramp };
  return c.rate !== undefined ? { kind: 'open', rate: c.rate, arrival: c.arrival } : { kind: 'closed', concurrency: c.concurrency ?? DEFAULT_CONCURRENCY };
}

/**
 * The baseline: the target marked `baseline: true`; else, when exactly one target goes direct to a provider,
 * that one; else none (no overhead is computed, and the report says why).
 */
export function baselineIndex(c: BenchConfig): number | undefined {
  const marked = c.targets.findIndex((t) => t.baseline);
  if (marked >= 0) return marked;
  const direct = c.targets.flatMap((t, i) => (t.gateway === DIRECT_GATEWAY ? [i] : []));
  return direct.length === 1 ? direct[0] : undefined;
}

/** Flags as the command passes them on (already numbers), each overriding the file. */
export interface BenchFlagOverrides {
  requests?: number;
  warmup?: number;
  concurrency?: number;
  rate?: number;
  stream?: boolean;
  maxTokens?: number;
  targets?: readonly string[];
  seed?: number;
  /** `--slo`: replaces the config's slo as a whole. */
  slo?: Slo;
  /** As written ("10m"), already checked. */
  duration?: string;
  ramp?: Ramp;
  sliceS?: number;
  /** `--sweep`: rates per step, or auto. */
  sweep?: number[] | 'auto';
  /** `--step-duration`, seconds. */
  stepDurationS?: number;
}

/**
 * Apply flag overrides to a raw (unvalidated) config object. `--rate` replaces a configured concurrency and
 * `--concurrency` a configured rate, so a flag can switch the load model. Unknown `--targets` names are returned
 * for the caller to report.
 */
export function applyOverrides(raw: Record<string, unknown>, f: BenchFlagOverrides): { config: Record<string, unknown>; unknownTargets: string[] } {
  const out: Record<string, unknown> = { ...raw };
  if (f.requests !== undefined) out.requests = f.requests;
  if (f.warmup !== undefined) out.warmup = f.warmup;
  if (f.maxTokens !== undefined) out.maxTokens = f.maxTokens;
  if (f.stream !== undefined) out.stream = f.stream;
  if (f.seed !== undefined) out.seed = f.seed;
  if (f.slo !== undefined) out.slo = f.slo;
  if (f.sliceS !== undefined) out.sliceS = f.sliceS;
  if (f.duration !== undefined) {
    out.duration = f.duration;
    // The flag's duration replaces the file's request count (a --requests flag beside it is kept, to be judged).
    if (f.requests === undefined) delete out.requests;
  }
  if (f.concurrency !== undefined) {
    out.concurrency = f.concurrency;
    delete out.rate;
    delete out.ramp;
  }
  if (f.rate !== undefined) {
    out.rate = f.rate;
    delete out.concurrency;
    delete out.ramp;
  }
  if (f.ramp !== undefined) {
    out.ramp = { ...f.ramp };
    delete out.concurrency;
    delete out.rate;
  }
  if (f.sweep !== undefined || f.stepDurationS !== undefined) {
    const sweep: Record<string, unknown> = isObject(raw.sweep) ? { ...raw.sweep } : {};
    if (f.sweep !== undefined) {
      sweep.rates = f.sweep;
      // The flag's rates replace the file's, and with them any auto settings that only fit "auto".
      if (f.sweep !== 'auto') delete sweep.auto;
      // A sweep sets each step's rate: a configured single rate gives way, as --rate replaces concurrency.
      delete out.rate;
    }
    if (f.stepDurationS !== undefined) {
      sweep.stepDurationS = f.stepDurationS;
      delete sweep.stepRequests;
    }
    out.sweep = sweep;
  }
  let unknownTargets: string[] = [];
  if (f.targets !== undefined && Array.isArray(raw.targets)) {
    const targets = raw.targets as { name?: unknown }[];
    const names = new Set(targets.map((t) => t?.name));
    unknownTargets = f.targets.filter((n) => !names.has(n));
    const wanted = new Set(f.targets);
    out.targets = targets.filter((t) => wanted.has(String(t?.name)));
  }
  return { config: out, unknownTargets };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Fields where someone tried to put a secret in the file: a clearer message than "unrecognized key". */
export function secretLiterals(raw: unknown): { path: string; message: string }[] {
  const targets = (raw as { targets?: unknown } | null)?.targets;
  if (!Array.isArray(targets)) return [];
  const out: { path: string; message: string }[] = [];
  targets.forEach((t, i) => {
    if (!t || typeof t !== 'object') return;
    for (const k of ['apiKey', 'api_key', 'key', 'token', 'gatewayToken', 'secret', 'password']) {
      if (k in t) {
        out.push({ path: `targets[${i}].${k}`, message: 'keys are never read from the config file: put the key in an environment variable and name it in apiKeyEnv (or gatewayTokenEnv)' });
      }
    }
  });
  return out;
}
