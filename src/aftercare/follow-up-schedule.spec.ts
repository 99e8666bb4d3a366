import { addDays, DEFAULT_SCHEDULE_RULE, daysBetween, followUpsToCreate, programDate, type ScheduleInput } from './follow-up-schedule';

const input = (overrides: Partial<ScheduleInput> = {}): ScheduleInput => ({
  startDate: '2026-01-31',
  rule: DEFAULT_SCHEDULE_RULE,
  optedOut: false,
  resumeFrom: '2026-01-31',
  until: '2027-01-31',
  existingOffsets: new Set(),
  ...overrides,
});

describe('follow-up schedule', () => {
  it('schedules 7, 30, 60, 90, 180 and 365 days after the start, across month ends', () => {
    expect(followUpsToCreate(input())).toEqual([
      { offsetDays: 7, dueDate: '2026-02-07' },
      { offsetDays: 30, dueDate: '2026-03-02' },
      { offsetDays: 60, dueDate: '2026-04-01' },
      { offsetDays: 90, dueDate: '2026-05-01' },
      { offsetDays: 180, dueDate: '2026-07-30' },
      { offsetDays: 365, dueDate: '2027-01-31' },
    ]);
  });

  it('continues every 90 days after the last listed offset, up to the horizon inclusive', () => {
    const created = followUpsToCreate(input({ until: '2027-05-01', existingOffsets: new Set([7, 30, 60, 90, 180, 365]) }));
    expect(created).toEqual([{ offsetDays: 455, dueDate: '2027-05-01' }]);
    expect(followUpsToCreate(input({ until: '2027-04-30', existingOffsets: new Set([7, 30, 60, 90, 180, 365]) }))).toEqual([]);
  });

  it('follows a changed rule (offsets and interval are settings)', () => {
    const rule = { offsetsDays: [14], thenEveryDays: 30 };
    expect(followUpsToCreate(input({ rule, until: '2026-04-15' })).map((f) => f.offsetDays)).toEqual([14, 44, 74]);
  });

  it('does not recreate a follow-up whose offset exists (moved or cancelled ones stay as they are)', () => {
    expect(followUpsToCreate(input({ existingOffsets: new Set([7, 30, 60, 90, 180]) }))).toEqual([
      { offsetDays: 365, dueDate: '2027-01-31' },
    ]);
  });

  it('counts the leap day: 365 days after 2027-03-01 is 2028-02-29, after 2028-02-29 is 2029-02-28', () => {
    expect(addDays('2027-03-01', 365)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 365)).toBe('2029-02-28');
    expect(addDays('2028-02-22', 7)).toBe('2028-02-29');
    expect(addDays('2026-02-22', 7)).toBe('2026-03-01');
  });

  it('schedules nothing after an opt-out', () => {
    expect(followUpsToCreate(input({ optedOut: true }))).toEqual([]);
  });

  it('after opting back in, schedules only follow-ups due on or after the opt-in date', () => {
    const created = followUpsToCreate(input({ resumeFrom: '2026-04-02', existingOffsets: new Set([7, 30]) }));
    expect(created.map((f) => f.dueDate)).toEqual(['2026-05-01', '2026-07-30', '2027-01-31']);
  });

  it('schedules nothing when the horizon is before the first offset', () => {
    expect(followUpsToCreate(input({ until: '2026-02-06' }))).toEqual([]);
    expect(followUpsToCreate(input({ until: '2026-02-07' })).map((f) => f.offsetDays)).toEqual([7]);
  });

  it('counts calendar days across the DST changes without drift', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
    expect(daysBetween('2026-03-09', '2026-03-07')).toBe(-2);
    expect(addDays('2026-03-01', 7)).toBe('2026-03-08');
  });

  describe('the date of an instant in the program zone', () => {
    const zone = 'America/New_York';
    it.each([
      ['2026-01-15T04:59:00Z', '2026-01-14'], // 23:59 EST the day before
      ['2026-01-15T05:00:00Z', '2026-01-15'], // midnight EST
      ['2026-03-08T04:59:00Z', '2026-03-07'], // 23:59 EST before spring forward
      ['2026-03-08T07:30:00Z', '2026-03-08'], // 03:30 EDT, just after the gap
      ['2026-07-01T03:59:00Z', '2026-06-30'], // 23:59 EDT
      ['2026-07-01T04:00:00Z', '2026-07-01'], // midnight EDT
      ['2026-11-01T05:30:00Z', '2026-11-01'], // 01:30 EST, the repeated hour
      ['2028-03-01T04:59:00Z', '2028-02-29'], // leap day, 23:59 EST
    ])('%s is %s in New York', (instant, expected) => {
      expect(programDate(new Date(instant), zone)).toBe(expected);
    });

    it('is the zone’s date, not UTC’s', () => {
      expect(programDate(new Date('2026-06-30T23:30:00Z'), 'Pacific/Auckland')).toBe('2026-07-01');
    });
  });
});
