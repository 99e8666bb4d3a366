import {
  INSTRUMENTS,
  INSTRUMENT_IDS,
  UnknownInstrumentError,
  describeInstrument,
  describeInstruments,
  getInstrument,
  isInstrumentId,
  scoreInstrument,
} from './index';
import type { AnswerValue } from '../../common/questionnaire';
import { FEMALE, MALE, errorsOf, keyed } from '../../../test/support/questionnaire-answers';

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
