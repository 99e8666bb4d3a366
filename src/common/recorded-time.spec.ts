import { checkNotInFuture, MAX_CLOCK_SKEW_MS } from './recorded-time';

describe('checkNotInFuture', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('accepts past times and times up to 2 minutes ahead (clock skew)', () => {
    expect(checkNotInFuture('takenAt', new Date('2026-02-28T12:00:00Z'), now)).toBeNull();
    expect(checkNotInFuture('takenAt', new Date(now.getTime() + MAX_CLOCK_SKEW_MS), now)).toBeNull();
  });

  it('refuses a time more than 2 minutes ahead, naming the field', () => {
    expect(checkNotInFuture('takenAt', new Date(now.getTime() + MAX_CLOCK_SKEW_MS + 1), now)).toEqual({
      field: 'takenAt',
      message: expect.stringContaining('future'),
    });
  });

  it('refuses an invalid date', () => {
    expect(checkNotInFuture('givenAt', new Date('nonsense'), now)?.field).toBe('givenAt');
  });
});
