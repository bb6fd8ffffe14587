import type { SweepDoc, SweepStepDoc } from '../bench/document.js';

type SweepKnee = SweepDoc['knees'][number];
import { formatNumber } from '../format.js';

/** Sweep sentences shared by the markdown and HTML views (pure). */

export const rps = (x: number) => `${formatNumber(x, 1)} req/s`;

/** The targets of a sweep in the order they first appear in its steps. */
export function sweepTargets(s: SweepDoc): string[] {
  return [...new Set([...s.steps.map((x) => x.target), ...s.knees.map((k) => k.target)])];
}

/** A target's steps that ran (skipped steps are absent: nothing was measured), by offered rate. */
export const ranSteps = (s: SweepDoc, target: string): SweepStepDoc[] =>
  s.steps.filter((x) => x.target === target && !x.skipped).sort((a, b) => a.offeredRps - b.offeredRps);

/**
 * "litellm: sustained up to 80 req/s, saturated at 160 req/s (achieved-rate); met the SLO up to 40 req/s".
 * Says when no step saturated (the knee is above the highest rate tried) and when even the first did.
 */
export function kneeSentence(s: SweepDoc, k: SweepKnee, withSlo: boolean): string {
  const steps = s.steps.filter((x) => x.target === k.target);
  const top = Math.max(...steps.filter((x) => !x.skipped).map((x) => x.offeredRps), 0);
  const by = steps.find((x) => x.saturated)?.saturatedBy ?? [];
  const skipped = steps.filter((x) => x.skipped).length;
  const sustained = !k.saturated
    ? `did not saturate up to ${rps(top)}, the highest rate tried (the knee is higher)`
    : k.maxSustainedRps === null
      ? 'saturated at the lowest rate tried'
      : `sustained up to ${rps(k.maxSustainedRps)}`;
  const sat = !k.saturated
    ? ''
    : k.saturatedAtRps !== null
      ? `${k.maxSustainedRps === null ? ` (${rps(k.saturatedAtRps)})` : `, saturated at ${rps(k.saturatedAtRps)}`}${by.length ? ` (${by.join(', ')})` : ''}`
      : '';
  const slo = withSlo ? (k.maxRpsMeetingSlo === null ? '; met the SLO at no step' : `; met the SLO up to ${rps(k.maxRpsMeetingSlo)}`) : '';
  const skip = skipped > 0 ? `; ${skipped} higher step${skipped === 1 ? '' : 's'} skipped` : '';
  return `${k.target}: ${sustained}${sat}${slo}${skip}`;
}

/** Whether the sweep judged an SLO (some step has an attainment). */
export const sweepHasSlo = (s: SweepDoc): boolean => s.steps.some((x) => x.sloAttainment !== null);
