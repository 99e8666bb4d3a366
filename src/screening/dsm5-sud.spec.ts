import { DSM5_SUD_CRITERIA, severityForCount, sudSeverity, validateSudCriteria, type SudCriteria } from './dsm5-sud';
import { errorsOf } from '../../test/support/questionnaire-answers';

/** Criteria with the first `count` (in DSM-5 order) present. */
function criteriaWith(count: number): SudCriteria {
  return Object.fromEntries(DSM5_SUD_CRITERIA.map((c, i) => [c.key, i < count])) as SudCriteria;
}

describe('DSM-5 substance use disorder criteria', () => {
  it('lists the 11 criteria in DSM-5 order, each with a label', () => {
    expect(DSM5_SUD_CRITERIA.map((c) => c.key)).toEqual([
      'larger_amounts_or_longer',
      'unsuccessful_efforts_to_cut_down',
      'time_spent',
      'craving',
      'role_failure',
      'social_problems',
      'activities_given_up',
      'hazardous_use',
      'continued_despite_problems',
      'tolerance',
      'withdrawal',
    ]);
    DSM5_SUD_CRITERIA.forEach((c) => expect(c.label.length).toBeGreaterThan(0));
  });

  it.each([
    [0, 'none'],
    [1, 'none'],
    [2, 'mild'],
    [3, 'mild'],
    [4, 'moderate'],
    [5, 'moderate'],
    [6, 'severe'],
    [11, 'severe'],
  ])('rates %i criteria met as %s', (count, severity) => {
    expect(sudSeverity(criteriaWith(count))).toEqual({ count, severity });
    expect(severityForCount(count)).toBe(severity);
  });

  it('counts criteria wherever they are in the list', () => {
    const criteria = { ...criteriaWith(0), tolerance: true, withdrawal: true };
    expect(sudSeverity(criteria)).toEqual({ count: 2, severity: 'mild' });
  });

  it('returns the validated criteria', () => {
    expect(validateSudCriteria(criteriaWith(3))).toEqual(criteriaWith(3));
  });

  it('names a missing criterion', () => {
    const { craving: _omitted, ...rest } = criteriaWith(0);
    expect(errorsOf(() => sudSeverity(rest))).toEqual([{ field: 'criteria.craving', message: 'is required' }]);
  });

  it('names an unknown criterion', () => {
    expect(errorsOf(() => sudSeverity({ ...criteriaWith(0), legal_problems: true }))).toEqual([
      { field: 'criteria.legal_problems', message: 'is not a DSM-5 SUD criterion' },
    ]);
  });

  it.each([['"yes"', 'yes'], ['1', 1], ['null', null], ['"true"', 'true']])(
    'rejects %s as a criterion value',
    (_name, value) => {
      expect(errorsOf(() => sudSeverity({ ...criteriaWith(0), tolerance: value }))).toEqual([
        { field: 'criteria.tolerance', message: 'must be true or false' },
      ]);
    },
  );

  it('collects every criterion error', () => {
    const { time_spent: _a, craving: _b, ...rest } = criteriaWith(0);
    expect(errorsOf(() => sudSeverity({ ...rest, withdrawal: 'no', other: false }))).toEqual([
      { field: 'criteria.time_spent', message: 'is required' },
      { field: 'criteria.craving', message: 'is required' },
      { field: 'criteria.withdrawal', message: 'must be true or false' },
      { field: 'criteria.other', message: 'is not a DSM-5 SUD criterion' },
    ]);
  });

  it.each([['an array', []], ['null', null], ['a string', 'mild'], ['a number', 3]])(
    'rejects %s as the criteria',
    (_name, value) => {
      expect(errorsOf(() => sudSeverity(value))).toEqual([
        { field: 'criteria', message: 'must be an object keyed by criterion' },
      ]);
    },
  );
});
