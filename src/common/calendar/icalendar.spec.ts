import ical, { VEvent } from 'node-ical';
import { CalendarEvent, CalendarFeed, renderICalendar } from './icalendar';

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
  producer: { company: 'Outpatient Program', product: 'Sessions' },
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
    expect(out[0]).toBe('BEGIN:VCALENDAR');
    expect(out).toEqual(expect.arrayContaining([
      'VERSION:2.0',
      'PRODID:-//Outpatient Program//Sessions//EN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:My sessions',
      'X-WR-TIMEZONE:America/New_York',
    ]));
    expect(out.at(-1)).toBe('END:VCALENDAR');
    expect(out).not.toContain('BEGIN:VTIMEZONE'); // no event refers to the zone
  });

  it('describes the zone with a VTIMEZONE whose daylight and standard offsets differ', () => {
    const text = renderICalendar(feed([event()]));
    const block = (name: string) => new RegExp(`BEGIN:${name}\\r\\n([\\s\\S]*?)END:${name}`).exec(text)?.[1] ?? '';
    expect(block('VTIMEZONE')).toContain('TZID:America/New_York');
    expect(block('DAYLIGHT')).toMatch(/TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400/);
    expect(block('STANDARD')).toMatch(/TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500/);
  });

  it('keeps the local wall-clock time across daylight saving: 10:00 in July and in December are different UTC instants', () => {
    const text = renderICalendar(feed([
      event({ uid: 'summer@x', startsAt: new Date('2026-07-01T14:00:00Z'), endsAt: new Date('2026-07-01T15:00:00Z') }),
      event({ uid: 'winter@x', startsAt: new Date('2026-12-02T15:00:00Z'), endsAt: new Date('2026-12-02T16:00:00Z') }),
    ]));
    expect(lines(text)).toEqual(expect.arrayContaining([
      'DTSTART;TZID=America/New_York:20260701T100000', 'DTSTART;TZID=America/New_York:20261202T100000',
    ]));
    expect(parsedEvent(text, 'summer@x').start.toISOString()).toBe('2026-07-01T14:00:00.000Z');
    expect(parsedEvent(text, 'winter@x').start.toISOString()).toBe('2026-12-02T15:00:00.000Z');
  });

  it('writes UTC times when the zone has no published VTIMEZONE', () => {
    const text = renderICalendar(feed([event()], { timeZone: 'America/Ciudad_Juarez' }));
    expect(lines(text)).toContain('DTSTART:20261125T230000Z');
    expect(text).not.toMatch(/TZID=/);
    expect(parsedEvent(text, 'session-101@outpatient.example').start.toISOString()).toBe('2026-11-25T23:00:00.000Z');
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
    expect(textOf(parsedEvent(text, 'session-101@outpatient.example').summary)).toBe(
      'Group; week 3, "coping" \\ skills\nbring workbook\nroom change',
    );
  });

  it('writes description and location only when given, escaped', () => {
    const without = renderICalendar(feed([event()]));
    expect(without).not.toMatch(/^(DESCRIPTION|LOCATION)[:;]/m);

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
