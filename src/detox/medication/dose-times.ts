import { DateTime } from 'luxon';

/*
 * The dose times of an open-ended fixed schedule (no stored schedule rows):
 * each listed local wall-clock time (program time zone) on every day from the
 * start date to the end date, if any. Used by the missed-dose job and to check
 * that a held or refused dose names a real dose time.
 */

export interface FixedSchedule {
  startDate: string;
  endDate: string | null;
  timesOfDay: readonly string[];
}

/** Dose instants in [from, to], earliest first. */
export function doseTimesBetween(schedule: FixedSchedule, from: Date, to: Date, zone: string): Date[] {
  const first = DateTime.fromJSDate(from, { zone }).startOf('day');
  const last = DateTime.fromJSDate(to, { zone }).startOf('day');
  const start = DateTime.fromISO(schedule.startDate, { zone });
  const end = schedule.endDate === null ? null : DateTime.fromISO(schedule.endDate, { zone });
  const times: Date[] = [];
  for (let day = first < start ? start : first; day <= last; day = day.plus({ days: 1 })) {
    if (end !== null && day > end) break;
    for (const hhmm of [...schedule.timesOfDay].sort()) {
      const [hour, minute] = hhmm.split(':').map(Number);
      const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone }).toJSDate();
      if (at >= from && at <= to) times.push(at);
    }
  }
  return times;
}

export function isDoseTime(schedule: FixedSchedule, at: Date, zone: string): boolean {
  return doseTimesBetween(schedule, at, at, zone).some((t) => t.getTime() === at.getTime());
}
