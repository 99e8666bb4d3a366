import { DateTime } from 'luxon';

/** The time axis of the detox chart, shared by every panel. */

export interface TimeTick {
  t: number;
  label: string;
  /** The date, on the first tick and where the date changes (hourly ticks only). */
  dateLabel: string | null;
}

const HOUR_MS = 3_600_000;
const STEP_HOURS = [1, 2, 3, 4, 6, 12, 24, 48, 72, 168] as const;
const MAX_TICKS = 12;

/** Time-axis ticks at round local wall-clock times (daylight-saving safe). */
export function timeTicks(from: Date, to: Date, timeZone: string): TimeTick[] {
  const start = from.getTime();
  const end = to.getTime();
  const span = (end - start) / HOUR_MS;
  const step = STEP_HOURS.find((h) => span / h <= MAX_TICKS) ?? 168;
  const ticks: TimeTick[] = [];
  const seen = new Set<number>();
  let day = DateTime.fromMillis(start, { zone: timeZone }).startOf('day');
  for (let dayIndex = 0; day.toMillis() <= end; dayIndex += 1, day = day.plus({ days: 1 })) {
    const hours = step < 24 ? Array.from({ length: Math.ceil(24 / step) }, (_, i) => i * step) : [0];
    if (step >= 24 && dayIndex % (step / 24) !== 0) continue;
    for (const hour of hours) {
      const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour }, { zone: timeZone });
      const t = at.toMillis();
      if (!at.isValid || t < start || t > end || seen.has(t)) continue;
      seen.add(t);
      ticks.push({ t, label: step < 24 ? at.toFormat('HH:mm') : at.toFormat('LLL d'), dateLabel: null });
    }
  }
  ticks.sort((a, b) => a.t - b.t);
  if (step < 24) {
    let previous = '';
    for (const tick of ticks) {
      const date = DateTime.fromMillis(tick.t, { zone: timeZone }).toFormat('LLL d');
      if (date !== previous) tick.dateLabel = date;
      previous = date;
    }
  }
  return ticks;
}
