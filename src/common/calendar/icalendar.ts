import { formatLocal, vtimezoneLines } from './vtimezone';

/**
 * iCalendar (RFC 5545) feed of sessions and support-group meetings (shared by both features).
 *
 * Start and end are local times of the program's zone with a TZID
 * (`DTSTART;TZID=America/New_York:20261125T130000`), described by a VTIMEZONE
 * block, so clients keep the program's wall-clock time. DTSTAMP is the
 * event's last modification, which keeps the output deterministic.
 */
export interface CalendarEvent {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string;
  location?: string;
  status: 'CONFIRMED' | 'CANCELLED';
  /** RFC 5545 SEQUENCE: bump on every significant change. */
  sequence: number;
  lastModified: Date;
}

export interface CalendarFeed {
  prodId: string;
  calendarName: string;
  timeZone: string;
  events: CalendarEvent[];
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** RFC 5545 §3.3.11 TEXT escaping; other control characters are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');
}

/**
 * RFC 5545 §3.1 folding: at most 75 octets per line, continuation lines start
 * with one space. Splits only between code points, never inside a UTF-8
 * multi-octet sequence.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** `2026-11-25T18:00:00.000Z` → `20261125T180000Z` (seconds precision). */
export function formatUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function eventLines(e: CalendarEvent, zone: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${formatUtc(e.lastModified)}`,
    `DTSTART;TZID=${zone}:${formatLocal(e.startsAt, zone)}`,
    `DTEND;TZID=${zone}:${formatLocal(e.endsAt, zone)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.description !== undefined ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    ...(e.location !== undefined ? [`LOCATION:${escapeText(e.location)}`] : []),
    `STATUS:${e.status}`,
    `SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`,
    `LAST-MODIFIED:${formatUtc(e.lastModified)}`,
    'END:VEVENT',
  ];
}

export function renderICalendar(feed: CalendarFeed): string {
  const times = feed.events.flatMap((e) => [e.startsAt.getTime(), e.endsAt.getTime()]);
  // Only events refer to the zone: an empty feed needs no VTIMEZONE.
  const zone = times.length > 0 ? vtimezoneLines(feed.timeZone, new Date(Math.min(...times)), new Date(Math.max(...times))) : [];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(feed.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(feed.calendarName)}`,
    `X-WR-TIMEZONE:${escapeText(feed.timeZone)}`,
    ...zone,
    ...feed.events.flatMap((e) => eventLines(e, feed.timeZone)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
