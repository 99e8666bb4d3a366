import { DateTime } from 'luxon';
import {
  MAX_OCCURRENCES,
  RecurrenceError,
  WeeklyRecurrence,
  expandWeeklyRecurrence,
} from './recurrence';

const NY = 'America/New_York';
const LONDON = 'Europe/London';

/** Local wall clock of each occurrence start, e.g. `2026-03-04 Wed 18:00`. */
const local = (occ: { startsAt: Date }[], zone: string): string[] =>
  occ.map((o) => DateTime.fromJSDate(o.startsAt, { zone }).toFormat('yyyy-MM-dd ccc HH:mm'));
const utc = (occ: { startsAt: Date }[]): string[] => occ.map((o) => o.startsAt.toISOString());
const minutes = (o: { startsAt: Date; endsAt: Date }): number =>
  (o.endsAt.getTime() - o.startsAt.getTime()) / 60_000;

/** A 90-minute group, Wednesday 4 March 2026 18:00 in New York (EST, UTC-5). */
const nyGroup = (over: Partial<WeeklyRecurrence> = {}): WeeklyRecurrence => ({
  startsAt: new Date('2026-03-04T23:00:00Z'),
  endsAt: new Date('2026-03-05T00:30:00Z'),
  timeZone: NY,
  weekdays: ['WE'],
  count: 3,
  ...over,
});

function errorsOf(r: WeeklyRecurrence): { field: string; message: string }[] {
  try {
    expandWeeklyRecurrence(r);
  } catch (e) {
    if (e instanceof RecurrenceError) return e.errors;
    throw e;
  }
  throw new Error('expected a RecurrenceError');
}

describe('expandWeeklyRecurrence: daylight-saving time', () => {
  it('keeps a weekly 18:00 group at 18:00 local across the March DST change (New York)', () => {
    const occ = expandWeeklyRecurrence(nyGroup());
    expect(local(occ, NY)).toEqual(['2026-03-04 Wed 18:00', '2026-03-11 Wed 18:00', '2026-03-18 Wed 18:00']);
    expect(utc(occ)).toEqual([
      '2026-03-04T23:00:00.000Z',
      '2026-03-11T22:00:00.000Z',
      '2026-03-18T22:00:00.000Z',
    ]);
  });

  it('keeps a weekly 18:00 group at 18:00 local across the November DST change (New York)', () => {
    const occ = expandWeeklyRecurrence(
      nyGroup({ startsAt: new Date('2026-10-28T22:00:00Z'), endsAt: new Date('2026-10-28T23:30:00Z') }),
    );
    expect(local(occ, NY)).toEqual(['2026-10-28 Wed 18:00', '2026-11-04 Wed 18:00', '2026-11-11 Wed 18:00']);
    expect(utc(occ)).toEqual([
      '2026-10-28T22:00:00.000Z',
      '2026-11-04T23:00:00.000Z',
      '2026-11-11T23:00:00.000Z',
    ]);
  });

  it('keeps the same duration on every occurrence across a DST change', () => {
    const occ = expandWeeklyRecurrence(nyGroup({ count: 5 }));
    expect(occ.map(minutes)).toEqual([90, 90, 90, 90, 90]);
  });

  it('keeps a Thursday 10:00 London session at 10:00 local when British Summer Time starts (29 March)', () => {
    const occ = expandWeeklyRecurrence({
      startsAt: new Date('2026-03-26T10:00:00Z'),
      endsAt: new Date('2026-03-26T11:00:00Z'),
      timeZone: LONDON,
      weekdays: ['TH'],
      count: 2,
    });
    expect(local(occ, LONDON)).toEqual(['2026-03-26 Thu 10:00', '2026-04-02 Thu 10:00']);
    expect(utc(occ)).toEqual(['2026-03-26T10:00:00.000Z', '2026-04-02T09:00:00.000Z']);
  });

  it('keeps a Thursday 10:00 London session at 10:00 local when British Summer Time ends (25 October)', () => {
    const occ = expandWeeklyRecurrence({
      startsAt: new Date('2026-10-22T09:00:00Z'),
      endsAt: new Date('2026-10-22T10:00:00Z'),
      timeZone: LONDON,
      weekdays: ['TH'],
      count: 2,
    });
    expect(local(occ, LONDON)).toEqual(['2026-10-22 Thu 10:00', '2026-10-29 Thu 10:00']);
    expect(utc(occ)).toEqual(['2026-10-22T09:00:00.000Z', '2026-10-29T10:00:00.000Z']);
  });

  it('shifts a start time that does not exist on the spring-forward day forward by the gap (02:30 → 03:30)', () => {
    const occ = expandWeeklyRecurrence({
      startsAt: new Date('2026-03-01T07:30:00Z'), // Sunday 1 March 02:30 EST
      endsAt: new Date('2026-03-01T08:30:00Z'),
      timeZone: NY,
      weekdays: ['SU'],
      count: 3,
    });
    expect(local(occ, NY)).toEqual(['2026-03-01 Sun 02:30', '2026-03-08 Sun 03:30', '2026-03-15 Sun 02:30']);
    expect(occ.map(minutes)).toEqual([60, 60, 60]);
  });
});

describe('expandWeeklyRecurrence: weekdays', () => {
  it('returns the given session unchanged as the first occurrence', () => {
    const r = nyGroup();
    const [first] = expandWeeklyRecurrence(r);
    expect(first).toEqual({ startsAt: r.startsAt, endsAt: r.endsAt });
    expect(first?.startsAt).not.toBe(r.startsAt);
  });

  it('fills Monday, Wednesday and Friday of each week in order', () => {
    const occ = expandWeeklyRecurrence(
      nyGroup({
        startsAt: new Date('2026-03-02T23:00:00Z'),
        endsAt: new Date('2026-03-03T02:00:00Z'),
        weekdays: ['FR', 'MO', 'WE'],
        count: 6,
      }),
    );
    expect(local(occ, NY)).toEqual([
      '2026-03-02 Mon 18:00',
      '2026-03-04 Wed 18:00',
      '2026-03-06 Fri 18:00',
      '2026-03-09 Mon 18:00',
      '2026-03-11 Wed 18:00',
      '2026-03-13 Fri 18:00',
    ]);
  });

  it('starts mid-week and continues with the earlier weekdays of the following week', () => {
    const occ = expandWeeklyRecurrence(nyGroup({ weekdays: ['MO', 'WE'], count: 4 }));
    expect(local(occ, NY)).toEqual([
      '2026-03-04 Wed 18:00',
      '2026-03-09 Mon 18:00',
      '2026-03-11 Wed 18:00',
      '2026-03-16 Mon 18:00',
    ]);
  });

  it('ignores a weekday listed twice', () => {
    const occ = expandWeeklyRecurrence(nyGroup({ weekdays: ['WE', 'WE'], count: 2 }));
    expect(local(occ, NY)).toEqual(['2026-03-04 Wed 18:00', '2026-03-11 Wed 18:00']);
  });

  it('judges the weekday of startsAt on the local clock, not in UTC', () => {
    // Tuesday 3 March 21:00 in New York is already Wednesday in UTC.
    const tuesdayEvening = {
      startsAt: new Date('2026-03-04T02:00:00Z'),
      endsAt: new Date('2026-03-04T03:00:00Z'),
    };
    expect(local(expandWeeklyRecurrence(nyGroup({ ...tuesdayEvening, weekdays: ['TU'], count: 2 })), NY)).toEqual([
      '2026-03-03 Tue 21:00',
      '2026-03-10 Tue 21:00',
    ]);
    expect(errorsOf(nyGroup({ ...tuesdayEvening, weekdays: ['WE'] }))).toEqual([
      { field: 'recurrence.weekdays', message: 'must include the weekday of startsAt (TU)' },
    ]);
  });
});

describe('expandWeeklyRecurrence: count and until', () => {
  it('returns exactly count occurrences', () => {
    expect(expandWeeklyRecurrence(nyGroup({ count: 1 }))).toHaveLength(1);
    expect(expandWeeklyRecurrence(nyGroup({ count: 12 }))).toHaveLength(12);
  });

  it('includes an occurrence starting exactly at until', () => {
    const occ = expandWeeklyRecurrence(nyGroup({ count: undefined, until: new Date('2026-03-18T22:00:00Z') }));
    expect(local(occ, NY)).toEqual(['2026-03-04 Wed 18:00', '2026-03-11 Wed 18:00', '2026-03-18 Wed 18:00']);
  });

  it('excludes an occurrence starting one millisecond after until', () => {
    const occ = expandWeeklyRecurrence(nyGroup({ count: undefined, until: new Date('2026-03-18T21:59:59.999Z') }));
    expect(occ).toHaveLength(2);
  });

  it('returns only the first occurrence when until equals startsAt', () => {
    const r = nyGroup({ count: undefined, until: new Date('2026-03-04T23:00:00Z') });
    expect(expandWeeklyRecurrence(r)).toHaveLength(1);
  });

  it(`refuses an until that would give more than ${MAX_OCCURRENCES} occurrences instead of truncating`, () => {
    expect(
      errorsOf(
        nyGroup({
          weekdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
          count: undefined,
          until: new Date('2030-01-01T00:00:00Z'),
        }),
      ),
    ).toEqual([{ field: 'recurrence.until', message: 'gives more than 200 occurrences; choose an earlier until' }]);
  });

  it('refuses an until one occurrence past the maximum (201 occurrences)', () => {
    // Daily from Wed 4 March 2026: the 201st occurrence starts Sat 20 September 18:00 EDT.
    const daily = { weekdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as WeeklyRecurrence['weekdays'], count: undefined };
    expect(errorsOf(nyGroup({ ...daily, until: new Date('2026-09-20T22:00:00Z') }))).toEqual([
      { field: 'recurrence.until', message: 'gives more than 200 occurrences; choose an earlier until' },
    ]);
  });

  it('accepts an until that gives exactly the maximum of 200 occurrences', () => {
    const daily = { weekdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as WeeklyRecurrence['weekdays'], count: undefined };
    const occ = expandWeeklyRecurrence(nyGroup({ ...daily, until: new Date('2026-09-20T21:59:59Z') }));
    expect(occ).toHaveLength(MAX_OCCURRENCES);
    expect(local(occ.slice(-1), NY)).toEqual(['2026-09-19 Sat 18:00']);
  });

  it('accepts the maximum count of 200', () => {
    expect(expandWeeklyRecurrence(nyGroup({ count: 200 }))).toHaveLength(200);
  });
});

describe('expandWeeklyRecurrence: invalid input', () => {
  it.each([0, 201, 1.5, -3])('rejects count %p', (count) => {
    expect(errorsOf(nyGroup({ count }))).toEqual([
      { field: 'recurrence.count', message: 'must be an integer from 1 to 200' },
    ]);
  });

  it('rejects giving both count and until', () => {
    expect(errorsOf(nyGroup({ until: new Date('2026-06-01T00:00:00Z') }))).toEqual([
      { field: 'recurrence', message: 'give exactly one of count or until' },
    ]);
  });

  it('rejects giving neither count nor until', () => {
    expect(errorsOf(nyGroup({ count: undefined }))).toEqual([
      { field: 'recurrence', message: 'give exactly one of count or until' },
    ]);
  });

  it('rejects until before startsAt', () => {
    expect(errorsOf(nyGroup({ count: undefined, until: new Date('2026-03-01T00:00:00Z') }))).toEqual([
      { field: 'recurrence.until', message: 'must not be before startsAt' },
    ]);
  });

  it('rejects an invalid until date', () => {
    expect(errorsOf(nyGroup({ count: undefined, until: new Date('nope') }))).toEqual([
      { field: 'recurrence.until', message: 'must be a valid date' },
    ]);
  });

  it('rejects a startsAt that is not on one of the weekdays', () => {
    expect(errorsOf(nyGroup({ weekdays: ['MO', 'FR'] }))).toEqual([
      { field: 'recurrence.weekdays', message: 'must include the weekday of startsAt (WE)' },
    ]);
  });

  it('rejects an empty weekday list', () => {
    expect(errorsOf(nyGroup({ weekdays: [] }))).toEqual([
      { field: 'recurrence.weekdays', message: 'must list at least one weekday' },
    ]);
  });

  it('rejects an unknown weekday code', () => {
    const weekdays = ['WE', 'XX'] as unknown as WeeklyRecurrence['weekdays'];
    expect(errorsOf(nyGroup({ weekdays }))).toEqual([
      { field: 'recurrence.weekdays', message: 'must be among MO, TU, WE, TH, FR, SA, SU' },
    ]);
  });

  it('rejects an unknown time zone', () => {
    expect(errorsOf(nyGroup({ timeZone: 'Mars/Olympus_Mons' }))).toEqual([
      { field: 'timeZone', message: 'must be an IANA time zone' },
    ]);
  });

  it('rejects an end before the start and a session over 12 hours', () => {
    expect(errorsOf(nyGroup({ endsAt: new Date('2026-03-04T22:00:00Z') }))).toEqual([
      { field: 'endsAt', message: 'must be after startsAt' },
    ]);
    expect(errorsOf(nyGroup({ endsAt: new Date('2026-03-05T12:00:00Z') }))).toEqual([
      { field: 'endsAt', message: 'a session may last at most 12 hours' },
    ]);
  });

  it('reports every invalid field at once', () => {
    const err = errorsOf(nyGroup({ count: 0, weekdays: [], timeZone: 'Nowhere' }));
    expect(err.map((e) => e.field)).toEqual(['timeZone', 'recurrence.weekdays', 'recurrence.count']);
  });

  it('throws a RecurrenceError whose message names the fields', () => {
    expect(() => expandWeeklyRecurrence(nyGroup({ count: 0 }))).toThrow(
      /Invalid recurrence: recurrence\.count/,
    );
  });
});
