/**
 * iCalendar (RFC 5545) feed of sessions.
 *
 * Times are written in UTC (`DTSTART:20261125T180000Z`), which every client
 * shows correctly in its own zone; `X-WR-TIMEZONE` names the program zone as
 * a display hint, so no VTIMEZONE block is needed. DTSTAMP is the event's
 * last modification, which keeps the output deterministic (stable ETags).
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

function eventLines(e: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${formatUtc(e.lastModified)}`,
    `DTSTART:${formatUtc(e.startsAt)}`,
    `DTEND:${formatUtc(e.endsAt)}`,
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
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(feed.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(feed.calendarName)}`,
    `X-WR-TIMEZONE:${escapeText(feed.timeZone)}`,
    ...feed.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
