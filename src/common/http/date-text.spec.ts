import {
  calendarDateProblem,
  FILTER_INSTANTS,
  instantProblem,
  isRealCalendarDate,
  latestTodayOnEarth,
  parseInstant,
  RECORDED_INSTANTS,
} from './date-text';

describe('parseInstant', () => {
  it('reads a date-time with Z or an offset, with or without seconds and fraction', () => {
    expect(parseInstant('2026-03-01T08:00:00Z')?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(parseInstant('2026-03-01T08:00-05:00')?.toISOString()).toBe('2026-03-01T13:00:00.000Z');
    expect(parseInstant('2026-03-01T08:00:00.5+05:30')?.toISOString()).toBe('2026-03-01T02:30:00.500Z');
    expect(parseInstant('2026-03-01T08:00:00.123456Z')?.toISOString()).toBe('2026-03-01T08:00:00.123Z');
    expect(parseInstant('2024-02-29T23:59:59+14:00')?.toISOString()).toBe('2024-02-29T09:59:59.000Z');
    expect(parseInstant('2000-02-29T00:00:00-12:00')?.toISOString()).toBe('2000-02-29T12:00:00.000Z');
  });

  it('keeps years below 100 as they are (no 19xx shift)', () => {
    expect(parseInstant('0050-06-01T00:00:00Z')?.getUTCFullYear()).toBe(50);
  });

  it.each([
    '2025-02-29T10:00:00Z', '1900-02-29T10:00:00Z', '2025-04-31T10:00:00Z', '2025-13-01T10:00:00Z', '2025-00-10T10:00:00Z',
    '2025-01-00T10:00:00Z', '2025-03-01T24:00:00Z', '2025-03-01T10:60:00Z', '2025-03-01T10:00:60Z',
    '2025-03-01T10:00:00+14:01', '2025-03-01T10:00:00-23:59', '2025-03-01T10:00:00+05:60',
    '2025-03-01T10:00:00', '2025-03-01', '2025-03-01 10:00:00Z', '2025-3-1T10:00:00Z', '+002025-03-01T10:00:00Z',
    '2025-03-01T10:00:00.1234567Z', '', 'now',
  ])('refuses %j instead of rolling it over', (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 0, 1_700_000_000_000, new Date(), {}]) expect(parseInstant(value)).toBeNull();
  });
});

describe('instantProblem', () => {
  it('holds recorded instants to 1900-01-01 .. 2100-12-31 (UTC)', () => {
    expect(instantProblem('1900-01-01T00:00:00Z', RECORDED_INSTANTS)).toBeNull();
    expect(instantProblem('2100-12-31T23:59:59.999Z', RECORDED_INSTANTS)).toBeNull();
    expect(instantProblem('1899-12-31T23:59:59.999Z', RECORDED_INSTANTS)).toBe('range');
    expect(instantProblem('1900-01-01T00:00:00+01:00', RECORDED_INSTANTS)).toBe('range');
    expect(instantProblem('2101-01-01T00:00:00Z', RECORDED_INSTANTS)).toBe('range');
    expect(instantProblem('0001-01-01T00:00:00Z', RECORDED_INSTANTS)).toBe('range');
    expect(instantProblem('9999-12-31T23:59:59Z', RECORDED_INSTANTS)).toBe('range');
  });

  it('lets a filter reach any four-digit UTC year, and no further', () => {
    expect(instantProblem('0001-01-01T00:00:00Z', FILTER_INSTANTS)).toBeNull();
    expect(instantProblem('9999-12-31T23:59:59.999Z', FILTER_INSTANTS)).toBeNull();
    expect(instantProblem('2101-01-01T00:00:00Z', FILTER_INSTANTS)).toBeNull();
    expect(instantProblem('0001-01-01T00:00:00+00:01', FILTER_INSTANTS)).toBe('range');
    expect(instantProblem('9999-12-31T23:59:59-00:01', FILTER_INSTANTS)).toBe('range');
  });

  it('reports a malformed or impossible instant as a format problem whatever the range', () => {
    expect(instantProblem('2025-02-29T10:00:00Z', FILTER_INSTANTS)).toBe('format');
    expect(instantProblem('9999-02-29T10:00:00Z', RECORDED_INSTANTS)).toBe('format');
  });
});

describe('calendar dates', () => {
  it('knows which days exist', () => {
    expect(isRealCalendarDate('2024-02-29')).toBe(true);
    expect(isRealCalendarDate('2000-02-29')).toBe(true);
    expect(isRealCalendarDate('2025-12-31')).toBe(true);
    for (const text of ['2025-02-29', '1900-02-29', '2025-13-01', '2025-00-01', '2025-04-31', '2025-01-00', '2025-1-01', '20250101', 20250101]) {
      expect(isRealCalendarDate(text)).toBe(false);
    }
  });

  it('holds dates to 1900-01-01 .. 2100-12-31', () => {
    expect(calendarDateProblem('1900-01-01')).toBeNull();
    expect(calendarDateProblem('2100-12-31')).toBeNull();
    expect(calendarDateProblem('1899-12-31')).toBe('range');
    expect(calendarDateProblem('2101-01-01')).toBe('range');
    expect(calendarDateProblem('0001-01-01')).toBe('range');
    expect(calendarDateProblem('9999-12-31')).toBe('range');
    expect(calendarDateProblem('2025-02-29')).toBe('format');
  });

  it('takes today where it is latest (UTC+14) as the last day not in the future', () => {
    expect(latestTodayOnEarth(new Date('2026-03-01T09:59:59Z'))).toBe('2026-03-01');
    expect(latestTodayOnEarth(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-02');
  });
});
