import { DateTime, IANAZone } from 'luxon';

/** A report's period: whole local days `from`..`to` (inclusive) in the program time zone. */
export interface ReportPeriod {
  from: string;
  to: string;
  timeZone: string;
  /** Start of `from` in the zone. */
  start: Date;
  /** Start of the day after `to` in the zone (exclusive end). */
  end: Date;
}

/** Longest period one report covers; keeps a day-by-day census bounded. */
export const MAX_PERIOD_DAYS = 3660;

/**
 * Interprets calendar dates in the program zone, so a period of "March"
 * means midnight to midnight where the program is, across DST changes.
 * Returns an error message instead when the period is unusable.
 */
export function reportPeriod(from: string, to: string, timeZone: string): ReportPeriod | string {
  if (!IANAZone.isValidZone(timeZone)) return 'time zone must be an IANA zone';
  const start = DateTime.fromISO(from, { zone: timeZone }).startOf('day');
  const last = DateTime.fromISO(to, { zone: timeZone }).startOf('day');
  if (!start.isValid || !last.isValid) return 'from and to must be dates as YYYY-MM-DD';
  if (last < start) return 'to must not be before from';
  if (last.diff(start, 'days').days >= MAX_PERIOD_DAYS) return `the period must be at most ${MAX_PERIOD_DAYS} days`;
  return { from, to, timeZone, start: start.toJSDate(), end: last.plus({ days: 1 }).toJSDate() };
}

/** A generation time to the second, as outputs state it. */
export function wholeSecond(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}
