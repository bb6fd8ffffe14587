import { rampTimeOf, type Ramp } from './duration.js';
import { mulberry32, shuffled, subSeed } from './random.js';
import { inShard, type Shard } from './shard.js';

/**
 * The request plan (pure): which target each request goes to, in which order, and — in the open loop — when.
 *
 * Interleaved rounds: round r sends one request to every target, in an order freshly shuffled (seeded) for that
 * round, so drift in the network or the provider hits every target alike and per-round pairs can be compared.
 * Warmup rounds come first and are not measured.
 */

export interface Job {
  /** Index into the resolved targets. */
  target: number;
  /** 1-based measured round; warmup rounds are numbered 0, -1, -2, … (not recorded). */
  round: number;
  /** 1-based count of this target's measured requests (0 for warmups). */
  seq: number;
  warmup: boolean;
  /** Open loop: when to send, ms after the measured phase starts. */
  atMs?: number;
}

export interface PlanInput {
  targets: number;
  requests: number;
  warmup: number;
  seed: number;
  /** Open loop: the rate per target, or a linear ramp of it (which then sets the pace instead of `rate`). */
  open?: { rate: number; arrival: 'poisson' | 'constant'; ramp?: Ramp };
  /** Keep only this shard's measured rounds (`bench --shard i/n`); warmups are every machine's own. */
  shard?: Shard;
}

export function buildPlan(p: PlanInput): Job[] {
  return Array.from(planJobs(p));
}

/**
 * The plan one job at a time, so a timed closed loop can draw rounds until its deadline without building them
 * all. The whole plan (order, arrival times) is drawn the same way on every machine; a shard then keeps its
 * rounds, each with the send time it has in the whole schedule.
 */
export function* planJobs(p: PlanInput): Generator<Job> {
  const order = mulberry32(subSeed(p.seed, 'order'));
  const ids = Array.from({ length: p.targets }, (_, i) => i);
  for (let w = 0; w < p.warmup; w++) {
    for (const target of shuffled(ids, order)) yield { target, round: -w, seq: 0, warmup: true };
  }
  const o = p.open;
  const n = p.requests * p.targets;
  const arrivals = o ? (o.ramp ? rampArrivalTimes(n, scaleRamp(o.ramp, p.targets), o.arrival, p.seed) : arrivalTimes(n, o.rate * p.targets, o.arrival, p.seed)) : undefined;
  let k = 0;
  for (let r = 1; r <= p.requests; r++) {
    const kept = p.shard === undefined || inShard(r, p.shard);
    for (const target of shuffled(ids, order)) {
      const job: Job = { target, round: r, seq: r, warmup: false };
      if (arrivals) job.atMs = arrivals[k++]!;
      if (kept) yield job;
    }
  }
}

/** A per-target ramp as the whole run's: every target adds its own rate. */
function scaleRamp(r: Ramp, targets: number): Ramp {
  return { from: r.from * targets, to: r.to * targets, overS: r.overS };
}

/**
 * Send times (ms) of n requests under a ramp of the overall rate. Constant: the k-th request goes when the ramp
 * has sent k (the inverse of its cumulative count at k). Poisson: the same inverse applied to the arrival
 * times of a unit-rate Poisson process (time change), with the same seeded stream as arrivalTimes, so a flat
 * ramp gives the Poisson schedule of its rate. The first request goes at 0.
 */
export function rampArrivalTimes(n: number, ramp: Ramp, arrival: 'poisson' | 'constant', seed: number): number[] {
  if (arrival === 'constant') return Array.from({ length: n }, (_, k) => rampTimeOf(ramp, k) * 1000);
  const rng = mulberry32(subSeed(seed, 'arrivals'));
  let y = 0;
  return Array.from({ length: n }, () => {
    const at = rampTimeOf(ramp, y) * 1000;
    y += -Math.log(1 - rng());
    return at;
  });
}

/**
 * Send times (ms from the start) of n requests at `rate` per second overall: evenly spaced, or a Poisson process
 * (exponential gaps with mean 1000/rate ms, seeded). The first request goes at 0.
 */
export function arrivalTimes(n: number, rate: number, arrival: 'poisson' | 'constant', seed: number): number[] {
  const gap = 1000 / rate;
  if (arrival === 'constant') return Array.from({ length: n }, (_, i) => i * gap);
  const rng = mulberry32(subSeed(seed, 'arrivals'));
  let t = 0;
  return Array.from({ length: n }, () => {
    const at = t;
    t += -Math.log(1 - rng()) * gap;
    return at;
  });
}

// Built-in prompts: fixed texts of about 20, 200 and 1,000 tokens (4 characters a token), so a run is repeatable.
const PASSAGE =
  'An API gateway sits between an application and the model providers it calls. It can route each request to a ' +
  'provider, retry or fall back when one fails, cache responses, enforce budgets and rate limits, and log every ' +
  'call for later analysis. Each of these features costs a little time on every request, and that time is what a ' +
  'team wants to know before it puts a gateway in the path of its users. ';
const repeatTo = (chars: number) => PASSAGE.repeat(Math.ceil(chars / PASSAGE.length)).slice(0, chars).trimEnd();

export const PROMPT_TEXTS: Record<'short' | 'medium' | 'long', string> = {
  short: 'In two sentences, what does an API gateway add between an application and a model provider?',
  medium: `Summarise the following text in three bullet points.\n\n${repeatTo(760)}`,
  long: `Summarise the following text in five bullet points.\n\n${repeatTo(3_950)}`,
};

/**
 * The user message for one request. With `nonce` (cache: bypass) every request gets a different, fixed-length
 * prefix derived from the seed, target and sequence number, so no exact-match cache can answer it while every
 * target still sends the same number of tokens.
 */
export function promptFor(prompts: readonly string[], job: Pick<Job, 'target' | 'round' | 'seq'>, seed: number, nonce: boolean): string {
  // Never empty: the command refuses a prompt file without prompts.
  const text = prompts[(Math.max(job.seq, 1) - 1) % prompts.length]!;
  if (!nonce) return text;
  const n = subSeed(seed, 'nonce', job.target, job.round, job.seq).toString(16).padStart(8, '0');
  return `[run ${n}] ${text}`;
}

/** The JSON body of one chat-completions request. Usage is always asked for, so tokens come from the server. */
export function requestBody(o: { model: string; prompt: string; maxTokens: number; stream: boolean; extra: Record<string, unknown> }): string {
  return JSON.stringify({
    model: o.model,
    messages: [{ role: 'user', content: o.prompt }],
    max_tokens: o.maxTokens,
    stream: o.stream,
    ...(o.stream ? { stream_options: { include_usage: true } } : {}),
    ...o.extra,
  });
}

/** A prompt no one writes: NUL characters cannot come from a prompt file's text lines or the built-in prompts. */
const PROMPT_MARK = '\u0000gateway-scout prompt\u0000';

/**
 * `requestBody` for one target, built once: the body is stringified with a placeholder for the prompt and split
 * around it, so each request costs one JSON.stringify of its prompt rather than of the whole body. JSON.stringify
 * of a string does not depend on where the string sits, so the result is byte for byte `requestBody`'s; when the
 * placeholder does not appear exactly once (the target's extra body replaces `messages`), it is `requestBody`.
 */
export function requestBodyFor(o: { model: string; maxTokens: number; stream: boolean; extra: Record<string, unknown> }): (prompt: string) => string {
  const mark = JSON.stringify(PROMPT_MARK);
  const parts = requestBody({ ...o, prompt: PROMPT_MARK }).split(mark);
  if (parts.length !== 2) return (prompt) => requestBody({ ...o, prompt });
  const [head, tail] = parts as [string, string];
  return (prompt) => head + JSON.stringify(prompt) + tail;
}


/** Rough token count of text at 4 characters a token (used only when the server reports no usage). */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}
