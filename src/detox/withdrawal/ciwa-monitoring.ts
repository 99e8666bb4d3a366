/*
 * When CIWA-Ar monitoring may stop. DOMAIN.md: reassess "hourly while severe,
 * every 4 hours while moderate, every 8 hours while minimal, until 24 hours
 * under 10". The 24 hours run from the first of an unbroken series of minimal
 * (0-9) scores up to the current one; any score of 10 or more restarts the
 * clock, and so does an assessment with a dangerous item (hallucinations of 4
 * or more, orientation of 3 or more; alert-rules.ts ciwaDangerItems) whatever
 * its total (issue 11). The number of hours is a program setting (default 24,
 * never fewer: a setting may monitor longer, never shorter). The series is
 * unbroken only while each reassessment came on time: a gap longer than the
 * minimal band's interval plus the overdue grace is a missed reassessment, and
 * the clock restarts at the first score after it.
 */

export interface CiwaPoint {
  assessedAt: Date;
  band: string;
  /** A dangerous item was scored: the assessment never counts as "under 10". */
  itemDanger: boolean;
}

const isUnder10 = (p: CiwaPoint) => p.band === 'minimal' && !p.itemDanger;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** DOMAIN.md: "until 24 hours under 10"; a shorter setting is read as 24. */
export const MIN_HOURS_UNDER_10 = 24;

export interface CiwaStopRule {
  hoursUnder10: number;
  /** The longest time between two scores that still counts as unbroken (minutes). */
  maxGapMinutes: number;
}

/**
 * True when `current` completes the required time under 10. `history` holds the
 * episode's other CIWA-Ar assessments in any order (later ones are ignored).
 */
export function ciwaMonitoringComplete(history: readonly CiwaPoint[], current: CiwaPoint, rule: CiwaStopRule): boolean {
  const { hoursUnder10, maxGapMinutes } = rule;
  if (!Number.isFinite(hoursUnder10) || hoursUnder10 <= 0) throw new RangeError('hoursUnder10 must be > 0');
  if (!Number.isFinite(maxGapMinutes) || maxGapMinutes <= 0) throw new RangeError('maxGapMinutes must be > 0');
  if (!isUnder10(current)) return false;
  const t = current.assessedAt.getTime();
  const earlier = history
    .filter((h) => h.assessedAt.getTime() < t)
    .sort((a, b) => b.assessedAt.getTime() - a.assessedAt.getTime());
  let runStart = t;
  for (const h of earlier) {
    const at = h.assessedAt.getTime();
    if (!isUnder10(h) || runStart - at > maxGapMinutes * MINUTE_MS) break;
    runStart = at;
  }
  return t - runStart >= Math.max(hoursUnder10, MIN_HOURS_UNDER_10) * HOUR_MS;
}
