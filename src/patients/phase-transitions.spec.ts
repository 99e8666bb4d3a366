import { ALLOWED_TRANSITIONS, isAllowedTransition, PHASES } from './phase-transitions';

describe('phase transitions', () => {
  it('lets screening lead to detox or outpatient but not straight to aftercare', () => {
    expect(isAllowedTransition('screening', 'detox')).toBe(true);
    expect(isAllowedTransition('screening', 'outpatient')).toBe(true);
    expect(isAllowedTransition('screening', 'aftercare')).toBe(false);
  });

  it('lets a relapse in aftercare re-open screening', () => {
    expect(isAllowedTransition('aftercare', 'screening')).toBe(true);
  });

  it('allows only re-admission to screening after discharge', () => {
    expect(ALLOWED_TRANSITIONS.discharged).toEqual(['screening']);
  });

  it('never allows staying in the same phase', () => {
    for (const phase of PHASES) expect(isAllowedTransition(phase, phase)).toBe(false);
  });
});
