import { integerFields, type SettingDefinition } from '../platform/settings/setting-definition';

/** CMS cell-size suppression policy: aggregates of 1 to 10 are not shown. */
export const SMALL_CELL: SettingDefinition<{ minimumCount: number }> = {
  key: 'reports.small-cell',
  description:
    'minimumCount (default 11): in de-identified reports a count from 1 to minimumCount - 1 is shown as ' +
    '"<minimumCount", and a rate over such a count is left empty.',
  defaultValue: { minimumCount: 11 },
  validate: integerFields({ minimumCount: [1, 100] }),
};
