import { DateTime, IANAZone } from 'luxon';

/** iCalendar weekday codes, Monday first (index + 1 = ISO weekday). */
export const GROUP_WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type GroupWeekday = (typeof GROUP_WEEKDAYS)[number];

/** A group's recurring schedule, in local wall-clock time of `timeZone`. */
export interface GroupSchedule {
  weekdays: GroupWeekday[];
  /** `HH:mm`, local. */
  startTime: string;
  /** `HH:mm`, local, after startTime on the same day. */
  endTime: string;
  /** `YYYY-MM-DD`, the first local date meetings may fall on. */
  firstDate: string;
  /** `YYYY-MM-DD`, inclusive; null for open-ended. */
  lastDate: string | null;
  timeZone: string;
}

export interface Occurrence {
  /** The local date of the meeting, `YYYY-MM-DD`. */
  date: string;
  startsAt: Date;
  endsAt: Date;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const localTime = (date: DateTime, hhmm: string, zone: string): DateTime => {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone });
};

/** Field errors of a schedule (empty when valid). */
export function scheduleErrors(s: GroupSchedule): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (!IANAZone.isValidZone(s.timeZone)) errors.push({ field: 'timeZone', message: 'must be an IANA time zone' });
  if (s.weekdays.length === 0 || !s.weekdays.every((d) => (GROUP_WEEKDAYS as readonly string[]).includes(d))) {
    errors.push({ field: 'schedule.weekdays', message: `must list weekdays among ${GROUP_WEEKDAYS.join(', ')}` });
  }
  if (!HH_MM.test(s.startTime)) errors.push({ field: 'schedule.startTime', message: 'must be a time as HH:mm' });
  if (!HH_MM.test(s.endTime)) errors.push({ field: 'schedule.endTime', message: 'must be a time as HH:mm' });
  if (HH_MM.test(s.startTime) && HH_MM.test(s.endTime) && s.endTime <= s.startTime) {
    errors.push({ field: 'schedule.endTime', message: 'must be after startTime (meetings end on the day they start)' });
  }
  if (s.lastDate !== null && s.lastDate < s.firstDate) {
    errors.push({ field: 'schedule.lastDate', message: 'must not be before firstDate' });
  }
  return errors;
}

/**
 * The meetings of a schedule that start within [from, to), in start order.
 *
 * Each meeting keeps its LOCAL wall-clock times in the program zone, so an
 * 18:00 New York group stays at 18:00 local across daylight-saving changes and
 * its UTC instant moves by an hour. A local time that does not exist (the
 * spring-forward gap) moves forward by the gap, and an ambiguous one (the
 * fall-back hour) resolves to the earlier instant (luxon's behaviour, the
 * same as outpatient sessions' recurrence).
 */
export function expandSchedule(s: GroupSchedule, from: Date, to: Date): Occurrence[] {
  if (scheduleErrors(s).length > 0) throw new RangeError('invalid schedule');
  const zone = s.timeZone;
  const days = new Set(s.weekdays.map((d) => GROUP_WEEKDAYS.indexOf(d) + 1));
  const first = DateTime.fromISO(s.firstDate, { zone });
  const windowStart = DateTime.fromJSDate(from, { zone }).startOf('day');
  const last = DateTime.fromJSDate(to, { zone }).startOf('day');
  const end = s.lastDate === null ? last : DateTime.min(last, DateTime.fromISO(s.lastDate, { zone }));
  const result: Occurrence[] = [];
  for (let day = DateTime.max(first, windowStart); day <= end; day = day.plus({ days: 1 })) {
    if (!days.has(day.weekday)) continue;
    const startsAt = localTime(day, s.startTime, zone).toJSDate();
    const endsAt = localTime(day, s.endTime, zone).toJSDate();
    if (startsAt < from || startsAt >= to || endsAt <= startsAt) continue;
    result.push({ date: day.toISODate() as string, startsAt, endsAt });
  }
  return result;
}
