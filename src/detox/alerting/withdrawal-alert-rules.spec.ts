// Alerts from observed signs and withdrawal scales (CIWA-Ar, COWS); vitals and pattern alerts: alert-rules.spec.ts.
import { ciwaDangerItems, evaluateObservedSignAlerts, evaluateWithdrawalAlerts } from './alert-rules';
import { DEFAULT_DETOX_ALERT_THRESHOLDS as DEFAULTS } from './alert-thresholds';

describe('observed danger signs', () => {
  it.each(['seizure', 'coma', 'delirium'] as const)('raises an emergency for a present %s', (sign) => {
    expect(evaluateObservedSignAlerts([sign])).toEqual([{
      rule: 'observed_emergency_sign', severity: 'emergency', message: `Observed ${sign}: emergency assessment`, signs: [sign],
    }]);
  });

  it.each(['hallucinations_auditory', 'hallucinations_visual', 'hallucinations_tactile', 'psychosis', 'rigidity'] as const)(
    'raises an urgent alert for a present %s', (sign) => {
      expect(evaluateObservedSignAlerts([sign]).map((a) => [a.rule, a.severity])).toEqual([['observed_urgent_sign', 'urgent']]);
    },
  );

  it('raises both when emergency and urgent signs are present, nothing for other signs', () => {
    expect(evaluateObservedSignAlerts(['seizure', 'psychosis', 'tremor']).map((a) => a.rule))
      .toEqual(['observed_emergency_sign', 'observed_urgent_sign']);
    expect(evaluateObservedSignAlerts(['tremor', 'anxiety', 'insomnia', 'somnolence', 'confusion'])).toEqual([]);
  });
});

describe('CIWA-Ar item danger (Sullivan 1989 item anchors)', () => {
  it('flags tactile, auditory or visual disturbance of 4 and orientation of 3, not one point less', () => {
    expect(ciwaDangerItems({ tactile_disturbances: 4, auditory_disturbances: 3, visual_disturbances: 3, orientation: 2 }))
      .toEqual(['tactile_disturbances 4']);
    expect(ciwaDangerItems({ auditory_disturbances: 4 })).toEqual(['auditory_disturbances 4']);
    expect(ciwaDangerItems({ visual_disturbances: 7, orientation: 3 })).toEqual(['visual_disturbances 7', 'orientation 3']);
    expect(ciwaDangerItems({ tactile_disturbances: 3, auditory_disturbances: 3, visual_disturbances: 3, orientation: 2 }))
      .toEqual([]);
  });

  it('raises ciwa_item_danger (urgent) even when the total is minimal', () => {
    expect(evaluateWithdrawalAlerts('CIWA-Ar', 4, 'minimal', DEFAULTS, { visual_disturbances: 4 })).toEqual([{
      rule: 'ciwa_item_danger', severity: 'urgent', signs: ['visual_disturbances 4'],
      message: 'CIWA-Ar visual_disturbances 4: perceptual disturbance or disorientation, urgent review',
    }]);
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
