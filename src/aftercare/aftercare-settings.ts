import type { FieldError } from '../common/field-error';
import { integerFields, type SettingDefinition } from '../platform/settings/setting-definition';
import { DEFAULT_SCHEDULE_RULE, type ScheduleRule } from './follow-up-schedule';

/* The aftercare module's program settings (admins change them with PUT /api/v1/settings/{key}). */

function validateScheduleRule(value: unknown): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ field: 'value', message: 'must be an object' }];
  const record = value as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(record)
    .filter((key) => key !== 'offsetsDays' && key !== 'thenEveryDays')
    .map((key) => ({ field: `value.${key}`, message: 'unknown setting field' }));
  const offsets = record.offsetsDays;
  const ascending = Array.isArray(offsets) && offsets.length >= 1 && offsets.length <= 20 &&
    offsets.every((o, i) => Number.isInteger(o) && (o as number) >= 1 && (o as number) <= 3650 &&
      (i === 0 || (o as number) > (offsets[i - 1] as number)));
  if (!ascending) errors.push({ field: 'value.offsetsDays', message: 'must be 1-20 ascending whole days from 1 to 3650' });
  const every = record.thenEveryDays;
  if (typeof every !== 'number' || !Number.isInteger(every) || every < 7 || every > 365) {
    errors.push({ field: 'value.thenEveryDays', message: 'must be an integer from 7 to 365' });
  }
  return errors;
}

export const FOLLOW_UP_SCHEDULE: SettingDefinition<ScheduleRule> = {
  key: 'aftercare.follow-up-schedule',
  description:
    'offsetsDays (default [7, 30, 60, 90, 180, 365]): follow-ups created with a plan, in days after the aftercare ' +
    'start; thenEveryDays (default 90): one more follow-up every this many days while the patient stays in aftercare.',
  defaultValue: DEFAULT_SCHEDULE_RULE,
  validate: validateScheduleRule,
};

export interface FollowUpRules {
  /** A follow-up still open this many days after its due date is overdue and alerts. */
  overdueGraceDays: number;
  /** A check-in answers the latest open follow-up already due, or else the nearest due within this many days after it. */
  checkInWindowDays: number;
}

export const FOLLOW_UP_RULES: SettingDefinition<FollowUpRules> = {
  key: 'aftercare.follow-ups',
  description:
    'overdueGraceDays (default 3): a follow-up open more than this many days after its due date raises one overdue ' +
    'alert; checkInWindowDays (default 14): a check-in completes the latest open follow-up already due, or else the ' +
    'nearest one due within this many days after it.',
  defaultValue: { overdueGraceDays: 3, checkInWindowDays: 14 },
  validate: integerFields({ overdueGraceDays: [0, 60], checkInWindowDays: [0, 60] }),
};

export const AFTERCARE_SETTINGS: readonly SettingDefinition<unknown>[] = [FOLLOW_UP_SCHEDULE, FOLLOW_UP_RULES];
