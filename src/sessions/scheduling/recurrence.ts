import { type FieldError, InvalidFields } from '../../common/field-error';
import { DateTime, IANAZone } from 'luxon';
import { Interval, validateInterval } from './overlap';

/** iCalendar weekday codes, Monday first (index + 1 = ISO / luxon weekday). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MAX_OCCURRENCES = 200;

export interface WeeklyRecurrence {
  startsAt: Date;
  endsAt: Date;
  /** IANA zone of the program, e.g. `America/New_York`. */
  timeZone: string;
  weekdays: Weekday[];
  /** Number of occurrences, 1..200. Exactly one of count / until. */
  count?: number;
  /** Last possible start (inclusive). Exactly one of count / until. */
  until?: Date;
}

export class RecurrenceError extends InvalidFields {
  constructor(errors: FieldError[]) {
    super(errors, 'Invalid recurrence');
    this.name = 'RecurrenceError';
  }
}

export function isWeekday(value: unknown): value is Weekday {
  return (WEEKDAYS as readonly unknown[]).includes(value);
}

/** Luxon weekday (1 = Monday … 7 = Sunday) as an iCalendar code. */
export function weekdayOf(dt: DateTime): Weekday {
  return WEEKDAYS[dt.weekday - 1] as Weekday;
}

function validate(r: WeeklyRecurrence): FieldError[] {
  const errors = validateInterval(r);
  const validZone = IANAZone.isValidZone(r.timeZone);
  if (!validZone) {
    errors.push({ field: 'timeZone', message: 'must be an IANA time zone' });
  }
  if (!Array.isArray(r.weekdays) || r.weekdays.length === 0) {
    errors.push({ field: 'recurrence.weekdays', message: 'must list at least one weekday' });
  } else if (!r.weekdays.every(isWeekday)) {
    errors.push({ field: 'recurrence.weekdays', message: `must be among ${WEEKDAYS.join(', ')}` });
  } else if (validZone && !errors.some((e) => e.field === 'startsAt')) {
    const first = weekdayOf(DateTime.fromJSDate(r.startsAt, { zone: r.timeZone }));
    if (!r.weekdays.includes(first)) {
      errors.push({
        field: 'recurrence.weekdays',
        message: `must include the weekday of startsAt (${first})`,
      });
    }
  }
  if ((r.count === undefined) === (r.until === undefined)) {
    errors.push({ field: 'recurrence', message: 'give exactly one of count or until' });
  } else if (r.count !== undefined) {
    if (!Number.isInteger(r.count) || r.count < 1 || r.count > MAX_OCCURRENCES) {
      errors.push({
        field: 'recurrence.count',
        message: `must be an integer from 1 to ${MAX_OCCURRENCES}`,
      });
    }
  } else if (!(r.until instanceof Date) || Number.isNaN(r.until.getTime())) {
    errors.push({ field: 'recurrence.until', message: 'must be a valid date' });
  } else if (r.until.getTime() < r.startsAt.getTime()) {
    errors.push({ field: 'recurrence.until', message: 'must not be before startsAt' });
  }
  return errors;
}

/**
 * Expands a weekly recurrence into concrete occurrences.
 *
 * - The first occurrence is exactly the given one; its local weekday must be
 *   listed in `weekdays`.
 * - Later occurrences fall on the listed weekdays, keep the LOCAL wall-clock
 *   start time in `timeZone` (an 18:00 New York group stays at 18:00 local, so
 *   its UTC instant moves by an hour at DST changes) and the same duration.
 * - A start time that does not exist locally (spring-forward gap, e.g. 02:30
 *   on 8 March 2026 in New York) is shifted forward by the gap (03:30), which
 *   is luxon's behaviour. An ambiguous time (fall-back overlap) resolves to
 *   the later, standard-time instant, also luxon's behaviour.
 * - With `until`, occurrences starting on or before `until` are included; an
 *   `until` that would give more than 200 occurrences is refused (never
 *   silently truncated), like a count above 200.
 *
 * @throws RecurrenceError listing every invalid field.
 */
export function expandWeeklyRecurrence(r: WeeklyRecurrence): Interval[] {
  const errors = validate(r);
  if (errors.length > 0) throw new RecurrenceError(errors);

  const durationMs = r.endsAt.getTime() - r.startsAt.getTime();
  // With `until`, look one past the maximum to tell "exactly 200" from "more".
  const limit = r.count ?? MAX_OCCURRENCES + 1;
  const untilMs = r.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const first = DateTime.fromJSDate(r.startsAt, { zone: r.timeZone });
  const wallClock = {
    hour: first.hour,
    minute: first.minute,
    second: first.second,
    millisecond: first.millisecond,
  };
  const days = [...new Set(r.weekdays)].map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);

  const result: Interval[] = [{ startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }];
  const monday = first.startOf('day').minus({ days: first.weekday - 1 });
  for (let week = 0; result.length < limit; week++) {
    for (const offset of days) {
      const date = monday.plus({ weeks: week, days: offset });
      if (date <= first.startOf('day')) continue;
      const start = DateTime.fromObject(
        { year: date.year, month: date.month, day: date.day, ...wallClock },
        { zone: r.timeZone },
      ).toMillis();
      if (start > untilMs) return result;
      result.push({ startsAt: new Date(start), endsAt: new Date(start + durationMs) });
      if (result.length >= limit) break;
    }
  }
  if (result.length > MAX_OCCURRENCES) {
    throw new RecurrenceError([
      {
        field: 'recurrence.until',
        message: `gives more than ${MAX_OCCURRENCES} occurrences; choose an earlier until`,
      },
    ]);
  }
  return result;
}
