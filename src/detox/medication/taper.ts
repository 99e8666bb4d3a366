import { type FieldError, InvalidFields } from '../../common/field-error';
import { DateTime, IANAZone } from 'luxon';

/*
 * Scheduled doses, fixed or tapering, at local wall-clock times.
 *
 * - Day 1 is startDate. With a taper, the dose on day d is
 *   max(floor, startDose − stepDown × ⌊(d − 1) / everyDays⌋).
 * - The schedule ends on endDate (inclusive). Without an end date (taper only)
 *   it ends after the first `everyDays` days at the floor dose. A floor of 0
 *   means "stop": no zero-dose entries are produced, so the schedule ends with
 *   the last non-zero step.
 * - Times stay at the local wall clock across daylight-saving changes. A time
 *   that does not exist (02:30 on a spring-forward day) is shifted forward by
 *   luxon to 03:30 local; an ambiguous time (01:30 on a fall-back day) resolves,
 *   as luxon does, to the second occurrence (standard time). Either way exactly
 *   one dose per listed time per day.
 * - Doses are computed in integer micro-units, so 2.5 − 0.5 steps stay exact.
 * - At most MAX_SCHEDULE_DAYS days; invalid input throws a TaperError.
 */

export const MAX_SCHEDULE_DAYS = 366;

export interface TaperSteps {
  startDose: number;
  stepDown: number;
  everyDays: number;
  floor: number;
}

export interface TaperScheduleInput {
  startDate: string; // YYYY-MM-DD, local date in timeZone
  endDate?: string; // YYYY-MM-DD inclusive; required without a taper
  timesOfDay: readonly string[]; // HH:MM, 24-hour
  timeZone: string; // IANA, e.g. America/New_York
  taper?: TaperSteps;
  /** The fixed dose when there is no taper; with a taper, omit it or give startDose. */
  dose?: number;
}

export interface ScheduledDose {
  scheduledAt: Date;
  dose: number;
  day: number; // 1 = startDate
}

export class TaperError extends InvalidFields {
  constructor(errors: FieldError[]) {
    super(errors, 'Invalid schedule');
    this.name = 'TaperError';
  }
}

const MICRO = 1_000_000;
const toMicro = (x: number) => Math.round(x * MICRO);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function parseDate(value: unknown, zone: string): DateTime | null {
  if (typeof value !== 'string' || !DATE.test(value)) return null;
  const d = DateTime.fromISO(value, { zone });
  return d.isValid ? d : null;
}

function validateTaper(t: TaperSteps, dose: unknown, errors: FieldError[]): void {
  const check = (field: keyof TaperSteps, ok: boolean, message: string) => {
    if (!ok) errors.push({ field: `taper.${field}`, message });
  };
  check('startDose', isNum(t.startDose) && t.startDose > 0, 'must be a number above 0');
  check('stepDown', isNum(t.stepDown) && t.stepDown > 0, 'must be a number above 0');
  check('everyDays', Number.isInteger(t.everyDays) && t.everyDays >= 1 && t.everyDays <= MAX_SCHEDULE_DAYS,
    `must be a whole number of days from 1 to ${MAX_SCHEDULE_DAYS}`);
  check('floor', isNum(t.floor) && t.floor >= 0 && (!isNum(t.startDose) || t.floor <= t.startDose),
    'must be a number from 0 to startDose');
  if (dose !== undefined && dose !== t.startDose) {
    errors.push({ field: 'dose', message: 'must be omitted or equal taper.startDose' });
  }
}

/** Number of days until the end of a taper without an end date (see the header). */
function taperDays(t: TaperSteps): number {
  const steps = Math.ceil((toMicro(t.startDose) - toMicro(t.floor)) / toMicro(t.stepDown));
  return (t.floor > 0 ? steps + 1 : steps) * t.everyDays;
}

function doseOnDay(input: TaperScheduleInput, dayIndex: number): number {
  const t = input.taper;
  if (!t) return toMicro(input.dose ?? 0);
  const micro = toMicro(t.startDose) - toMicro(t.stepDown) * Math.floor(dayIndex / t.everyDays);
  return Math.max(toMicro(t.floor), micro);
}

/** Generates the dose schedule; throws TaperError with every field error found. */
export function generateTaperSchedule(input: TaperScheduleInput): ScheduledDose[] {
  const errors: FieldError[] = [];
  const zone = input.timeZone;
  const zoneOk = typeof zone === 'string' && IANAZone.isValidZone(zone);
  if (!zoneOk) errors.push({ field: 'timeZone', message: 'must be an IANA time zone' });
  const start = zoneOk ? parseDate(input.startDate, zone) : null;
  const end = zoneOk && input.endDate !== undefined ? parseDate(input.endDate, zone) : null;
  const badDate = { message: 'must be a date YYYY-MM-DD' };
  if (zoneOk && !start) errors.push({ field: 'startDate', ...badDate });
  if (zoneOk && input.endDate !== undefined && !end) errors.push({ field: 'endDate', ...badDate });

  const times = Array.isArray(input.timesOfDay) ? input.timesOfDay : [];
  if (times.length === 0) errors.push({ field: 'timesOfDay', message: 'must list at least one time' });
  times.forEach((t, i) => {
    const field = `timesOfDay[${i}]`;
    if (typeof t !== 'string' || !TIME.test(t)) errors.push({ field, message: 'must be a time HH:MM' });
    else if (times.indexOf(t) !== i) errors.push({ field, message: 'is listed twice' });
  });

  if (input.taper) validateTaper(input.taper, input.dose, errors);
  else {
    if (!isNum(input.dose) || input.dose <= 0) errors.push({ field: 'dose', message: 'must be a number above 0' });
    if (input.endDate === undefined) errors.push({ field: 'endDate', message: 'is required without a taper' });
  }
  if (errors.length > 0 || !start) throw new TaperError(errors);

  const days = end ? Math.round(end.diff(start, 'days').days) + 1 : input.taper ? taperDays(input.taper) : 0;
  if (end && days < 1) errors.push({ field: 'endDate', message: 'must not be before startDate' });
  if (days > MAX_SCHEDULE_DAYS) {
    errors.push({ field: end ? 'endDate' : 'taper', message: `schedule must not exceed ${MAX_SCHEDULE_DAYS} days` });
  }
  if (errors.length > 0) throw new TaperError(errors);

  const sortedTimes = [...times].sort();
  const schedule: ScheduledDose[] = [];
  for (let i = 0; i < days; i++) {
    const micro = doseOnDay(input, i);
    if (micro <= 0) continue;
    const date = start.plus({ days: i });
    for (const time of sortedTimes) {
      const [hour, minute] = time.split(':').map(Number);
      const local = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone });
      schedule.push({ scheduledAt: local.toJSDate(), dose: micro / MICRO, day: i + 1 });
    }
  }
  return schedule;
}
