import { DateTime } from 'luxon';
import type { Cell } from '../report-rows';

/** An instant as ISO 8601 with the program zone's offset. */
export function instantText(value: Date, timeZone: string): string {
  return DateTime.fromJSDate(value, { zone: timeZone }).toISO({ suppressMilliseconds: true }) as string;
}

/** A cell as JSON or CSV carries it: instants in the program zone, the rest unchanged. */
export function plainCell(value: Cell, timeZone: string): string | number | boolean | null {
  return value instanceof Date ? instantText(value, timeZone) : value;
}

/** One line stating what the output is: report, period, zone and generation time. */
export function describePeriod(meta: {
  title: string;
  period: { from: string; to: string; timeZone: string };
  generatedAt: Date;
}): string {
  const { from, to, timeZone } = meta.period;
  return `${meta.title}, period ${from} to ${to} (${timeZone}), generated ${instantText(meta.generatedAt, timeZone)}`;
}
