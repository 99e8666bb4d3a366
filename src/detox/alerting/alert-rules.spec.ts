import { evaluatePatternAlerts, evaluateVitalsAlerts } from './alert-rules';
import { DEFAULT_DETOX_ALERT_THRESHOLDS as DEFAULTS, type DetoxAlertThresholds } from './alert-thresholds';
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
    expect(rules({ respiratoryRate: 25, heartRate: 111 })).toEqual(['news2_medium']);
  });

  it('raises news2_single_parameter_3 from an incomplete set whose parameters present score below 5', () => {
    const v: VitalSigns = { respiratoryRate: 26, heartRate: 80 };
    const alerts = evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS);
    expect(alerts.map((a) => a.rule)).toEqual(['news2_single_parameter_3']);
    expect(alerts[0]?.message).toContain('total incomplete');
    expect(alerts[0]?.signs).toEqual(['respiratoryRate scored 3']);
    expect(alerts[0]?.missing).toEqual(['spo2', 'onSupplementalOxygen', 'temperatureC', 'systolicBp', 'consciousness']);
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

describe('NEWS2 alerts from an incomplete set (the parameters present are a lower bound)', () => {
  it('raises news2_high marked incomplete when the parameters present already score 8', () => {
    const v: VitalSigns = { respiratoryRate: 24, spo2: 93, systolicBp: 95, heartRate: 125, consciousness: 'A' };
    const [alert] = evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS);
    expect(alert).toEqual({
      rule: 'news2_high',
      severity: 'emergency',
      message: 'NEWS2 8 (high, 7 or more, incomplete: at least 8, missing onSupplementalOxygen, temperatureC): emergency assessment',
      signs: ['respiratoryRate scored 2', 'spo2 scored 2', 'systolicBp scored 2', 'heartRate scored 2'],
      missing: ['onSupplementalOxygen', 'temperatureC'],
    });
  });

  it('raises news2_medium marked incomplete at a partial 5, and nothing at a partial 4', () => {
    const five: VitalSigns = { respiratoryRate: 24, spo2: 93, heartRate: 95 };
    expect(evaluateVitalsAlerts(five, computeNews2(five), DEFAULTS).map((a) => [a.rule, a.missing?.length]))
      .toEqual([['news2_medium', 4]]);
    const four: VitalSigns = { respiratoryRate: 24, spo2: 93 };
    expect(evaluateVitalsAlerts(four, computeNews2(four), DEFAULTS)).toEqual([]);
  });

  it('leaves complete sets unmarked', () => {
    expect(alertsFor({ respiratoryRate: 25, heartRate: 131, systolicBp: 90 })[0]?.missing).toBeUndefined();
  });
});

describe('CNS depressant overdose pattern', () => {
  it('fires as an emergency on a respiratory rate of 8 alone, not on 9 alone', () => {
    const alert = alertsFor({ respiratoryRate: 8 }).find((a) => a.rule === 'cns_depressant_overdose');
    expect(alert).toEqual({
      rule: 'cns_depressant_overdose', severity: 'emergency', signs: ['respiratory rate 8/min (≤ 8)'],
      message: 'Possible CNS depressant overdose: respiratory rate 8/min (≤ 8) is an emergency on its own',
    });
    expect(rules({ respiratoryRate: 9 })).not.toContain('cns_depressant_overdose');
  });

  it.each(['P', 'U'] as const)('fires as an emergency on consciousness %s alone', (consciousness) => {
    const alert = alertsFor({ consciousness }).find((a) => a.rule === 'cns_depressant_overdose');
    expect(alert?.signs).toEqual([`consciousness ${consciousness} (extreme)`]);
  });

  it.each(['C', 'V'] as const)('does not fire on consciousness %s alone', (consciousness) => {
    expect(rules({ consciousness })).not.toContain('cns_depressant_overdose');
  });

  it('counts observed somnolence, coma, hyporeflexia and flaccidity as signs, and no other observation', () => {
    const withObserved = evaluatePatternAlerts({ heartRate: 48 }, DEFAULTS, { observedSigns: ['somnolence', 'tremor'] });
    expect(withObserved.find((a) => a.rule === 'cns_depressant_overdose')?.signs)
      .toEqual(['heart rate 48/min (≤ 50)', 'observed somnolence']);
    expect(evaluatePatternAlerts({ heartRate: 48 }, DEFAULTS, { observedSigns: ['tremor', 'anxiety'] })
      .map((a) => a.rule)).not.toContain('cns_depressant_overdose');
    expect(evaluatePatternAlerts({}, DEFAULTS, { observedSigns: ['coma', 'flaccidity', 'hyporeflexia'] })
      .map((a) => a.rule)).toEqual(['cns_depressant_overdose']);
  });

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
    expect(rules({ respiratoryRate: 9, consciousness: 'V' }, t)).not.toContain('cns_depressant_overdose');
  });

  it('needs as many signs as minSigns says', () => {
    const t = { ...DEFAULTS, depressantOverdose: { ...DEFAULTS.depressantOverdose, minSigns: 3 } };
    expect(rules({ respiratoryRate: 10, heartRate: 45 }, t)).not.toContain('cns_depressant_overdose');
    expect(rules({ respiratoryRate: 10, heartRate: 45, systolicBp: 85 }, t)).toContain('cns_depressant_overdose');
  });

  it('raises alongside the NEWS2 alert', () => {
    expect(rules({ respiratoryRate: 8, heartRate: 40, systolicBp: 85, consciousness: 'P' }))
      .toEqual(['news2_high', 'cns_depressant_overdose']);
  });

  it('counts only measured vitals as signs (a missing field is not a sign)', () => {
    const v: VitalSigns = { respiratoryRate: 10, spo2: 85 };
    expect(evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS).map((a) => a.rule)).toContain('cns_depressant_overdose');
    const w: VitalSigns = { spo2: 85 };
    expect(evaluateVitalsAlerts(w, computeNews2(w), DEFAULTS).map((a) => a.rule)).not.toContain('cns_depressant_overdose');
  });
});

describe('withdrawal autonomic pattern', () => {
  it('fires as urgent on heart rate 110 and temperature 38.0', () => {
    const alert = alertsFor({ heartRate: 110, temperatureC: 38.0 }).find((a) => a.rule === 'withdrawal_autonomic');
    expect(alert).toEqual({
      rule: 'withdrawal_autonomic',
      severity: 'urgent',
      message: 'Possible severe withdrawal: 2 withdrawal signs (2 or more)',
      signs: ['heart rate 110/min (≥ 110)', 'temperature 38.0 °C (≥ 38.0)'],
    });
  });

  it('does not fire just below either threshold', () => {
    expect(rules({ heartRate: 109, temperatureC: 38.0 })).not.toContain('withdrawal_autonomic');
    expect(rules({ heartRate: 110, temperatureC: 37.9 })).not.toContain('withdrawal_autonomic');
  });

  it('counts a severe CIWA-Ar score as a sign alongside tachycardia', () => {
    const v = { ...NORMAL, heartRate: 120 };
    const withScore = evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS, { latest: { scale: 'CIWA-Ar', total: 16 } });
    expect(withScore.find((a) => a.rule === 'withdrawal_autonomic')?.signs).toEqual([
      'heart rate 120/min (≥ 110)', 'CIWA-Ar 16 (severe)',
    ]);
    const belowSevere = evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS, { latest: { scale: 'CIWA-Ar', total: 15 } });
    expect(belowSevere.map((a) => a.rule)).not.toContain('withdrawal_autonomic');
  });

  it('counts a severe COWS score (37 or more) as a sign alongside fever', () => {
    const v = { ...NORMAL, temperatureC: 38.4 };
    const at = (total: number) =>
      evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS, { latest: { scale: 'COWS', total } }).map((a) => a.rule);
    expect(at(37)).toContain('withdrawal_autonomic');
    expect(at(36)).not.toContain('withdrawal_autonomic');
  });

  it('fires on tachycardia with new confusion (ACVPU C)', () => {
    expect(alertsFor({ heartRate: 110, consciousness: 'C' }).find((a) => a.rule === 'withdrawal_autonomic')?.signs)
      .toEqual(['heart rate 110/min (≥ 110)', 'consciousness C (new confusion)']);
  });

  it('fires on a systolic BP of 180 with tachycardia, not on 179', () => {
    expect(rules({ heartRate: 110, systolicBp: 180 })).toContain('withdrawal_autonomic');
    expect(rules({ heartRate: 110, systolicBp: 179 })).not.toContain('withdrawal_autonomic');
  });

  it('counts observed withdrawal signs such as hallucinations and tremor, not somnolence', () => {
    const v = { ...NORMAL, heartRate: 112 };
    expect(evaluatePatternAlerts(v, DEFAULTS, { observedSigns: ['hallucinations_visual'] }).map((a) => a.rule))
      .toEqual(['withdrawal_autonomic']);
    expect(evaluatePatternAlerts(v, DEFAULTS, { observedSigns: ['somnolence', 'insomnia'] })).toEqual([]);
  });

  it('fires on one sign when minSigns is 1', () => {
    const t = { ...DEFAULTS, withdrawal: { ...DEFAULTS.withdrawal, minSigns: 1 } };
    expect(rules({ heartRate: 115 }, t)).toContain('withdrawal_autonomic');
  });
});

describe('patterns across the sets of vitals in the window', () => {
  const fired = (v: VitalSigns, recentVitals: VitalSigns) =>
    evaluateVitalsAlerts(v, computeNews2(v), DEFAULTS, { recentVitals }).filter((a) => a.rule !== 'news2_medium' && a.rule !== 'news2_high' && a.rule !== 'news2_single_parameter');

  it('joins a fever taken alone to a tachycardia taken earlier in the window', () => {
    const [alert] = fired({ temperatureC: 38.4 }, { heartRate: 118, systolicBp: 130 });
    expect(alert).toMatchObject({ rule: 'withdrawal_autonomic', severity: 'urgent' });
    expect(alert?.signs).toEqual(['heart rate 118/min (≥ 110)', 'temperature 38.4 °C (≥ 38.0)']);
  });

  it('joins a slow respiratory rate taken alone to a low SpO2 taken earlier', () => {
    expect(fired({ respiratoryRate: 10 }, { spo2: 91 }).map((a) => a.rule)).toEqual(['cns_depressant_overdose']);
  });

  it('takes the current value over the earlier one for the same parameter', () => {
    expect(fired({ heartRate: 80, temperatureC: 38.4 }, { heartRate: 118 })).toEqual([]);
  });

  it('does not raise again a pattern the earlier sets alone already show', () => {
    expect(fired({ spo2: 97 }, { heartRate: 118, temperatureC: 38.4 })).toEqual([]);
  });
});
