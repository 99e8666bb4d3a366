import {
  DEFAULT_DETOX_ALERT_THRESHOLDS as DEFAULTS,
  DetoxAlertThresholds,
  evaluateVitalsAlerts,
  evaluateWithdrawalAlerts,
  mergeThresholds,
  validateThresholds,
} from './alert-rules';
import { computeNews2 } from '../vitals/news2';
import { VitalSigns } from '../vitals/vital-signs';

const NORMAL: VitalSigns = {
  respiratoryRate: 16, spo2: 98, onSupplementalOxygen: false, temperatureC: 37.0,
  systolicBp: 120, heartRate: 70, consciousness: 'A',
};

const alertsFor = (v: Partial<VitalSigns>, t: DetoxAlertThresholds = DEFAULTS) => {
  const vitals = { ...NORMAL, ...v };
  return evaluateVitalsAlerts(vitals, computeNews2(vitals), t);
};
const rules = (v: Partial<VitalSigns>, t?: DetoxAlertThresholds) => alertsFor(v, t).map((a) => a.rule);

describe('default detox alert thresholds', () => {
  it('documents the defaults', () => {
    expect(DEFAULTS).toEqual({
      news2Medium: 5, news2High: 7, singleParameter3: true,
      ciwaSevere: 16, cowsModeratelySevere: 25, cowsSevere: 37,
      depressantOverdose: {
        respiratoryRateMax: 10, spo2Max: 92, heartRateMax: 50, systolicBpMax: 90, temperatureMax: 35.0,
        alteredConsciousness: true, minSigns: 2,
      },
      withdrawal: { heartRateMin: 110, temperatureMin: 38.0, minSigns: 2 },
    });
  });

  it('cannot be changed in place', () => {
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
    expect(Object.isFrozen(DEFAULTS.depressantOverdose)).toBe(true);
  });
});

describe('NEWS2 alerts', () => {
  it('raises nothing for normal vitals', () => {
    expect(alertsFor({})).toEqual([]);
  });

  it('raises nothing for a NEWS2 of 4 without a single 3', () => {
    expect(rules({ onSupplementalOxygen: true, heartRate: 111 })).toEqual([]);
  });

  it('raises news2_medium (urgent) for a NEWS2 of 5', () => {
    const [alert, ...rest] = alertsFor({ onSupplementalOxygen: true, heartRate: 111, respiratoryRate: 9 });
    expect(rest).toEqual([]);
    expect(alert).toEqual({
      rule: 'news2_medium',
      severity: 'urgent',
      message: 'NEWS2 5 (medium, 5 or more): urgent review',
      signs: ['respiratoryRate scored 1', 'supplementalOxygen scored 2', 'heartRate scored 2'],
    });
  });

  it('raises news2_medium for a NEWS2 of 6', () => {
    expect(rules({ onSupplementalOxygen: true, heartRate: 111, respiratoryRate: 21 })).toEqual(['news2_medium']);
  });

  it('raises news2_high (emergency) for a NEWS2 of 7, and not news2_medium as well', () => {
    const alerts = alertsFor({ onSupplementalOxygen: true, heartRate: 111, respiratoryRate: 21, temperatureC: 35.5 });
    expect(alerts.map((a) => [a.rule, a.severity])).toEqual([['news2_high', 'emergency']]);
    expect(alerts[0]?.message).toBe('NEWS2 7 (high, 7 or more): emergency assessment');
  });

  it('raises news2_single_parameter_3 (urgent) for a single 3 with a total below 5', () => {
    const alerts = alertsFor({ consciousness: 'C' });
    expect(alerts[0]).toEqual({
      rule: 'news2_single_parameter_3',
      severity: 'urgent',
      message: 'NEWS2 parameter scoring 3 (total 3): urgent ward review',
      signs: ['consciousness scored 3'],
    });
  });

  it('does not add news2_single_parameter_3 when the total already raises news2_medium', () => {
    expect(rules({ respiratoryRate: 8, heartRate: 111 })).toEqual(['news2_medium']);
  });

  it('raises news2_single_parameter_3 from an incomplete set, but no total-based alert', () => {
    const v: VitalSigns = { respiratoryRate: 26, heartRate: 135, systolicBp: 95 };
    const alerts = evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS);
    expect(alerts.map((a) => a.rule)).toEqual(['news2_single_parameter_3']);
    expect(alerts[0]?.message).toContain('total incomplete');
    expect(alerts[0]?.signs).toEqual(['respiratoryRate scored 3', 'heartRate scored 3']);
  });

  it('does not raise news2_single_parameter_3 when the setting is off', () => {
    expect(rules({ consciousness: 'C' }, { ...DEFAULTS, singleParameter3: false })).toEqual([]);
  });

  it('follows changed NEWS2 thresholds', () => {
    const t = { ...DEFAULTS, news2Medium: 4, news2High: 6 };
    expect(rules({ onSupplementalOxygen: true, heartRate: 111 }, t)).toEqual(['news2_medium']);
    expect(rules({ onSupplementalOxygen: true, heartRate: 111, respiratoryRate: 21 }, t)).toEqual(['news2_high']);
  });
});

describe('CNS depressant overdose pattern', () => {
  it('fires as an emergency on two signs: respiratory rate 10 and heart rate 50', () => {
    const alert = alertsFor({ respiratoryRate: 10, heartRate: 50 }).find((a) => a.rule === 'cns_depressant_overdose');
    expect(alert).toEqual({
      rule: 'cns_depressant_overdose',
      severity: 'emergency',
      message: 'Possible CNS depressant overdose: 2 danger signs (2 or more)',
      signs: ['respiratory rate 10/min (≤ 10)', 'heart rate 50/min (≤ 50)'],
    });
  });

  it('does not fire on one sign alone', () => {
    expect(rules({ respiratoryRate: 10 })).not.toContain('cns_depressant_overdose');
  });

  it('does not fire just above each threshold', () => {
    expect(rules({ respiratoryRate: 11, spo2: 93, heartRate: 51, systolicBp: 91, temperatureC: 35.1 }))
      .not.toContain('cns_depressant_overdose');
  });

  it('counts SpO2 92, systolic 90, temperature 35.0 and altered consciousness as signs', () => {
    const alert = alertsFor({ spo2: 92, systolicBp: 90, temperatureC: 35.0, consciousness: 'V' })
      .find((a) => a.rule === 'cns_depressant_overdose');
    expect(alert?.signs).toEqual([
      'SpO2 92 % (≤ 92)', 'systolic BP 90 mmHg (≤ 90)', 'temperature 35.0 °C (≤ 35.0)', 'consciousness V (not alert)',
    ]);
  });

  it('ignores consciousness when alteredConsciousness is off', () => {
    const t = { ...DEFAULTS, depressantOverdose: { ...DEFAULTS.depressantOverdose, alteredConsciousness: false } };
    expect(rules({ respiratoryRate: 9, consciousness: 'P' }, t)).not.toContain('cns_depressant_overdose');
  });

  it('needs as many signs as minSigns says', () => {
    const t = { ...DEFAULTS, depressantOverdose: { ...DEFAULTS.depressantOverdose, minSigns: 3 } };
    expect(rules({ respiratoryRate: 8, heartRate: 45 }, t)).not.toContain('cns_depressant_overdose');
    expect(rules({ respiratoryRate: 8, heartRate: 45, systolicBp: 85 }, t)).toContain('cns_depressant_overdose');
  });

  it('raises alongside the NEWS2 alert', () => {
    expect(rules({ respiratoryRate: 8, heartRate: 40, systolicBp: 85, consciousness: 'P' }))
      .toEqual(['news2_high', 'cns_depressant_overdose']);
  });

  it('counts only measured vitals as signs (a missing field is not a sign)', () => {
    const v: VitalSigns = { respiratoryRate: 6, spo2: 85 };
    expect(evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS).map((a) => a.rule)).toContain('cns_depressant_overdose');
    const w: VitalSigns = { respiratoryRate: 6 };
    expect(evaluateVitalsAlerts(w, computeNews2(w), DEFAULTS).map((a) => a.rule)).not.toContain('cns_depressant_overdose');
  });
});

describe('withdrawal autonomic pattern', () => {
  it('fires as urgent on heart rate 110 and temperature 38.0', () => {
    const alert = alertsFor({ heartRate: 110, temperatureC: 38.0 }).find((a) => a.rule === 'withdrawal_autonomic');
    expect(alert).toEqual({
      rule: 'withdrawal_autonomic',
      severity: 'urgent',
      message: 'Possible severe withdrawal: 2 autonomic signs (2 or more)',
      signs: ['heart rate 110/min (≥ 110)', 'temperature 38.0 °C (≥ 38.0)'],
    });
  });

  it('does not fire just below either threshold', () => {
    expect(rules({ heartRate: 109, temperatureC: 38.0 })).not.toContain('withdrawal_autonomic');
    expect(rules({ heartRate: 110, temperatureC: 37.9 })).not.toContain('withdrawal_autonomic');
  });

  it('counts a severe CIWA-Ar score as a sign alongside tachycardia', () => {
    const v = { ...NORMAL, heartRate: 120 };
    const withScore = evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS, { scale: 'CIWA-Ar', total: 16 });
    expect(withScore.find((a) => a.rule === 'withdrawal_autonomic')?.signs).toEqual([
      'heart rate 120/min (≥ 110)', 'CIWA-Ar 16 (severe)',
    ]);
    const belowSevere = evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS, { scale: 'CIWA-Ar', total: 15 });
    expect(belowSevere.map((a) => a.rule)).not.toContain('withdrawal_autonomic');
  });

  it('counts a severe COWS score (37 or more) as a sign alongside fever', () => {
    const v = { ...NORMAL, temperatureC: 38.4 };
    const at = (total: number) =>
      evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS, { scale: 'COWS', total }).map((a) => a.rule);
    expect(at(37)).toContain('withdrawal_autonomic');
    expect(at(36)).not.toContain('withdrawal_autonomic');
  });

  it('fires on one sign when minSigns is 1', () => {
    const t = { ...DEFAULTS, withdrawal: { ...DEFAULTS.withdrawal, minSigns: 1 } };
    expect(rules({ heartRate: 115 }, t)).toContain('withdrawal_autonomic');
  });
});

describe('withdrawal-scale alerts', () => {
  it('raises ciwa_severe (urgent) at CIWA-Ar 16', () => {
    expect(evaluateWithdrawalAlerts('CIWA-Ar', 16, 'severe', DEFAULTS)).toEqual([
      {
        rule: 'ciwa_severe',
        severity: 'urgent',
        message: 'CIWA-Ar 16 (16 or more): severe alcohol withdrawal, seizure risk',
        signs: ['CIWA-Ar 16 (severe)'],
      },
    ]);
  });

  it('raises nothing at CIWA-Ar 15', () => {
    expect(evaluateWithdrawalAlerts('CIWA-Ar', 15, 'moderate', DEFAULTS)).toEqual([]);
  });

  it('raises nothing at COWS 24', () => {
    expect(evaluateWithdrawalAlerts('COWS', 24, 'moderate', DEFAULTS)).toEqual([]);
  });

  it.each([25, 36])('raises cows_moderately_severe (urgent) at COWS %d', (total) => {
    expect(evaluateWithdrawalAlerts('COWS', total, 'moderately_severe', DEFAULTS).map((a) => [a.rule, a.severity]))
      .toEqual([['cows_moderately_severe', 'urgent']]);
  });

  it.each([37, 48])('raises cows_severe (emergency) alone at COWS %d', (total) => {
    expect(evaluateWithdrawalAlerts('COWS', total, 'severe', DEFAULTS).map((a) => [a.rule, a.severity]))
      .toEqual([['cows_severe', 'emergency']]);
  });

  it('follows a changed CIWA-Ar threshold', () => {
    expect(evaluateWithdrawalAlerts('CIWA-Ar', 12, 'moderate', { ...DEFAULTS, ciwaSevere: 12 })).toHaveLength(1);
  });

  it('uses the default thresholds when none are passed', () => {
    expect(evaluateWithdrawalAlerts('COWS', 30, 'moderately_severe')).toHaveLength(1);
  });
});

describe('validateThresholds', () => {
  it('accepts an empty update', () => {
    expect(validateThresholds({})).toEqual([]);
  });

  it('accepts a valid partial update, nested groups included', () => {
    expect(
      validateThresholds({ news2Medium: 4, singleParameter3: false, depressantOverdose: { spo2Max: 90, temperatureMax: 35.5 } }),
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
    expect(validateThresholds({ news2Medium: 0, news2High: 21, ciwaSevere: 68, cowsSevere: 49, cowsModeratelySevere: 2.5 }))
      .toEqual([
        { field: 'news2Medium', message: 'must be between 1 and 20 points' },
        { field: 'news2High', message: 'must be between 1 and 20 points' },
        { field: 'ciwaSevere', message: 'must be between 1 and 67 points' },
        { field: 'cowsSevere', message: 'must be between 1 and 48 points' },
        { field: 'cowsModeratelySevere', message: 'must be a whole number' },
      ]);
  });

  it('rejects vital thresholds outside the plausible ranges', () => {
    expect(validateThresholds({ depressantOverdose: { respiratoryRateMax: 70, temperatureMax: 29 }, withdrawal: { heartRateMin: 10 } }))
      .toEqual([
        { field: 'depressantOverdose.respiratoryRateMax', message: 'must be between 4 and 60 breaths/min' },
        { field: 'depressantOverdose.temperatureMax', message: 'must be between 30 and 43.5 °C' },
        { field: 'withdrawal.heartRateMin', message: 'must be between 20 and 250 bpm' },
      ]);
  });

  it('rejects sign counts above the number of signs in the pattern', () => {
    expect(validateThresholds({ depressantOverdose: { minSigns: 7 }, withdrawal: { minSigns: 0 } }).map((e) => e.field))
      .toEqual(['depressantOverdose.minSigns', 'withdrawal.minSigns']);
    expect(validateThresholds({ depressantOverdose: { minSigns: 6 }, withdrawal: { minSigns: 3 } })).toEqual([]);
  });

  it('rejects wrong types', () => {
    expect(validateThresholds({ singleParameter3: 'yes', news2High: '7' })).toEqual([
      { field: 'singleParameter3', message: 'must be true or false' },
      { field: 'news2High', message: 'must be a whole number' },
    ]);
  });

  it('requires news2Medium below news2High once merged with the current settings', () => {
    expect(validateThresholds({ news2Medium: 7 })).toEqual([{ field: 'news2Medium', message: 'must be below news2High' }]);
    expect(validateThresholds({ news2Medium: 7, news2High: 8 })).toEqual([]);
  });

  it('requires cowsModeratelySevere below cowsSevere once merged with the current settings', () => {
    const current = { ...DEFAULTS, cowsSevere: 30 };
    expect(validateThresholds({ cowsModeratelySevere: 30 }, current)).toEqual([
      { field: 'cowsModeratelySevere', message: 'must be below cowsSevere' },
    ]);
  });
});

describe('mergeThresholds', () => {
  it('applies an update without losing nested defaults', () => {
    const merged = mergeThresholds(DEFAULTS, { news2High: 8, withdrawal: { heartRateMin: 120 } });
    expect(merged.news2High).toBe(8);
    expect(merged.withdrawal).toEqual({ heartRateMin: 120, temperatureMin: 38.0, minSigns: 2 });
    expect(merged.depressantOverdose).toEqual(DEFAULTS.depressantOverdose);
  });
});
