import { DEFAULT_DETOX_ALERT_THRESHOLDS } from './alerting/alert-thresholds';
import { ALERT_RULES, effectiveThresholds, MISSED_DOSE, REASSESSMENT_INTERVALS, REASSESSMENT_RULES } from './detox-settings';
import { DEFAULT_REASSESSMENT_INTERVALS } from './withdrawal/reassessment';

describe('detox settings', () => {
  it('accept their own documented defaults', () => {
    expect(ALERT_RULES.validate(ALERT_RULES.defaultValue)).toEqual([]);
    expect(REASSESSMENT_INTERVALS.validate(REASSESSMENT_INTERVALS.defaultValue)).toEqual([]);
    expect(REASSESSMENT_RULES.validate(REASSESSMENT_RULES.defaultValue)).toEqual([]);
    expect(MISSED_DOSE.validate(MISSED_DOSE.defaultValue)).toEqual([]);
    expect(MISSED_DOSE.defaultValue.graceMinutes).toBe(120);
  });

  it('alert-rules: a partial value overrides only its fields; errors are named under value.', () => {
    expect(ALERT_RULES.validate({ news2High: 6 })).toEqual([]);
    expect(effectiveThresholds({ news2High: 6, withdrawal: { heartRateMin: 100 } })).toEqual({
      ...DEFAULT_DETOX_ALERT_THRESHOLDS,
      news2High: 6,
      withdrawal: { ...DEFAULT_DETOX_ALERT_THRESHOLDS.withdrawal, heartRateMin: 100 },
    });
    expect(effectiveThresholds({})).toEqual(DEFAULT_DETOX_ALERT_THRESHOLDS);
    // A value stored before the floors were enforced cannot weaken a national trigger.
    expect(effectiveThresholds({ news2High: 20, singleParameter3: false })).toEqual(DEFAULT_DETOX_ALERT_THRESHOLDS);
    expect(ALERT_RULES.validate({ news2Medium: 6 })).toEqual([expect.objectContaining({ field: 'value.news2Medium' })]);
    expect(ALERT_RULES.validate({ depressantOverdose: { minSigns: 0 } })).toEqual([
      expect.objectContaining({ field: 'value.depressantOverdose.minSigns' }),
    ]);
    expect(ALERT_RULES.validate([])).toEqual([expect.objectContaining({ field: 'value' })]);
  });

  it('reassessment intervals: a band may be reassessed more often than its default, never less often', () => {
    const value = JSON.parse(JSON.stringify(DEFAULT_REASSESSMENT_INTERVALS));
    value['CIWA-Ar'].severe = 61;
    value.COWS.moderate = 1440;
    value.COWS.mild = 60;
    expect(REASSESSMENT_INTERVALS.validate(value)).toEqual([
      { field: 'value.CIWA-Ar.severe', message: 'must be 60 or less: a setting may make reassessment more frequent, never less' },
      { field: 'value.COWS.moderate', message: 'must be 240 or less: a setting may make reassessment more frequent, never less' },
    ]);
  });

  it('reassessment intervals: every band of both scales, whole minutes from 5 to 1440, nothing unknown', () => {
    const value = JSON.parse(JSON.stringify(DEFAULT_REASSESSMENT_INTERVALS));
    value['CIWA-Ar'].severe = 4;
    value.COWS.mild = 30.5;
    delete value.COWS.none;
    value.COWS.extreme = 60;
    value.PAWS = {};
    expect(REASSESSMENT_INTERVALS.validate(value).map((e) => e.field).sort()).toEqual([
      'value.CIWA-Ar.severe', 'value.COWS.extreme', 'value.COWS.mild', 'value.COWS.none', 'value.PAWS',
    ]);
    expect(REASSESSMENT_INTERVALS.validate('hourly')).toEqual([{ field: 'value', message: 'must be an object' }]);
  });

  it('grace periods are bounded', () => {
    expect(MISSED_DOSE.validate({ graceMinutes: 5 })).toEqual([expect.objectContaining({ field: 'value.graceMinutes' })]);
    expect(REASSESSMENT_RULES.validate({ overdueGraceMinutes: 15 })).toEqual([
      expect.objectContaining({ field: 'value.ciwaStopAfterHoursUnder10' }),
    ]);
  });
});
