import { DateTime } from 'luxon';
import { DEFAULT_REASSESSMENT_INTERVALS, isOverdue, nextDueAt, reassessmentInterval } from './reassessment';

const at = new Date('2026-05-10T08:00:00Z');
const minutesAfter = (d: Date) => (d.getTime() - at.getTime()) / 60_000;

describe('reassessment intervals', () => {
  it.each([
    ['severe', 60], ['moderate', 240], ['minimal', 480],
  ])('reassesses CIWA-Ar %s after %d minutes', (band, minutes) => {
    expect(minutesAfter(nextDueAt('CIWA-Ar', band, at))).toBe(minutes);
  });

  it.each([
    ['severe', 240], ['moderately_severe', 240], ['moderate', 240], ['mild', 480], ['none', 720],
  ])('reassesses COWS %s after %d minutes', (band, minutes) => {
    expect(minutesAfter(nextDueAt('COWS', band, at))).toBe(minutes);
  });

  it('uses changed intervals from the settings', () => {
    const intervals = { ...DEFAULT_REASSESSMENT_INTERVALS, 'CIWA-Ar': { severe: 30, moderate: 120, minimal: 360 } };
    expect(minutesAfter(nextDueAt('CIWA-Ar', 'severe', at, intervals))).toBe(30);
  });

  it('never waits longer than the default, even for a longer interval stored before the limit was enforced', () => {
    const intervals = { ...DEFAULT_REASSESSMENT_INTERVALS, 'CIWA-Ar': { severe: 1440, moderate: 120, minimal: 1440 } };
    expect(minutesAfter(nextDueAt('CIWA-Ar', 'severe', at, intervals))).toBe(60);
    expect(minutesAfter(nextDueAt('CIWA-Ar', 'minimal', at, intervals))).toBe(480);
    expect(minutesAfter(nextDueAt('CIWA-Ar', 'moderate', at, intervals))).toBe(120);
  });

  it('counts real elapsed time across a DST change (8 h after 22:00 EST on 2026-03-07 is 07:00 EDT)', () => {
    const evening = DateTime.fromISO('2026-03-07T22:00', { zone: 'America/New_York' }).toJSDate();
    const due = nextDueAt('CIWA-Ar', 'minimal', evening);
    expect(DateTime.fromJSDate(due, { zone: 'America/New_York' }).toFormat('yyyy-MM-dd HH:mm ZZ')).toBe('2026-03-08 07:00 -04:00');
  });

  it('refuses a band the scale does not have', () => {
    expect(() => nextDueAt('CIWA-Ar', 'mild', at)).toThrow(/CIWA-Ar band mild/);
    expect(() => nextDueAt('COWS', 'minimal', at)).toThrow(RangeError);
    expect(() => reassessmentInterval('COWS', 'toString')).toThrow(RangeError);
  });

  it('refuses a non-positive interval in the settings', () => {
    const intervals = { ...DEFAULT_REASSESSMENT_INTERVALS, COWS: { ...DEFAULT_REASSESSMENT_INTERVALS.COWS, mild: 0 } };
    expect(() => reassessmentInterval('COWS', 'mild', intervals)).toThrow(RangeError);
  });

  it('cannot be changed in place', () => {
    expect(Object.isFrozen(DEFAULT_REASSESSMENT_INTERVALS['CIWA-Ar'])).toBe(true);
  });
});

describe('isOverdue', () => {
  const due = new Date('2026-05-10T09:00:00Z');
  const plusMinutes = (m: number) => new Date(due.getTime() + m * 60_000);

  it('is not overdue before or exactly at the due time', () => {
    expect(isOverdue(due, plusMinutes(-1))).toBe(false);
    expect(isOverdue(due, due)).toBe(false);
  });

  it('is overdue one millisecond after the due time without grace', () => {
    expect(isOverdue(due, new Date(due.getTime() + 1))).toBe(true);
  });

  it('is not overdue until the grace period has passed', () => {
    expect(isOverdue(due, plusMinutes(15), 15)).toBe(false);
    expect(isOverdue(due, plusMinutes(16), 15)).toBe(true);
  });

  it('refuses a negative grace period', () => {
    expect(() => isOverdue(due, due, -5)).toThrow(RangeError);
  });
});

describe('nextDueAt during opioid induction', () => {
  const at = new Date('2026-03-02T08:00:00Z');
  it('waits no longer than the moderate interval (4 h) for any COWS band in induction', () => {
    expect(nextDueAt('COWS', 'mild', at, DEFAULT_REASSESSMENT_INTERVALS, true).toISOString()).toBe('2026-03-02T12:00:00.000Z');
    expect(nextDueAt('COWS', 'none', at, DEFAULT_REASSESSMENT_INTERVALS, true).toISOString()).toBe('2026-03-02T12:00:00.000Z');
    expect(nextDueAt('COWS', 'mild', at).toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it('leaves CIWA-Ar alone', () => {
    expect(nextDueAt('CIWA-Ar', 'minimal', at, DEFAULT_REASSESSMENT_INTERVALS, true).toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });
});
