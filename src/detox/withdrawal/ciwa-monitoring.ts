/*
 * When CIWA-Ar monitoring may stop. DOMAIN.md: reassess "hourly while severe,
 * every 4 hours while moderate, every 8 hours while minimal, until 24 hours
 * under 10". The 24 hours run from the first of an unbroken series of minimal
 * (0-9) scores up to the current one; any score of 10 or more restarts the
 * clock, and so does an assessment with a dangerous item (hallucinations of 4
 * or more, orientation of 3 or more; alert-rules.ts ciwaDangerItems) whatever
 * its total (issue 11). The number of hours is a program setting (default 24).
 */

export interface CiwaPoint {
  assessedAt: Date;
  band: string;
  /** A dangerous item was scored: the assessment never counts as "under 10". */
  itemDanger: boolean;
}

const isUnder10 = (p: CiwaPoint) => p.band === 'minimal' && !p.itemDanger;

const HOUR_MS = 3_600_000;

/**
 * True when `current` completes the required time under 10. `history` holds the
 * episode's other CIWA-Ar assessments in any order (later ones are ignored).
 */
export function ciwaMonitoringComplete(history: readonly CiwaPoint[], current: CiwaPoint, hoursUnder10: number): boolean {
  if (!Number.isFinite(hoursUnder10) || hoursUnder10 <= 0) throw new RangeError('hoursUnder10 must be > 0');
  if (!isUnder10(current)) return false;
  const t = current.assessedAt.getTime();
  const earlier = history
    .filter((h) => h.assessedAt.getTime() < t)
    .sort((a, b) => b.assessedAt.getTime() - a.assessedAt.getTime());
  let runStart = t;
  for (const h of earlier) {
    if (!isUnder10(h)) break;
    runStart = h.assessedAt.getTime();
  }
  return t - runStart >= hoursUnder10 * HOUR_MS;
}
