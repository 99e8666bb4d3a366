import { SESSION_KINDS, SESSION_KIND_LABELS, isSessionKind, patientCountProblem } from './session-kinds';

describe('session kinds', () => {
  it('lists the five kinds of the program', () => {
    expect(SESSION_KINDS).toEqual(['individual', 'group', 'family', 'medication_management', 'psychiatric_evaluation']);
  });

  it('labels every kind without naming anybody', () => {
    for (const kind of SESSION_KINDS) expect(SESSION_KIND_LABELS[kind]).toMatch(/^[A-Z][a-z ]+$/);
  });

  it('recognises only the five kinds', () => {
    expect(isSessionKind('group')).toBe(true);
    expect(isSessionKind('yoga')).toBe(false);
    expect(isSessionKind(undefined)).toBe(false);
  });

  it.each(['individual', 'medication_management', 'psychiatric_evaluation'] as const)(
    'books exactly one patient into a %s session',
    (kind) => {
      expect(patientCountProblem(kind, 1)).toBeNull();
      const problem = `${kind === 'individual' ? 'an' : 'a'} ${kind} session has exactly 1 patient`;
      expect(patientCountProblem(kind, 2)).toBe(problem);
      expect(patientCountProblem(kind, 0)).toBe(problem);
    },
  );

  it('books 1 to 50 patients into a group and 1 to 10 into a family session', () => {
    expect(patientCountProblem('group', 1)).toBeNull();
    expect(patientCountProblem('group', 50)).toBeNull();
    expect(patientCountProblem('group', 51)).toBe('a group session has 1 to 50 patients');
    expect(patientCountProblem('family', 10)).toBeNull();
    expect(patientCountProblem('family', 11)).toBe('a family session has 1 to 10 patients');
  });
});
