// PHQ-9 and GAD-7: every band boundary.
import { INSTRUMENTS, scoreInstrument } from './index';
import { MALE, answersTotalling, errorsOf } from '../../../test/support/questionnaire-answers';

describe('PHQ-9', () => {
  const def = INSTRUMENTS['PHQ-9'];

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
    [27, 'severe'],
  ])('scores PHQ-9 %i as %s', (total, band) => {
    expect(scoreInstrument('PHQ-9', answersTotalling(def, total), MALE)).toMatchObject({ total, band });
  });

  it('raises no flag when item 9 is 0, even with a severe total', () => {
    const result = scoreInstrument('PHQ-9', [3, 3, 3, 3, 3, 3, 3, 3, 0], MALE);
    expect(result).toMatchObject({ total: 24, band: 'severe', flags: [] });
  });

  it('flags self_harm_risk when item 9 is above 0, even with a minimal total', () => {
    const result = scoreInstrument('PHQ-9', [0, 0, 0, 0, 0, 0, 0, 0, 1], MALE);
    expect(result).toMatchObject({ total: 1, band: 'minimal', flags: ['self_harm_risk'] });
  });

  it('flags self_harm_risk for all-maximum answers', () => {
    expect(scoreInstrument('PHQ-9', Array<number>(9).fill(3), MALE)).toMatchObject({
      total: 27,
      band: 'severe',
      flags: ['self_harm_risk'],
    });
  });

  it('rejects 4 on a PHQ-9 item', () => {
    expect(errorsOf(() => scoreInstrument('PHQ-9', [0, 0, 0, 0, 4, 0, 0, 0, 0], MALE))).toEqual([
      { field: 'answers.q5', message: 'must be one of 0, 1, 2, 3' },
    ]);
  });
});

describe('GAD-7', () => {
  const def = INSTRUMENTS['GAD-7'];

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('scores GAD-7 %i as %s', (total, band) => {
    expect(scoreInstrument('GAD-7', answersTotalling(def, total), MALE)).toMatchObject({ total, band, flags: [] });
  });
});
