import ical, { VEvent } from 'node-ical';
import { CalendarEvent, CalendarFeed, escapeText, foldLine, formatUtc, renderICalendar } from './icalendar';

const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'session-101@outpatient.example',
  startsAt: new Date('2026-11-25T23:00:00Z'),
  endsAt: new Date('2026-11-26T00:30:00Z'),
  summary: 'Relapse prevention group',
  status: 'CONFIRMED',
  sequence: 0,
  lastModified: new Date('2026-11-01T12:34:56.789Z'),
  ...over,
});

const feed = (events: CalendarEvent[], over: Partial<CalendarFeed> = {}): CalendarFeed => ({
  prodId: '-//Outpatient Program//Sessions//EN',
  calendarName: 'My sessions',
  timeZone: 'America/New_York',
  events,
  ...over,
});

const lines = (text: string): string[] => text.split('\r\n').slice(0, -1);

function parsedEvent(text: string, uid: string): VEvent {
  const component = ical.sync.parseICS(text)[uid];
  if (component?.type !== 'VEVENT') throw new Error(`no VEVENT ${uid}`);
  return component;
}

const textOf = (value: VEvent['summary'] | undefined): string | undefined =>
  typeof value === 'object' && value !== null ? value.val : value;

describe('renderICalendar', () => {
  it('writes the calendar header properties required for a published feed', () => {
    const out = lines(renderICalendar(feed([])));
    expect(out).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Outpatient Program//Sessions//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:My sessions',
      'X-WR-TIMEZONE:America/New_York',
      'END:VCALENDAR',
    ]);
  });

  it('parses back with the calendar name and time zone', () => {
    const { vcalendar } = ical.sync.parseICS(renderICalendar(feed([], { calendarName: 'Smith, J; IOP' })));
    expect(vcalendar?.['WR-CALNAME']).toBe('Smith, J; IOP');
    expect(vcalendar?.['WR-TIMEZONE']).toBe('America/New_York');
    expect(vcalendar?.method).toBe('PUBLISH');
  });

  it('writes DTSTART and DTEND as program-zone local times with a TZID, and DTSTAMP in UTC', () => {
    const out = lines(renderICalendar(feed([event()])));
    expect(out).toContain('DTSTART;TZID=America/New_York:20261125T180000');
    expect(out).toContain('DTEND;TZID=America/New_York:20261125T193000');
    expect(out).toContain('TZID:America/New_York');
    expect(out).toContain('DTSTAMP:20261101T123456Z');
    expect(out).toContain('LAST-MODIFIED:20261101T123456Z');
  });

  it('round-trips uids, start and end instants, status and sequence through a parser', () => {
    const text = renderICalendar(
      feed([
        event(),
        event({
          uid: 'session-102@outpatient.example',
          startsAt: new Date('2026-03-11T22:00:00Z'),
          endsAt: new Date('2026-03-11T23:00:00Z'),
          status: 'CANCELLED',
          sequence: 2,
        }),
      ]),
    );
    const first = parsedEvent(text, 'session-101@outpatient.example');
    const second = parsedEvent(text, 'session-102@outpatient.example');
    expect(first.start.toISOString()).toBe('2026-11-25T23:00:00.000Z');
    expect(first.end?.toISOString()).toBe('2026-11-26T00:30:00.000Z');
    expect(first.status).toBe('CONFIRMED');
    expect(first.sequence).toBe(0);
    expect(second.start.toISOString()).toBe('2026-03-11T22:00:00.000Z');
    expect(second.end?.toISOString()).toBe('2026-03-11T23:00:00.000Z');
    expect(second.status).toBe('CANCELLED');
    expect(second.sequence).toBe(2);
  });

  it('round-trips a summary with backslash, semicolon, comma and newlines', () => {
    const summary = 'Group; week 3, "coping" \\ skills\nbring workbook\r\nroom change';
    const text = renderICalendar(feed([event({ summary })]));
    expect(lines(text)).toContain(
      'SUMMARY:Group\\; week 3\\, "coping" \\\\ skills\\nbring workbook\\nroom change',
    );
    expect(textOf(parsedEvent(text, 'session-101@outpatient.example').summary)).toBe(
      'Group; week 3, "coping" \\ skills\nbring workbook\nroom change',
    );
  });

  it('writes description and location only when given, escaped', () => {
    const without = renderICalendar(feed([event()]));
    expect(without).not.toMatch(/DESCRIPTION|LOCATION/);

    const text = renderICalendar(feed([event({ description: 'Bring ID, insurance card', location: 'Room 2; Building B' })]));
    const parsed = parsedEvent(text, 'session-101@outpatient.example');
    expect(textOf(parsed.description)).toBe('Bring ID, insurance card');
    expect(textOf(parsed.location)).toBe('Room 2; Building B');
  });

  it('folds long lines to at most 75 octets, all ending with CRLF, without splitting a UTF-8 character', () => {
    const summary = 'Groupe de prévention — 回復グループ 🌱 '.repeat(8);
    const description = 'x'.repeat(500);
    const text = renderICalendar(feed([event({ summary, description })]));

    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines(text)) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line); // no lone surrogate
    }
    const parsed = parsedEvent(text, 'session-101@outpatient.example');
    expect(textOf(parsed.summary)).toBe(summary);
    expect(textOf(parsed.description)).toBe(description);
  });

  it('is deterministic for the same input', () => {
    expect(renderICalendar(feed([event()]))).toBe(renderICalendar(feed([event()])));
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets unfolded', () => {
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75));
  });

  it('folds the 76th octet onto a continuation line starting with a space', () => {
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
  });

  it('counts the leading space of continuation lines toward the 75 octets', () => {
    const folded = foldLine('a'.repeat(75 + 74 + 1)).split('\r\n');
    expect(folded.map((l) => l.length)).toEqual([75, 75, 2]);
  });

  it('moves a 2-octet character that would straddle the limit to the next line', () => {
    expect(foldLine(`${'a'.repeat(74)}é`)).toBe(`${'a'.repeat(74)}\r\n é`);
  });

  it('keeps a 4-octet emoji (a surrogate pair) whole', () => {
    const folded = foldLine(`${'a'.repeat(73)}🌱b`).split('\r\n');
    expect(folded).toEqual(['a'.repeat(73), ' 🌱b']);
  });
});

describe('escapeText', () => {
  it('escapes backslash first, then semicolon and comma', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
  });

  it('turns LF, CRLF and CR into a literal \\n', () => {
    expect(escapeText('a\nb\r\nc\rd')).toBe('a\\nb\\nc\\nd');
  });

  it('drops other control characters but keeps tabs', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
  });

  it('leaves colons and quotes alone', () => {
    expect(escapeText('Note: "bring ID"')).toBe('Note: "bring ID"');
  });
});

describe('formatUtc', () => {
  it('formats an instant as a UTC basic date-time, dropping milliseconds', () => {
    expect(formatUtc(new Date('2026-11-25T18:00:00.999Z'))).toBe('20261125T180000Z');
  });
});
