import { checkNotBeforeEpisode, checkNotInFuture, MAX_CLOCK_SKEW_MS } from './recorded-time';

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

describe('checkNotBeforeEpisode', () => {
  const started = new Date('2026-03-01T12:00:00Z');

  it('accepts the episode start itself and any time after it', () => {
    expect(checkNotBeforeEpisode('takenAt', started, started)).toBeNull();
    expect(checkNotBeforeEpisode('takenAt', new Date(started.getTime() + 1), started)).toBeNull();
  });

  it('refuses a time before the episode started, naming the field and the start', () => {
    expect(checkNotBeforeEpisode('observedAt', new Date(started.getTime() - 1), started)).toEqual({
      field: 'observedAt',
      message: 'must not be before the detox episode started at 2026-03-01T12:00:00.000Z',
    });
    expect(checkNotBeforeEpisode('assessedAt', new Date('1970-01-01T00:00:00Z'), started)?.field).toBe('assessedAt');
  });
});
