import { alertReadingVisibleTo } from './alert-reading-visibility';

describe('alertReadingVisibleTo', () => {
  it('shows detox readings and screening answers to clinicians only', () => {
    expect(alertReadingVisibleTo('clinician', 'detox')).toBe(true);
    expect(alertReadingVisibleTo('case_manager', 'detox')).toBe(false);
    expect(alertReadingVisibleTo('clinician', 'screening')).toBe(true);
    expect(alertReadingVisibleTo('case_manager', 'screening')).toBe(false);
  });

  it('shows engagement facts to every reader of the alert', () => {
    expect(alertReadingVisibleTo('case_manager', 'aftercare')).toBe(true);
    expect(alertReadingVisibleTo('case_manager', 'support-groups')).toBe(true);
  });
});
