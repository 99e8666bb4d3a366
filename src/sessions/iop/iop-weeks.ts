import { DateTime, IANAZone } from 'luxon';

/*
 * ASAM level 2.1 (The ASAM Criteria, 3rd ed., 2013): intensive outpatient
 * services of at least 9 hours a week for adults and at least 6 hours a week
 * for adolescents (under 18).
 */
export const IOP_TARGET_HOURS = 9;
export const ADOLESCENT_IOP_TARGET_HOURS = 6;
export const ADULT_AGE_YEARS = 18;

export interface IopTargets {
  adultWeeklyHours: number;
  adolescentWeeklyHours: number;
}

/** The weekly target for a patient of this age (whole years). */
export function iopTargetHours(ageYears: number, targets: IopTargets): number {
  return ageYears < ADULT_AGE_YEARS ? targets.adolescentWeeklyHours : targets.adultWeeklyHours;
}

export type AttendanceStatus = 'attended' | 'late' | 'left_early' | 'no_show' | 'cancelled';

export interface IopSession {
  startsAt: Date;
  endsAt: Date;
  attendance?: { status: AttendanceStatus; minutesAttended?: number };
}

export interface IopWeekQuery {
  from: Date;
  to: Date;
  timeZone: string;
  sessions: IopSession[];
  /** The target of a week (by its Monday, YYYY-MM-DD), e.g. by the patient's age then; default 9. */
  targetHoursFor?: (weekStart: string) => number;
}

export interface IopWeek {
  /** Monday, local date `YYYY-MM-DD`. */
  weekStart: string;
  /** Sunday, local date `YYYY-MM-DD`. */
  weekEnd: string;
  scheduledHours: number;
  attendedHours: number;
  targetHours: number;
  metTarget: boolean;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Hours rounded to 2 decimals, computed on integers to avoid float drift. */
const toHours = (ms: number): number => Math.round(ms / (HOUR_MS / 100)) / 100;

/**
 * Attended time of one session. `minutesAttended`, when given, wins (clamped
 * to 0..duration); otherwise `attended` counts the full duration and every
 * other status counts 0. Late / left early always carry minutes (the API
 * enforces it); without them they conservatively count 0. Sessions with no
 * attendance recorded yet count 0.
 */
function attendedMs(session: IopSession, durationMs: number): number {
  const a = session.attendance;
  if (!a || a.status === 'no_show' || a.status === 'cancelled') return 0;
  if (a.minutesAttended !== undefined) {
    return Math.min(Math.max(a.minutesAttended * MINUTE_MS, 0), durationMs);
  }
  return a.status === 'attended' ? durationMs : 0;
}

/**
 * Weekly IOP hours, Monday to Sunday in the program zone, for every week that
 * overlaps the half-open range [from, to), empty weeks included. A session
 * belongs to the week of its local start, and whole weeks are counted even
 * where they extend past `from` or `to`. Cancelled sessions are not scheduled.
 */
export function iopWeeks(q: IopWeekQuery): IopWeek[] {
  if (!IANAZone.isValidZone(q.timeZone)) throw new RangeError('timeZone must be an IANA zone');
  if (!(q.to.getTime() > q.from.getTime())) throw new RangeError('to must be after from');
  const targetFor = q.targetHoursFor ?? (() => IOP_TARGET_HOURS);

  const day = (dt: DateTime): string => dt.toFormat('yyyy-MM-dd');
  const weekOf = (d: Date): string => day(DateTime.fromJSDate(d, { zone: q.timeZone }).startOf('week'));

  const weeks = new Map<string, { weekEnd: string; scheduled: number; attended: number }>();
  let monday = DateTime.fromJSDate(q.from, { zone: q.timeZone }).startOf('week');
  for (; monday.toMillis() < q.to.getTime(); monday = monday.plus({ weeks: 1 })) {
    weeks.set(day(monday), { weekEnd: day(monday.plus({ days: 6 })), scheduled: 0, attended: 0 });
  }

  for (const s of q.sessions) {
    const week = weeks.get(weekOf(s.startsAt));
    if (!week) continue;
    const duration = Math.max(s.endsAt.getTime() - s.startsAt.getTime(), 0);
    if (s.attendance?.status !== 'cancelled') week.scheduled += duration;
    week.attended += attendedMs(s, duration);
  }

  return [...weeks].map(([weekStart, t]) => {
    const targetHours = targetFor(weekStart);
    return {
      weekStart,
      weekEnd: t.weekEnd,
      scheduledHours: toHours(t.scheduled),
      attendedHours: toHours(t.attended),
      targetHours,
      metTarget: t.attended >= targetHours * HOUR_MS,
    };
  });
}
