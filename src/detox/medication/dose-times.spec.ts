import { doseTimesBetween, isDoseTime } from './dose-times';

const zone = 'America/New_York';
const schedule = { startDate: '2027-03-13', endDate: null, timesOfDay: ['20:00', '08:00'] };

describe('doseTimesBetween', () => {
  it('lists each local time on each day from the start date, across daylight saving', () => {
    const times = doseTimesBetween(schedule, new Date('2027-03-12T00:00:00Z'), new Date('2027-03-15T00:00:00Z'), zone);
    expect(times.map((d) => d.toISOString())).toEqual([
      '2027-03-13T13:00:00.000Z', '2027-03-14T01:00:00.000Z', '2027-03-14T12:00:00.000Z', '2027-03-15T00:00:00.000Z',
    ]);
  });

  it('stops after the end date', () => {
    const times = doseTimesBetween({ ...schedule, endDate: '2027-03-13' }, new Date('2027-03-13T00:00:00Z'), new Date('2027-03-20T00:00:00Z'), zone);
    expect(times).toHaveLength(2);
  });
});

describe('isDoseTime', () => {
  it('is true only at a listed time on a day of the order', () => {
    expect(isDoseTime(schedule, new Date('2027-03-13T13:00:00Z'), zone)).toBe(true);
    expect(isDoseTime(schedule, new Date('2027-03-13T13:01:00Z'), zone)).toBe(false);
    expect(isDoseTime(schedule, new Date('2027-03-12T13:00:00Z'), zone)).toBe(false);
  });
});
