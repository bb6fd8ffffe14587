import type { Answers } from './answers.js';

/** A 30-day month: every monthly figure (requests, rates, fees) uses it. */
export const SECONDS_PER_MONTH = 30 * 24 * 3600; // 2,592,000

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
}

export const workloadFor = (a: Answers, over: Partial<Omit<Workload, 'monthlyRequests'>> = {}): Workload => ({
  monthlyRequests: a.monthlyRequests,
  peakFactor: DEFAULT_PEAK_FACTOR,
  useManagedBilling: null,
  paymentMethod: 'card',
  logpush: false,
  freeModelShare: 0,
  ...over,
});

/** Requests (or log events) per second on average, and at the peak factor. */
export function rates(w: Workload, units = w.monthlyRequests): { average: number; peak: number } {
  const average = units / SECONDS_PER_MONTH;
  return { average, peak: average * w.peakFactor };
}
