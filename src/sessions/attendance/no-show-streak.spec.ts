import { RecordedAttendance, noShowStreak } from './no-show-streak';

const seq = (...statuses: RecordedAttendance['status'][]): RecordedAttendance[] =>
  statuses.map((status, i) => ({ sessionId: `s${i + 1}`, status }));

describe('noShowStreak', () => {
  it('finds two consecutive no-shows', () => {
    expect(noShowStreak(seq('attended', 'no_show', 'no_show'), 's3', 2)).toEqual({
      firstSessionId: 's2',
      sessionIds: ['s2', 's3'],
    });
  });

  it('ignores a single no-show', () => {
    expect(noShowStreak(seq('no_show', 'attended', 'no_show'), 's3', 2)).toBeNull();
  });

  it('is broken by a late arrival or leaving early, which are attendance', () => {
    expect(noShowStreak(seq('no_show', 'late', 'no_show'), 's3', 2)).toBeNull();
    expect(noShowStreak(seq('no_show', 'left_early', 'no_show'), 's3', 2)).toBeNull();
  });

  it('keeps the first session of the run as the streak identity when the run grows', () => {
    expect(noShowStreak(seq('no_show', 'no_show', 'no_show'), 's3', 2)?.firstSessionId).toBe('s1');
    expect(noShowStreak(seq('no_show', 'no_show'), 's2', 2)?.firstSessionId).toBe('s1');
  });

  it('finds the run when the earlier session is recorded last (out of order)', () => {
    expect(noShowStreak(seq('no_show', 'no_show', 'attended'), 's1', 2)).toEqual({
      firstSessionId: 's1',
      sessionIds: ['s1', 's2'],
    });
  });

  it('returns null when the session is not a no-show or is not in the list', () => {
    expect(noShowStreak(seq('no_show', 'attended'), 's2', 2)).toBeNull();
    expect(noShowStreak(seq('no_show', 'no_show'), 'elsewhere', 2)).toBeNull();
  });

  it('honours a higher threshold', () => {
    expect(noShowStreak(seq('no_show', 'no_show'), 's2', 3)).toBeNull();
    expect(noShowStreak(seq('no_show', 'no_show', 'no_show'), 's3', 3)?.sessionIds).toEqual(['s1', 's2', 's3']);
  });

  it('rejects a threshold below 2', () => {
    expect(() => noShowStreak(seq('no_show'), 's1', 1)).toThrow(RangeError);
  });
});
