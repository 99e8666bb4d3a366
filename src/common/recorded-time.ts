import type { FieldError } from './field-error';

/*
 * Times of clinical observations and contacts (vital signs taken, assessments
 * made, doses given, aftercare check-ins and drug screens collected) come from
 * the bedside or the caller's device. They may not lie in the future; a
 * device clock up to MAX_CLOCK_SKEW_MS ahead of the server's is tolerated so a
 * reading sent at once is not refused for a few seconds of drift.
 */
export const MAX_CLOCK_SKEW_MS = 2 * 60_000;

/** An error for `field` when `at` is later than now plus the tolerated skew, else null. */
export function checkNotInFuture(field: string, at: Date, now: Date): FieldError | null {
  if (Number.isNaN(at.getTime())) return { field, message: 'must be a valid date-time' };
  if (at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    return { field, message: 'must not be in the future (2 minutes of clock difference are tolerated)' };
  }
  return null;
}

/**
 * An error for `field` when `at` is before the start of the detox episode the
 * record would be filed under, else null: a reading from before the episode
 * is not part of it (and must not raise live alerts).
 */
export function checkNotBeforeEpisode(field: string, at: Date, episodeStartedAt: Date): FieldError | null {
  if (at.getTime() < episodeStartedAt.getTime()) {
    return { field, message: `must not be before the detox episode started at ${episodeStartedAt.toISOString()}` };
  }
  return null;
}
