import { MAX_PERIOD_DAYS, reportPeriod, wholeSecond } from './report-period';

describe('reportPeriod', () => {
  it('runs from local midnight of from to local midnight after to', () => {
    const p = reportPeriod('2025-03-01', '2025-03-31', 'America/New_York');
    expect(p).toMatchObject({ start: new Date('2025-03-01T05:00:00Z'), end: new Date('2025-04-01T04:00:00Z') });
  });

  it('covers a single day when from equals to', () => {
    const p = reportPeriod('2025-07-04', '2025-07-04', 'Europe/Berlin');
    expect(p).toMatchObject({ start: new Date('2025-07-03T22:00:00Z'), end: new Date('2025-07-04T22:00:00Z') });
  });

  it('refuses to before from, bad dates and bad zones', () => {
    expect(reportPeriod('2025-03-02', '2025-03-01', 'UTC')).toBe('to must not be before from');
    expect(reportPeriod('2025-02-30', '2025-03-01', 'UTC')).toBe('from and to must be dates as YYYY-MM-DD');
    expect(reportPeriod('2025-03-01', '2025-03-01', 'Mars/Base')).toBe('time zone must be an IANA zone');
  });

  it(`accepts ${MAX_PERIOD_DAYS} days and refuses one more`, () => {
    expect(typeof reportPeriod('2020-01-01', '2030-01-07', 'UTC')).toBe('object');
    expect(reportPeriod('2020-01-01', '2030-01-08', 'UTC')).toBe(`the period must be at most ${MAX_PERIOD_DAYS} days`);
  });
});

describe('wholeSecond', () => {
  it('drops the milliseconds', () => {
    expect(wholeSecond(new Date('2025-01-01T10:00:00.999Z'))).toEqual(new Date('2025-01-01T10:00:00.000Z'));
  });
});
