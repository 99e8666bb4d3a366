import {
  ASAM_DIMENSIONS,
  ASAM_LEVELS,
  PROGRAM_LEVELS,
  isAsamLevel,
  levelOfCareOutcome,
  validateAsamLevel,
  validateAsamRatings,
  type AsamRatings,
} from './asam';
import { errorsOf } from '../../test/support/questionnaire-answers';

const RATINGS: AsamRatings = {
  d1_intoxication_withdrawal: 0,
  d2_biomedical: 1,
  d3_emotional_behavioral: 2,
  d4_readiness_to_change: 3,
  d5_relapse_potential: 4,
  d6_recovery_environment: 2,
};

describe('ASAM dimensions and levels of care', () => {
  it('lists the six dimensions in order', () => {
    expect(ASAM_DIMENSIONS.map((d) => d.key)).toEqual([
      'd1_intoxication_withdrawal',
      'd2_biomedical',
      'd3_emotional_behavioral',
      'd4_readiness_to_change',
      'd5_relapse_potential',
      'd6_recovery_environment',
    ]);
  });

  it('lists the levels of care from 0.5 to 4', () => {
    expect(ASAM_LEVELS).toEqual(['0.5', '1', '2.1', '2.5', '3.1', '3.3', '3.5', '3.7', '4']);
  });

  it('accepts levels 1 and 2.1 into the program', () => {
    expect(PROGRAM_LEVELS).toEqual(['1', '2.1']);
    expect(levelOfCareOutcome('1')).toBe('accepted');
    expect(levelOfCareOutcome('2.1')).toBe('accepted');
  });

  it.each(['0.5', '2.5', '3.1', '3.3', '3.5', '3.7', '4'] as const)('refers level %s out', (level) => {
    expect(levelOfCareOutcome(level)).toBe('refer_out');
  });

  it.each([['2.1', true], ['4', true], ['3.3', true], ['3.2', false], ['2', false], ['1.0', false], [1, false], [null, false]])(
    'recognises %p as a level: %p',
    (value, expected) => {
      expect(isAsamLevel(value)).toBe(expected);
    },
  );

  it('validates a level', () => {
    expect(validateAsamLevel('2.1')).toBe('2.1');
  });

  it('rejects an unknown level naming the field', () => {
    expect(errorsOf(() => validateAsamLevel(2.1, 'recommendedLevel'))).toEqual([
      { field: 'recommendedLevel', message: 'must be one of 0.5, 1, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7, 4' },
    ]);
  });

  it('accepts a rating of 0-4 for each of the six dimensions', () => {
    expect(validateAsamRatings(RATINGS)).toEqual(RATINGS);
    const allFour = Object.fromEntries(ASAM_DIMENSIONS.map((d) => [d.key, 4]));
    expect(validateAsamRatings(allFour)).toEqual(allFour);
  });

  it('names a missing dimension', () => {
    const { d4_readiness_to_change: _omitted, ...rest } = RATINGS;
    expect(errorsOf(() => validateAsamRatings(rest))).toEqual([
      { field: 'ratings.d4_readiness_to_change', message: 'is required' },
    ]);
  });

  it('names an unknown dimension', () => {
    expect(errorsOf(() => validateAsamRatings({ ...RATINGS, d7_other: 1 }))).toEqual([
      { field: 'ratings.d7_other', message: 'is not an ASAM dimension' },
    ]);
  });

  it.each([['5', 5], ['-1', -1], ['1.5', 1.5], ['"2"', '2'], ['null', null], ['true', true]])(
    'rejects %s as a rating',
    (_name, value) => {
      expect(errorsOf(() => validateAsamRatings({ ...RATINGS, d2_biomedical: value }))).toEqual([
        { field: 'ratings.d2_biomedical', message: 'must be an integer 0, 1, 2, 3 or 4' },
      ]);
    },
  );

  it('collects every rating error', () => {
    const { d1_intoxication_withdrawal: _omitted, ...rest } = RATINGS;
    expect(errorsOf(() => validateAsamRatings({ ...rest, d6_recovery_environment: 9, extra: 0 }))).toEqual([
      { field: 'ratings.d1_intoxication_withdrawal', message: 'is required' },
      { field: 'ratings.d6_recovery_environment', message: 'must be an integer 0, 1, 2, 3 or 4' },
      { field: 'ratings.extra', message: 'is not an ASAM dimension' },
    ]);
  });

  it.each([['an array', [0, 1, 2, 3, 4, 2]], ['null', null], ['a number', 2]])(
    'rejects %s as the ratings',
    (_name, value) => {
      expect(errorsOf(() => validateAsamRatings(value))).toEqual([
        { field: 'ratings', message: 'must be an object keyed by dimension' },
      ]);
    },
  );
});
