import { IOP_TARGET, NO_SHOW_ALERT, WORKING_HOURS, validateWorkingHours } from './sessions-settings';

describe('session settings', () => {
  it('accepts its own defaults', () => {
    expect(WORKING_HOURS.validate(WORKING_HOURS.defaultValue)).toEqual([]);
    expect(IOP_TARGET.validate(IOP_TARGET.defaultValue)).toEqual([]);
    expect(NO_SHOW_ALERT.validate(NO_SHOW_ALERT.defaultValue)).toEqual([]);
  });

  it('defaults to a 9-hour IOP week and an alert at 2 consecutive no-shows', () => {
    expect(IOP_TARGET.defaultValue).toEqual({ adultWeeklyHours: 9, adolescentWeeklyHours: 6 });
    expect(NO_SHOW_ALERT.defaultValue).toEqual({ consecutiveNoShows: 2 });
  });

  it('refuses a no-show threshold below 2', () => {
    expect(NO_SHOW_ALERT.validate({ consecutiveNoShows: 1 })).toEqual([
      { field: 'value.consecutiveNoShows', message: 'must be an integer from 2 to 10' },
    ]);
  });

  const hours = { days: ['MO', 'WE'], start: '09:00', end: '17:00', stepMinutes: 30 };

  it('accepts working hours on chosen days', () => {
    expect(validateWorkingHours(hours)).toEqual([]);
  });

  it('refuses a closing time not after the opening time', () => {
    expect(validateWorkingHours({ ...hours, end: '09:00' })).toEqual([{ field: 'value.end', message: 'must be after start' }]);
  });

  it('refuses malformed times, days and steps, and unknown fields, all at once', () => {
    expect(validateWorkingHours({ days: ['MO', 'MO'], start: '9:00', end: '24:00', stepMinutes: 3, lunch: '12:00' })).toEqual([
      { field: 'value.lunch', message: 'unknown setting field' },
      { field: 'value.days', message: 'must list distinct weekdays among MO, TU, WE, TH, FR, SA, SU' },
      { field: 'value.start', message: 'must be a time as HH:mm' },
      { field: 'value.end', message: 'must be a time as HH:mm' },
      { field: 'value.stepMinutes', message: 'must be an integer from 5 to 120' },
    ]);
    expect(validateWorkingHours({ ...hours, days: [] })[0]?.field).toBe('value.days');
    expect(validateWorkingHours('09:00-17:00')).toEqual([{ field: 'value', message: 'must be an object' }]);
  });
});
