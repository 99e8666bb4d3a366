import { doseNotDue, isGivenInGrace, isOmittableAt } from './dose-due';

const at = new Date('2027-03-13T13:00:00Z');
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);

describe('isGivenInGrace', () => {
  it('fulfils a dose given within the grace period either side, boundaries included', () => {
    expect(isGivenInGrace(at, at, 120)).toBe(true);
    expect(isGivenInGrace(at, minutes(-120), 120)).toBe(true);
    expect(isGivenInGrace(at, minutes(120), 120)).toBe(true);
  });

  it('does not fulfil a dose given earlier or later than that', () => {
    expect(isGivenInGrace(at, minutes(-121), 120)).toBe(false);
    expect(isGivenInGrace(at, minutes(121), 120)).toBe(false);
    expect(isGivenInGrace(at, minutes(-5 * 24 * 60), 120)).toBe(false);
  });
});

describe('isOmittableAt', () => {
  it('lets a dose be held from the grace period before its time, and any time after', () => {
    expect(isOmittableAt(at, minutes(-120), 120)).toBe(true);
    expect(isOmittableAt(at, at, 120)).toBe(true);
    expect(isOmittableAt(at, minutes(3 * 24 * 60), 120)).toBe(true);
  });

  it('refuses one further ahead', () => {
    expect(isOmittableAt(at, minutes(-121), 120)).toBe(false);
    expect(isOmittableAt(at, minutes(-5 * 24 * 60), 120)).toBe(false);
  });
});

describe('doseNotDue', () => {
  it('names the scheduled time, the time given and the grace period', () => {
    const error = doseNotDue('given', at, minutes(-600), 120);
    expect(error.code).toBe('dose_not_due');
    expect(error.extensions).toEqual({ scheduledAt: at.toISOString(), givenAt: minutes(-600).toISOString(), graceMinutes: 120 });
  });

  it('names the time of the omission', () => {
    expect(doseNotDue('omitted', at, minutes(-600), 120).extensions).toEqual({
      scheduledAt: at.toISOString(), recordedAt: minutes(-600).toISOString(), graceMinutes: 120,
    });
  });
});
