import { treatmentGateRefusal } from './treatment-readiness';

describe('treatment gate (confirmed diagnosis and a level of care the program treats)', () => {
  it.each(['mild', 'moderate', 'severe'] as const)('lets treatment start with a confirmed %s diagnosis and level 2.1', (s) => {
    expect(treatmentGateRefusal({ confirmedSeverities: [s], latestRecommendedLevel: '2.1' })).toBeNull();
  });

  it('lets treatment start at level 1', () => {
    expect(treatmentGateRefusal({ confirmedSeverities: ['none', 'mild'], latestRecommendedLevel: '1' })).toBeNull();
  });

  it('names both conditions when nothing is recorded', () => {
    expect(treatmentGateRefusal({ confirmedSeverities: [], latestRecommendedLevel: null })).toBe(
      'Treatment cannot start: no confirmed diagnosis of at least mild severity is recorded; and ' +
        'no level-of-care assessment is recorded (the program treats level 1 or 2.1).',
    );
  });

  it('names only the missing diagnosis when the level of care is accepted', () => {
    const refusal = treatmentGateRefusal({ confirmedSeverities: [], latestRecommendedLevel: '1' });
    expect(refusal).toMatch(/no confirmed diagnosis/);
    expect(refusal).not.toMatch(/level-of-care/);
  });

  it('refuses when the only confirmed diagnosis has no disorder (0-1 criteria)', () => {
    expect(treatmentGateRefusal({ confirmedSeverities: ['none'], latestRecommendedLevel: '2.1' })).toBe(
      'Treatment cannot start: the confirmed diagnoses are all below mild severity ' +
        '(a confirmed diagnosis of at least mild severity is required).',
    );
  });

  it.each(['0.5', '2.5', '3.1', '3.3', '3.5', '3.7', '4'] as const)('refuses a latest recommendation of level %s', (level) => {
    expect(treatmentGateRefusal({ confirmedSeverities: ['severe'], latestRecommendedLevel: level })).toBe(
      `Treatment cannot start: the latest level-of-care assessment recommends level ${level}, ` +
        'which the program does not treat (it treats level 1 or 2.1); refer the patient out.',
    );
  });
});
