import { MAX_SESSION_HOURS, overlaps, validateInterval } from './overlap';

const at = (hhmm: string): Date => new Date(`2026-05-04T${hhmm}:00Z`);
const iv = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });

describe('overlaps', () => {
  it('detects a session that starts inside another', () => {
    expect(overlaps(iv('09:00', '10:00'), iv('09:30', '10:30'))).toBe(true);
  });

  it('detects a session fully contained in another, in either order', () => {
    expect(overlaps(iv('09:00', '12:00'), iv('10:00', '11:00'))).toBe(true);
    expect(overlaps(iv('10:00', '11:00'), iv('09:00', '12:00'))).toBe(true);
  });

  it('detects identical sessions', () => {
    expect(overlaps(iv('09:00', '10:00'), iv('09:00', '10:00'))).toBe(true);
  });

  it('lets back-to-back sessions share the boundary instant without colliding', () => {
    expect(overlaps(iv('09:00', '10:00'), iv('10:00', '11:00'))).toBe(false);
    expect(overlaps(iv('10:00', '11:00'), iv('09:00', '10:00'))).toBe(false);
  });

  it('does not flag separate sessions', () => {
    expect(overlaps(iv('09:00', '10:00'), iv('13:00', '14:00'))).toBe(false);
  });

  it('collides when the overlap is a single minute', () => {
    expect(overlaps(iv('09:00', '10:01'), iv('10:00', '11:00'))).toBe(true);
  });
});

describe('validateInterval', () => {
  it('accepts a one-hour session', () => {
    expect(validateInterval(iv('09:00', '10:00'))).toEqual([]);
  });

  it(`accepts a session of exactly ${MAX_SESSION_HOURS} hours`, () => {
    expect(validateInterval(iv('08:00', '20:00'))).toEqual([]);
  });

  it('rejects a session longer than 12 hours', () => {
    expect(validateInterval(iv('08:00', '20:01'))).toEqual([
      { field: 'endsAt', message: 'a session may last at most 12 hours' },
    ]);
  });

  it('rejects an end equal to the start', () => {
    expect(validateInterval(iv('09:00', '09:00'))).toEqual([
      { field: 'endsAt', message: 'must be after startsAt' },
    ]);
  });

  it('rejects an end before the start', () => {
    expect(validateInterval(iv('10:00', '09:00'))).toEqual([
      { field: 'endsAt', message: 'must be after startsAt' },
    ]);
  });

  it('rejects invalid dates on each end', () => {
    const bad = new Date('not a date');
    expect(validateInterval({ startsAt: bad, endsAt: bad })).toEqual([
      { field: 'startsAt', message: 'must be a valid date' },
      { field: 'endsAt', message: 'must be a valid date' },
    ]);
  });

  it('prefixes field names when asked', () => {
    expect(validateInterval(iv('10:00', '09:00'), 'occurrences[2].')).toEqual([
      { field: 'occurrences[2].endsAt', message: 'must be after startsAt' },
    ]);
  });
});
