import { acknowledgementRefusal } from './acknowledgement-rules';

describe('acknowledgementRefusal', () => {
  it('lets only clinicians acknowledge clinical alerts, whatever the severity', () => {
    for (const severity of ['warning', 'urgent', 'emergency'] as const) {
      expect(acknowledgementRefusal({ category: 'clinical', severity }, 'case_manager', 'seen')?.kind).toBe('wrong_role');
      expect(acknowledgementRefusal({ category: 'clinical', severity }, 'admin', 'seen')?.kind).toBe('wrong_role');
      expect(acknowledgementRefusal({ category: 'clinical', severity }, 'clinician', 'seen')).toBeNull();
    }
  });

  it('lets only case managers acknowledge engagement alerts, without a note', () => {
    expect(acknowledgementRefusal({ category: 'engagement', severity: 'warning' }, 'case_manager', undefined)).toBeNull();
    expect(acknowledgementRefusal({ category: 'engagement', severity: 'warning' }, 'clinician', 'x')).toEqual({
      kind: 'wrong_role', message: 'Engagement alerts are acknowledged by a case manager on the care team.',
    });
  });

  it('requires a note for urgent and emergency clinical alerts, blank counting as none', () => {
    for (const note of [undefined, '', '   ']) {
      expect(acknowledgementRefusal({ category: 'clinical', severity: 'emergency' }, 'clinician', note)).toEqual({
        kind: 'note_required', message: 'is required to acknowledge an emergency clinical alert',
      });
      expect(acknowledgementRefusal({ category: 'clinical', severity: 'urgent' }, 'clinician', note)?.kind).toBe('note_required');
    }
  });

  it('does not require a note for a warning', () => {
    expect(acknowledgementRefusal({ category: 'clinical', severity: 'warning' }, 'clinician', undefined)).toBeNull();
  });
});
