import { DateTime } from 'luxon';
import { AttendanceStatus, IopSession, IopWeekQuery, iopTargetHours, iopWeeks } from './iop-weeks';

const NY = 'America/New_York';
const ny = (iso: string): Date => DateTime.fromISO(iso, { zone: NY }).toJSDate();

/** A session starting at a New York local time, lasting `minutes`. */
function session(
  localStart: string,
  minutes: number,
  status?: AttendanceStatus,
  minutesAttended?: number,
): IopSession {
  const startsAt = ny(localStart);
  return {
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * 60_000),
    ...(status ? { attendance: { status, ...(minutesAttended !== undefined ? { minutesAttended } : {}) } } : {}),
  };
}

/** Two weeks, Monday 2 March to Sunday 15 March 2026 (DST starts Sunday 8 March). */
const query = (sessions: IopSession[], over: Partial<IopWeekQuery> = {}): IopWeekQuery => ({
  from: ny('2026-03-02T00:00'),
  to: ny('2026-03-16T00:00'),
  timeZone: NY,
  sessions,
  ...over,
});

const firstWeek = (sessions: IopSession[], over: Partial<IopWeekQuery> = {}) => {
  const [week] = iopWeeks(query(sessions, over));
  if (!week) throw new Error('expected a week');
  return week;
};

describe('iopWeeks', () => {
  it('meets the 9-hour target with three attended 3-hour sessions', () => {
    const week = firstWeek([
      session('2026-03-02T09:00', 180, 'attended'),
      session('2026-03-04T09:00', 180, 'attended'),
      session('2026-03-06T09:00', 180, 'attended'),
    ]);
    expect(week).toEqual({
      weekStart: '2026-03-02',
      weekEnd: '2026-03-08',
      scheduledHours: 9,
      attendedHours: 9,
      targetHours: 9,
      metTarget: true,
    });
  });

  it('misses the target at 8.5 attended hours', () => {
    const week = firstWeek([
      session('2026-03-02T09:00', 180, 'attended'),
      session('2026-03-04T09:00', 180, 'attended'),
      session('2026-03-06T09:00', 150, 'attended'),
    ]);
    expect(week).toMatchObject({ attendedHours: 8.5, metTarget: false });
  });

  it('misses the target when 9 hours are scheduled but fewer are attended', () => {
    const week = firstWeek([
      session('2026-03-02T09:00', 180, 'attended'),
      session('2026-03-04T09:00', 180, 'late', 170),
      session('2026-03-06T09:00', 180, 'attended'),
    ]);
    expect(week).toMatchObject({ scheduledHours: 9, attendedHours: 8.83, metTarget: false });
  });

  it('honours a target per week', () => {
    const sessions = [session('2026-03-02T09:00', 360, 'attended')];
    expect(firstWeek(sessions, { targetHoursFor: () => 6 })).toMatchObject({ targetHours: 6, metTarget: true });
    expect(firstWeek(sessions, { targetHoursFor: () => 6.5 }).metTarget).toBe(false);
  });

  it('sets adolescents (under 18) 6 hours a week and adults 9 (ASAM level 2.1)', () => {
    const targets = { adultWeeklyHours: 9, adolescentWeeklyHours: 6 };
    expect(iopTargetHours(17, targets)).toBe(6);
    expect(iopTargetHours(18, targets)).toBe(9);
  });

  it('counts minutesAttended for a late arrival', () => {
    expect(firstWeek([session('2026-03-02T09:00', 180, 'late', 150)])).toMatchObject({
      scheduledHours: 3,
      attendedHours: 2.5,
    });
  });

  it('counts minutesAttended for leaving early', () => {
    expect(firstWeek([session('2026-03-02T09:00', 180, 'left_early', 45)]).attendedHours).toBe(0.75);
  });

  it('counts minutesAttended over the full duration when given for attended', () => {
    expect(firstWeek([session('2026-03-02T09:00', 180, 'attended', 170)]).attendedHours).toBe(2.83);
  });

  it('counts late or left early without minutes as 0 attended hours', () => {
    const week = firstWeek([session('2026-03-02T09:00', 180, 'late'), session('2026-03-03T09:00', 180, 'left_early')]);
    expect(week).toMatchObject({ scheduledHours: 6, attendedHours: 0 });
  });

  it('clamps minutesAttended to the scheduled duration and to zero', () => {
    const week = firstWeek([session('2026-03-02T09:00', 60, 'late', 90), session('2026-03-03T09:00', 60, 'late', -10)]);
    expect(week.attendedHours).toBe(1);
  });

  it('keeps a no-show in scheduled hours with 0 attended', () => {
    expect(firstWeek([session('2026-03-02T09:00', 180, 'no_show', 60)])).toMatchObject({
      scheduledHours: 3,
      attendedHours: 0,
    });
  });

  it('excludes cancelled sessions from scheduled hours', () => {
    const week = firstWeek([session('2026-03-02T09:00', 180, 'attended'), session('2026-03-03T09:00', 180, 'cancelled', 60)]);
    expect(week).toMatchObject({ scheduledHours: 3, attendedHours: 3 });
  });

  it('schedules sessions with no attendance recorded yet but counts 0 attended', () => {
    expect(firstWeek([session('2026-03-02T09:00', 120)])).toMatchObject({ scheduledHours: 2, attendedHours: 0 });
  });

  it('puts a late Sunday-evening session in the week of its local start, not its UTC date', () => {
    // Sunday 8 March 22:00 New York is Monday 9 March 02:00 UTC.
    const weeks = iopWeeks(query([session('2026-03-08T22:00', 120, 'attended')]));
    expect(weeks.map((w) => w.attendedHours)).toEqual([2, 0]);
  });

  it('puts an early Monday session in the new week', () => {
    const weeks = iopWeeks(query([session('2026-03-09T00:00', 60, 'attended')]));
    expect(weeks.map((w) => w.attendedHours)).toEqual([0, 1]);
  });

  it('lists every week overlapping the range, empty ones included', () => {
    const weeks = iopWeeks(
      query([session('2026-03-10T09:00', 180, 'attended')], { to: ny('2026-03-23T00:00') }),
    );
    expect(weeks).toEqual([
      { weekStart: '2026-03-02', weekEnd: '2026-03-08', scheduledHours: 0, attendedHours: 0, targetHours: 9, metTarget: false },
      { weekStart: '2026-03-09', weekEnd: '2026-03-15', scheduledHours: 3, attendedHours: 3, targetHours: 9, metTarget: false },
      { weekStart: '2026-03-16', weekEnd: '2026-03-22', scheduledHours: 0, attendedHours: 0, targetHours: 9, metTarget: false },
    ]);
  });

  it('widens a mid-week range to whole Monday-to-Sunday weeks and counts all their sessions', () => {
    const weeks = iopWeeks(
      query([session('2026-03-02T09:00', 60, 'attended'), session('2026-03-14T09:00', 60, 'attended')], {
        from: ny('2026-03-04T12:00'),
        to: ny('2026-03-11T12:00'),
      }),
    );
    expect(weeks.map((w) => [w.weekStart, w.weekEnd, w.attendedHours])).toEqual([
      ['2026-03-02', '2026-03-08', 1],
      ['2026-03-09', '2026-03-15', 1],
    ]);
  });

  it('treats to as exclusive: a range ending at Monday 00:00 does not include that week', () => {
    expect(iopWeeks(query([])).map((w) => w.weekStart)).toEqual(['2026-03-02', '2026-03-09']);
  });

  it('includes the single week of a one-minute range', () => {
    const weeks = iopWeeks(query([], { from: ny('2026-03-08T23:58'), to: ny('2026-03-08T23:59') }));
    expect(weeks.map((w) => w.weekStart)).toEqual(['2026-03-02']);
  });

  it('ignores sessions outside the listed weeks', () => {
    const weeks = iopWeeks(query([session('2026-02-27T09:00', 180, 'attended'), session('2026-03-16T09:00', 180, 'attended')]));
    expect(weeks.map((w) => w.scheduledHours)).toEqual([0, 0]);
  });

  it('rounds hours to 2 decimals without floating-point drift', () => {
    const twenty = ['2026-03-02T09:00', '2026-03-03T09:00', '2026-03-04T09:00'].map((t) => session(t, 20, 'attended'));
    expect(firstWeek(twenty.slice(0, 1)).attendedHours).toBe(0.33);
    expect(firstWeek(twenty.slice(0, 2)).attendedHours).toBe(0.67);
    expect(firstWeek(twenty).attendedHours).toBe(1);
  });

  it('uses local Mondays in the program zone (Europe/London in BST)', () => {
    // Sunday 29 March 23:30 BST is still Sunday locally but 22:30 UTC.
    const startsAt = new Date('2026-03-29T22:30:00Z');
    const weeks = iopWeeks({
      from: new Date('2026-03-23T00:00:00Z'),
      to: new Date('2026-04-05T23:00:00Z'), // Monday 6 April 00:00 BST
      timeZone: 'Europe/London',
      sessions: [{ startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), attendance: { status: 'attended' } }],
    });
    expect(weeks.map((w) => [w.weekStart, w.attendedHours])).toEqual([
      ['2026-03-23', 1],
      ['2026-03-30', 0],
    ]);
  });

  it('rejects a range whose end is not after its start', () => {
    expect(() => iopWeeks(query([], { to: ny('2026-03-02T00:00') }))).toThrow(/to must be after from/);
  });

  it('rejects an unknown time zone', () => {
    expect(() => iopWeeks(query([], { timeZone: 'Nowhere' }))).toThrow(/timeZone/);
  });
});
