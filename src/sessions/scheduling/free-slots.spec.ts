import { DateTime } from 'luxon';
import { FreeSlotQuery, WorkingHours, findFreeSlots } from './free-slots';

const NY = 'America/New_York';
const weekdaysNineToFive: WorkingHours = {
  timeZone: NY,
  days: ['MO', 'TU', 'WE', 'TH', 'FR'],
  start: '09:00',
  end: '17:00',
};

/** A New York local time as a Date; Monday 4 May 2026 is EDT (UTC-4). */
const ny = (iso: string): Date => DateTime.fromISO(iso, { zone: NY }).toJSDate();
const busy = (from: string, to: string) => ({ startsAt: ny(from), endsAt: ny(to) });
const show = (slots: { startsAt: Date; endsAt: Date }[], zone = NY): string[] =>
  slots.map((s) => {
    const a = DateTime.fromJSDate(s.startsAt, { zone });
    const b = DateTime.fromJSDate(s.endsAt, { zone });
    return `${a.toFormat('ccc dd HH:mm')}-${b.toFormat('HH:mm')}`;
  });

const query = (over: Partial<FreeSlotQuery> = {}): FreeSlotQuery => ({
  from: ny('2026-05-04T00:00'),
  to: ny('2026-05-16T00:00'),
  durationMinutes: 60,
  busy: [],
  workingHours: weekdaysNineToFive,
  now: ny('2026-05-01T12:00'),
  limit: 3,
  ...over,
});

describe('findFreeSlots', () => {
  it('proposes the earliest slots at 15-minute steps from opening time', () => {
    expect(show(findFreeSlots(query()))).toEqual(['Mon 04 09:00-10:00', 'Mon 04 09:15-10:15', 'Mon 04 09:30-10:30']);
  });

  it('returns instants in UTC that match the program-zone wall clock', () => {
    const [first] = findFreeSlots(query({ limit: 1 }));
    expect(first?.startsAt.toISOString()).toBe('2026-05-04T13:00:00.000Z');
    expect(first?.endsAt.toISOString()).toBe('2026-05-04T14:00:00.000Z');
  });

  it('skips every start that would overlap a busy block', () => {
    const slots = findFreeSlots(query({ busy: [busy('2026-05-04T09:00', '2026-05-04T10:30')], limit: 1 }));
    expect(show(slots)).toEqual(['Mon 04 10:30-11:30']);
  });

  it('fits a session exactly into a gap between back-to-back busy blocks', () => {
    const slots = findFreeSlots(
      query({
        busy: [busy('2026-05-04T09:00', '2026-05-04T10:00'), busy('2026-05-04T11:00', '2026-05-04T16:00')],
        limit: 2,
      }),
    );
    expect(show(slots)).toEqual(['Mon 04 10:00-11:00', 'Mon 04 16:00-17:00']);
  });

  it('treats busy time of clinicians and room as one union', () => {
    const clinician = busy('2026-05-04T09:00', '2026-05-04T10:00');
    const room = busy('2026-05-04T10:00', '2026-05-04T11:00');
    const coClinician = busy('2026-05-04T11:15', '2026-05-04T12:00');
    const slots = findFreeSlots(query({ busy: [room, coClinician, clinician], limit: 1, durationMinutes: 45 }));
    expect(show(slots)).toEqual(['Mon 04 12:00-12:45']);
  });

  it('offers a last slot that ends exactly at closing time', () => {
    const slots = findFreeSlots(query({ busy: [busy('2026-05-04T09:00', '2026-05-04T16:00')], limit: 2 }));
    expect(show(slots)).toEqual(['Mon 04 16:00-17:00', 'Tue 05 09:00-10:00']);
  });

  it('never offers a slot that runs past closing time', () => {
    const slots = findFreeSlots(
      query({ busy: [busy('2026-05-04T09:00', '2026-05-04T15:45')], durationMinutes: 90, limit: 1 }),
    );
    expect(show(slots)).toEqual(['Tue 05 09:00-10:30']);
  });

  it('excludes weekends and continues on Monday', () => {
    const slots = findFreeSlots(query({ from: ny('2026-05-08T16:30'), limit: 1 }));
    expect(show(slots)).toEqual(['Mon 11 09:00-10:00']);
  });

  it('skips a busy block that spans several days', () => {
    const slots = findFreeSlots(query({ busy: [busy('2026-05-04T08:00', '2026-05-06T12:00')], limit: 1 }));
    expect(show(slots)).toEqual(['Wed 06 12:00-13:00']);
  });

  it('never proposes a slot before now, rounding up to the next step', () => {
    const slots = findFreeSlots(query({ now: ny('2026-05-04T09:07'), limit: 2 }));
    expect(show(slots)).toEqual(['Mon 04 09:15-10:15', 'Mon 04 09:30-10:30']);
  });

  it('defaults now to the current time', () => {
    jest.useFakeTimers({ now: ny('2026-05-05T16:10') });
    try {
      const slots = findFreeSlots(query({ now: undefined, durationMinutes: 30, limit: 2 }));
      expect(show(slots)).toEqual(['Tue 05 16:15-16:45', 'Tue 05 16:30-17:00']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('never proposes a slot before from, rounding up to the next step', () => {
    const slots = findFreeSlots(query({ from: ny('2026-05-04T13:50'), limit: 1 }));
    expect(show(slots)).toEqual(['Mon 04 14:00-15:00']);
  });

  it('keeps slots aligned to the step in local time', () => {
    const slots = findFreeSlots(query({ stepMinutes: 30, durationMinutes: 50, limit: 3 }));
    expect(show(slots)).toEqual(['Mon 04 09:00-09:50', 'Mon 04 09:30-10:20', 'Mon 04 10:00-10:50']);
  });

  it('aligns to the step from local midnight when opening time is off-step', () => {
    const hours = { ...weekdaysNineToFive, start: '08:50' };
    const slots = findFreeSlots(query({ workingHours: hours, limit: 1 }));
    expect(show(slots)).toEqual(['Mon 04 09:00-10:00']);
  });

  it('only proposes slots that end by to', () => {
    const slots = findFreeSlots(query({ to: ny('2026-05-04T11:00'), limit: 10 }));
    expect(show(slots)).toEqual([
      'Mon 04 09:00-10:00',
      'Mon 04 09:15-10:15',
      'Mon 04 09:30-10:30',
      'Mon 04 09:45-10:45',
      'Mon 04 10:00-11:00',
    ]);
  });

  it('returns nothing when the range is fully booked', () => {
    const slots = findFreeSlots(
      query({ to: ny('2026-05-05T00:00'), busy: [busy('2026-05-04T09:00', '2026-05-04T17:00')] }),
    );
    expect(slots).toEqual([]);
  });

  it('returns at most 10 slots by default', () => {
    expect(findFreeSlots(query({ limit: undefined }))).toHaveLength(10);
  });

  it('returns at most limit slots', () => {
    expect(findFreeSlots(query({ limit: 1 }))).toHaveLength(1);
  });

  it('follows the local clock after the March DST change (09:00 is 14:00Z on Friday, 13:00Z on Monday)', () => {
    const friday = findFreeSlots(query({ from: ny('2026-03-06T00:00'), now: ny('2026-03-01T00:00'), limit: 1 }));
    const monday = findFreeSlots(query({ from: ny('2026-03-09T00:00'), now: ny('2026-03-01T00:00'), limit: 1 }));
    expect(friday[0]?.startsAt.toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(monday[0]?.startsAt.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('skips wall-clock starts that do not exist on the spring-forward day', () => {
    const night: WorkingHours = { timeZone: NY, days: ['SU'], start: '00:00', end: '05:00' };
    const slots = findFreeSlots(
      query({ from: ny('2026-03-08T00:00'), to: ny('2026-03-09T00:00'), now: ny('2026-03-01T00:00'), workingHours: night, stepMinutes: 60, limit: 10 }),
    );
    expect(show(slots)).toEqual(['Sun 08 00:00-01:00', 'Sun 08 01:00-03:00', 'Sun 08 03:00-04:00', 'Sun 08 04:00-05:00']);
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T08:00:00.000Z',
    ]);
  });

  it('uses the program zone, not the server zone, for working hours', () => {
    const london: WorkingHours = { ...weekdaysNineToFive, timeZone: 'Europe/London' };
    const [first] = findFreeSlots(query({ workingHours: london, from: new Date('2026-05-04T00:00:00Z'), limit: 1 }));
    expect(first?.startsAt.toISOString()).toBe('2026-05-04T08:00:00.000Z');
  });

  it.each<[string, Partial<FreeSlotQuery>, RegExp]>([
    ['a zero duration', { durationMinutes: 0 }, /durationMinutes/],
    ['a fractional duration', { durationMinutes: 7.5 }, /durationMinutes/],
    ['a zero step', { stepMinutes: 0 }, /stepMinutes/],
    ['a zero limit', { limit: 0 }, /limit/],
    ['a malformed opening time', { workingHours: { ...weekdaysNineToFive, start: '9am' } }, /workingHours.start/],
    ['closing before opening', { workingHours: { ...weekdaysNineToFive, end: '08:00' } }, /workingHours.end/],
    ['an unknown time zone', { workingHours: { ...weekdaysNineToFive, timeZone: 'Nowhere' } }, /timeZone/],
    [
      'an unknown weekday',
      { workingHours: { ...weekdaysNineToFive, days: ['XX'] as unknown as WorkingHours['days'] } },
      /days/,
    ],
  ])('rejects %s', (_name, over, message) => {
    expect(() => findFreeSlots(query(over))).toThrow(message);
  });
});
