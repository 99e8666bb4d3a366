import { integerFields, type SettingDefinition } from '../platform/settings/setting-definition';

export const EMERGENCY_ACCESS: SettingDefinition<{ hours: number }> = {
  key: 'patients.emergency-access',
  description: 'How many hours a clinician\'s emergency ("break the glass") access to a patient lasts.',
  defaultValue: { hours: 4 },
  validate: integerFields({ hours: [1, 72] }),
};
