import { DateTime } from 'luxon';
import { type GroupSchedule, expandSchedule, scheduleErrors } from './group-schedule';

const NY = 'America/New_York';
const weekly = (overrides: Partial<GroupSchedule> = {}): GroupSchedule => ({
  weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2026-01-06', lastDate: null, timeZone: NY, ...overrides,
});
const utc = (iso: string) => new Date(iso);
const local = (d: Date) => DateTime.fromJSDate(d, { zone: NY }).toFormat('yyyy-MM-dd ccc HH:mm');

describe('expandSchedule', () => {
  it('keeps 18:00 local across the spring-forward change (UTC moves from 23:00 to 22:00)', () => {
    const out = expandSchedule(weekly(), utc('2026-03-01T00:00:00Z'), utc('2026-03-18T00:00:00Z'));
    expect(out.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-03-03T23:00:00.000Z', '2026-03-10T22:00:00.000Z', '2026-03-17T22:00:00.000Z',
    ]);
    expect(out.map((o) => local(o.startsAt))).toEqual(['2026-03-03 Tue 18:00', '2026-03-10 Tue 18:00', '2026-03-17 Tue 18:00']);
    expect(out.every((o) => o.endsAt.getTime() - o.startsAt.getTime() === 90 * 60_000)).toBe(true);
  });

  it('keeps 18:00 local across the fall-back change (UTC moves from 22:00 to 23:00)', () => {
    const out = expandSchedule(weekly(), utc('2026-10-27T00:00:00Z'), utc('2026-11-04T00:00:00Z'));
    expect(out.map((o) => o.startsAt.toISOString())).toEqual(['2026-10-27T22:00:00.000Z', '2026-11-03T23:00:00.000Z']);
  });

  it('moves a start inside the spring-forward gap forward by the gap, keeping the end', () => {
    const out = expandSchedule(
      weekly({ weekdays: ['SU'], startTime: '02:30', endTime: '04:00' }), utc('2026-03-08T00:00:00Z'), utc('2026-03-09T00:00:00Z'),
    );
    expect(out.map((o) => [local(o.startsAt), local(o.endsAt)])).toEqual([['2026-03-08 Sun 03:30', '2026-03-08 Sun 04:00']]);
  });

  it('resolves the repeated fall-back hour to one meeting', () => {
    const out = expandSchedule(
      weekly({ weekdays: ['SU'], startTime: '01:30', endTime: '02:30' }), utc('2026-11-01T00:00:00Z'), utc('2026-11-02T00:00:00Z'),
    );
    expect(out).toHaveLength(1);
    expect(out[0]?.endsAt.getTime()).toBeGreaterThan(out[0]?.startsAt.getTime() ?? 0);
  });

  it('respects firstDate and lastDate inclusively and several weekdays in order', () => {
    const out = expandSchedule(
      weekly({ weekdays: ['MO', 'TH'], firstDate: '2026-01-08', lastDate: '2026-01-15' }),
      utc('2026-01-01T00:00:00Z'), utc('2026-02-01T00:00:00Z'),
    );
    expect(out.map((o) => o.date)).toEqual(['2026-01-08', '2026-01-12', '2026-01-15']);
  });

  it('includes a meeting starting exactly at the window start and excludes one starting at its end', () => {
    const start = utc('2026-01-06T23:00:00Z');
    expect(expandSchedule(weekly(), start, utc('2026-01-13T23:00:00Z')).map((o) => o.date)).toEqual(['2026-01-06']);
  });

  it('refuses an invalid schedule', () => {
    expect(() => expandSchedule(weekly({ endTime: '17:00' }), utc('2026-01-01T00:00:00Z'), utc('2026-02-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('scheduleErrors', () => {
  it('names every invalid field', () => {
    expect(scheduleErrors(weekly({ timeZone: 'Mars/Olympus', startTime: '25:00', lastDate: '2025-01-01' }))).toEqual([
      { field: 'timeZone', message: 'must be an IANA time zone' },
      { field: 'schedule.startTime', message: 'must be a time as HH:mm' },
      { field: 'schedule.lastDate', message: 'must not be before firstDate' },
    ]);
  });

  it('needs the end after the start on the same day', () => {
    expect(scheduleErrors(weekly({ startTime: '18:00', endTime: '18:00' }))).toEqual([
      { field: 'schedule.endTime', message: 'must be after startTime (meetings end on the day they start)' },
    ]);
  });
});
