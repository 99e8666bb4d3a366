import type { FieldError } from '../../common/field-error';

/**
 * Time intervals for sessions. Intervals are half-open, [startsAt, endsAt):
 * a session ending at 10:00 and another starting at 10:00 do not collide, so
 * back-to-back bookings of the same clinician, room or patient are allowed.
 */
export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export const MAX_SESSION_HOURS = 12;
const MAX_SESSION_MS = MAX_SESSION_HOURS * 60 * 60 * 1000;

/** True when the two half-open intervals share at least one instant. */
export function overlaps(a: Interval, b: Interval): boolean {
  return (
    a.startsAt.getTime() < b.endsAt.getTime() &&
    b.startsAt.getTime() < a.endsAt.getTime()
  );
}

const isValidDate = (d: unknown): d is Date =>
  d instanceof Date && !Number.isNaN(d.getTime());

/**
 * Checks that an interval is usable as a session: both ends are valid dates,
 * the end is after the start, and it lasts at most 12 hours.
 * Returns an empty list when valid. `prefix` namespaces the field names
 * (e.g. `occurrences[2].`).
 */
export function validateInterval(interval: Interval, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (!isValidDate(interval.startsAt)) {
    errors.push({ field: `${prefix}startsAt`, message: 'must be a valid date' });
  }
  if (!isValidDate(interval.endsAt)) {
    errors.push({ field: `${prefix}endsAt`, message: 'must be a valid date' });
  }
  if (errors.length > 0) return errors;

  const ms = interval.endsAt.getTime() - interval.startsAt.getTime();
  if (ms <= 0) {
    errors.push({ field: `${prefix}endsAt`, message: 'must be after startsAt' });
  } else if (ms > MAX_SESSION_MS) {
    errors.push({
      field: `${prefix}endsAt`,
      message: `a session may last at most ${MAX_SESSION_HOURS} hours`,
    });
  }
  return errors;
}
