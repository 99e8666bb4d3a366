import { reEntryRefusal } from './re-entry-rules';

describe('re-entry paths', () => {
  it('lets anyone re-open screening', () => {
    expect(reEntryRefusal('screening', false, false)).toBeNull();
    expect(reEntryRefusal('screening', true, false)).toBeNull();
  });

  it.each(['detox', 'outpatient'] as const)('needs a clinician for %s', (to) => {
    expect(reEntryRefusal(to, false, true)).toBe('clinician_required');
  });

  it.each(['detox', 'outpatient'] as const)('needs a current confirmed diagnosis for %s', (to) => {
    expect(reEntryRefusal(to, true, false)).toBe('diagnosis_required');
    expect(reEntryRefusal(to, true, true)).toBeNull();
  });
});
