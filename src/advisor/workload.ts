import type { Answers } from './answers.js';

/** A 30-day month: every monthly figure (requests, rates, fees) uses it. */
export const SECONDS_PER_MONTH = 30 * 24 * 3600; // 2,592,000

/**
 * A request's log at the gateway holds its prompt and completion as text, about 4 bytes a token for English, and
 * about 1,000 bytes of metadata (ids, model, status, token counts, cost, timings). An assumption, stated on every
 * line that uses it; `--log-bytes` / `cost.logBytesPerRequest` replace it.
 */
export const LOG_BYTES_PER_TOKEN = 4;
export const LOG_METADATA_BYTES = 1_000;
/** Logs are billed per GB of 10^9 bytes. */
export const BYTES_PER_GB = 1e9;

/** The assumed size of one request's log, from the answers' token sizes. */
export function logBytesFor(a: Pick<Answers, 'avgInputTokens' | 'avgOutputTokens'>): number {
  return (a.avgInputTokens + a.avgOutputTokens) * LOG_BYTES_PER_TOKEN + LOG_METADATA_BYTES;
}

/** Peak request rate ÷ average: sizes self-hosted instances and is what rate limits are checked against. */
export const DEFAULT_PEAK_FACTOR = 3;

/**
 * What the workload puts through a gateway, beyond the answers: the figures eligibility and cost both need.
 * The cost options set them (`--peak-factor`, `--managed-billing`, `--payment`, `--logpush`, the model mix).
 */
export interface Workload {
  monthlyRequests: number;
  peakFactor: number;
  /** true: buy model access through gateway credits where offered; false: never; null: only without own keys. */
  useManagedBilling: boolean | null;
  paymentMethod: 'card' | 'crypto';
  logpush: boolean;
  /** Share of requests sent to models priced at zero (free variants, with their own limits). */
  freeModelShare: number;
  /** Bytes one request's log takes at the gateway, and whether that is the assumption (`logBytesFor`) or given. */
  logBytesPerRequest: number;
  logBytesGiven: boolean;
}

/** GB of logs a month: every request is logged (cached ones too). */
export function monthlyLogGb(w: Workload): number {
  return (w.monthlyRequests * w.logBytesPerRequest) / BYTES_PER_GB;
}

export const workloadFor = (a: Answers, over: Partial<Omit<Workload, 'monthlyRequests'>> = {}): Workload => ({
  monthlyRequests: a.monthlyRequests,
  peakFactor: DEFAULT_PEAK_FACTOR,
  useManagedBilling: null,
  paymentMethod: 'card',
  logpush: false,
  freeModelShare: 0,
  logBytesPerRequest: logBytesFor(a),
  logBytesGiven: false,
  ...over,
});

/** Requests (or log events) per second on average, and at the peak factor. */
export function rates(w: Workload, units = w.monthlyRequests): { average: number; peak: number } {
  const average = units / SECONDS_PER_MONTH;
  return { average, peak: average * w.peakFactor };
}
