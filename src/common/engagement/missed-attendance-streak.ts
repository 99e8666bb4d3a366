/**
 * The engagement rule shared by outpatient sessions and support-group meetings
 * (DOMAIN.md: "Two consecutive no-shows are an engagement alert for the case
 * manager"; support groups apply the same rule to absences). One function, one
 * alert rule code, whichever feature records the attendance.
 */
export const ENGAGEMENT_ALERT_RULE = 'consecutive_no_shows';

export interface RecordedOccasion {
  /** A session or a meeting. */
  occasionId: string;
  /** A no-show (sessions) or an unexcused absence (support groups). */
  missed: boolean;
}

export interface MissedStreak {
  /** The earliest occasion of the run: identifies the streak (one alert per streak). */
  firstOccasionId: string;
  occasionIds: string[];
}

/**
 * Finds the run of consecutive missed occasions that contains `occasionId`,
 * given one patient's recorded attendance in start order. Occasions the program
 * cancelled and excused absences are expected to be left out by the caller:
 * they neither extend nor break a run. Occasions without recorded attendance
 * are not in the list either.
 *
 * Returns the run when it has at least `threshold` missed occasions, else null.
 */
export function missedStreak(ordered: RecordedOccasion[], occasionId: string, threshold: number): MissedStreak | null {
  if (!Number.isInteger(threshold) || threshold < 2) throw new RangeError('threshold must be an integer of at least 2');
  const index = ordered.findIndex((a) => a.occasionId === occasionId);
  if (index < 0 || ordered[index]?.missed !== true) return null;
  let first = index;
  while (first > 0 && ordered[first - 1]?.missed === true) first -= 1;
  let last = index;
  while (last < ordered.length - 1 && ordered[last + 1]?.missed === true) last += 1;
  if (last - first + 1 < threshold) return null;
  const run = ordered.slice(first, last + 1).map((a) => a.occasionId);
  return { firstOccasionId: run[0] as string, occasionIds: run };
}

/** The engagement alert for a streak: same rule, audience and wording for every source. */
export function engagementAlert(source: string, patientId: string, streak: MissedStreak, threshold: number) {
  return {
    patientId,
    source,
    rule: ENGAGEMENT_ALERT_RULE,
    severity: 'warning' as const,
    audience: 'case_manager' as const,
    /** Closed by the case manager without a clinical note (platform/alerts acknowledgement rules). */
    category: 'engagement' as const,
    message: `${streak.occasionIds.length} consecutive missed appointments: reach out to re-engage the patient.`,
    reading: { consecutiveMissed: streak.occasionIds.length, occasionIds: streak.occasionIds, threshold },
    dedupeKey: `${source}:${ENGAGEMENT_ALERT_RULE}:${patientId}:${streak.firstOccasionId}`,
  };
}
