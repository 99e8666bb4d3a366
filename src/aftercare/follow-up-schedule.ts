import { DateTime } from 'luxon';

/*
 * Follow-up schedule after discharge to aftercare. Continuing care after addiction
 * treatment is recommended for at least a year with contact tapering from weekly to
 * quarterly (SAMHSA TIP 47 / McKay, "Continuing care research", Addiction 2009;
 * DOMAIN.md: 7, 30, 60, 90, 180 and 365 days, then for as long as the patient attends).
 * Due dates are calendar dates in the program's time zone: adding days to a date
 * never shifts with DST, and "today" is taken in the program zone.
 */

export interface ScheduleRule {
  /** Days after the aftercare start, ascending (default 7, 30, 60, 90, 180, 365). */
  offsetsDays: readonly number[];
  /** After the last listed offset, one follow-up every this many days (default 90). */
  thenEveryDays: number;
}

export const DEFAULT_SCHEDULE_RULE: ScheduleRule = { offsetsDays: [7, 30, 60, 90, 180, 365], thenEveryDays: 90 };

export interface ScheduledFollowUp {
  offsetDays: number;
  /** YYYY-MM-DD */
  dueDate: string;
}

export interface ScheduleInput {
  /** Aftercare start, YYYY-MM-DD. */
  startDate: string;
  rule: ScheduleRule;
  /** The patient opted out: nothing further is scheduled. */
  optedOut: boolean;
  /** Follow-ups due before this date are not created (the start, or the date the patient opted back in). */
  resumeFrom: string;
  /** Create follow-ups due up to and including this date. */
  until: string;
  /** Offsets already scheduled (a moved or cancelled follow-up keeps its offset and is not recreated). */
  existingOffsets: ReadonlySet<number>;
}

const date = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' });

/** The calendar date `days` after `isoDate` (leap days and month ends by the calendar). */
export function addDays(isoDate: string, days: number): string {
  return date(isoDate).plus({ days }).toISODate() ?? isoDate;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(date(to).diff(date(from), 'days').days);
}

/** The calendar date of an instant in the program's time zone. */
export function programDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? instant.toISOString().slice(0, 10);
}

/** The follow-ups to create now: listed offsets, then every `thenEveryDays`, within [resumeFrom, until]. */
export function followUpsToCreate(input: ScheduleInput): ScheduledFollowUp[] {
  if (input.optedOut) return [];
  const { rule } = input;
  const last = rule.offsetsDays.at(-1) ?? 0;
  const horizon = daysBetween(input.startDate, input.until);
  const offsets = [...rule.offsetsDays];
  for (let offset = last + rule.thenEveryDays; offset <= horizon; offset += rule.thenEveryDays) offsets.push(offset);
  return offsets
    .filter((offset) => offset <= horizon && !input.existingOffsets.has(offset))
    .map((offsetDays) => ({ offsetDays, dueDate: addDays(input.startDate, offsetDays) }))
    .filter((f) => f.dueDate >= input.resumeFrom);
}
