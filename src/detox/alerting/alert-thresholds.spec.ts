import {
  atLeastAsSensitiveAsDefaults,
  DEFAULT_DETOX_ALERT_THRESHOLDS as DEFAULTS,
  mergeThresholds,
  validateThresholds,
} from './alert-thresholds';

describe('default detox alert thresholds', () => {
  it('documents the defaults', () => {
    expect(DEFAULTS).toEqual({
      news2Medium: 5, news2High: 7, singleParameter3: true,
      ciwaSevere: 16, cowsModeratelySevere: 25, cowsSevere: 37,
      depressantOverdose: {
        respiratoryRateMax: 10, spo2Max: 92, heartRateMax: 50, systolicBpMax: 90, temperatureMax: 35.0,
        alteredConsciousness: true, minSigns: 2, extremeRespiratoryRateMax: 8,
      },
      withdrawal: { heartRateMin: 110, temperatureMin: 38.0, systolicBpMin: 180, minSigns: 2 },
    });
  });

  it('cannot be changed in place', () => {
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
    expect(Object.isFrozen(DEFAULTS.depressantOverdose)).toBe(true);
  });
});

describe('validateThresholds', () => {
  it('accepts an empty update', () => {
    expect(validateThresholds({})).toEqual([]);
  });

  it('accepts a valid partial update, nested groups included', () => {
    expect(
      validateThresholds({ news2Medium: 4, singleParameter3: true, depressantOverdose: { spo2Max: 94, temperatureMax: 35.5 } }),
    ).toEqual([]);
  });

  it('accepts the full default set', () => {
    expect(validateThresholds(DEFAULTS)).toEqual([]);
  });

  it('rejects a body that is not an object', () => {
    expect(validateThresholds(null)).toEqual([{ field: 'thresholds', message: 'must be an object' }]);
    expect(validateThresholds([1])).toEqual([{ field: 'thresholds', message: 'must be an object' }]);
    expect(validateThresholds({ withdrawal: 5 })).toEqual([{ field: 'withdrawal', message: 'must be an object' }]);
  });

  it('rejects unknown keys, nested ones included', () => {
    expect(validateThresholds({ news2Low: 1, withdrawal: { seizures: true }, toString: 1 })).toEqual([
      { field: 'news2Low', message: 'is not a known setting' },
      { field: 'withdrawal.seizures', message: 'is not a known setting' },
      { field: 'toString', message: 'is not a known setting' },
    ]);
  });

  it('rejects scores outside their scale and non-whole scores', () => {
    expect(validateThresholds({ news2Medium: 0, ciwaSevere: 0, cowsModeratelySevere: 2.5 }))
      .toEqual([
        { field: 'news2Medium', message: 'must be between 1 and 20 points' },
        { field: 'ciwaSevere', message: 'must be between 1 and 67 points' },
        { field: 'cowsModeratelySevere', message: 'must be a whole number' },
      ]);
  });

  it('rejects vital thresholds outside the plausible ranges', () => {
    expect(validateThresholds({ depressantOverdose: { respiratoryRateMax: 70 }, withdrawal: { heartRateMin: 10 } }))
      .toEqual([
        { field: 'depressantOverdose.respiratoryRateMax', message: 'must be between 4 and 60 breaths/min' },
        { field: 'withdrawal.heartRateMin', message: 'must be between 20 and 250 bpm' },
      ]);
  });

  it('refuses every national trigger made less sensitive, naming the field (NEWS2 5, 7, single 3; CIWA-Ar 16; COWS 25, 37)', () => {
    const less = 'a setting may make this trigger more sensitive, never less';
    expect(validateThresholds({
      news2Medium: 6, news2High: 8, singleParameter3: false, ciwaSevere: 17, cowsModeratelySevere: 26, cowsSevere: 38,
    })).toEqual([
      { field: 'news2Medium', message: `must be 5 or less: ${less}` },
      { field: 'news2High', message: `must be 7 or less: ${less}` },
      { field: 'singleParameter3', message: 'may not be turned off: it is a national trigger or a program danger rule' },
      { field: 'ciwaSevere', message: `must be 16 or less: ${less}` },
      { field: 'cowsModeratelySevere', message: `must be 25 or less: ${less}` },
      { field: 'cowsSevere', message: `must be 37 or less: ${less}` },
    ]);
    expect(validateThresholds({ news2Medium: 19, news2High: 20, ciwaSevere: 67 }).map((e) => e.field))
      .toEqual(['news2Medium', 'news2High', 'ciwaSevere']);
  });

  it('accepts every trigger at its default and made more sensitive', () => {
    expect(validateThresholds({ news2Medium: 4, news2High: 6, ciwaSevere: 10, cowsModeratelySevere: 13, cowsSevere: 25 }))
      .toEqual([]);
  });

  it('refuses the danger patterns made less sensitive, naming the field', () => {
    expect(validateThresholds({
      depressantOverdose: {
        respiratoryRateMax: 9, spo2Max: 91, heartRateMax: 49, systolicBpMax: 89, temperatureMax: 34.9,
        alteredConsciousness: false, minSigns: 3, extremeRespiratoryRateMax: 7,
      },
      withdrawal: { heartRateMin: 111, temperatureMin: 38.1, systolicBpMin: 181, minSigns: 3 },
    }).map((e) => e.field)).toEqual([
      'depressantOverdose.respiratoryRateMax', 'depressantOverdose.spo2Max', 'depressantOverdose.heartRateMax',
      'depressantOverdose.systolicBpMax', 'depressantOverdose.temperatureMax', 'depressantOverdose.alteredConsciousness',
      'depressantOverdose.minSigns', 'depressantOverdose.extremeRespiratoryRateMax', 'withdrawal.heartRateMin',
      'withdrawal.temperatureMin', 'withdrawal.systolicBpMin', 'withdrawal.minSigns',
    ]);
    expect(validateThresholds({ depressantOverdose: { minSigns: 6 } })).toEqual([
      { field: 'depressantOverdose.minSigns', message: 'must be 2 or less: a setting may make this trigger more sensitive, never less' },
    ]);
    expect(validateThresholds({ depressantOverdose: { minSigns: 1, respiratoryRateMax: 12 }, withdrawal: { minSigns: 1 } }))
      .toEqual([]);
  });

  it('rejects sign counts below one', () => {
    expect(validateThresholds({ depressantOverdose: { minSigns: 0 }, withdrawal: { minSigns: 0 } }).map((e) => e.field))
      .toEqual(['depressantOverdose.minSigns', 'withdrawal.minSigns']);
  });

  it('rejects wrong types', () => {
    expect(validateThresholds({ singleParameter3: 'yes', news2High: '7' })).toEqual([
      { field: 'singleParameter3', message: 'must be true or false' },
      { field: 'news2High', message: 'must be a whole number' },
    ]);
  });

  it('requires news2Medium below news2High once merged with the current settings', () => {
    expect(validateThresholds({ news2High: 5 })).toEqual([{ field: 'news2Medium', message: 'must be below news2High' }]);
    expect(validateThresholds({ news2Medium: 4, news2High: 5 })).toEqual([]);
  });

  it('requires cowsModeratelySevere below cowsSevere once merged with the current settings', () => {
    const current = { ...DEFAULTS, cowsSevere: 20 };
    expect(validateThresholds({ cowsModeratelySevere: 20 }, current)).toEqual([
      { field: 'cowsModeratelySevere', message: 'must be below cowsSevere' },
    ]);
  });
});

describe('mergeThresholds', () => {
  it('applies an update without losing nested defaults', () => {
    const merged = mergeThresholds(DEFAULTS, { news2High: 6, withdrawal: { heartRateMin: 100 } });
    expect(merged.news2High).toBe(6);
    expect(merged.withdrawal).toEqual({ heartRateMin: 100, temperatureMin: 38.0, systolicBpMin: 180, minSigns: 2 });
    expect(merged.depressantOverdose).toEqual(DEFAULTS.depressantOverdose);
  });
});

describe('atLeastAsSensitiveAsDefaults', () => {
  it('pulls every less sensitive value back to its default', () => {
    const weak = mergeThresholds(DEFAULTS, {
      news2Medium: 19, news2High: 20, singleParameter3: false, ciwaSevere: 67, cowsModeratelySevere: 30, cowsSevere: 48,
      depressantOverdose: { minSigns: 6, respiratoryRateMax: 6, alteredConsciousness: false, extremeRespiratoryRateMax: 4 },
      withdrawal: { heartRateMin: 150, systolicBpMin: 220, minSigns: 3 },
    });
    expect(atLeastAsSensitiveAsDefaults(weak)).toEqual(DEFAULTS);
  });

  it('keeps values more sensitive than the defaults', () => {
    const sensitive = mergeThresholds(DEFAULTS, {
      news2Medium: 4, ciwaSevere: 12, depressantOverdose: { spo2Max: 94, minSigns: 1 }, withdrawal: { heartRateMin: 100 },
    });
    expect(atLeastAsSensitiveAsDefaults(sensitive)).toEqual(sensitive);
  });
});
