import type { FieldError } from '../../common/field-error';
import type { AnswerValue, QuestionnaireDefinition } from '../../common/questionnaire';
import {
  INSTRUMENTS,
  INSTRUMENT_IDS,
  QuestionnaireAnswerError,
  UnknownInstrumentError,
  describeInstrument,
  describeInstruments,
  getInstrument,
  isInstrumentId,
  scoreInstrument,
  type ScreeningContext,
} from './index';

const MALE: ScreeningContext = { sexAtBirth: 'male' };
const FEMALE: ScreeningContext = { sexAtBirth: 'female' };
const UNKNOWN: ScreeningContext = { sexAtBirth: 'unknown' };

/** Numeric answers in item order that add up to `total`, filling the earliest items first. */
function answersTotalling(def: QuestionnaireDefinition, total: number): number[] {
  let remaining = total;
  const answers = def.items.map((item) => {
    const pick = Math.max(...item.allowed.filter((v): v is number => typeof v === 'number' && v <= remaining));
    remaining -= pick;
    return pick;
  });
  if (remaining !== 0) throw new Error(`cannot build ${def.id} answers totalling ${total}`);
  return answers;
}

/** Yes/no answers in which the first `points` items score 1 (reverse items answered "no"). */
function yesNoTotalling(def: QuestionnaireDefinition, points: number): string[] {
  return def.items.map((item, index) => {
    const scoring = item.score?.('yes') === 1 ? 'yes' : 'no';
    const other = scoring === 'yes' ? 'no' : 'yes';
    return index < points ? scoring : other;
  });
}

function keyed(def: QuestionnaireDefinition, values: readonly AnswerValue[]): Record<string, AnswerValue> {
  return Object.fromEntries(def.items.map((item, i) => [item.key, values[i] as AnswerValue]));
}

function errorsOf(run: () => unknown): FieldError[] {
  try {
    run();
  } catch (e) {
    if (e instanceof QuestionnaireAnswerError) return e.errors;
    throw e;
  }
  throw new Error('expected a QuestionnaireAnswerError');
}

describe('screening instruments registry', () => {
  it('registers AUDIT, AUDIT-C, DAST-10, CAGE, PHQ-9 and GAD-7 under their ids', () => {
    expect(INSTRUMENT_IDS).toEqual(['AUDIT', 'AUDIT-C', 'DAST-10', 'CAGE', 'PHQ-9', 'GAD-7']);
    for (const id of INSTRUMENT_IDS) expect(INSTRUMENTS[id].id).toBe(id);
  });

  it.each(INSTRUMENT_IDS)('gives %s bands that cover every possible total without gaps', (id) => {
    const def = INSTRUMENTS[id];
    const max = def.items.reduce((sum, item) => {
      const points = item.allowed.map((v) => (item.score ? item.score(v) : Number(v)));
      return sum + Math.max(...points);
    }, 0);
    const sorted = [...def.bands].sort((a, b) => a.min - b.min);
    expect(sorted[0]?.min).toBe(0);
    expect(sorted[sorted.length - 1]?.max).toBe(max);
    sorted.slice(1).forEach((band, i) => expect(band.min).toBe((sorted[i]?.max ?? NaN) + 1));
  });

  it.each(INSTRUMENT_IDS)('gives %s unique item keys q1..qN', (id) => {
    const keys = INSTRUMENTS[id].items.map((i) => i.key);
    expect(keys).toEqual(keys.map((_, i) => `q${i + 1}`));
  });

  it('recognises known instrument ids only', () => {
    expect(isInstrumentId('PHQ-9')).toBe(true);
    expect(isInstrumentId('phq-9')).toBe(false);
    expect(isInstrumentId('toString')).toBe(false);
    expect(isInstrumentId(9)).toBe(false);
  });

  it('looks up an instrument by id', () => {
    expect(getInstrument('CAGE')).toBe(INSTRUMENTS.CAGE);
  });

  it.each(['NOPE', 'toString', '__proto__', ''])('throws UnknownInstrumentError for the id "%s"', (id) => {
    expect(() => getInstrument(id)).toThrow(UnknownInstrumentError);
    expect(() => scoreInstrument(id, [], MALE)).toThrow(UnknownInstrumentError);
  });

  it('describes an instrument as plain data for GET /instruments', () => {
    const description = describeInstrument(INSTRUMENTS['PHQ-9']);
    expect(description).toEqual({
      id: 'PHQ-9',
      version: '2001',
      title: 'Patient Health Questionnaire-9 (depression)',
      items: expect.any(Array) as unknown,
      bands: INSTRUMENTS['PHQ-9'].bands,
      flags: [{ id: 'self_harm_risk', description: expect.any(String) as unknown }],
    });
    expect(description.items[8]).toEqual({
      key: 'q9',
      label: 'Thoughts of being better off dead or of hurting yourself',
      allowed: [0, 1, 2, 3],
    });
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
  });

  it('describes every instrument in registry order', () => {
    expect(describeInstruments().map((d) => d.id)).toEqual(INSTRUMENT_IDS);
  });

  it('describes DAST-10 items as yes/no', () => {
    const dast = describeInstrument(INSTRUMENTS['DAST-10']);
    expect(dast.items.every((i) => i.allowed.join() === 'yes,no')).toBe(true);
  });
});

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

describe('scoreInstrument', () => {
  const samples: [string, AnswerValue[]][] = [
    ['AUDIT', [1, 2, 3, 4, 0, 1, 2, 3, 2, 4]],
    ['AUDIT-C', [2, 1, 0]],
    ['DAST-10', ['yes', 'no', 'no', 'yes', 'no', 'yes', 'no', 'no', 'yes', 'no']],
    ['CAGE', ['yes', 'no', 'yes', 'no']],
    ['PHQ-9', [1, 2, 0, 3, 1, 0, 2, 1, 1]],
    ['GAD-7', [3, 2, 1, 0, 1, 2, 3]],
  ];

  it.each(samples)('gives the same %s result for array and object answers', (id, values) => {
    const def = getInstrument(id);
    expect(scoreInstrument(id, keyed(def, values), FEMALE)).toEqual(scoreInstrument(id, values, FEMALE));
  });

  it('returns the instrument, version, total, band, flags, answers and item scores', () => {
    expect(scoreInstrument('GAD-7', [3, 2, 1, 0, 1, 2, 3], MALE)).toEqual({
      instrument: 'GAD-7',
      version: '2006',
      total: 12,
      band: 'moderate',
      flags: [],
      answers: { q1: 3, q2: 2, q3: 1, q4: 0, q5: 1, q6: 2, q7: 3 },
      itemScores: { q1: 3, q2: 2, q3: 1, q4: 0, q5: 1, q6: 2, q7: 3 },
    });
  });

  it.each(INSTRUMENT_IDS)('scores all-zero %s answers with the lowest band', (id) => {
    const def = INSTRUMENTS[id];
    const answers = def.items.map((item) => (item.score ? (item.score('yes') === 0 ? 'yes' : 'no') : 0));
    const result = scoreInstrument(id, answers, FEMALE);
    expect(result.total).toBe(0);
    expect(result.band).toBe(def.bands[0]?.id);
  });

  it('rejects a missing CAGE item naming it', () => {
    expect(errorsOf(() => scoreInstrument('CAGE', { q1: 'no', q2: 'no', q4: 'no' }, MALE))).toEqual([
      { field: 'answers.q3', message: 'is required' },
    ]);
  });

  it('rejects a short GAD-7 array naming the missing items', () => {
    expect(errorsOf(() => scoreInstrument('GAD-7', [0, 0, 0, 0, 0], MALE))).toEqual([
      { field: 'answers.q6', message: 'is required' },
      { field: 'answers.q7', message: 'is required' },
    ]);
  });

  it('rejects an extra GAD-7 item key', () => {
    const answers = { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0 };
    expect(errorsOf(() => scoreInstrument('GAD-7', answers, MALE))).toEqual([
      { field: 'answers.q8', message: 'is not an item of GAD-7' },
    ]);
  });

  it('rejects a long GAD-7 array', () => {
    expect(errorsOf(() => scoreInstrument('GAD-7', [0, 0, 0, 0, 0, 0, 0, 0], MALE))).toEqual([
      { field: 'answers', message: 'has 1 extra value; GAD-7 has 7 items' },
    ]);
  });

  it.each([['2'], [2.5], [null]])('rejects %p on PHQ-9 item 1', (value) => {
    const answers = { q1: value, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 };
    const message = typeof value === 'number' ? 'must be one of 0, 1, 2, 3' : 'must be a number, one of 0, 1, 2, 3';
    expect(errorsOf(() => scoreInstrument('PHQ-9', answers, MALE))).toEqual([{ field: 'answers.q1', message }]);
  });

  it.each([['a string', 'q1=1'], ['null', null], ['a number', 7]])('rejects %s as answers', (_name, answers) => {
    expect(errorsOf(() => scoreInstrument('AUDIT', answers, MALE))).toEqual([
      { field: 'answers', message: 'must be an array of 10 values in item order or an object keyed by item' },
    ]);
  });
});
