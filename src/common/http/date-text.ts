/*
 * Strict reading of the dates and date-times clients send. `new Date(text)`
 * and `Date.parse` roll impossible values over (2025-02-29 becomes 1 March,
 * T24:00 the next day) and accept any year; here a value is refused unless
 * every calendar and clock field is real, and a stored value must fall in the
 * years the program can meaningfully hold. Pure: no Nest, no database.
 */

/** The one range every recorded date and instant must fall in (inclusive, calendar days). */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/**
 * Bounds of a query filter (`from`/`to` of a list): wider than recorded values
 * so any window around them works (an exclusive `to` just after 2100, a far
 * future probe), yet within what both PostgreSQL and a four-digit ISO year hold.
 */
export const EARLIEST_FILTER_INSTANT = '0001-01-01T00:00:00Z';
export const LATEST_FILTER_INSTANT = '9999-12-31T23:59:59.999Z';

export interface InstantBounds {
  earliest: Date;
  /** Excluded. */
  before: Date;
  /** How the range reads in a message. */
  describe: string;
}

export const RECORDED_INSTANTS: InstantBounds = {
  earliest: new Date(`${EARLIEST_DATE}T00:00:00Z`),
  before: new Date(Date.UTC(Number(LATEST_DATE.slice(0, 4)) + 1, 0, 1)),
  describe: `between ${EARLIEST_DATE} and ${LATEST_DATE}`,
};

export const FILTER_INSTANTS: InstantBounds = {
  earliest: new Date(EARLIEST_FILTER_INSTANT),
  before: new Date(new Date(LATEST_FILTER_INSTANT).getTime() + 1),
  describe: `between ${EARLIEST_FILTER_INSTANT} and ${LATEST_FILTER_INSTANT}`,
};

/** The accepted shape of an instant: ISO 8601 date-time with an explicit offset (Z or ±hh:mm). */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_FIELDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const DATE_FIELDS = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The widest UTC offset in use (Line Islands +14:00; the westmost is -12:00). */
const MAX_OFFSET_MINUTES = 14 * 60;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const isRealDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

/**
 * The instant a date-time with offset names, or null when it is malformed or
 * names a day or time that does not exist (month 13, 29 February of a common
 * year, hour 24, minute or second 60, an offset beyond the ±14:00 in use on
 * Earth, which PostgreSQL may not read either). No range check.
 */
export function parseInstant(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const f = INSTANT_FIELDS.exec(text);
  if (!f) return null;
  const [year, month, day, hour, minute] = f.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = f[6] === undefined ? 0 : Number(f[6]);
  const ms = f[7] === undefined ? 0 : Number(`${f[7]}00`.slice(0, 3));
  const offsetHours = f[9] === undefined ? 0 : Number(f[9]);
  const offsetMinutes = f[10] === undefined ? 0 : Number(f[10]);
  const offset = offsetHours * 60 + offsetMinutes;
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59 || offsetMinutes > 59 || offset > MAX_OFFSET_MINUTES) {
    return null;
  }
  const local = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not move years 0-99 to 1900-1999.
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, ms);
  const offsetMs = (f[8] === '-' ? -1 : 1) * offset * 60_000;
  return new Date(local.getTime() - offsetMs);
}

/** Why an instant is refused (to follow "<field> must ..."), or null when it is a real instant within `bounds`. */
export function instantProblem(text: unknown, bounds: InstantBounds): 'format' | 'range' | null {
  const at = parseInstant(text);
  if (!at) return 'format';
  return at.getTime() >= bounds.earliest.getTime() && at.getTime() < bounds.before.getTime() ? null : 'range';
}

/** Whether `text` is a YYYY-MM-DD date that exists (no 2025-02-29, no month 13). No range check. */
export function isRealCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const f = DATE_FIELDS.exec(text);
  return f !== null && isRealDay(Number(f[1]), Number(f[2]), Number(f[3]));
}

/** Why a calendar date is refused, or null when it is a real date between EARLIEST_DATE and LATEST_DATE. */
export function calendarDateProblem(text: unknown): 'format' | 'range' | null {
  if (!isRealCalendarDate(text)) return 'format';
  // Same-length YYYY-MM-DD strings compare like the dates they name.
  return text >= EARLIEST_DATE && text <= LATEST_DATE ? null : 'range';
}

/**
 * Today's date where it is already latest (UTC+14): a date after it is in the
 * future everywhere, whatever the program's time zone.
 */
export function latestTodayOnEarth(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}
