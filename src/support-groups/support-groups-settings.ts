import { integerFields, type SettingDefinition } from '../platform/settings/setting-definition';

export const MEETING_HORIZON: SettingDefinition<{ weeks: number }> = {
  key: 'support-groups.meeting-horizon',
  description: 'How many weeks ahead support-group meetings are generated from each schedule; default 8.',
  defaultValue: { weeks: 8 },
  validate: integerFields({ weeks: [1, 26] }),
};

export const ABSENCE_ALERT: SettingDefinition<{ consecutiveAbsences: number }> = {
  key: 'support-groups.absence-alert',
  description:
    'How many consecutive unexcused absences from one group (in meeting order, ignoring cancelled meetings and excused ' +
    'absences) raise the engagement alert for the case manager; default 2, as for session no-shows.',
  defaultValue: { consecutiveAbsences: 2 },
  validate: integerFields({ consecutiveAbsences: [2, 10] }),
};

export const SUPPORT_GROUP_SETTINGS = [MEETING_HORIZON, ABSENCE_ALERT] as const;
