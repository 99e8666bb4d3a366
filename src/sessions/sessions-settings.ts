import type { FieldError } from '../common/field-error';
import { integerFields, type SettingDefinition } from '../platform/settings/setting-definition';
import { ADOLESCENT_IOP_TARGET_HOURS, IOP_TARGET_HOURS, type IopTargets } from './iop/iop-weeks';
import { WEEKDAYS, type Weekday, isWeekday } from './scheduling/recurrence';

export interface WorkingHoursSetting {
  days: Weekday[];
  /** Local opening time in the program zone, `HH:mm`. */
  start: string;
  /** Local closing time, `HH:mm`; a proposed slot ends by then. */
  end: string;
  /** Proposed slots start on multiples of this many minutes past local midnight. */
  stepMinutes: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function validateWorkingHours(value: unknown): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: 'value', message: 'must be an object' }];
  }
  const v = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(v)) {
    if (!['days', 'start', 'end', 'stepMinutes'].includes(key)) {
      errors.push({ field: `value.${key}`, message: 'unknown setting field' });
    }
  }
  if (!Array.isArray(v.days) || v.days.length === 0 || !v.days.every(isWeekday) || new Set(v.days).size !== v.days.length) {
    errors.push({ field: 'value.days', message: `must list distinct weekdays among ${WEEKDAYS.join(', ')}` });
  }
  const start = typeof v.start === 'string' ? HH_MM.exec(v.start) : null;
  const end = typeof v.end === 'string' ? HH_MM.exec(v.end) : null;
  if (!start) errors.push({ field: 'value.start', message: 'must be a time as HH:mm' });
  if (!end) errors.push({ field: 'value.end', message: 'must be a time as HH:mm' });
  if (start && end && (v.end as string) <= (v.start as string)) {
    errors.push({ field: 'value.end', message: 'must be after start' });
  }
  const step = v.stepMinutes;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 5 || step > 120) {
    errors.push({ field: 'value.stepMinutes', message: 'must be an integer from 5 to 120' });
  }
  return errors;
}

export const WORKING_HOURS: SettingDefinition<WorkingHoursSetting> = {
  key: 'sessions.working-hours',
  description:
    'When free slots are proposed: working days, local opening and closing time in the program time zone, ' +
    'and the step between proposed start times in minutes. Default Monday-Friday 08:00-20:00 (evening IOP groups), every 15 minutes.',
  defaultValue: { days: ['MO', 'TU', 'WE', 'TH', 'FR'], start: '08:00', end: '20:00', stepMinutes: 15 },
  validate: validateWorkingHours,
};

export const IOP_TARGET: SettingDefinition<IopTargets> = {
  key: 'sessions.iop-targets',
  description:
    'Attended hours per week an intensive outpatient (ASAM level 2.1) patient should reach, by age: ' +
    `adultWeeklyHours (default ${IOP_TARGET_HOURS}), adolescentWeeklyHours (under 18, default ${ADOLESCENT_IOP_TARGET_HOURS}).`,
  defaultValue: { adultWeeklyHours: IOP_TARGET_HOURS, adolescentWeeklyHours: ADOLESCENT_IOP_TARGET_HOURS },
  validate: integerFields({ adultWeeklyHours: [1, 40], adolescentWeeklyHours: [1, 40] }),
};

export const NO_SHOW_ALERT: SettingDefinition<{ consecutiveNoShows: number }> = {
  key: 'sessions.no-show-alert',
  description:
    'How many consecutive no-shows (in session order, ignoring cancelled sessions) raise an engagement alert for the case manager; default 2.',
  defaultValue: { consecutiveNoShows: 2 },
  validate: integerFields({ consecutiveNoShows: [2, 10] }),
};

export const SESSION_SETTINGS = [WORKING_HOURS, IOP_TARGET, NO_SHOW_ALERT] as const;
