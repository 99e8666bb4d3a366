import { DateTime } from 'luxon';
import { generateTaperSchedule, MAX_SCHEDULE_DAYS, ScheduledDose, TaperError, TaperScheduleInput } from './taper';

const NY = 'America/New_York';
const BASE: TaperScheduleInput = { startDate: '2026-05-01', timesOfDay: ['08:00', '20:00'], timeZone: NY };
const local = (d: ScheduledDose) => DateTime.fromJSDate(d.scheduledAt, { zone: NY }).toFormat("yyyy-MM-dd'T'HH:mm ZZ");
const dosesByDay = (s: ScheduledDose[]) => {
  const byDay = new Map<number, number>();
  s.forEach((d) => byDay.set(d.day, d.dose));
  return [...byDay.values()];
};
const errorsOf = (input: TaperScheduleInput) => {
  try {
    generateTaperSchedule(input);
  } catch (e) {
    if (e instanceof TaperError) return e.errors;
    throw e;
  }
  throw new Error('expected a TaperError');
};

describe('generateTaperSchedule: fixed dose', () => {
  it('schedules the dose at every time of day from start to end date inclusive', () => {
    const s = generateTaperSchedule({ ...BASE, endDate: '2026-05-02', dose: 10 });
    expect(s.map((d) => [local(d), d.dose, d.day])).toEqual([
      ['2026-05-01T08:00 -04:00', 10, 1],
      ['2026-05-01T20:00 -04:00', 10, 1],
      ['2026-05-02T08:00 -04:00', 10, 2],
      ['2026-05-02T20:00 -04:00', 10, 2],
    ]);
  });

  it('gives UTC instants from the local wall-clock time', () => {
    const [first] = generateTaperSchedule({ ...BASE, endDate: '2026-05-01', dose: 10 });
    expect(first?.scheduledAt).toEqual(new Date('2026-05-01T12:00:00Z'));
  });

  it('orders the times of day however they are listed', () => {
    const s = generateTaperSchedule({ ...BASE, timesOfDay: ['20:00', '08:00'], endDate: '2026-05-01', dose: 5 });
    expect(s.map(local)).toEqual(['2026-05-01T08:00 -04:00', '2026-05-01T20:00 -04:00']);
  });

  it('schedules a single day when end date equals start date', () => {
    expect(generateTaperSchedule({ ...BASE, timesOfDay: ['09:00'], endDate: '2026-05-01', dose: 5 })).toHaveLength(1);
  });
});

describe('generateTaperSchedule: taper', () => {
  const taper = { startDose: 20, stepDown: 5, everyDays: 2, floor: 5 };

  it('steps the dose down every `everyDays` days', () => {
    const s = generateTaperSchedule({ ...BASE, endDate: '2026-05-06', taper });
    expect(dosesByDay(s)).toEqual([20, 20, 15, 15, 10, 10]);
  });

  it('never goes below the floor when the end date is later', () => {
    const s = generateTaperSchedule({ ...BASE, endDate: '2026-05-10', taper });
    expect(dosesByDay(s)).toEqual([20, 20, 15, 15, 10, 10, 5, 5, 5, 5]);
  });

  it('without an end date stops after the first `everyDays` days at the floor', () => {
    const s = generateTaperSchedule({ ...BASE, taper });
    expect(dosesByDay(s)).toEqual([20, 20, 15, 15, 10, 10, 5, 5]);
    expect(s.at(-1)?.day).toBe(8);
    expect(local(s.at(-1) as ScheduledDose)).toBe('2026-05-08T20:00 -04:00');
  });

  it('clamps a step that would overshoot the floor to the floor', () => {
    const s = generateTaperSchedule({ ...BASE, taper: { startDose: 10, stepDown: 4, everyDays: 1, floor: 1 } });
    expect(dosesByDay(s)).toEqual([10, 6, 2, 1]);
  });

  it('ends with the last non-zero step when the floor is 0 (no zero-dose entries)', () => {
    const s = generateTaperSchedule({ ...BASE, taper: { startDose: 30, stepDown: 10, everyDays: 3, floor: 0 } });
    expect(dosesByDay(s)).toEqual([30, 30, 30, 20, 20, 20, 10, 10, 10]);
    const withEnd = generateTaperSchedule({ ...BASE, endDate: '2026-05-20', taper: { startDose: 30, stepDown: 10, everyDays: 3, floor: 0 } });
    expect(withEnd.at(-1)?.day).toBe(9);
  });

  it('keeps decimal doses exact (2.5 mg stepping down by 0.5 mg, and 0.1 steps)', () => {
    const s = generateTaperSchedule({ ...BASE, taper: { startDose: 2.5, stepDown: 0.5, everyDays: 1, floor: 0.5 } });
    expect(dosesByDay(s)).toEqual([2.5, 2, 1.5, 1, 0.5]);
    const tenths = generateTaperSchedule({ ...BASE, taper: { startDose: 0.7, stepDown: 0.1, everyDays: 1, floor: 0.3 } });
    expect(dosesByDay(tenths)).toEqual([0.7, 0.6, 0.5, 0.4, 0.3]);
  });

  it('accepts `dose` equal to the taper start dose', () => {
    expect(generateTaperSchedule({ ...BASE, dose: 20, taper })).toHaveLength(16);
  });

  it('gives one day at the floor when the start dose is the floor', () => {
    expect(dosesByDay(generateTaperSchedule({ ...BASE, taper: { startDose: 5, stepDown: 5, everyDays: 3, floor: 5 } })))
      .toEqual([5, 5, 5]);
  });
});

describe('generateTaperSchedule: daylight saving in America/New_York', () => {
  it('keeps 08:00 and 20:00 at the wall clock across spring-forward (2026-03-08)', () => {
    const s = generateTaperSchedule({ ...BASE, startDate: '2026-03-07', endDate: '2026-03-09', dose: 10 });
    expect(s.map(local)).toEqual([
      '2026-03-07T08:00 -05:00', '2026-03-07T20:00 -05:00',
      '2026-03-08T08:00 -04:00', '2026-03-08T20:00 -04:00',
      '2026-03-09T08:00 -04:00', '2026-03-09T20:00 -04:00',
    ]);
    // 08:00 to 08:00 across the change is 23 real hours
    expect((s[2] as ScheduledDose).scheduledAt.getTime() - (s[0] as ScheduledDose).scheduledAt.getTime()).toBe(23 * 3600 * 1000);
  });

  it('shifts 02:30 on the spring-forward day, which does not exist, to 03:30 EDT', () => {
    const s = generateTaperSchedule({ ...BASE, timesOfDay: ['02:30'], startDate: '2026-03-07', endDate: '2026-03-09', dose: 10 });
    expect(s.map(local)).toEqual(['2026-03-07T02:30 -05:00', '2026-03-08T03:30 -04:00', '2026-03-09T02:30 -04:00']);
    expect(s[1]?.scheduledAt).toEqual(new Date('2026-03-08T07:30:00Z'));
  });

  it('keeps 08:00 at the wall clock across fall-back (2026-11-01), 25 real hours apart', () => {
    const s = generateTaperSchedule({ ...BASE, timesOfDay: ['08:00'], startDate: '2026-10-31', endDate: '2026-11-01', dose: 10 });
    expect(s.map(local)).toEqual(['2026-10-31T08:00 -04:00', '2026-11-01T08:00 -05:00']);
    expect((s[1] as ScheduledDose).scheduledAt.getTime() - (s[0] as ScheduledDose).scheduledAt.getTime()).toBe(25 * 3600 * 1000);
  });

  it('schedules 01:30 once on the fall-back day, at its second occurrence (EST)', () => {
    const s = generateTaperSchedule({ ...BASE, timesOfDay: ['01:30'], startDate: '2026-11-01', endDate: '2026-11-01', dose: 10 });
    expect(s.map(local)).toEqual(['2026-11-01T01:30 -05:00']);
    expect(s[0]?.scheduledAt).toEqual(new Date('2026-11-01T06:30:00Z'));
  });

  it('keeps taper steps by local calendar day across the change', () => {
    const s = generateTaperSchedule({
      ...BASE, timesOfDay: ['08:00'], startDate: '2026-03-07', taper: { startDose: 20, stepDown: 10, everyDays: 1, floor: 10 },
    });
    expect(s.map((d) => [local(d), d.dose])).toEqual([['2026-03-07T08:00 -05:00', 20], ['2026-03-08T08:00 -04:00', 10]]);
  });
});

describe('generateTaperSchedule: limits and invalid input', () => {
  it(`allows ${MAX_SCHEDULE_DAYS} days and refuses ${MAX_SCHEDULE_DAYS + 1}`, () => {
    expect(generateTaperSchedule({ ...BASE, timesOfDay: ['08:00'], startDate: '2026-01-01', endDate: '2027-01-01', dose: 1 }))
      .toHaveLength(366);
    expect(errorsOf({ ...BASE, startDate: '2026-01-01', endDate: '2027-01-02', dose: 1 })).toEqual([
      { field: 'endDate', message: 'schedule must not exceed 366 days' },
    ]);
  });

  it('refuses a taper without end date that would run past 366 days', () => {
    expect(errorsOf({ ...BASE, taper: { startDose: 100, stepDown: 1, everyDays: 7, floor: 1 } })).toEqual([
      { field: 'taper', message: 'schedule must not exceed 366 days' },
    ]);
  });

  it('refuses an end date before the start date', () => {
    expect(errorsOf({ ...BASE, endDate: '2026-04-30', dose: 1 })).toEqual([
      { field: 'endDate', message: 'must not be before startDate' },
    ]);
  });

  it('refuses malformed or impossible dates', () => {
    expect(errorsOf({ ...BASE, startDate: '2026-02-30', endDate: '5/1/2026', dose: 1 }).map((e) => e.field))
      .toEqual(['startDate', 'endDate']);
  });

  it('refuses an unknown time zone', () => {
    expect(errorsOf({ ...BASE, timeZone: 'Mars/Olympus', endDate: '2026-05-02', dose: 1 })).toEqual([
      { field: 'timeZone', message: 'must be an IANA time zone' },
    ]);
  });

  it('refuses missing, malformed and duplicate times of day', () => {
    expect(errorsOf({ ...BASE, timesOfDay: [], endDate: '2026-05-02', dose: 1 })).toEqual([
      { field: 'timesOfDay', message: 'must list at least one time' },
    ]);
    expect(errorsOf({ ...BASE, timesOfDay: ['8:00', '24:00', '08:00', '08:00'], endDate: '2026-05-02', dose: 1 })).toEqual([
      { field: 'timesOfDay[0]', message: 'must be a time HH:MM' },
      { field: 'timesOfDay[1]', message: 'must be a time HH:MM' },
      { field: 'timesOfDay[3]', message: 'is listed twice' },
    ]);
  });

  it('requires a positive dose and an end date without a taper', () => {
    expect(errorsOf({ ...BASE, dose: 0 })).toEqual([
      { field: 'dose', message: 'must be a number above 0' },
      { field: 'endDate', message: 'is required without a taper' },
    ]);
  });

  it('refuses impossible taper steps', () => {
    expect(errorsOf({ ...BASE, taper: { startDose: 0, stepDown: -1, everyDays: 1.5, floor: -1 } }).map((e) => e.field))
      .toEqual(['taper.startDose', 'taper.stepDown', 'taper.everyDays', 'taper.floor']);
    expect(errorsOf({ ...BASE, taper: { startDose: 10, stepDown: 1, everyDays: 1, floor: 11 } })).toEqual([
      { field: 'taper.floor', message: 'must be a number from 0 to startDose' },
    ]);
  });

  it('refuses a dose that contradicts the taper start dose', () => {
    expect(errorsOf({ ...BASE, dose: 15, taper: { startDose: 20, stepDown: 5, everyDays: 1, floor: 5 } })).toEqual([
      { field: 'dose', message: 'must be omitted or equal taper.startDose' },
    ]);
  });

  it('throws a TaperError whose message names the fields', () => {
    expect(() => generateTaperSchedule({ ...BASE, dose: 1 })).toThrow(/endDate is required without a taper/);
  });
});
