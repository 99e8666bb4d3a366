import { DateTime, IANAZone } from 'luxon';
import type { Interval } from './overlap';

export interface OccurrenceChange {
  /** The occurrence as it was. */
  from: Interval;
  /** The occurrence as it is being moved to. */
  to: Interval;
}

/**
 * Applies the move of one occurrence of a weekly series to another
 * occurrence, the way calendar clients do for "this and following events":
 * the other occurrence moves by the same number of LOCAL calendar days, starts
 * at the new LOCAL wall-clock time in the program zone (so an 18:00 group moved
 * to 17:30 stays at 17:30 across DST changes) and takes the new duration.
 *
 * Shifting the changed occurrence itself gives back `change.to`.
 */
export function shiftOccurrence(occurrence: Interval, change: OccurrenceChange, timeZone: string): Interval {
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError('timeZone must be an IANA zone');
  const fromLocal = DateTime.fromJSDate(change.from.startsAt, { zone: timeZone });
  const toLocal = DateTime.fromJSDate(change.to.startsAt, { zone: timeZone });
  const dayShift = Math.round(toLocal.startOf('day').diff(fromLocal.startOf('day'), 'days').days);
  const durationMs = change.to.endsAt.getTime() - change.to.startsAt.getTime();
  const date = DateTime.fromJSDate(occurrence.startsAt, { zone: timeZone }).startOf('day').plus({ days: dayShift });
  const start = DateTime.fromObject(
    {
      year: date.year,
      month: date.month,
      day: date.day,
      hour: toLocal.hour,
      minute: toLocal.minute,
      second: toLocal.second,
      millisecond: toLocal.millisecond,
    },
    { zone: timeZone },
  ).toMillis();
  return { startsAt: new Date(start), endsAt: new Date(start + durationMs) };
}
