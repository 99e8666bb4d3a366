import { DateTime, IANAZone } from 'luxon';
import { Interval, overlaps } from './overlap';
import { Weekday, isWeekday, weekdayOf } from './recurrence';

export interface WorkingHours {
  /** IANA zone of the program. */
  timeZone: string;
  days: Weekday[];
  /** Local opening time, `HH:mm`. */
  start: string;
  /** Local closing time, `HH:mm`; a slot must end by then. */
  end: string;
}

export interface FreeSlotQuery {
  from: Date;
  to: Date;
  durationMinutes: number;
  /** Union of busy intervals of every required clinician and the room. */
  busy: Interval[];
  workingHours: WorkingHours;
  stepMinutes?: number;
  limit?: number;
  now?: Date;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOfDay(value: string, field: string): number {
  const m = HH_MM.exec(value);
  if (!m) throw new RangeError(`${field} must be HH:mm`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function positiveInteger(value: number, field: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${field} must be a positive integer`);
  }
  return value;
}

/**
 * Proposes the earliest free slots of `durationMinutes` inside [from, to].
 *
 * Candidate starts are aligned to `stepMinutes` on the LOCAL clock of the
 * program zone (09:00, 09:15, …), lie within working hours on working days
 * (the slot must end by the closing time), never start before `now`, and
 * collide (half-open) with nothing in `busy`. Wall-clock times that do not
 * exist on a spring-forward day are skipped.
 *
 * @throws RangeError for malformed parameters (a programming error; the API
 *   validates its input before calling this).
 */
export function findFreeSlots(q: FreeSlotQuery): Interval[] {
  const { timeZone, days } = q.workingHours;
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError('timeZone must be an IANA zone');
  if (!days.every(isWeekday)) throw new RangeError('workingHours.days must be weekday codes');
  const open = minutesOfDay(q.workingHours.start, 'workingHours.start');
  const close = minutesOfDay(q.workingHours.end, 'workingHours.end');
  if (close <= open) throw new RangeError('workingHours.end must be after workingHours.start');
  const duration = positiveInteger(q.durationMinutes, 'durationMinutes');
  const step = positiveInteger(q.stepMinutes ?? 15, 'stepMinutes');
  const limit = positiveInteger(q.limit ?? 10, 'limit');

  const earliest = Math.max(q.from.getTime(), (q.now ?? new Date()).getTime());
  const latest = q.to.getTime();
  const slots: Interval[] = [];

  let day = DateTime.fromMillis(earliest, { zone: timeZone }).startOf('day');
  for (; day.toMillis() < latest && slots.length < limit; day = day.plus({ days: 1 })) {
    if (!days.includes(weekdayOf(day))) continue;
    const closing = day.set({ hour: Math.floor(close / 60), minute: close % 60 }).toMillis();
    for (let m = Math.ceil(open / step) * step; m + duration <= close; m += step) {
      const local = day.set({ hour: Math.floor(m / 60), minute: m % 60 });
      if (local.hour * 60 + local.minute !== m) continue; // inside a DST gap
      const slot = {
        startsAt: local.toJSDate(),
        endsAt: new Date(local.toMillis() + duration * 60_000),
      };
      const start = slot.startsAt.getTime();
      const end = slot.endsAt.getTime();
      if (start < earliest || end > closing) continue;
      if (end > latest) return slots;
      if (q.busy.some((b) => overlaps(b, slot))) continue;
      slots.push(slot);
      if (slots.length >= limit) break;
    }
  }
  return slots;
}
