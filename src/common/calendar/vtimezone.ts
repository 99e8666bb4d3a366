import { DateTime } from 'luxon';

/**
 * RFC 5545 §3.6.5 VTIMEZONE for an IANA zone, written as the explicit
 * transitions (no RRULE) that fall in a period, so calendar clients place
 * TZID-qualified local times exactly as the program's clock does.
 */
const DAY_MS = 86_400_000;

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** Local date-time as iCalendar writes it with a TZID: `20261125T180000`. */
export function formatLocal(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyyMMdd'T'HHmmss");
}

const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

/** The first millisecond (to the minute) at which the zone's offset differs from its offset at `lowMs`. */
function transitionBetween(lowMs: number, highMs: number, zone: string): number {
  const before = offsetAt(lowMs, zone);
  let low = lowMs;
  let high = highMs;
  while (high - low > 60_000) {
    const mid = low + Math.floor((high - low) / 2 / 60_000) * 60_000;
    if (offsetAt(mid, zone) === before) low = mid;
    else high = mid;
  }
  return high;
}

function observance(atMs: number, fromOffset: number, zone: string): string[] {
  const after = DateTime.fromMillis(atMs, { zone });
  const kind = after.isInDST ? 'DAYLIGHT' : 'STANDARD';
  // DTSTART of an observance is the local time just before it begins, i.e. in the previous offset.
  const localStart = DateTime.fromMillis(atMs, { zone: 'utc' }).plus({ minutes: fromOffset });
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localStart.toFormat("yyyyMMdd'T'HHmmss")}`,
    `TZOFFSETFROM:${offsetText(fromOffset)}`,
    `TZOFFSETTO:${offsetText(after.offset)}`,
    `TZNAME:${after.offsetNameShort ?? offsetText(after.offset)}`,
    `END:${kind}`,
  ];
}

/** VTIMEZONE lines covering [from, to] (widened by a day on each side). */
export function vtimezoneLines(zone: string, from: Date, to: Date): string[] {
  const startMs = Math.floor((from.getTime() - DAY_MS) / DAY_MS) * DAY_MS;
  const endMs = to.getTime() + DAY_MS;
  const startOffset = offsetAt(startMs, zone);
  const components = observance(startMs, startOffset, zone);
  for (let day = startMs; day < endMs; day += DAY_MS) {
    const before = offsetAt(day, zone);
    if (offsetAt(day + DAY_MS, zone) !== before) {
      components.push(...observance(transitionBetween(day, day + DAY_MS, zone), before, zone));
    }
  }
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...components, 'END:VTIMEZONE'];
}
