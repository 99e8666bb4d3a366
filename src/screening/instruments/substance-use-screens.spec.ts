// AUDIT, AUDIT-C, DAST-10 and CAGE: every band boundary.
import { INSTRUMENTS, describeInstrument, scoreInstrument } from './index';
import { FEMALE, MALE, UNKNOWN, answersTotalling, errorsOf, keyed, yesNoTotalling } from '../../../test/support/questionnaire-answers';

describe('AUDIT', () => {
  const def = INSTRUMENTS.AUDIT;

  it('has 10 items: 1-8 allow 0-4, 9-10 allow 0, 2, 4', () => {
    expect(def.items).toHaveLength(10);
    def.items.slice(0, 8).forEach((item) => expect(item.allowed).toEqual([0, 1, 2, 3, 4]));
    def.items.slice(8).forEach((item) => expect(item.allowed).toEqual([0, 2, 4]));
  });

  it.each([
    [0, 'zone_1'],
    [7, 'zone_1'],
    [8, 'zone_2'],
    [15, 'zone_2'],
    [16, 'zone_3'],
    [19, 'zone_3'],
    [20, 'zone_4'],
    [40, 'zone_4'],
  ])('scores AUDIT %i as %s', (total, band) => {
    const result = scoreInstrument('AUDIT', answersTotalling(def, total), MALE);
    expect(result).toMatchObject({ instrument: 'AUDIT', version: '2001', total, band, flags: [] });
  });

  it('scores all-maximum AUDIT answers as 40 with items 9-10 worth 4 each', () => {
    const result = scoreInstrument('AUDIT', [4, 4, 4, 4, 4, 4, 4, 4, 4, 4], MALE);
    expect(result.total).toBe(40);
    expect(result.itemScores).toMatchObject({ q9: 4, q10: 4 });
  });

  it('rejects 1 and 3 on AUDIT items 9 and 10', () => {
    expect(errorsOf(() => scoreInstrument('AUDIT', [0, 0, 0, 0, 0, 0, 0, 0, 1, 3], MALE))).toEqual([
      { field: 'answers.q9', message: 'must be one of 0, 2, 4' },
      { field: 'answers.q10', message: 'must be one of 0, 2, 4' },
    ]);
  });

  it('rejects 5 on AUDIT item 1', () => {
    expect(errorsOf(() => scoreInstrument('AUDIT', [5, 0, 0, 0, 0, 0, 0, 0, 0, 0], MALE))).toEqual([
      { field: 'answers.q1', message: 'must be one of 0, 1, 2, 3, 4' },
    ]);
  });
});

describe('AUDIT-C', () => {
  it('uses the first three AUDIT items', () => {
    expect(INSTRUMENTS['AUDIT-C'].items).toEqual(INSTRUMENTS.AUDIT.items.slice(0, 3));
  });

  it.each([
    [0, 'negative'],
    [3, 'negative'],
    [4, 'positive'],
    [12, 'positive'],
  ])('scores AUDIT-C %i as %s for male sex at birth', (total, band) => {
    const result = scoreInstrument('AUDIT-C', answersTotalling(INSTRUMENTS['AUDIT-C'], total), MALE);
    expect(result).toMatchObject({ total, band, flags: [] });
  });

  it.each([
    [0, 'negative'],
    [2, 'negative'],
    [3, 'positive'],
    [12, 'positive'],
  ])('scores AUDIT-C %i as %s for female sex at birth', (total, band) => {
    const result = scoreInstrument('AUDIT-C', answersTotalling(INSTRUMENTS['AUDIT-C'], total), FEMALE);
    expect(result).toMatchObject({ total, band, flags: [] });
  });

  it.each([
    [2, 'negative'],
    [3, 'positive'],
  ])('scores AUDIT-C %i as %s with the cut-off of 3 and flags sex_unknown when sex is unknown', (total, band) => {
    const result = scoreInstrument('AUDIT-C', answersTotalling(INSTRUMENTS['AUDIT-C'], total), UNKNOWN);
    expect(result).toMatchObject({ total, band, flags: ['sex_unknown'] });
  });

  it.each([['intersex'], ['other'], [''], [null]])(
    'applies the cut-off of 3 and flags sex_unknown for sex at birth %p',
    (sexAtBirth) => {
      const result = scoreInstrument('AUDIT-C', [1, 1, 1], { sexAtBirth });
      expect(result).toMatchObject({ total: 3, band: 'positive', flags: ['sex_unknown'] });
    },
  );

  it('reads sex at birth case-insensitively', () => {
    expect(scoreInstrument('AUDIT-C', [1, 1, 1], { sexAtBirth: 'Male' })).toMatchObject({
      band: 'negative',
      flags: [],
    });
  });

  it('documents both cut-offs and the sex_unknown flag', () => {
    const description = describeInstrument(INSTRUMENTS['AUDIT-C']);
    expect(description.bands.map((b) => b.id)).toEqual(['negative', 'positive']);
    expect(description.bands[1]?.label).toContain('4 or more when sex at birth is male');
    expect(description.flags.map((f) => f.id)).toEqual(['sex_unknown']);
  });
});

describe('DAST-10', () => {
  const def = INSTRUMENTS['DAST-10'];

  it.each([
    [0, 'none'],
    [1, 'low'],
    [2, 'low'],
    [3, 'moderate'],
    [5, 'moderate'],
    [6, 'substantial'],
    [8, 'substantial'],
    [9, 'severe'],
    [10, 'severe'],
  ])('scores DAST-10 %i as %s', (total, band) => {
    expect(scoreInstrument('DAST-10', yesNoTotalling(def, total), MALE)).toMatchObject({ total, band });
  });

  it('scores item 3 in reverse: "no" to being always able to stop scores 1', () => {
    const answers = ['no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no'];
    const result = scoreInstrument('DAST-10', answers, MALE);
    expect(result).toMatchObject({ total: 1, band: 'low' });
    expect(result.itemScores).toEqual({ q1: 0, q2: 0, q3: 1, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0, q10: 0 });
  });

  it('scores all "yes" as 9: item 3 "yes" scores 0', () => {
    const result = scoreInstrument('DAST-10', Array<string>(10).fill('yes'), MALE);
    expect(result).toMatchObject({ total: 9, band: 'severe' });
    expect(result.itemScores.q3).toBe(0);
  });

  it('keeps the yes/no answers as given', () => {
    const answers = yesNoTotalling(def, 4);
    expect(scoreInstrument('DAST-10', answers, MALE).answers).toEqual(keyed(def, answers));
  });

  it('rejects booleans and 1/0 for DAST-10 items as the wrong type', () => {
    const answers = { ...keyed(def, yesNoTotalling(def, 0)), q1: true, q2: 1 };
    expect(errorsOf(() => scoreInstrument('DAST-10', answers, MALE))).toEqual([
      { field: 'answers.q1', message: 'must be a string, one of "yes", "no"' },
      { field: 'answers.q2', message: 'must be a string, one of "yes", "no"' },
    ]);
  });

  it('rejects "YES" for a DAST-10 item', () => {
    const answers = { ...keyed(def, yesNoTotalling(def, 0)), q5: 'YES' };
    expect(errorsOf(() => scoreInstrument('DAST-10', answers, MALE))).toEqual([
      { field: 'answers.q5', message: 'must be one of "yes", "no"' },
    ]);
  });
});

describe('CAGE', () => {
  const def = INSTRUMENTS.CAGE;

  it.each([
    [0, 'negative'],
    [1, 'negative'],
    [2, 'positive'],
    [4, 'positive'],
  ])('scores CAGE %i as %s', (total, band) => {
    expect(scoreInstrument('CAGE', yesNoTotalling(def, total), MALE)).toMatchObject({ total, band, flags: [] });
  });

  it('scores each CAGE "yes" as 1', () => {
    const result = scoreInstrument('CAGE', ['no', 'yes', 'no', 'yes'], FEMALE);
    expect(result.itemScores).toEqual({ q1: 0, q2: 1, q3: 0, q4: 1 });
  });
});
