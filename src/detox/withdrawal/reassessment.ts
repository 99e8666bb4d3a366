/*
 * When the next withdrawal-scale assessment is due.
 *
 * Defaults (minutes, program settings an admin may change):
 * - CIWA-Ar (DOMAIN.md): hourly while severe (16+), every 4 h while moderate
 *   (10-15), every 8 h while minimal (0-9). Stopping after 24 h under 10 is
 *   decided by the caller, not here.
 * - COWS (DOMAIN.md: "at least every 4 hours during induction or while moderate
 *   or worse"): 4 h for moderate, moderately severe and severe. DOMAIN does not
 *   set mild or none; we choose 8 h for mild (5-12) and 12 h for none (0-4).
 *   During opioid induction (opioid-induction.resolver.ts) no COWS band waits longer
 *   than the moderate interval (4 h by default).
 *
 * Intervals are real elapsed minutes (DST does not stretch or shrink them).
 */

export type CiwaBand = 'minimal' | 'moderate' | 'severe';
export type CowsBand = 'none' | 'mild' | 'moderate' | 'moderately_severe' | 'severe';

export interface ReassessmentIntervals {
  'CIWA-Ar': Record<CiwaBand, number>;
  COWS: Record<CowsBand, number>;
}

export const DEFAULT_REASSESSMENT_INTERVALS: Readonly<ReassessmentIntervals> = Object.freeze({
  'CIWA-Ar': Object.freeze({ severe: 60, moderate: 240, minimal: 480 }),
  COWS: Object.freeze({ severe: 240, moderately_severe: 240, moderate: 240, mild: 480, none: 720 }),
});

export type ReassessmentScale = keyof ReassessmentIntervals;

const MINUTE_MS = 60_000;

/** The default (longest allowed) interval of a scale's band, or undefined for a band the scale does not have. */
export function longestInterval(scale: ReassessmentScale, band: string): number | undefined {
  const table: Readonly<Record<string, number>> = DEFAULT_REASSESSMENT_INTERVALS[scale];
  return Object.hasOwn(table, band) ? table[band] : undefined;
}

/**
 * The interval in minutes for a scale and band, never longer than the
 * default (the clinical rule: a setting may reassess more often, never less,
 * even if a longer value was stored); throws on a band the scale does not have.
 */
export function reassessmentInterval(
  scale: ReassessmentScale,
  band: string,
  intervals: ReassessmentIntervals = DEFAULT_REASSESSMENT_INTERVALS,
): number {
  const table: Readonly<Record<string, number>> = intervals[scale];
  const minutes = Object.hasOwn(table, band) ? table[band] : undefined;
  const longest = longestInterval(scale, band);
  if (minutes === undefined || longest === undefined || !Number.isFinite(minutes) || minutes <= 0) {
    throw new RangeError(`no reassessment interval for ${scale} band ${band}`);
  }
  return Math.min(minutes, longest);
}

/** When the next assessment is due: assessedAt plus the band's interval, at most the moderate one for COWS in induction. */
export function nextDueAt(
  scale: ReassessmentScale,
  band: string,
  assessedAt: Date,
  intervals: ReassessmentIntervals = DEFAULT_REASSESSMENT_INTERVALS,
  inInduction = false,
): Date {
  let minutes = reassessmentInterval(scale, band, intervals);
  if (scale === 'COWS' && inInduction) minutes = Math.min(minutes, reassessmentInterval('COWS', 'moderate', intervals));
  return new Date(assessedAt.getTime() + minutes * MINUTE_MS);
}

/**
 * Overdue once `now` is strictly later than the due time plus the grace
 * period: an assessment recorded exactly at due + grace is still on time.
 */
export function isOverdue(nextDue: Date, now: Date, graceMinutes = 0): boolean {
  if (!Number.isFinite(graceMinutes) || graceMinutes < 0) throw new RangeError('graceMinutes must be >= 0');
  return now.getTime() > nextDue.getTime() + graceMinutes * MINUTE_MS;
}
