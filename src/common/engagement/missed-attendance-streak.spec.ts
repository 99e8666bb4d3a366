import { ENGAGEMENT_ALERT_RULE, type RecordedOccasion, engagementAlert, missedStreak } from './missed-attendance-streak';

/** `x` = missed, `o` = attended. */
const seq = (pattern: string): RecordedOccasion[] =>
  [...pattern].map((c, i) => ({ occasionId: `s${i + 1}`, missed: c === 'x' }));

describe('missedStreak', () => {
  it('finds two consecutive missed occasions', () => {
    expect(missedStreak(seq('oxx'), 's3', 2)).toEqual({ firstOccasionId: 's2', occasionIds: ['s2', 's3'] });
  });

  it('ignores a single missed occasion, and an attended one breaks the run', () => {
    expect(missedStreak(seq('xox'), 's3', 2)).toBeNull();
  });

  it('keeps the first occasion of the run as the streak identity when the run grows', () => {
    expect(missedStreak(seq('xxx'), 's3', 2)?.firstOccasionId).toBe('s1');
    expect(missedStreak(seq('xx'), 's2', 2)?.firstOccasionId).toBe('s1');
  });

  it('finds the run when the earlier occasion is recorded last (out of order)', () => {
    expect(missedStreak(seq('xxo'), 's1', 2)).toEqual({ firstOccasionId: 's1', occasionIds: ['s1', 's2'] });
  });

  it('returns null when the occasion is not missed or is not in the list', () => {
    expect(missedStreak(seq('xo'), 's2', 2)).toBeNull();
    expect(missedStreak(seq('xx'), 'elsewhere', 2)).toBeNull();
  });

  it('honours a higher threshold', () => {
    expect(missedStreak(seq('xx'), 's2', 3)).toBeNull();
    expect(missedStreak(seq('xxx'), 's3', 3)?.occasionIds).toEqual(['s1', 's2', 's3']);
  });

  it('rejects a threshold below 2', () => {
    expect(() => missedStreak(seq('x'), 's1', 1)).toThrow(RangeError);
  });
});

describe('engagementAlert', () => {
  it('is the same rule for the case manager whatever the source, one per streak', () => {
    const streak = { firstOccasionId: 'm1', occasionIds: ['m1', 'm2'] };
    const alert = engagementAlert('support-groups', 'p1', streak, 2);
    expect(alert).toMatchObject({ rule: ENGAGEMENT_ALERT_RULE, audience: 'case_manager', severity: 'warning' });
    expect(alert.dedupeKey).toBe('support-groups:consecutive_no_shows:p1:m1');
    expect(engagementAlert('sessions', 'p1', streak, 2).rule).toBe(alert.rule);
  });
});
