/**
 * A target's knee from its sweep steps (pure): the highest rate it sustained, the highest at which it met the
 * SLO, and the rate at which it saturated.
 */

export interface KneeStep {
  offeredRps: number;
  saturated: boolean;
  skipped: boolean;
  /** The client could not keep up in this step: it says nothing about the target. */
  clientBound?: boolean;
  sloAttainment: number | null;
}

export interface Knee {
  target: string;
  /** The highest offered rate of a measured step that was not saturated; null when the first step saturated (or none was measured). */
  maxSustainedRps: number | null;
  /** The highest offered rate of a measured step whose SLO attainment reached the target; null without an SLO or when none did. */
  maxRpsMeetingSlo: number | null;
  saturated: boolean;
  /** The offered rate of the first saturated step; null when none saturated. */
  saturatedAtRps: number | null;
}

export function kneeOf(target: string, steps: readonly KneeStep[], sloTarget: number | undefined): Knee {
  const measured = steps.filter((s) => !s.skipped && !s.clientBound);
  const firstSaturated = measured.find((s) => s.saturated);
  const sustained = measured.filter((s) => !s.saturated && (firstSaturated === undefined || s.offeredRps < firstSaturated.offeredRps));
  const meeting = sloTarget === undefined ? [] : measured.filter((s) => s.sloAttainment !== null && s.sloAttainment >= sloTarget);
  const top = (xs: readonly KneeStep[]) => (xs.length === 0 ? null : Math.max(...xs.map((s) => s.offeredRps)));
  return {
    target,
    maxSustainedRps: top(sustained),
    maxRpsMeetingSlo: top(meeting),
    saturated: firstSaturated !== undefined,
    saturatedAtRps: firstSaturated?.offeredRps ?? null,
  };
}
