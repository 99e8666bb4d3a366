import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

/**
 * iCalendar (RFC 5545) feed of sessions and support-group meetings, written by ical-generator.
 *
 * Start and end are local times of the program's zone with a TZID
 * (`DTSTART;TZID=America/New_York:20261125T130000`) described by the zone's
 * VTIMEZONE (tzurl.org rules from @touch4it/ical-timezones), so clients keep
 * the program's wall-clock time across daylight-saving changes. A zone with
 * no published VTIMEZONE falls back to UTC times. DTSTAMP is the event's last
 * modification, which keeps the output deterministic.
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
  /** Company and product of the PRODID `-//company//product//EN`. */
  producer: { company: string; product: string };
  calendarName: string;
  timeZone: string;
  events: CalendarEvent[];
}

export function renderICalendar(feed: CalendarFeed): string {
  const zone = getVtimezoneComponent(feed.timeZone) ? feed.timeZone : null;
  const calendar = ical({
    prodId: { ...feed.producer, language: 'EN' },
    name: feed.calendarName,
    method: ICalCalendarMethod.PUBLISH,
    // Adds the VTIMEZONE of every zone the events use.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  calendar.x('X-WR-TIMEZONE', feed.timeZone);
  for (const e of feed.events) {
    calendar.createEvent({
      id: e.uid,
      // ical-generator writes a zoned luxon DateTime as that zone's local time after the TZID.
      start: zone ? DateTime.fromJSDate(e.startsAt).setZone(zone) : e.startsAt,
      end: zone ? DateTime.fromJSDate(e.endsAt).setZone(zone) : e.endsAt,
      timezone: zone,
      summary: e.summary,
      description: e.description ?? null,
      location: e.location ?? null,
      status: e.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: Math.max(0, Math.trunc(e.sequence)),
      stamp: e.lastModified,
      lastModified: e.lastModified,
    });
  }
  // RFC 5545 §3.1: every content line ends with CRLF, the last one too.
  return `${calendar.toString()}\r\n`;
}
